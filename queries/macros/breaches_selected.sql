-- purpose: the breach findings of compliance_findings in the filter context: the bank and
--   bank-type filters apply; a platform or group selection applies to the rules whose subject is
--   a platform (platform_rule_ids: the platform or its group is selected) or a partner group
--   (group_rule_ids: the group is selected or holds a selected platform), and never to the
--   other rules (their subject is the bank)
-- grain: one row per breach finding in the context (rule_id, bank_id, subject_id, month_end)
-- params: none (a table macro; the report binds the lists it is called with)
-- arguments: bank_types, bank_ids, platform_ids, group_ids, platform_rule_ids, group_rule_ids
--   (VARCHAR lists; empty filters = all)
create or replace macro breaches_selected(
    bank_types, bank_ids, platform_ids, group_ids, platform_rule_ids, group_rule_ids
) as table
with

banks as (
    select bank_id, bank_type from banks
),

partner_groups as (
    select partner_id, group_id from partner_groups
),

selected_groups as (
    select distinct group_id
    from partner_groups
    where list_contains(platform_ids, partner_id)
        or list_contains(group_ids, group_id)
),

final as (
    select
        compliance_findings.rule_id,
        compliance_findings.bank_id,
        compliance_findings.subject_id,
        compliance_findings.month_end
    from compliance_findings
    inner join banks on banks.bank_id = compliance_findings.bank_id
    left join partner_groups on partner_groups.partner_id = compliance_findings.subject_id
    where compliance_findings.status = 'breach'
        and (len(bank_types) = 0 or list_contains(bank_types, banks.bank_type))
        and (len(bank_ids) = 0 or list_contains(bank_ids, compliance_findings.bank_id))
        and (
            (len(platform_ids) = 0 and len(group_ids) = 0)
            or (
                list_contains(platform_rule_ids, compliance_findings.rule_id)
                and (
                    list_contains(platform_ids, compliance_findings.subject_id)
                    or list_contains(group_ids, partner_groups.group_id)
                )
            )
            or (
                list_contains(group_rule_ids, compliance_findings.rule_id)
                and compliance_findings.subject_id in (select group_id from selected_groups)
            )
            or not (
                list_contains(platform_rule_ids, compliance_findings.rule_id)
                or list_contains(group_rule_ids, compliance_findings.rule_id)
            )
        )
)

select * from final

-- purpose: how many banks breached each rule in a window of month ends (Overview "since the
--   2025-10-01 rules" panel): distinct banks with a breach finding with month_end in
--   [$from_month_end, $to_month_end] (loan-level findings sit at the origination month). Filters
--   as for open breaches: bank and bank type; a platform or group selection applies to the rules
--   whose subject is a platform ($platform_rule_ids) or a partner group ($group_rule_ids)
-- grain: one row per rule with at least one breach in the window
-- params: $from_month_end, $to_month_end, $platform_rule_ids, $group_rule_ids, $bank_types,
--   $bank_ids, $platform_ids, $group_ids
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
    where list_contains($platform_ids, partner_id)
        or list_contains($group_ids, group_id)
),

breaches as (
    select
        compliance_findings.rule_id,
        compliance_findings.bank_id
    from compliance_findings
    inner join banks on banks.bank_id = compliance_findings.bank_id
    left join partner_groups on partner_groups.partner_id = compliance_findings.subject_id
    where compliance_findings.status = 'breach'
        and compliance_findings.month_end between $from_month_end and $to_month_end
        and (len($bank_types) = 0 or list_contains($bank_types, banks.bank_type))
        and (len($bank_ids) = 0 or list_contains($bank_ids, compliance_findings.bank_id))
        and (
            (len($platform_ids) = 0 and len($group_ids) = 0)
            or (
                list_contains($platform_rule_ids, compliance_findings.rule_id)
                and (
                    list_contains($platform_ids, compliance_findings.subject_id)
                    or list_contains($group_ids, partner_groups.group_id)
                )
            )
            or (
                list_contains($group_rule_ids, compliance_findings.rule_id)
                and compliance_findings.subject_id in (select group_id from selected_groups)
            )
            or not (
                list_contains($platform_rule_ids, compliance_findings.rule_id)
                or list_contains($group_rule_ids, compliance_findings.rule_id)
            )
        )
),

final as (
    select
        rule_id,
        count(distinct bank_id) as bank_count
    from breaches
    group by rule_id
)

select * from final
order by rule_id

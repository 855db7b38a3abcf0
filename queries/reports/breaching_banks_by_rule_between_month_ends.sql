-- purpose: how many banks breached each rule in a window of month ends (Overview "since the
--   2025-10-01 rules" panel): distinct banks with a breach finding with month_end in
--   [$from_month_end, $to_month_end] (loan-level findings sit at the origination month). Filters
--   as for open breaches: bank and bank type; a platform or group selection applies to the rules
--   whose subject is a platform ($platform_rule_ids) or a partner group ($group_rule_ids)
-- grain: one row per rule with at least one breach in the window
-- params: $from_month_end, $to_month_end, $platform_rule_ids, $group_rule_ids, $bank_types,
--   $bank_ids, $platform_ids, $group_ids
with

breaches as (
    select rule_id, bank_id
    from breaches_selected(
        $bank_types, $bank_ids, $platform_ids, $group_ids, $platform_rule_ids, $group_rule_ids
    )
    where month_end between $from_month_end and $to_month_end
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

-- purpose: open breaches at chosen month ends (Overview KPI): distinct (rule, bank, subject) in
--   breach — for the rules in $window_rule_ids (loan-level rules, findings at the origination
--   month) with a finding month_end in (month end − 3 months, month end], for every other rule
--   (ratio rules, R15) at the month end itself. The bank and bank-type filters apply; a
--   platform or group selection applies to the rules whose subject is a platform
--   ($platform_rule_ids: the platform or its group is selected) or a partner group
--   ($group_rule_ids: the group is selected or holds a selected platform)
-- grain: one row per month end in $month_ends (0 when nothing is open)
-- params: $month_ends, $window_rule_ids, $platform_rule_ids, $group_rule_ids, $bank_types,
--   $bank_ids, $platform_ids, $group_ids
with

requested as (
    select distinct cast(unnest($month_ends) as date) as month_end
),

breaches as (
    select rule_id, bank_id, subject_id, month_end
    from breaches_selected(
        $bank_types, $bank_ids, $platform_ids, $group_ids, $platform_rule_ids, $group_rule_ids
    )
),

open_keys as (
    select distinct
        requested.month_end,
        breaches.rule_id,
        breaches.bank_id,
        breaches.subject_id
    from requested
    inner join breaches
        on (
            list_contains($window_rule_ids, breaches.rule_id)
            and breaches.month_end > last_day(requested.month_end - interval 3 month)
            and breaches.month_end <= requested.month_end
        )
        or (
            not list_contains($window_rule_ids, breaches.rule_id)
            and breaches.month_end = requested.month_end
        )
),

counted as (
    select
        month_end,
        count(*) as open_breach_count
    from open_keys
    group by month_end
),

final as (
    select
        requested.month_end,
        coalesce(counted.open_breach_count, 0) as open_breach_count
    from requested
    left join counted on counted.month_end = requested.month_end
)

select * from final
order by month_end

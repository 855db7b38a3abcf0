-- purpose: ever-90 vintage curves of the selected book by cohort group: cohorts (origination
--   months) from $start to the as-of month (the earlier of $end and the latest month end) grouped
--   by $cohort_grain ('month', 'quarter' or 'year'); at mob k (months since each loan's own
--   cohort month) the principal of the group's loans first past 90 DPD at mob ≤ k over the
--   principal originated in the group. A group's curve runs only as far as its latest cohort is
--   observed at the as-of month, so every point covers every cohort of the group. $guarantee
--   ('all', 'guaranteed', 'not_guaranteed') keeps loans with or without an enhancer; the other
--   filters restrict the book as in asset_quality_by_month.
-- grain: one row per cohort group (cohort_start = first day of its month, quarter or year) × mob
-- params: $start, $end, $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas,
--   $cohort_grain, $guarantee
with

month_ends as (
    select month_end from month_ends
),

as_of as (
    select least($end, max(month_end)) as as_of_month from month_ends
),

selected as (
    select
        cast(date_trunc($cohort_grain, cohort_month) as date) as cohort_start,
        cohort_month,
        first_dpd90_mob,
        originated_cny
    from vintage_events_selected(
        $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas, $guarantee
    )
    where cohort_month between $start and (select as_of_month from as_of)
),

cohort_groups as (
    select
        cohort_start,
        count(distinct cohort_month) as cohort_count,
        sum(originated_cny) as originated_cny,
        datediff('month', max(cohort_month), (select as_of_month from as_of)) as max_mob
    from selected
    group by cohort_start
),

first_dpd90 as (
    select
        cohort_start,
        first_dpd90_mob as mob,
        sum(originated_cny) as new_ever90_cny
    from selected
    where first_dpd90_mob is not null
    group by cohort_start, first_dpd90_mob
),

grid as (
    select
        cohort_start,
        cohort_count,
        originated_cny,
        unnest(range(0, max_mob + 1)) as mob
    from cohort_groups
),

curves as (
    select
        grid.cohort_start,
        grid.cohort_count,
        grid.mob,
        grid.originated_cny,
        sum(coalesce(first_dpd90.new_ever90_cny, 0)) over (
            partition by grid.cohort_start
            order by grid.mob
            rows between unbounded preceding and current row
        ) as ever90_cny
    from grid
    left join first_dpd90
        on first_dpd90.cohort_start = grid.cohort_start
        and first_dpd90.mob = grid.mob
),

final as (
    select
        cohort_start,
        cohort_count,
        mob,
        originated_cny,
        ever90_cny,
        ever90_cny / nullif(originated_cny, 0) as ever90_rate
    from curves
)

select * from final
order by cohort_start, mob

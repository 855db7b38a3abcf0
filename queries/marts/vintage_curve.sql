-- purpose: ever-90 vintage curves of each bank's book with each platform (public derived table):
--   principal originated in the cohort and principal of its loans with dpd > 90 at any month end
--   up to cohort + mob (rows of any status); dense, so mob runs 0 … months to the latest month
--   end with ever90_cny = 0 where no loan qualifies yet
-- grain: one row per bank × platform × cohort_month × mob
-- params: none
with

month_ends as (
    select month_end from month_ends
),

vintage_events as (
    select bank_id, platform_id, cohort_month, first_dpd90_mob, originated_cny
    from vintage_events
),

cohorts as (
    select
        bank_id,
        platform_id,
        cohort_month,
        sum(originated_cny) as originated_cny
    from vintage_events
    group by bank_id, platform_id, cohort_month
),

first_dpd90 as (
    select
        bank_id,
        platform_id,
        cohort_month,
        first_dpd90_mob as mob,
        sum(originated_cny) as new_ever90_cny
    from vintage_events
    where first_dpd90_mob is not null
    group by bank_id, platform_id, cohort_month, first_dpd90_mob
),

grid as (
    select
        bank_id,
        platform_id,
        cohort_month,
        unnest(
            range(
                0,
                datediff('month', cohort_month, (select max(month_end) from month_ends)) + 1
            )
        ) as mob,
        originated_cny
    from cohorts
),

final as (
    select
        grid.bank_id,
        grid.platform_id,
        grid.cohort_month,
        grid.mob,
        grid.originated_cny,
        sum(coalesce(first_dpd90.new_ever90_cny, 0)) over (
            partition by grid.bank_id, grid.platform_id, grid.cohort_month
            order by grid.mob
            rows between unbounded preceding and current row
        ) as ever90_cny
    from grid
    left join first_dpd90
        on first_dpd90.bank_id = grid.bank_id
        and first_dpd90.platform_id = grid.platform_id
        and first_dpd90.cohort_month = grid.cohort_month
        and first_dpd90.mob = grid.mob
)

select * from final
order by bank_id, platform_id, cohort_month, mob

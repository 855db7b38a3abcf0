-- purpose: the asset-quality KPIs of the selected book at the as-of month (the earlier of $end and
--   the latest month end) and at the month end before it, for cards with month-on-month deltas:
--   balance, DPD30+ / DPD90+ ratios, NPL ratio reported and DPD-implied, and their gap. Filters
--   restrict the book as in asset_quality_by_month; a month with no balance has balance 0 and
--   NULL ratios.
-- grain: one row per month end among the as-of month and the month end of the data before it
-- params: $end, $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas
with

month_ends as (
    select month_end from month_ends
),

as_of as (
    select least($end, max(month_end)) as as_of_month from month_ends
),

kpi_months as (
    select
        month_end,
        month_end = (select as_of_month from as_of) as is_as_of
    from month_ends
    where month_end <= (select as_of_month from as_of)
    order by month_end desc
    limit 2
),

selected as (
    select *
    from book_month_selected(
        $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas
    )
    where month_end in (select month_end from kpi_months)
),

totals as (
    select
        kpi_months.month_end,
        kpi_months.is_as_of,
        coalesce(sum(selected.balance_cny), 0) as balance_cny,
        coalesce(sum(selected.dpd30_balance_cny), 0) as dpd30_balance_cny,
        coalesce(sum(selected.dpd90_balance_cny), 0) as dpd90_balance_cny,
        coalesce(sum(selected.npl_reported_balance_cny), 0) as npl_reported_balance_cny,
        coalesce(sum(selected.npl_dpd_balance_cny), 0) as npl_dpd_balance_cny
    from kpi_months
    left join selected on selected.month_end = kpi_months.month_end
    group by kpi_months.month_end, kpi_months.is_as_of
),

final as (
    select
        month_end,
        is_as_of,
        balance_cny,
        dpd30_balance_cny,
        dpd90_balance_cny,
        npl_reported_balance_cny,
        npl_dpd_balance_cny,
        dpd30_balance_cny / nullif(balance_cny, 0) as dpd30_ratio,
        dpd90_balance_cny / nullif(balance_cny, 0) as dpd90_ratio,
        npl_reported_balance_cny / nullif(balance_cny, 0) as npl_reported_ratio,
        npl_dpd_balance_cny / nullif(balance_cny, 0) as npl_dpd_ratio,
        (npl_dpd_balance_cny - npl_reported_balance_cny) / nullif(balance_cny, 0) as npl_gap
    from totals
)

select * from final
order by month_end

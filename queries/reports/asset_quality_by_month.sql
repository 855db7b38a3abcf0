-- purpose: asset quality of the selected book at each month end of the period: active balance,
--   DPD30+ and DPD90+ balances and ratios (dpd > 30, > 90), NPL balances and ratios as reported
--   and DPD-implied, and the classification gap (implied − reported ratio). Every filter
--   restricts the book, the platform and group selection too: a platform is in the book when no
--   platform or group is chosen, or its id or its group is chosen.
-- grain: one row per month_end from $start to the as-of month (the earlier of $end and the latest
--   month end) where the selected book has an active balance > 0
-- params: $start, $end, $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas
with

month_ends as (
    select month_end from month_ends
),

as_of as (
    select least($end, max(month_end)) as as_of_month from month_ends
),

selected as (
    select *
    from book_month_selected(
        $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas
    )
    where month_end between $start and (select as_of_month from as_of)
),

totals as (
    select
        month_end,
        sum(balance_cny) as balance_cny,
        sum(dpd30_balance_cny) as dpd30_balance_cny,
        sum(dpd90_balance_cny) as dpd90_balance_cny,
        sum(npl_reported_balance_cny) as npl_reported_balance_cny,
        sum(npl_dpd_balance_cny) as npl_dpd_balance_cny
    from selected
    group by month_end
),

final as (
    select
        month_end,
        balance_cny,
        dpd30_balance_cny,
        dpd90_balance_cny,
        npl_reported_balance_cny,
        npl_dpd_balance_cny,
        dpd30_balance_cny / balance_cny as dpd30_ratio,
        dpd90_balance_cny / balance_cny as dpd90_ratio,
        npl_reported_balance_cny / balance_cny as npl_reported_ratio,
        npl_dpd_balance_cny / balance_cny as npl_dpd_ratio,
        (npl_dpd_balance_cny - npl_reported_balance_cny) / balance_cny as npl_gap
    from totals
    where balance_cny > 0
)

select * from final
order by month_end

-- purpose: the selected book at each month end of a period (Overview trends and KPIs): active
--   balance with its NPL balances as reported and DPD-implied, and the month's originations with
--   the principal above the 24 % APR ceiling (book_month's tolerance) and Σ principal ×
--   comprehensive APR (÷ originated_cny = principal-weighted mean APR). Every filter applies; a
--   platform is selected when it is in $platform_ids or its group in $group_ids (both empty: all)
-- grain: one row per month end of the data in [$start, $end]; measures are 0 where nothing
--   qualifies (Empty is zero); the ratios npl_reported_ratio, npl_dpd_ratio (÷ balance),
--   share_above_24 and avg_comprehensive_apr (÷ originated) are NULL without a denominator
-- params: $start, $end, $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas
with

month_ends as (
    select month_end
    from month_ends
    where month_end between $start and $end
),

book_month as (
    select *
    from book_month_selected(
        $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas
    )
    where month_end between $start and $end
),

monthly as (
    select
        month_end,
        sum(balance_cny) as balance_cny,
        sum(npl_reported_balance_cny) as npl_reported_balance_cny,
        sum(npl_dpd_balance_cny) as npl_dpd_balance_cny,
        sum(originated_cny) as originated_cny,
        sum(originated_above_24_cny) as originated_above_24_cny,
        sum(
            interest_rate_x_principal_cny
            + platform_fee_rate_x_principal_cny
            + enhancement_fee_rate_x_principal_cny
            + other_fee_rate_x_principal_cny
        ) as comprehensive_apr_x_principal_cny
    from book_month
    group by month_end
),

final as (
    select
        month_ends.month_end,
        coalesce(monthly.balance_cny, 0) as balance_cny,
        coalesce(monthly.npl_reported_balance_cny, 0) as npl_reported_balance_cny,
        coalesce(monthly.npl_dpd_balance_cny, 0) as npl_dpd_balance_cny,
        coalesce(monthly.originated_cny, 0) as originated_cny,
        coalesce(monthly.originated_above_24_cny, 0) as originated_above_24_cny,
        coalesce(monthly.comprehensive_apr_x_principal_cny, 0)
            as comprehensive_apr_x_principal_cny,
        monthly.npl_reported_balance_cny / nullif(monthly.balance_cny, 0) as npl_reported_ratio,
        monthly.npl_dpd_balance_cny / nullif(monthly.balance_cny, 0) as npl_dpd_ratio,
        monthly.originated_above_24_cny / nullif(monthly.originated_cny, 0) as share_above_24,
        monthly.comprehensive_apr_x_principal_cny / nullif(monthly.originated_cny, 0)
            as avg_comprehensive_apr
    from month_ends
    left join monthly on monthly.month_end = month_ends.month_end
)

select * from final
order by month_end

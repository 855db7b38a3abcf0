-- purpose: asset quality of each bank's book with each platform at each month end (public
--   derived table): active balance, DPD30+ and DPD90+ balances, NPL balance as reported (missing
--   classification = DPD floor) and DPD-implied (more severe of reported and floor)
-- grain: one row per bank × platform × month_end with at least one active row
-- params: none
with

book_month as (
    select * from book_month
),

final as (
    select
        bank_id,
        platform_id,
        month_end,
        sum(balance_cny) as balance_cny,
        sum(dpd30_balance_cny) as dpd30_balance_cny,
        sum(dpd90_balance_cny) as dpd90_balance_cny,
        sum(npl_reported_balance_cny) as npl_reported_balance_cny,
        sum(npl_dpd_balance_cny) as npl_dpd_balance_cny
    from book_month
    group by bank_id, platform_id, month_end
    having sum(loan_count) > 0
)

select * from final
order by month_end, bank_id, platform_id

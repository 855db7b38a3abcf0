-- purpose: each platform's whole-store book at each month end (public derived table):
--   active balance, bank-funded balance, principal originated in the month, active loans and
--   distinct banks with active loans
-- grain: one row per platform × month_end with an active balance > 0 or an origination in that
--   month
-- params: none
with

book_month as (
    select * from book_month
),

final as (
    select
        platform_id,
        group_id,
        month_end,
        sum(balance_cny) as balance_cny,
        sum(bank_funded_balance_cny) as bank_funded_balance_cny,
        sum(originated_cny) as originated_cny,
        sum(loan_count) as loan_count,
        count(distinct bank_id) filter (where loan_count > 0) as bank_count
    from book_month
    group by platform_id, group_id, month_end
    having sum(balance_cny) > 0 or sum(originated_count) > 0
)

select * from final
order by month_end, platform_id

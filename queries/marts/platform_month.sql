-- purpose: each platform's whole-store book at each month end (public derived table):
--   active balance, bank-funded balance, principal originated in the month, active loans and
--   distinct banks active with the platform (Σ of their active balances with it > 0)
-- grain: one row per platform × month_end with an active balance > 0 or an origination in that
--   month
-- params: none
with

book_month as (
    select * from book_month
),

bank_books as (
    select
        platform_id,
        group_id,
        month_end,
        bank_id,
        sum(balance_cny) as balance_cny,
        sum(bank_funded_balance_cny) as bank_funded_balance_cny,
        sum(originated_cny) as originated_cny,
        sum(originated_count) as originated_count,
        sum(loan_count) as loan_count
    from book_month
    group by platform_id, group_id, month_end, bank_id
),

final as (
    select
        platform_id,
        group_id,
        month_end,
        sum(balance_cny) as balance_cny,
        sum(bank_funded_balance_cny) as bank_funded_balance_cny,
        sum(originated_cny) as originated_cny,
        -- a sum of counts is HUGEINT in DuckDB; the public interface promises BIGINT counts
        cast(sum(loan_count) as bigint) as loan_count,
        -- DOMAIN.md, Active: a bank is active at a month end when the sum of its active
        -- balances there is > 0, so a bank whose only active rows hold 0 is not counted
        count(*) filter (where balance_cny > 0) as bank_count
    from bank_books
    group by platform_id, group_id, month_end
    having sum(balance_cny) > 0 or sum(originated_count) > 0
)

select * from final
order by month_end, platform_id

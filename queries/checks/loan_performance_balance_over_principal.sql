-- purpose: loan_performance rows whose balance exceeds the loan's principal by more than
--   0.01 CNY (money reconciles to 0.01 CNY); unknown loans are left to the reference check,
--   principals that break their own rule (> 0) to range_min
-- grain: one row per offending loan_performance row
-- params: $money_tolerance_cny (0.01), $tolerance (1e-9, so a difference of exactly 0.01 in
--   floating point passes)
-- reads: loan_performance.loan_id, loan_performance.balance_cny, loans.loan_id,
--   loans.principal_cny
-- table: loan_performance
-- column: balance_cny
-- severity: error
-- message: must be ≤ the loan's principal_cny (0.01 CNY tolerance)
with

performance as (
    select
        _row_no,
        nullif(trim(loan_id), '') as loan_id,
        nullif(trim(balance_cny), '') as balance_text
    from raw_loan_performance
),

loans as (
    select
        nullif(trim(loan_id), '') as loan_id,
        arg_min(nullif(trim(principal_cny), ''), _row_no) as principal_text
    from raw_loans
    group by 1
),

typed_performance as (
    select
        _row_no,
        loan_id,
        balance_text,
        try_cast(balance_text as double) as balance_cny
    from performance
    where isfinite(try_cast(balance_text as double))
),

typed_loans as (
    select
        loan_id,
        principal_text,
        try_cast(principal_text as double) as principal_cny
    from loans
    where try_cast(principal_text as double) > $tolerance
),

offending as (
    select
        typed_performance._row_no,
        typed_performance.balance_text || ' > principal ' || typed_loans.principal_text
            as value
    from typed_performance
    inner join typed_loans on typed_loans.loan_id = typed_performance.loan_id
    where typed_performance.balance_cny - typed_loans.principal_cny - $money_tolerance_cny
        > $tolerance
),

final as (
    select * from offending
)

select * from final

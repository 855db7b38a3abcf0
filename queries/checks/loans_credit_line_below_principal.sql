-- purpose: loans whose credit line is smaller than the principal (money reconciles to
--   0.01 CNY, so a shortfall of up to 0.01 CNY is accepted); principals that break their own
--   rule (> 0) are left to range_min
-- grain: one row per offending loan row
-- params: $money_tolerance_cny (0.01), $tolerance (1e-9, so a shortfall of exactly 0.01 in
--   floating point passes)
-- reads: loans.credit_line_cny, loans.principal_cny
-- table: loans
-- column: credit_line_cny
-- severity: error
-- message: must be ≥ principal_cny (0.01 CNY tolerance)
with

loans as (
    select
        _row_no,
        nullif(trim(credit_line_cny), '') as credit_line_text,
        nullif(trim(principal_cny), '') as principal_text
    from raw_loans
),

typed as (
    select
        _row_no,
        credit_line_text,
        principal_text,
        try_cast(credit_line_text as double) as credit_line_cny,
        try_cast(principal_text as double) as principal_cny
    from loans
),

offending as (
    select
        _row_no,
        credit_line_text || ' < principal ' || principal_text as value
    from typed
    where isfinite(credit_line_cny) and principal_cny > $tolerance
        and principal_cny - credit_line_cny - $money_tolerance_cny > $tolerance
),

final as (
    select * from offending
)

select * from final

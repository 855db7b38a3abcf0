-- purpose: loan_performance rows dated in a month before the loan's origination month
--   (rows of loans that are not in loans.csv are left to the reference check; if a loan_id
--   repeats in loans, its first row counts; origination dates in the future are left to
--   not_future, so one such date is not reported again on every row of its loan)
-- grain: one row per offending loan_performance row
-- params: $today (date the validation runs)
-- reads: loan_performance.loan_id, loan_performance.month_end, loans.loan_id,
--   loans.origination_date
-- table: loan_performance
-- column: month_end
-- severity: error
-- message: must not precede the loan's origination month
with

performance as (
    select
        _row_no,
        nullif(trim(loan_id), '') as loan_id,
        nullif(trim(month_end), '') as month_end_text
    from raw_loan_performance
),

loans as (
    select
        nullif(trim(loan_id), '') as loan_id,
        arg_min(nullif(trim(origination_date), ''), _row_no) as origination_text
    from raw_loans
    group by 1
),

typed_performance as (
    select
        _row_no,
        loan_id,
        month_end_text,
        try_cast(month_end_text as date) as month_end
    from performance
    where try_cast(month_end_text as date)::varchar = month_end_text
),

typed_loans as (
    select
        loan_id,
        origination_text,
        try_cast(origination_text as date) as origination_date
    from loans
    where try_cast(origination_text as date)::varchar = origination_text
        and try_cast(origination_text as date) <= $today
),

offending as (
    select
        typed_performance._row_no,
        typed_performance.month_end_text || ', originated ' || typed_loans.origination_text
            as value
    from typed_performance
    inner join typed_loans on typed_loans.loan_id = typed_performance.loan_id
    where last_day(typed_performance.month_end) < last_day(typed_loans.origination_date)
),

final as (
    select * from offending
)

select * from final

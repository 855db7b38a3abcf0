-- purpose: loans whose rows skip month ends between their first and last row (allowed, a
--   data-quality warning: such a loan counts only at the month ends where it has a row)
-- grain: one row per loan with a gap; _row_no = the loan's first row in the file
-- params: none
-- reads: loan_performance.loan_id, loan_performance.month_end
-- table: loan_performance
-- column: month_end
-- severity: warning
-- unit: loans
-- message: loans skip month ends between their first and last row (allowed; a loan counts
--   only where it has a row)
with

performance as (
    select
        _row_no,
        nullif(trim(loan_id), '') as loan_id,
        nullif(trim(month_end), '') as month_end_text
    from raw_loan_performance
),

typed as (
    select
        _row_no,
        loan_id,
        try_cast(month_end_text as date) as month_end
    from performance
    where loan_id is not null
        and try_cast(month_end_text as date)::varchar = month_end_text
),

month_numbers as (
    select
        _row_no,
        loan_id,
        year(month_end) * 12 + month(month_end) as month_no
    from typed
),

loan_spans as (
    select
        loan_id,
        min(_row_no) as first_row_no,
        max(month_no) - min(month_no) + 1 as months_spanned,
        count(distinct month_no) as months_present
    from month_numbers
    group by loan_id
),

offending as (
    select
        first_row_no as _row_no,
        '''' || loan_id || ''' misses ' || (months_spanned - months_present) || ' of '
            || months_spanned as value
    from loan_spans
    where months_present < months_spanned
),

final as (
    select * from offending
)

select * from final

-- purpose: loan_performance rows dated after a row of the same loan whose status is not
--   active (paid_off, charged_off, compensated end the loan's history)
-- grain: one row per offending loan_performance row
-- params: $end_statuses (the valid statuses other than active; typos are left to the enum check)
-- reads: loan_performance.loan_id, loan_performance.month_end, loan_performance.status
-- table: loan_performance
-- column: status
-- severity: error
-- message: no row may follow a row whose status is not active
with

performance as (
    select
        _row_no,
        nullif(trim(loan_id), '') as loan_id,
        nullif(trim(month_end), '') as month_end_text,
        nullif(trim(status), '') as status
    from raw_loan_performance
),

typed as (
    select
        _row_no,
        loan_id,
        month_end_text,
        status,
        try_cast(month_end_text as date) as month_end
    from performance
    where loan_id is not null
        and try_cast(month_end_text as date)::varchar = month_end_text
),

loan_ends as (
    -- the earliest row that ends each loan; any later row of the loan offends
    select
        loan_id,
        min(month_end) as end_month_end,
        arg_min(status, month_end) as end_status
    from typed
    where list_contains($end_statuses, status)
    group by loan_id
),

offending as (
    select
        typed._row_no,
        typed.month_end_text || ' after ' || loan_ends.end_status || ' on '
            || loan_ends.end_month_end as value
    from typed
    inner join loan_ends on loan_ends.loan_id = typed.loan_id
    where typed.month_end > loan_ends.end_month_end
),

final as (
    select * from offending
)

select * from final

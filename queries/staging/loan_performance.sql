-- purpose: typed loan_performance table of the data contract, from the validated text rows of raw_loan_performance
-- grain: one row per loan and month end
-- params: none
select
    nullif(trim(loan_id), '') as loan_id,
    cast(nullif(trim(month_end), '') as date) as month_end,
    cast(nullif(trim(balance_cny), '') as double) as balance_cny,
    cast(cast(nullif(trim(dpd), '') as double) as integer) as dpd,
    nullif(trim(classification), '') as classification,
    nullif(trim(status), '') as status
from raw_loan_performance
order by _row_no

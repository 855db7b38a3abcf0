-- purpose: typed loans table of the data contract, from the validated text rows of raw_loans
-- grain: one row per loan
-- params: none
select
    nullif(trim(loan_id), '') as loan_id,
    nullif(trim(bank_id), '') as bank_id,
    nullif(trim(platform_id), '') as platform_id,
    nullif(trim(enhancer_id), '') as enhancer_id,
    nullif(trim(borrower_id), '') as borrower_id,
    nullif(trim(product), '') as product,
    nullif(trim(repayment), '') as repayment,
    cast(nullif(trim(origination_date), '') as date) as origination_date,
    cast(cast(nullif(trim(term_months), '') as double) as integer) as term_months,
    cast(nullif(trim(principal_cny), '') as double) as principal_cny,
    cast(nullif(trim(credit_line_cny), '') as double) as credit_line_cny,
    cast(nullif(trim(bank_funded_share), '') as double) as bank_funded_share,
    cast(nullif(trim(interest_rate), '') as double) as interest_rate,
    cast(nullif(trim(platform_fee_rate), '') as double) as platform_fee_rate,
    cast(nullif(trim(enhancement_fee_rate), '') as double) as enhancement_fee_rate,
    cast(coalesce(nullif(trim(other_fee_rate), ''), '0') as double) as other_fee_rate,
    nullif(trim(borrower_province), '') as borrower_province,
    nullif(trim(borrower_area), '') as borrower_area
from raw_loans
order by _row_no

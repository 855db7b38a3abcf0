-- purpose: typed bank_financials table of the data contract, from the validated text rows of raw_bank_financials
-- grain: one row per bank and quarter end
-- params: none
select
    nullif(trim(bank_id), '') as bank_id,
    cast(nullif(trim(period_end), '') as date) as period_end,
    cast(nullif(trim(tier1_net_capital_cny), '') as double) as tier1_net_capital_cny,
    cast(nullif(trim(total_loans_cny), '') as double) as total_loans_cny
from raw_bank_financials
order by _row_no

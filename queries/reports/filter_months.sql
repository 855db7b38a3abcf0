-- purpose: month ends with data, offered by the period filter
-- grain: one row per month end present in loan_performance
-- params: none
select distinct month_end
from loan_performance
order by month_end

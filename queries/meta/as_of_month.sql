-- purpose: the data's as-of month = the latest month end present in loan_performance
-- grain: one row
-- params: none
select max(month_end) as as_of_month
from loan_performance

-- purpose: the month ends of the data: those present in loan_performance (DOMAIN.md, Months);
--   every other mart takes its months and its latest month end from here
-- grain: one row per month end present in loan_performance
-- params: none
with

loan_performance as (
    select month_end from loan_performance
),

final as (
    select distinct month_end
    from loan_performance
)

select * from final
order by month_end

-- purpose: the loans the marts count (origination month end on or before the latest month end
--   of the data; later ones are ignored), each with its segment: the combination of filter
--   dimensions bank × platform × product × borrower_area × is_guaranteed, numbered so the big
--   aggregations group and join on one integer instead of five text columns
-- grain: one row per loan originated up to the latest month end
-- params: none
with

month_ends as (
    select month_end from month_ends
),

loans as (
    select * from loans
),

in_range as (
    select
        loan_id,
        bank_id,
        platform_id,
        product,
        borrower_area,
        enhancer_id is not null as is_guaranteed,
        last_day(origination_date) as origination_month_end,
        principal_cny,
        bank_funded_share,
        interest_rate,
        platform_fee_rate,
        enhancement_fee_rate,
        other_fee_rate
    from loans
    where last_day(origination_date) <= (select max(month_end) from month_ends)
),

final as (
    select
        dense_rank() over (
            order by bank_id, platform_id, product, borrower_area, is_guaranteed
        ) as segment_id,
        *
    from in_range
)

select * from final
order by segment_id, loan_id

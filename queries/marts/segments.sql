-- purpose: the segments of loan_segments with their filter dimensions, the labels the finer marts
--   attach to their integer segment_id (bank_type from banks, group_id from partner_groups)
-- grain: one row per segment = bank × platform × product × borrower_area × is_guaranteed with at
--   least one loan originated up to the latest month end
-- params: none
with

loan_segments as (
    select segment_id, bank_id, platform_id, product, borrower_area, is_guaranteed
    from loan_segments
),

banks as (
    select bank_id, bank_type from banks
),

partner_groups as (
    select partner_id, group_id from partner_groups
),

distinct_segments as (
    select distinct * from loan_segments
),

final as (
    select
        distinct_segments.segment_id,
        distinct_segments.bank_id,
        banks.bank_type,
        distinct_segments.platform_id,
        -- a platform missing from partners (unvalidated input) stands as its own group
        coalesce(partner_groups.group_id, distinct_segments.platform_id) as group_id,
        distinct_segments.product,
        distinct_segments.borrower_area,
        distinct_segments.is_guaranteed
    from distinct_segments
    left join banks on banks.bank_id = distinct_segments.bank_id
    left join partner_groups on partner_groups.partner_id = distinct_segments.platform_id
)

select * from final
order by segment_id

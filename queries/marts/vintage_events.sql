-- purpose: the inputs of vintage curves under any filter: principal originated per cohort, split
--   by the mob at which loans first had dpd > 90 (rows of any status), so a report cumulates
--   ever-90 principal up to mob k without touching loan_performance. Loans originated after the
--   latest month end are ignored.
-- grain: one row per bank × platform × product × borrower_area × is_guaranteed × cohort_month ×
--   first_dpd90_mob (NULL: never past 90 DPD); bank_type and group_id ride along.
--   Measures: originated_cny, originated_count.
-- params: none
with

loan_segments as (
    select loan_id, segment_id, origination_month_end, principal_cny
    from loan_segments
),

segments as (
    select * from segments
),

loan_performance as (
    select loan_id, month_end
    from loan_performance
    where dpd > 90
),

first_dpd90 as (
    select
        loan_id,
        min(month_end) as first_dpd90_month_end
    from loan_performance
    group by loan_id
),

events as (
    select
        loan_segments.segment_id,
        loan_segments.origination_month_end as cohort_month,
        datediff(
            'month', loan_segments.origination_month_end, first_dpd90.first_dpd90_month_end
        ) as first_dpd90_mob,
        sum(loan_segments.principal_cny) as originated_cny,
        count(*) as originated_count
    from loan_segments
    left join first_dpd90 on first_dpd90.loan_id = loan_segments.loan_id
    group by all
),

final as (
    select
        segments.* exclude (segment_id),
        events.* exclude (segment_id)
    from events
    inner join segments on segments.segment_id = events.segment_id
)

select * from final
order by cohort_month, bank_id, platform_id, product, borrower_area, is_guaranteed, first_dpd90_mob

-- purpose: roll rates' inputs: balance at month end m of loans active at m, by their DPD bucket at
--   m and their bucket or end state at m + 1 (the next calendar month end); only loans with a row
--   at both m and m + 1. Buckets: current (dpd 0), 1_30, 31_60, 61_90, 90_plus (dpd > 90); end
--   states paid_off, charged_off, compensated from the status at m + 1.
-- grain: one row per bank × platform × product × borrower_area × is_guaranteed × month_end ×
--   from_bucket × to_bucket; bank_type and group_id ride along. Measures: balance_cny (at m),
--   loan_count.
-- params: none
with

loan_segments as (
    select loan_id, segment_id from loan_segments
),

segments as (
    select * from segments
),

loan_performance as (
    select loan_id, month_end, balance_cny, dpd, status
    from loan_performance
),

bucketed as (
    select
        loan_performance.loan_id,
        loan_segments.segment_id,
        loan_performance.month_end,
        loan_performance.balance_cny,
        loan_performance.status,
        case
            when loan_performance.status <> 'active' then loan_performance.status
            when loan_performance.dpd = 0 then 'current'
            when loan_performance.dpd <= 30 then '1_30'
            when loan_performance.dpd <= 60 then '31_60'
            when loan_performance.dpd <= 90 then '61_90'
            else '90_plus'
        end as bucket
    from loan_performance
    inner join loan_segments on loan_segments.loan_id = loan_performance.loan_id
),

paired as (
    select
        segment_id,
        month_end,
        balance_cny,
        status,
        bucket as from_bucket,
        lead(month_end) over by_loan as next_month_end,
        lead(bucket) over by_loan as to_bucket
    from bucketed
    window by_loan as (partition by loan_id order by month_end)
),

transitions as (
    select
        segment_id,
        month_end,
        from_bucket,
        to_bucket,
        sum(balance_cny) as balance_cny,
        count(*) as loan_count
    from paired
    where status = 'active'
        and next_month_end = last_day(month_end + interval 1 month)
    group by segment_id, month_end, from_bucket, to_bucket
),

final as (
    select
        segments.* exclude (segment_id),
        transitions.* exclude (segment_id)
    from transitions
    inner join segments on segments.segment_id = transitions.segment_id
)

select * from final
order by
    month_end, bank_id, platform_id, product, borrower_area, is_guaranteed, from_bucket, to_bucket

-- purpose: the month ends a point-in-time view compares: the as-of month end (the latest month end
--   of the data on or before the period end $end), the calendar month end before it and the
--   pre-rule baseline $baseline, each NULL when it is not a month end of the data; the baseline
--   also when it is not before the as-of month end (a comparison with itself or the future)
-- grain: one row
-- params: $end, $baseline
with

month_ends as (
    select month_end from month_ends
),

as_of as (
    select max(month_end) as as_of_month_end
    from month_ends
    where month_end <= $end
),

final as (
    select
        as_of.as_of_month_end,
        (
            select month_ends.month_end
            from month_ends
            where month_ends.month_end = last_day(as_of.as_of_month_end - interval 1 month)
        ) as previous_month_end,
        (
            select month_ends.month_end
            from month_ends
            where month_ends.month_end = $baseline
                and month_ends.month_end < as_of.as_of_month_end
        ) as baseline_month_end
    from as_of
)

select * from final

-- purpose: roll rates of the selected book month by month over the period: at month m, for each
--   DPD bucket, the share of its balance whose loan is in each bucket or end state at m + 1
--   (DOMAIN.md, Roll rate; month_end is m). Months m run from $start to the month before the
--   as-of month (the earlier of $end and the latest month end), so the last transition ends at
--   the as-of month. Only loans with a row at both m and m + 1 (roll_month). $guarantee ('all',
--   'guaranteed', 'not_guaranteed') keeps loans with or without an enhancer; other filters
--   restrict the book as in asset_quality_by_month. Dense per month: every to-bucket for each
--   from-bucket with balance.
-- grain: one row per month_end × from_bucket (with balance at that month) × to_bucket;
--   from_order and to_order give the buckets' display order
-- params: $start, $end, $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas,
--   $guarantee
with

month_ends as (
    select month_end from month_ends
),

buckets as (
    select bucket, bucket_order from roll_buckets()
),

as_of as (
    select least($end, max(month_end)) as as_of_month from month_ends
),

selected as (
    select *
    from roll_month_selected(
        $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas, $guarantee
    )
    where month_end between $start and (select last_day(as_of_month - to_months(1)) from as_of)
),

moves as (
    select
        month_end,
        from_bucket,
        to_bucket,
        sum(balance_cny) as balance_cny
    from selected
    group by month_end, from_bucket, to_bucket
),

from_totals as (
    select
        month_end,
        from_bucket,
        sum(balance_cny) as from_balance_cny
    from moves
    group by month_end, from_bucket
    having sum(balance_cny) > 0
),

final as (
    select
        from_totals.month_end,
        from_totals.from_bucket,
        to_buckets.bucket as to_bucket,
        coalesce(moves.balance_cny, 0) as balance_cny,
        from_totals.from_balance_cny,
        coalesce(moves.balance_cny, 0) / from_totals.from_balance_cny as roll_rate,
        from_buckets.bucket_order as from_order,
        to_buckets.bucket_order as to_order
    from from_totals
    inner join buckets as from_buckets on from_buckets.bucket = from_totals.from_bucket
    cross join buckets as to_buckets
    left join moves
        on moves.month_end = from_totals.month_end
        and moves.from_bucket = from_totals.from_bucket
        and moves.to_bucket = to_buckets.bucket
)

select * from final
order by month_end, from_order, to_order

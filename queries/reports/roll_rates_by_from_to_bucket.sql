-- purpose: the roll-rate matrix of the selected book over the last $window_months transitions up
--   to the as-of month (the earlier of $end and the latest month end): for each DPD bucket at
--   month m, the share of its balance at m whose loan is in each bucket or end state at m + 1,
--   pooled over the window (Σ balance moving i → j / Σ balance in i). $window_months = 1 is the
--   single transition from the month before the as-of month to the as-of month. Only loans with
--   a row at both m and m + 1 (roll_month). $guarantee ('all', 'guaranteed', 'not_guaranteed')
--   keeps loans with or without an enhancer; other filters restrict the book as in
--   asset_quality_by_month. Dense: every to-bucket for each from-bucket with balance, so each
--   from-bucket's roll rates sum to 1. first_from_month_end is the first month m of the window,
--   last_to_month_end the as-of month.
-- grain: one row per from_bucket (with balance in the window) × to_bucket
-- params: $end, $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas,
--   $window_months, $guarantee
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

window_months as (
    select
        last_day(as_of_month - to_months($window_months)) as first_month_end,
        last_day(as_of_month - to_months(1)) as last_month_end,
        as_of_month
    from as_of
),

selected as (
    select *
    from roll_month_selected(
        $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas, $guarantee
    )
    where month_end between (select first_month_end from window_months)
        and (select last_month_end from window_months)
),

moves as (
    select
        from_bucket,
        to_bucket,
        sum(balance_cny) as balance_cny
    from selected
    group by from_bucket, to_bucket
),

from_totals as (
    select
        from_bucket,
        sum(balance_cny) as from_balance_cny
    from moves
    group by from_bucket
    having sum(balance_cny) > 0
),

final as (
    select
        from_totals.from_bucket,
        to_buckets.bucket as to_bucket,
        from_buckets.bucket_order as from_order,
        to_buckets.bucket_order as to_order,
        coalesce(moves.balance_cny, 0) as balance_cny,
        from_totals.from_balance_cny,
        coalesce(moves.balance_cny, 0) / from_totals.from_balance_cny as roll_rate,
        (select first_month_end from window_months) as first_from_month_end,
        (select as_of_month from window_months) as last_to_month_end
    from from_totals
    inner join buckets as from_buckets on from_buckets.bucket = from_totals.from_bucket
    cross join buckets as to_buckets
    left join moves
        on moves.from_bucket = from_totals.from_bucket
        and moves.to_bucket = to_buckets.bucket
)

select * from final
order by from_order, to_order

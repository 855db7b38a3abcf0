-- purpose: platform concentration within the filtered universe at chosen month ends (Overview):
--   the bank, bank-type, product and borrower-area filters restrict the universe and shares are
--   recomputed within it; a platform selection does not apply (it never changes a denominator).
--   Active platforms (balance > 0), HHI (0–10 000), CR5 (fraction; ranks by balance rounded to
--   0.01 CNY, then platform_id ascending) and the platforms active at $baseline with no active
--   balance at the month end (exits since the baseline). HHI and CR5 are NULL without balance.
-- grain: one row per month end in $month_ends
-- params: $month_ends, $baseline, $bank_types, $bank_ids, $products, $areas
with

requested as (
    select distinct cast(unnest($month_ends) as date) as month_end
),

book_month as (
    select month_end, platform_id, balance_cny
    from book_month_in_universe($bank_types, $bank_ids, $products, $areas)
    where (list_contains($month_ends, month_end) or month_end = $baseline)
),

platform_balances as (
    select
        month_end,
        platform_id,
        sum(balance_cny) as balance_cny
    from book_month
    group by month_end, platform_id
    having sum(balance_cny) > 0
),

ranked as (
    select
        month_end,
        platform_id,
        balance_cny / sum(balance_cny) over (partition by month_end) as share,
        row_number() over (
            partition by month_end
            order by round(balance_cny, 2) desc, platform_id asc
        ) as rank
    from platform_balances
),

concentration as (
    select
        month_end,
        count(*) as n_active,
        sum((100 * share) * (100 * share)) as hhi,
        sum(if(rank <= 5, share, 0)) as cr5
    from ranked
    group by month_end
),

baseline_platforms as (
    select platform_id
    from platform_balances
    where month_end = $baseline
),

exits as (
    select
        requested.month_end,
        count(*) as exited_since_baseline_count
    from requested
    cross join baseline_platforms
    left join platform_balances
        on platform_balances.month_end = requested.month_end
        and platform_balances.platform_id = baseline_platforms.platform_id
    where platform_balances.platform_id is null
    group by requested.month_end
),

final as (
    select
        requested.month_end,
        coalesce(concentration.n_active, 0) as n_active,
        concentration.hhi,
        concentration.cr5,
        coalesce(exits.exited_since_baseline_count, 0) as exited_since_baseline_count
    from requested
    left join concentration on concentration.month_end = requested.month_end
    left join exits on exits.month_end = requested.month_end
)

select * from final
order by month_end

-- purpose: concentration of the filtered universe at each month end of the period: active
--   entities, HHI (0–10 000), CR1/CR3/CR5 (fractions) and the largest entity, computed as
--   concentration_month does (entities with balance > 0; ranks by balance rounded to 0.01 CNY,
--   then id) but within the bank, bank-type, product and area filters. Platform and group
--   filters do not apply (they never change a denominator). $exclude_ids removes entities
--   from the market before shares are taken, for the what-if "entity X exits"
-- grain: one row per month_end in $start..$end with active balance in the universe
-- params: $level ('platform' | 'group'), $start, $end, $bank_types, $bank_ids, $products,
--   $areas, $exclude_ids (entity ids at $level; empty = none)
with

book_month as (
    select platform_id, group_id, month_end, balance_cny
    from book_month_in_universe($bank_types, $bank_ids, $products, $areas)
    where month_end between $start and $end
),

-- platforms first, then groups as sums of their platforms, as concentration_month adds up, so
-- the unfiltered store reproduces it (up to the last-bit noise of parallel float sums)
platform_balances as (
    select
        platform_id,
        group_id,
        month_end,
        sum(balance_cny) as balance_cny
    from book_month
    group by platform_id, group_id, month_end
    having sum(balance_cny) > 0
),

entity_balances as (
    select
        if($level = 'group', group_id, platform_id) as entity_id,
        month_end,
        sum(balance_cny) as balance_cny
    from platform_balances
    group by all
),

remaining as (
    select * from entity_balances
    where not list_contains($exclude_ids, entity_id)
),

ranked as (
    select
        month_end,
        entity_id,
        balance_cny,
        balance_cny / sum(balance_cny) over (partition by month_end) as share,
        row_number() over (
            partition by month_end
            order by round(balance_cny, 2) desc, entity_id asc
        ) as rank
    from remaining
),

final as (
    select
        month_end,
        count(*) as n_active,
        sum(balance_cny) as balance_cny,
        sum((100 * share) * (100 * share)) as hhi,
        sum(if(rank <= 1, share, 0)) as cr1,
        sum(if(rank <= 3, share, 0)) as cr3,
        sum(if(rank <= 5, share, 0)) as cr5,
        arg_min(entity_id, rank) as top_id
    from ranked
    group by month_end
)

select * from final
order by month_end

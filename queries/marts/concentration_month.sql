-- purpose: market concentration of the whole store at each month end (public derived table), by
--   platform and by partner group: active entities, HHI (0–10 000), CR1/CR3/CR5 (fractions) and
--   the largest entity; ranks by balance rounded to 0.01 CNY, then id ascending
-- grain: one row per month_end × level ('platform', 'group') for month ends with active balance
-- params: none
with

platform_month as (
    select platform_id, group_id, month_end, balance_cny
    from platform_month
    where balance_cny > 0
),

entity_balances as (
    select
        month_end,
        'platform' as level,
        platform_id as entity_id,
        balance_cny
    from platform_month
    union all
    select
        month_end,
        'group' as level,
        group_id as entity_id,
        sum(balance_cny) as balance_cny
    from platform_month
    group by month_end, group_id
),

ranked as (
    select
        month_end,
        level,
        entity_id,
        balance_cny / sum(balance_cny) over (partition by month_end, level) as share,
        row_number() over (
            partition by month_end, level
            order by round(balance_cny, 2) desc, entity_id asc
        ) as rank
    from entity_balances
),

final as (
    select
        month_end,
        level,
        count(*) as n_active,
        sum((100 * share) * (100 * share)) as hhi,
        sum(if(rank <= 1, share, 0)) as cr1,
        sum(if(rank <= 3, share, 0)) as cr3,
        sum(if(rank <= 5, share, 0)) as cr5,
        arg_min(entity_id, rank) as top_id
    from ranked
    group by month_end, level
)

select * from final
order by month_end, level desc

-- purpose: each platform's (or partner group's) share of the filtered universe's active balance
--   at every month end of the period, for the stacked share chart and the what-if choices. The
--   bank, bank-type, product and area filters restrict the universe (the denominator); the
--   platform and group filters only mark entities as selected (is_selected) for highlighting.
--   rank orders by balance rounded to 0.01 CNY, then entity id (DOMAIN.md, Ties)
-- grain: one row per entity × month_end in $start..$end with balance_cny > 0 in the universe;
--   entity = platform when $level = 'platform', partner group when $level = 'group'
-- params: $level ('platform' | 'group'), $start, $end, $bank_types, $bank_ids, $products,
--   $areas, $platform_ids, $group_ids (lists; empty = all / nothing selected)
with

book_month as (
    select platform_id, group_id, month_end, balance_cny
    from book_month_in_universe($bank_types, $bank_ids, $products, $areas)
    where month_end between $start and $end
),

partners as (
    select partner_id, name, coalesce(name_zh, name) as name_zh from partners
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
        sum(balance_cny) as balance_cny,
        bool_or(
            list_contains($platform_ids, platform_id) or list_contains($group_ids, group_id)
        ) as is_chosen
    from platform_balances
    group by all
),

ranked as (
    select
        entity_id,
        month_end,
        balance_cny,
        balance_cny / sum(balance_cny) over (partition by month_end) as share,
        row_number() over (
            partition by month_end
            order by round(balance_cny, 2) desc, entity_id asc
        ) as rank,
        -- selection is a property of the entity, not of one month
        len($platform_ids) + len($group_ids) = 0
            or bool_or(is_chosen) over (partition by entity_id) as is_selected
    from entity_balances
),

final as (
    select
        ranked.month_end,
        ranked.entity_id,
        coalesce(partners.name, ranked.entity_id) as entity_name,
        coalesce(partners.name_zh, ranked.entity_id) as entity_name_zh,
        ranked.balance_cny,
        ranked.share,
        ranked.rank,
        ranked.is_selected
    from ranked
    left join partners on partners.partner_id = ranked.entity_id
)

select * from final
order by month_end, rank

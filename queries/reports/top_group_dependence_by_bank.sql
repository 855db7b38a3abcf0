-- purpose: each bank's dependence on its largest partner group and its largest platform at the
--   as-of month (the latest month end of the data on or before $end): their share of the
--   bank's active balance within the product and area filters, and how many groups and
--   platforms the bank uses. Largest = balance rounded to 0.01 CNY, then id (DOMAIN.md, Ties).
--   Platform and group filters do not apply: dependence is on the whole partner book
-- grain: one row per bank with active balance > 0 at the as-of month within the filters
-- params: $end, $bank_types, $bank_ids, $products, $areas
with

as_of as (
    select max(month_end) as month_end
    from month_ends
    where month_end <= $end
),

book_month as (
    select bank_id, bank_type, platform_id, group_id, month_end, balance_cny
    from book_month_in_universe($bank_types, $bank_ids, $products, $areas)
    where month_end = (select month_end from as_of)
),

banks as (
    select bank_id, name, coalesce(name_zh, name) as name_zh from banks
),

partners as (
    select partner_id, name, coalesce(name_zh, name) as name_zh from partners
),

platform_balances as (
    select
        bank_id,
        bank_type,
        platform_id,
        group_id,
        month_end,
        sum(balance_cny) as balance_cny
    from book_month
    group by all
    having sum(balance_cny) > 0
),

group_balances as (
    select
        bank_id,
        group_id,
        sum(balance_cny) as balance_cny
    from platform_balances
    group by all
),

ranked_groups as (
    select
        bank_id,
        group_id,
        balance_cny,
        row_number() over (
            partition by bank_id
            order by round(balance_cny, 2) desc, group_id asc
        ) as rank,
        count(*) over (partition by bank_id) as n_groups
    from group_balances
),

ranked_platforms as (
    select
        bank_id,
        bank_type,
        month_end,
        platform_id,
        balance_cny,
        row_number() over (
            partition by bank_id
            order by round(balance_cny, 2) desc, platform_id asc
        ) as rank,
        count(*) over (partition by bank_id) as n_platforms,
        sum(balance_cny) over (partition by bank_id) as bank_balance_cny
    from platform_balances
),

final as (
    select
        ranked_platforms.bank_id,
        banks.name as bank_name,
        banks.name_zh as bank_name_zh,
        ranked_platforms.bank_type,
        ranked_platforms.month_end,
        ranked_platforms.bank_balance_cny as balance_cny,
        ranked_groups.group_id as top_group_id,
        coalesce(group_names.name, ranked_groups.group_id) as top_group_name,
        coalesce(group_names.name_zh, ranked_groups.group_id) as top_group_name_zh,
        ranked_groups.balance_cny as top_group_balance_cny,
        ranked_groups.balance_cny / ranked_platforms.bank_balance_cny as top_group_share,
        ranked_platforms.platform_id as top_platform_id,
        coalesce(platform_names.name, ranked_platforms.platform_id) as top_platform_name,
        coalesce(platform_names.name_zh, ranked_platforms.platform_id) as top_platform_name_zh,
        ranked_platforms.balance_cny as top_platform_balance_cny,
        ranked_platforms.balance_cny / ranked_platforms.bank_balance_cny as top_platform_share,
        ranked_groups.n_groups,
        ranked_platforms.n_platforms
    from ranked_platforms
    inner join ranked_groups
        on ranked_groups.bank_id = ranked_platforms.bank_id and ranked_groups.rank = 1
    left join banks on banks.bank_id = ranked_platforms.bank_id
    left join partners as group_names on group_names.partner_id = ranked_groups.group_id
    left join partners as platform_names
        on platform_names.partner_id = ranked_platforms.platform_id
    where ranked_platforms.rank = 1
)

select * from final
order by top_group_share desc, bank_id

-- purpose: asset quality of the selected book split by one breakdown dimension ($dimension:
--   'bank_type', 'bank', 'platform', 'tier' = platform tier of platform_tiers, or 'guaranteed' =
--   'guaranteed' / 'not_guaranteed') at each month end of the period. The $top_n groups with the
--   largest balance summed over the period (rounded to 0.01 CNY, then key ascending) keep their
--   own line; the rest are summed into one "other" group (only when more than one group is left
--   over). Filters restrict the book as in asset_quality_by_month. Names ride along for banks and
--   platforms.
-- grain: one row per month_end × group (group_key, NULL for the other group) with an active
--   balance > 0, from $start to the as-of month (the earlier of $end and the latest month end)
-- params: $start, $end, $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas,
--   $dimension, $top_n
with

month_ends as (
    select month_end from month_ends
),

platform_tiers as (
    select platform_id, tier from platform_tiers
),

banks as (
    select bank_id, name, coalesce(name_zh, name) as name_zh from banks
),

partners as (
    select partner_id, name, coalesce(name_zh, name) as name_zh from partners
),

as_of as (
    select least($end, max(month_end)) as as_of_month from month_ends
),

selected as (
    select *
    from book_month_selected(
        $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas
    )
    where month_end between $start and (select as_of_month from as_of)
),

keyed as (
    select
        selected.*,
        case $dimension
            when 'bank_type' then selected.bank_type
            when 'bank' then selected.bank_id
            when 'platform' then selected.platform_id
            when 'tier' then coalesce(platform_tiers.tier, 'exited')
            when 'guaranteed' then if(selected.is_guaranteed, 'guaranteed', 'not_guaranteed')
        end as group_key
    from selected
    left join platform_tiers on platform_tiers.platform_id = selected.platform_id
),

ranked as (
    select
        group_key,
        row_number() over (
            order by round(sum(balance_cny), 2) desc, group_key asc
        ) as group_rank,
        count(*) over () as group_count
    from keyed
    group by group_key
),

grouped as (
    select
        keyed.month_end,
        if(is_other, null, keyed.group_key) as group_key,
        if(is_other, $top_n + 1, ranked.group_rank) as group_rank,
        sum(keyed.balance_cny) as balance_cny,
        sum(keyed.dpd30_balance_cny) as dpd30_balance_cny,
        sum(keyed.dpd90_balance_cny) as dpd90_balance_cny,
        sum(keyed.npl_reported_balance_cny) as npl_reported_balance_cny,
        sum(keyed.npl_dpd_balance_cny) as npl_dpd_balance_cny
    from keyed
    inner join (
        select
            *,
            group_rank > $top_n and group_count > $top_n + 1 as is_other
        from ranked
    ) as ranked on ranked.group_key = keyed.group_key
    group by all
),

final as (
    select
        grouped.month_end,
        grouped.group_key,
        grouped.group_rank,
        grouped.group_key is null as is_other,
        case $dimension
            when 'bank' then banks.name
            when 'platform' then partners.name
        end as name,
        case $dimension
            when 'bank' then banks.name_zh
            when 'platform' then partners.name_zh
        end as name_zh,
        grouped.balance_cny,
        grouped.dpd30_balance_cny / grouped.balance_cny as dpd30_ratio,
        grouped.dpd90_balance_cny / grouped.balance_cny as dpd90_ratio,
        grouped.npl_reported_balance_cny / grouped.balance_cny as npl_reported_ratio,
        grouped.npl_dpd_balance_cny / grouped.balance_cny as npl_dpd_ratio,
        (grouped.npl_dpd_balance_cny - grouped.npl_reported_balance_cny) / grouped.balance_cny
            as npl_gap
    from grouped
    left join banks on banks.bank_id = grouped.group_key
    left join partners on partners.partner_id = grouped.group_key
    where grouped.balance_cny > 0
)

select * from final
order by month_end, group_rank

-- purpose: each platform's tier for breakdowns, computed once on the whole store at the latest
--   month end from its share of system balance: 'leading' ≥ 5 %, 'mid' 1–5 %, 'tail' < 1 %
--   (tolerance 1e-9), 'exited' with no active balance then
-- grain: one row per platform (partners of type platform and any platform_id of a loan)
-- params: none
with

month_ends as (
    select month_end from month_ends
),

partners as (
    select partner_id from partners where partner_type = 'platform'
),

loans as (
    select distinct platform_id from loans
),

partner_groups as (
    select partner_id, group_id from partner_groups
),

platform_month as (
    select platform_id, balance_cny
    from platform_month
    where month_end = (select max(month_end) from month_ends)
        and balance_cny > 0
),

platforms as (
    select partner_id as platform_id from partners
    union
    select platform_id from loans
),

shares as (
    select
        platform_id,
        balance_cny,
        balance_cny / sum(balance_cny) over () as share
    from platform_month
),

final as (
    select
        platforms.platform_id,
        coalesce(partner_groups.group_id, platforms.platform_id) as group_id,
        coalesce(shares.balance_cny, 0) as balance_latest_cny,
        coalesce(shares.share, 0) as share_latest,
        case
            when shares.platform_id is null then 'exited'
            when 0.01 - shares.share > 1e-9 then 'tail'
            when 0.05 - shares.share > 1e-9 then 'mid'
            else 'leading'
        end as tier
    from platforms
    left join shares on shares.platform_id = platforms.platform_id
    left join partner_groups on partner_groups.partner_id = platforms.platform_id
)

select * from final
order by platform_id

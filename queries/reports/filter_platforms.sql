-- purpose: platforms offered by the platform filter, with their partner group and its name
-- grain: one row per platform (partner of type platform)
-- params: none
with

platforms as (
    select partner_id as platform_id, name, coalesce(name_zh, name) as name_zh
    from partners
    where partner_type = 'platform'
),

groups as (
    select
        partner_groups.partner_id,
        partner_groups.group_id,
        owners.name as group_name,
        coalesce(owners.name_zh, owners.name) as group_name_zh
    from partner_groups
    inner join partners as owners on owners.partner_id = partner_groups.group_id
),

final as (
    select
        platforms.platform_id,
        platforms.name,
        platforms.name_zh,
        groups.group_id,
        groups.group_name,
        groups.group_name_zh
    from platforms
    inner join groups on groups.partner_id = platforms.platform_id
)

select * from final
order by platform_id

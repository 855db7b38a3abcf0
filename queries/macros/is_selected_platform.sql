-- purpose: the platform selection of DOMAIN.md "Filters", written once: a platform is selected
--   when no platform and no group is chosen, or when its id or its partner group is chosen
-- grain: one boolean per row it is applied to
-- params: none (a scalar macro; the report binds the lists it is called with)
-- arguments: platform_id, group_id (the row's values); platform_ids, group_ids (VARCHAR lists)
create or replace macro is_selected_platform(platform_id, group_id, platform_ids, group_ids) as
    len(platform_ids) + len(group_ids) = 0
    or list_contains(platform_ids, platform_id)
    or list_contains(group_ids, group_id)

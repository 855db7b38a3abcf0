-- purpose: the rows of vintage_events in the selected book: in the filtered universe
--   (is_in_universe), of a selected platform (is_selected_platform) and of loans with or without
--   an enhancer as `guarantee` asks ('all', 'guaranteed', 'not_guaranteed'), every cohort
-- grain: one row per selected vintage_events row (all vintage_events columns)
-- params: none (a table macro; the report binds the values it is called with)
-- arguments: bank_types, bank_ids, platform_ids, group_ids, products, areas (VARCHAR lists;
--   empty = all), guarantee (VARCHAR)
create or replace macro vintage_events_selected(
    bank_types, bank_ids, platform_ids, group_ids, products, areas, guarantee
) as table
select *
from vintage_events
where is_in_universe(
        bank_type, bank_id, product, borrower_area, bank_types, bank_ids, products, areas
    )
    and is_selected_platform(platform_id, group_id, platform_ids, group_ids)
    and (guarantee = 'all' or is_guaranteed = (guarantee = 'guaranteed'))

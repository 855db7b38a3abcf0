-- purpose: the rows of book_month in the selected book: in the filtered universe
--   (book_month_in_universe) and of a selected platform (is_selected_platform), every month
-- grain: one row per selected book_month row (all book_month columns)
-- params: none (a table macro; the report binds the lists it is called with)
-- arguments: bank_types, bank_ids, platform_ids, group_ids, products, areas (VARCHAR lists;
--   empty = all)
create or replace macro book_month_selected(
    bank_types, bank_ids, platform_ids, group_ids, products, areas
) as table
select *
from book_month_in_universe(bank_types, bank_ids, products, areas)
where is_selected_platform(platform_id, group_id, platform_ids, group_ids)

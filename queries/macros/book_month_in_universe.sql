-- purpose: the rows of book_month in the filtered universe (bank type, bank, product, borrower
--   area; is_in_universe), every month and every platform: the denominator of shares, HHI and CRk
-- grain: one row per book_month row in the universe (all book_month columns)
-- params: none (a table macro; the report binds the lists it is called with)
-- arguments: bank_types, bank_ids, products, areas (VARCHAR lists; empty = all)
create or replace macro book_month_in_universe(bank_types, bank_ids, products, areas) as table
select *
from book_month
where is_in_universe(
    bank_type, bank_id, product, borrower_area, bank_types, bank_ids, products, areas
)

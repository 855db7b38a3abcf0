-- purpose: the universe filter of DOMAIN.md "Filters", written once: true when a row's bank type,
--   bank, product and borrower area are each among the chosen values (an empty list = all). The
--   universe is the denominator of every share, so the platform and group selection is not here.
-- grain: one boolean per row it is applied to
-- params: none (a scalar macro; the report binds the lists it is called with)
-- arguments: bank_type, bank_id, product, borrower_area (the row's values); bank_types,
--   bank_ids, products, areas (VARCHAR lists)
create or replace macro is_in_universe(
    bank_type, bank_id, product, borrower_area, bank_types, bank_ids, products, areas
) as
    (len(bank_types) = 0 or list_contains(bank_types, bank_type))
    and (len(bank_ids) = 0 or list_contains(bank_ids, bank_id))
    and (len(products) = 0 or list_contains(products, product))
    and (len(areas) = 0 or list_contains(areas, borrower_area))

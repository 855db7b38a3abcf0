-- purpose: the published-list test of R07 and R08, written once: true when the bank's list has a
--   row for the partner in the role with listed_date on or before the day and no delisted_date
--   on or before it (DOMAIN.md: listed_date ≤ day and (delisted_date empty or > day))
-- grain: one boolean per row it is applied to
-- params: none (a scalar macro)
-- arguments: bank (bank_id), partner (partner_id), list_role ('platform' | 'enhancer'), day (DATE)
create or replace macro is_listed_on(bank, partner, list_role, day) as
    exists (
        select 1
        from partner_list
        where
            partner_list.bank_id = bank
            and partner_list.partner_id = partner
            and partner_list.role = list_role
            and partner_list.listed_date <= day
            and (partner_list.delisted_date is null or partner_list.delisted_date > day)
    )

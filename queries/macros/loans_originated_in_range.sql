-- purpose: the loans a loan-level rule judges, written once: originated on or after the rule's
--   effective date, with the month end of their origination month (the finding's month), and
--   not "out of range" (DOMAIN.md: an origination month end after the latest month end in
--   loan_performance is ignored by the derived tables)
-- grain: one row per loan (every column of loans plus month_end)
-- params: none (a table macro; each rule passes its own effective date)
-- arguments: effective (DATE)
create or replace macro loans_originated_in_range(effective) as table
    select
        loans.*,
        last_day(loans.origination_date) as month_end
    from loans
    where
        loans.origination_date >= effective
        and last_day(loans.origination_date) <= (select max(month_end) from loan_performance)

-- purpose: typed partner_list table of the data contract, from the validated text rows of raw_partner_list
-- grain: one row per bank–partner listing (the published white list)
-- params: none
select
    nullif(trim(bank_id), '') as bank_id,
    nullif(trim(partner_id), '') as partner_id,
    nullif(trim(role), '') as role,
    cast(nullif(trim(cooperation_start), '') as date) as cooperation_start,
    cast(nullif(trim(cooperation_end), '') as date) as cooperation_end,
    cast(nullif(trim(listed_date), '') as date) as listed_date,
    cast(nullif(trim(delisted_date), '') as date) as delisted_date
from raw_partner_list
order by _row_no

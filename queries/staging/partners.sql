-- purpose: typed partners table of the data contract, from the validated text rows of raw_partners
-- grain: one row per external institution
-- params: none
select
    nullif(trim(partner_id), '') as partner_id,
    nullif(trim(name), '') as name,
    nullif(trim(name_zh), '') as name_zh,
    nullif(trim(partner_type), '') as partner_type,
    nullif(trim(license), '') as license
from raw_partners
order by _row_no

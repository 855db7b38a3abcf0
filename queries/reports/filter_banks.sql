-- purpose: banks offered by the bank filter, with their type
-- grain: one row per bank
-- params: none
select
    bank_id,
    name,
    coalesce(name_zh, name) as name_zh,
    bank_type
from banks
order by bank_id

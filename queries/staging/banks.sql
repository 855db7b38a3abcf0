-- purpose: typed banks table of the data contract, from the validated text rows of raw_banks
-- grain: one row per bank
-- params: none
select
    nullif(trim(bank_id), '') as bank_id,
    nullif(trim(name), '') as name,
    nullif(trim(name_zh), '') as name_zh,
    nullif(trim(bank_type), '') as bank_type,
    nullif(trim(province), '') as province,
    lower(nullif(trim(is_online_only), '')) = 'true' as is_online_only
from raw_banks
order by _row_no

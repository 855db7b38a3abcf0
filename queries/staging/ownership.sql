-- purpose: typed ownership table of the data contract, from the validated text rows of raw_ownership
-- grain: one row per equity link
-- params: none
select
    nullif(trim(owner_id), '') as owner_id,
    nullif(trim(owned_id), '') as owned_id,
    cast(nullif(trim(equity_share), '') as double) as equity_share
from raw_ownership
order by _row_no

-- purpose: every successful load of this store, newest first
-- grain: one row per load
-- params: none
select *
from load_history
order by load_id desc

-- purpose: typed penalties table of the data contract, from the validated text rows of raw_penalties
-- grain: one row per published penalty decision
-- params: none
select
    nullif(trim(penalty_id), '') as penalty_id,
    nullif(trim(doc_no), '') as doc_no,
    cast(nullif(trim(decision_date), '') as date) as decision_date,
    nullif(trim(regulator), '') as regulator,
    nullif(trim(regulator_level), '') as regulator_level,
    nullif(trim(bank_id), '') as bank_id,
    nullif(trim(institution_name), '') as institution_name,
    nullif(trim(cause), '') as cause,
    nullif(trim(cause_categories), '') as cause_categories,
    cast(nullif(trim(fine_cny), '') as double) as fine_cny,
    cast(cast(nullif(trim(individuals_penalised), '') as double) as integer) as individuals_penalised,
    nullif(trim(partner_id), '') as partner_id,
    nullif(trim(source_url), '') as source_url
from raw_penalties
order by _row_no

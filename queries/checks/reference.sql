-- purpose: rows whose non-empty value is not found in the referenced column (both sides
--   compared trimmed, as staging stores them)
-- grain: one row per offending row of the checked table
-- params: none
-- identifiers: table (raw_<table>), column, ref_table (raw_<referenced table>), ref_column
with

source_rows as (
    select
        _row_no,
        nullif(trim({{column}}), '') as value
    from {{table}}
),

known_values as (
    select distinct trim({{ref_column}}) as value
    from {{ref_table}}
),

offending as (
    select
        source_rows._row_no,
        source_rows.value
    from source_rows
    anti join known_values on known_values.value = source_rows.value
    where source_rows.value is not null
),

final as (
    select * from offending
)

select * from final

-- purpose: rows whose value is found in the referenced column, but on no row of the wanted
--   type (loans.platform_id must name a partner of partner_type platform); values not found at
--   all are left to the reference check
-- grain: one row per offending row of the checked table
-- params: $ref_type (the wanted value of the type column)
-- identifiers: table (raw_<table>), column, ref_table (raw_<referenced table>), ref_column,
--   ref_type_column
with

source_rows as (
    select
        _row_no,
        nullif(trim({{column}}), '') as value
    from {{table}}
),

known_values as (
    select
        trim({{ref_column}}) as value,
        bool_or(coalesce(trim({{ref_type_column}}) = $ref_type, false)) as is_of_type
    from {{ref_table}}
    group by 1
),

offending as (
    select
        source_rows._row_no,
        source_rows.value
    from source_rows
    inner join known_values on known_values.value = source_rows.value
    where not known_values.is_of_type
),

final as (
    select * from offending
)

select * from final

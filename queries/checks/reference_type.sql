-- purpose: rows whose value is found in the referenced column, but on no row of the wanted
--   type (loans.platform_id must name a partner of partner_type platform); values not found at
--   all are left to the reference check, and rows of the referenced table whose type is not in
--   its vocabulary to the enum check there (one typo is reported once, not on every loan)
-- grain: one row per offending row of the checked table
-- params: $ref_type (the wanted value of the type column), $ref_types (the type column's
--   vocabulary)
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
        bool_or(coalesce(trim({{ref_type_column}}) = $ref_type, false)) as is_of_type,
        bool_and(list_contains($ref_types, trim({{ref_type_column}}))) as has_known_type
    from {{ref_table}}
    group by 1
),

offending as (
    select
        source_rows._row_no,
        source_rows.value
    from source_rows
    inner join known_values on known_values.value = source_rows.value
    where not known_values.is_of_type and known_values.has_known_type
),

final as (
    select * from offending
)

select * from final

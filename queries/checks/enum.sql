-- purpose: rows whose non-empty value is not one of the allowed values (exact spelling)
-- grain: one row per offending row of the checked table
-- params: $allowed (list of the allowed values)
-- identifiers: table (raw_<table>), column
with

source_rows as (
    select
        _row_no,
        nullif(trim({{column}}), '') as value
    from {{table}}
),

offending as (
    select
        _row_no,
        value
    from source_rows
    where value is not null
        and not list_contains($allowed, value)
),

final as (
    select * from offending
)

select * from final

-- purpose: rows whose non-empty value is not true or false (any letter case)
-- grain: one row per offending row of the checked table
-- params: none
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
        and lower(value) not in ('true', 'false')
),

final as (
    select * from offending
)

select * from final

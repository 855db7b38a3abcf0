-- purpose: rows whose non-empty value is not a finite number (staging casts it to double)
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
        and not coalesce(isfinite(try_cast(value as double)), false)
),

final as (
    select * from offending
)

select * from final

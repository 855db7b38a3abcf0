-- purpose: rows whose non-empty value is not a whole number that fits staging's 32-bit integer
--   (30 and 30.0 pass, 1.5 fails)
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

typed as (
    select
        _row_no,
        value,
        try_cast(value as double) as number
    from source_rows
    where value is not null
),

offending as (
    select
        _row_no,
        value
    from typed
    where not coalesce(
        isfinite(number) and number = trunc(number) and abs(number) <= 2147483647, false
    )
),

final as (
    select * from offending
)

select * from final

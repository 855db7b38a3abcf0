-- purpose: rows whose non-empty value is not a real date written YYYY-MM-DD
--   (a cast back to text must give the value again, so 2024-1-5 and 2024/01/05 fail)
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
        and coalesce(try_cast(value as date)::varchar <> value, true)
),

final as (
    select * from offending
)

select * from final

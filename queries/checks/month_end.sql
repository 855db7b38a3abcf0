-- purpose: rows whose date is not the last day of its month (values that are not dates are
--   left to type_date)
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
        try_cast(value as date) as day
    from source_rows
    where try_cast(value as date)::varchar = value
),

offending as (
    select
        _row_no,
        value
    from typed
    where day <> last_day(day)
),

final as (
    select * from offending
)

select * from final

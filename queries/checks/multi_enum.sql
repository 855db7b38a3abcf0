-- purpose: rows whose non-empty '|'-separated value holds a part outside the vocabulary
--   (an empty part, as in a||b, is outside it too)
-- grain: one row per offending row of the checked table
-- params: $allowed (list of the allowed parts)
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
        and not list_has_all($allowed, string_split(value, '|'))
),

final as (
    select * from offending
)

select * from final

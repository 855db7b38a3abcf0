-- purpose: rows of a raw table whose required column is empty (absent value or only spaces)
-- grain: one row per offending row of the checked table
-- params: none
-- identifiers: table (raw_<table>), column
with

source_rows as (
    select
        _row_no,
        {{column}} as raw_value
    from {{table}}
),

offending as (
    select
        _row_no,
        '' as value
    from source_rows
    where nullif(trim(raw_value), '') is null
),

final as (
    select * from offending
)

select * from final

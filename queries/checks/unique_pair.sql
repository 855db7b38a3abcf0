-- purpose: rows that repeat the two-column key of an earlier row (the first row of each key is
--   not reported; rows with an empty key part are left to not_empty)
-- grain: one row per offending row of the checked table
-- params: none
-- identifiers: table (raw_<table>), column_a, column_b (the key, in contract order)
with

keyed as (
    select
        _row_no,
        nullif(trim({{column_a}}), '') as key_a,
        nullif(trim({{column_b}}), '') as key_b
    from {{table}}
),

repeated_keys as (
    select
        key_a,
        key_b,
        min(_row_no) as first_row_no
    from keyed
    where key_a is not null and key_b is not null
    group by key_a, key_b
    having count(*) > 1
),

offending as (
    select
        keyed._row_no,
        '''' || keyed.key_a || ''', ''' || keyed.key_b || ''' again, first on row '
            || repeated_keys.first_row_no as value
    from keyed
    inner join repeated_keys
        on repeated_keys.key_a = keyed.key_a and repeated_keys.key_b = keyed.key_b
    where keyed._row_no > repeated_keys.first_row_no
),

final as (
    select * from offending
)

select * from final

-- purpose: rows that repeat the key value of an earlier row (the first row of each key is not
--   reported; empty keys are left to not_empty)
-- grain: one row per offending row of the checked table
-- params: none
-- identifiers: table (raw_<table>), column (the key)
with

keyed as (
    select
        _row_no,
        nullif(trim({{column}}), '') as key_value
    from {{table}}
),

repeated_keys as (
    select
        key_value,
        min(_row_no) as first_row_no
    from keyed
    where key_value is not null
    group by key_value
    having count(*) > 1
),

offending as (
    select
        keyed._row_no,
        '''' || keyed.key_value || ''' again, first on row ' || repeated_keys.first_row_no
            as value
    from keyed
    inner join repeated_keys on repeated_keys.key_value = keyed.key_value
    where keyed._row_no > repeated_keys.first_row_no
),

final as (
    select * from offending
)

select * from final

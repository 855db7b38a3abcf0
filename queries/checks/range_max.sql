-- purpose: rows whose number is above the column's maximum, with the 1e-9 tolerance of
--   DOMAIN.md: "x <= m" fails when x - m > tolerance, "x < m" fails when m - x <= tolerance;
--   values failing the type check are left to it
-- grain: one row per offending row of the checked table
-- params: $bound (the maximum), $inclusive (true: <=, false: <), $tolerance (1e-9),
--   $whole_only (true for integer columns: non-whole values are left to type_integer)
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

valid as (
    select *
    from typed
    where isfinite(number)
        and (not $whole_only or (number = trunc(number) and abs(number) <= 2147483647))
),

offending as (
    select
        _row_no,
        value
    from valid
    where case
        when $inclusive then number - $bound > $tolerance
        else $bound - number <= $tolerance
    end
),

final as (
    select * from offending
)

select * from final

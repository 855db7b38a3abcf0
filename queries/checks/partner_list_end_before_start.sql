-- purpose: partner_list rows whose cooperation ends before it starts
-- grain: one row per offending partner_list row
-- params: none
-- reads: partner_list.cooperation_start, partner_list.cooperation_end
-- table: partner_list
-- column: cooperation_end
-- severity: error
-- message: must be on or after cooperation_start
with

listings as (
    select
        _row_no,
        nullif(trim(cooperation_start), '') as start_text,
        nullif(trim(cooperation_end), '') as end_text
    from raw_partner_list
),

typed as (
    select
        _row_no,
        start_text,
        end_text,
        try_cast(start_text as date) as cooperation_start,
        try_cast(end_text as date) as cooperation_end
    from listings
    where try_cast(start_text as date)::varchar = start_text
        and try_cast(end_text as date)::varchar = end_text
),

offending as (
    select
        _row_no,
        end_text || ' before start ' || start_text as value
    from typed
    where cooperation_end < cooperation_start
),

final as (
    select * from offending
)

select * from final

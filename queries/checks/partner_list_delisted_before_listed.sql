-- purpose: partner_list rows delisted before they were listed
-- grain: one row per offending partner_list row
-- params: none
-- reads: partner_list.listed_date, partner_list.delisted_date
-- table: partner_list
-- column: delisted_date
-- severity: error
-- message: must be on or after listed_date
with

listings as (
    select
        _row_no,
        nullif(trim(listed_date), '') as listed_text,
        nullif(trim(delisted_date), '') as delisted_text
    from raw_partner_list
),

typed as (
    select
        _row_no,
        listed_text,
        delisted_text,
        try_cast(listed_text as date) as listed_date,
        try_cast(delisted_text as date) as delisted_date
    from listings
    where try_cast(listed_text as date)::varchar = listed_text
        and try_cast(delisted_text as date)::varchar = delisted_text
),

offending as (
    select
        _row_no,
        delisted_text || ' before listing ' || listed_text as value
    from typed
    where delisted_date < listed_date
),

final as (
    select * from offending
)

select * from final

-- purpose: ownership rows where an entity is recorded as owning itself
-- grain: one row per offending ownership row
-- params: none
-- reads: ownership.owner_id, ownership.owned_id
-- table: ownership
-- column: owned_id
-- severity: error
-- message: must differ from owner_id (an entity cannot own itself)
with

links as (
    select
        _row_no,
        nullif(trim(owner_id), '') as owner_id,
        nullif(trim(owned_id), '') as owned_id
    from raw_ownership
),

offending as (
    select
        _row_no,
        '''' || owned_id || '''' as value
    from links
    where owner_id = owned_id
),

final as (
    select * from offending
)

select * from final

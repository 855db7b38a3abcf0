-- purpose: ownership rows of entities whose owners' shares add up to more than 1
--   (tolerance 1e-9, so 0.5 + 0.3 + 0.2 in floating point is exactly fine); shares outside
--   0 < share <= 1, self links and repeats of an (owner_id, owned_id) pair break rules of
--   their own and are not added in, so one bad row is reported once
-- grain: one row per ownership row of an over-allocated entity
-- params: $tolerance (1e-9)
-- reads: ownership.owner_id, ownership.owned_id, ownership.equity_share
-- table: ownership
-- column: equity_share
-- severity: error
-- message: the shares held in one entity must add up to at most 1
with

links as (
    select
        _row_no,
        nullif(trim(owner_id), '') as owner_id,
        nullif(trim(owned_id), '') as owned_id,
        try_cast(nullif(trim(equity_share), '') as double) as equity_share
    from raw_ownership
),

valid_links as (
    select
        _row_no,
        owned_id,
        equity_share
    from links
    where owned_id is not null
        and owner_id <> owned_id
        and equity_share > $tolerance
        and equity_share - 1 <= $tolerance
    qualify row_number() over (partition by owner_id, owned_id order by _row_no) = 1
),

totals as (
    select
        owned_id,
        sum(equity_share) as total_share
    from valid_links
    group by owned_id
),

offending as (
    select
        valid_links._row_no,
        '''' || valid_links.owned_id || ''' totals ' || round(totals.total_share, 9) as value
    from valid_links
    inner join totals on totals.owned_id = valid_links.owned_id
    where totals.total_share - 1 > $tolerance
),

final as (
    select * from offending
)

select * from final

-- purpose: ownership rows on a cycle of control links (equity_share > 0.5, tolerance 1e-9):
--   an entity that ends up controlling itself has no ultimate controller; shares above 1
--   break their own rule (range_max) and are left to it
-- grain: one row per ownership row on a cycle; value = the cycle, starting at its lowest row
-- params: $tolerance (1e-9)
-- reads: ownership.owner_id, ownership.owned_id, ownership.equity_share
-- table: ownership
-- column: equity_share
-- severity: error
-- message: control links (equity_share > 0.5) must not form a cycle
with recursive

links as (
    select
        _row_no,
        nullif(trim(owner_id), '') as owner_id,
        nullif(trim(owned_id), '') as owned_id,
        try_cast(nullif(trim(equity_share), '') as double) as equity_share
    from raw_ownership
),

control_links as (
    -- self links are reported by ownership_self_link, not again here
    select
        _row_no,
        owner_id,
        owned_id
    from links
    where equity_share - 0.5 > $tolerance
        and equity_share - 1 <= $tolerance
        and owner_id <> owned_id
),

walks (start_id, node_id, row_nos, node_ids) as (
    select
        owner_id,
        owned_id,
        [_row_no],
        [owner_id, owned_id]
    from control_links
    union all
    select
        walks.start_id,
        control_links.owned_id,
        list_append(walks.row_nos, control_links._row_no),
        list_append(walks.node_ids, control_links.owned_id)
    from walks
    inner join control_links on control_links.owner_id = walks.node_id
    -- a walk stops once it is back at its start; it never re-enters its own middle, so it ends
    where walks.node_id <> walks.start_id
        and not list_contains(list_slice(walks.node_ids, 2, -1), control_links.owned_id)
),

cycles as (
    -- each cycle is walked once from every link on it; keep the walk from its lowest row
    select
        row_nos,
        array_to_string(node_ids, ' → ') as cycle_text
    from walks
    where node_id = start_id and row_nos[1] = list_min(row_nos)
),

offending as (
    select
        unnest(row_nos) as _row_no,
        cycle_text as value
    from cycles
),

final as (
    select * from offending
)

select * from final

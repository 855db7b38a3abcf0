-- purpose: each partner's partner group = its ultimate controller, found by following
--   control links (equity_share > 0.5, tolerance 1e-9) upward until none is left
-- grain: one row per partner
-- params: none
with recursive

controls as (
    select
        owned_id as partner_id,
        owner_id as controller_id
    from ownership
    where equity_share - 0.5 > 1e-9
),

chain (partner_id, controller_id, depth) as (
    select
        partner_id,
        partner_id,
        0
    from partners
    union all
    select
        chain.partner_id,
        controls.controller_id,
        chain.depth + 1
    from chain
    inner join controls on controls.partner_id = chain.controller_id
    -- validation rejects control cycles; the bound only keeps a bad store from looping
    where chain.depth < 1000
),

final as (
    select
        partner_id,
        arg_max(controller_id, depth) as group_id
    from chain
    group by partner_id
)

select * from final
order by partner_id

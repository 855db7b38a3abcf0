-- purpose: each bank's single-group exposure in R02's terms at every month end of the period:
--   Σ bank-funded balance of active co-funded loans (bank_funded_share < 1) with its largest
--   partner group, over tier1_net_capital_cny of the bank's latest bank_financials row on or
--   before the month end, against the limit; headroom = limit − ratio. Largest = that numerator
--   rounded to 0.01 CNY, then group id. The ratio is the bank's whole book, as R02 measures it:
--   product, area, platform and group filters do not apply. The limit is in force from
--   $effective; is_breach only then, when ratio − limit > 1e-9
-- grain: one row per bank × month_end in $start..$end with a non-zero co-funded numerator and
--   a quarter end on or before the month end
-- params: $start, $end, $bank_types, $bank_ids, $effective (date), $limit (ratio)
with

book_month as (
    select bank_id, bank_type, group_id, month_end, cofunded_bank_funded_balance_cny
    from book_month
    where month_end between $start and $end
        and (len($bank_types) = 0 or list_contains($bank_types, bank_type))
        and (len($bank_ids) = 0 or list_contains($bank_ids, bank_id))
),

bank_financials as (
    select bank_id, period_end, tier1_net_capital_cny from bank_financials
),

banks as (
    select bank_id, name, coalesce(name_zh, name) as name_zh from banks
),

partners as (
    select partner_id, name, coalesce(name_zh, name) as name_zh from partners
),

group_exposures as (
    select
        bank_id,
        bank_type,
        group_id,
        month_end,
        sum(cofunded_bank_funded_balance_cny) as cofunded_bank_funded_balance_cny
    from book_month
    group by all
    having sum(cofunded_bank_funded_balance_cny) > 0
),

largest as (
    select
        *,
        count(*) over (partition by bank_id, month_end) as n_groups,
        row_number() over (
            partition by bank_id, month_end
            order by round(cofunded_bank_funded_balance_cny, 2) desc, group_id asc
        ) as rank
    from group_exposures
    qualify rank = 1
),

ratios as (
    select
        largest.bank_id,
        largest.bank_type,
        largest.month_end,
        largest.group_id,
        largest.n_groups,
        largest.cofunded_bank_funded_balance_cny,
        bank_financials.tier1_net_capital_cny,
        largest.cofunded_bank_funded_balance_cny / bank_financials.tier1_net_capital_cny
            as exposure_ratio
    from largest
    -- the latest quarter end on or before the month end, however old; none → no row
    asof inner join bank_financials
        on bank_financials.bank_id = largest.bank_id
        and bank_financials.period_end <= largest.month_end
),

final as (
    select
        ratios.bank_id,
        banks.name as bank_name,
        banks.name_zh as bank_name_zh,
        ratios.bank_type,
        ratios.month_end,
        ratios.group_id as top_group_id,
        coalesce(partners.name, ratios.group_id) as top_group_name,
        coalesce(partners.name_zh, ratios.group_id) as top_group_name_zh,
        ratios.n_groups,
        ratios.cofunded_bank_funded_balance_cny,
        ratios.tier1_net_capital_cny,
        ratios.exposure_ratio,
        cast($limit as double) as limit_value,
        $limit - ratios.exposure_ratio as headroom,
        ratios.month_end >= $effective as is_in_force,
        ratios.month_end >= $effective and ratios.exposure_ratio - $limit > 1e-9 as is_breach
    from ratios
    left join banks on banks.bank_id = ratios.bank_id
    left join partners on partners.partner_id = ratios.group_id
)

select * from final
order by month_end, exposure_ratio desc, bank_id

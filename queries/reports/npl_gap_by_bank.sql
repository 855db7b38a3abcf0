-- purpose: the classification gap of each bank's selected book at the as-of month (the earlier of
--   $end and the latest month end), a supervisory flag for misreported classification: NPL ratio
--   as reported and DPD-implied, the gap (implied − reported, a fraction) and is_flagged when the
--   gap exceeds $gap_threshold (tolerance 1e-9). Filters restrict the book as in
--   asset_quality_by_month.
-- grain: one row per bank with an active balance > 0 in the selected book at the as-of month
-- params: $end, $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas,
--   $gap_threshold
with

month_ends as (
    select month_end from month_ends
),

banks as (
    select bank_id, name, coalesce(name_zh, name) as name_zh from banks
),

as_of as (
    select least($end, max(month_end)) as as_of_month from month_ends
),

selected as (
    select *
    from book_month_selected(
        $bank_types, $bank_ids, $platform_ids, $group_ids, $products, $areas
    )
    where month_end = (select as_of_month from as_of)
),

by_bank as (
    select
        bank_id,
        bank_type,
        sum(balance_cny) as balance_cny,
        sum(npl_reported_balance_cny) as npl_reported_balance_cny,
        sum(npl_dpd_balance_cny) as npl_dpd_balance_cny
    from selected
    group by bank_id, bank_type
    having sum(balance_cny) > 0
),

ratios as (
    select
        *,
        npl_reported_balance_cny / balance_cny as npl_reported_ratio,
        npl_dpd_balance_cny / balance_cny as npl_dpd_ratio,
        (npl_dpd_balance_cny - npl_reported_balance_cny) / balance_cny as npl_gap
    from by_bank
),

final as (
    select
        ratios.bank_id,
        banks.name,
        banks.name_zh,
        ratios.bank_type,
        ratios.balance_cny,
        ratios.npl_reported_balance_cny,
        ratios.npl_dpd_balance_cny,
        ratios.npl_reported_ratio,
        ratios.npl_dpd_ratio,
        ratios.npl_gap,
        ratios.npl_gap - $gap_threshold > 1e-9 as is_flagged
    from ratios
    left join banks on banks.bank_id = ratios.bank_id
)

select * from final
order by npl_gap desc, bank_id

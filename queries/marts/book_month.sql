-- purpose: the book by every dimension of the dashboard's filter context, so page queries are
--   small aggregates: active balances and their asset quality at each month end, and the loans
--   originated in that month with their principal-weighted cost components. Loans originated
--   after the latest month end are ignored; originations count only at month ends of the data.
-- grain: one row per bank × platform × product × borrower_area × is_guaranteed × month_end with
--   at least one active row or an origination in that month; bank_type and group_id ride along.
--   Measures (never NULL): balance_cny, bank_funded_balance_cny,
--   cofunded_bank_funded_balance_cny (bank_funded_share < 1), dpd30_balance_cny (dpd > 30),
--   dpd90_balance_cny (dpd > 90), npl_reported_balance_cny, npl_dpd_balance_cny, loan_count
--   (active rows), originated_cny, originated_count, originated_above_24_cny and
--   originated_above_24_count (comprehensive APR > 0.24), and interest_rate_x_principal_cny,
--   platform_fee_rate_x_principal_cny, enhancement_fee_rate_x_principal_cny,
--   other_fee_rate_x_principal_cny (Σ principal × rate; ÷ originated_cny = weighted mean rate)
-- params: none
with

month_ends as (
    select month_end from month_ends
),

loan_segments as (
    select * from loan_segments
),

segments as (
    select * from segments
),

loan_performance as (
    select loan_id, month_end, balance_cny, dpd, classification
    from loan_performance
    where status = 'active'
),

severities as (
    select
        loan_id,
        month_end,
        balance_cny,
        dpd,
        -- 2023 five-category floor from DPD; severity order normal < … < loss
        case
            when dpd > 360 then 4
            when dpd > 270 then 3
            when dpd > 90 then 2
            when dpd > 0 then 1
            else 0
        end as floor_severity,
        case classification
            when 'normal' then 0
            when 'special_mention' then 1
            when 'substandard' then 2
            when 'doubtful' then 3
            when 'loss' then 4
        end as reported_severity
    from loan_performance
),

balances as (
    select
        loan_segments.segment_id,
        severities.month_end,
        sum(severities.balance_cny) as balance_cny,
        sum(severities.balance_cny * loan_segments.bank_funded_share) as bank_funded_balance_cny,
        sum(
            if(
                1 - loan_segments.bank_funded_share > 1e-9,
                severities.balance_cny * loan_segments.bank_funded_share,
                0
            )
        ) as cofunded_bank_funded_balance_cny,
        sum(if(severities.dpd > 30, severities.balance_cny, 0)) as dpd30_balance_cny,
        sum(if(severities.dpd > 90, severities.balance_cny, 0)) as dpd90_balance_cny,
        -- a missing reported classification falls back to the floor
        sum(
            if(
                coalesce(severities.reported_severity, severities.floor_severity) >= 2,
                severities.balance_cny,
                0
            )
        ) as npl_reported_balance_cny,
        sum(
            if(
                greatest(coalesce(severities.reported_severity, 0), severities.floor_severity) >= 2,
                severities.balance_cny,
                0
            )
        ) as npl_dpd_balance_cny,
        count(*) as loan_count
    from severities
    inner join loan_segments on loan_segments.loan_id = severities.loan_id
    group by loan_segments.segment_id, severities.month_end
),

originations as (
    select
        segment_id,
        origination_month_end as month_end,
        sum(principal_cny) as originated_cny,
        count(*) as originated_count,
        sum(
            if(
                interest_rate + platform_fee_rate + enhancement_fee_rate + other_fee_rate
                - 0.24 > 1e-9,
                principal_cny,
                0
            )
        ) as originated_above_24_cny,
        -- count_if is HUGEINT in DuckDB; counts are BIGINT like count(*)
        cast(
            count_if(
                interest_rate + platform_fee_rate + enhancement_fee_rate + other_fee_rate
                - 0.24 > 1e-9
            ) as bigint
        ) as originated_above_24_count,
        sum(principal_cny * interest_rate) as interest_rate_x_principal_cny,
        sum(principal_cny * platform_fee_rate) as platform_fee_rate_x_principal_cny,
        sum(principal_cny * enhancement_fee_rate) as enhancement_fee_rate_x_principal_cny,
        sum(principal_cny * other_fee_rate) as other_fee_rate_x_principal_cny
    from loan_segments
    where origination_month_end in (select month_end from month_ends)
    group by segment_id, origination_month_end
),

book as (
    select
        segment_id,
        month_end,
        coalesce(balances.balance_cny, 0) as balance_cny,
        coalesce(balances.bank_funded_balance_cny, 0) as bank_funded_balance_cny,
        coalesce(balances.cofunded_bank_funded_balance_cny, 0)
            as cofunded_bank_funded_balance_cny,
        coalesce(balances.dpd30_balance_cny, 0) as dpd30_balance_cny,
        coalesce(balances.dpd90_balance_cny, 0) as dpd90_balance_cny,
        coalesce(balances.npl_reported_balance_cny, 0) as npl_reported_balance_cny,
        coalesce(balances.npl_dpd_balance_cny, 0) as npl_dpd_balance_cny,
        coalesce(balances.loan_count, 0) as loan_count,
        coalesce(originations.originated_cny, 0) as originated_cny,
        coalesce(originations.originated_count, 0) as originated_count,
        coalesce(originations.originated_above_24_cny, 0) as originated_above_24_cny,
        coalesce(originations.originated_above_24_count, 0) as originated_above_24_count,
        coalesce(originations.interest_rate_x_principal_cny, 0) as interest_rate_x_principal_cny,
        coalesce(originations.platform_fee_rate_x_principal_cny, 0)
            as platform_fee_rate_x_principal_cny,
        coalesce(originations.enhancement_fee_rate_x_principal_cny, 0)
            as enhancement_fee_rate_x_principal_cny,
        coalesce(originations.other_fee_rate_x_principal_cny, 0)
            as other_fee_rate_x_principal_cny
    from balances
    full outer join originations using (segment_id, month_end)
),

final as (
    select
        segments.* exclude (segment_id),
        book.* exclude (segment_id)
    from book
    inner join segments on segments.segment_id = book.segment_id
)

select * from final
order by month_end, bank_id, platform_id, product, borrower_area, is_guaranteed

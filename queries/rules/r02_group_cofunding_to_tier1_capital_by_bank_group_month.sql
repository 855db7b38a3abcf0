-- rule_id: R02
-- title: Bank-funded co-funded balance with one partner group ≤ 25 % of tier-1 net capital
-- title_zh: 与单一合作机构（集团）联合出资的贷款余额不超过一级资本净额的25%
-- source: Interim Measures on Internet Loans of Commercial Banks (CBIRC Order 2020 No. 9)
--   and CBIRC notice 银保监办发〔2021〕24号; rectification deadline 2023-06-30
-- effective: 2023-06-30
-- applies_to: month_ends
-- subject: group
-- kind: ratio
-- limit: 0.25 (bank-funded co-funded balance with one partner group / tier-1 net capital)
-- text: The bank's own funds in loans co-funded with one partner and its related parties must
--   not exceed 25 % of its tier-1 net capital, checked at every month end from 2023-06-30.
-- text_zh: 自2023年6月30日起的每个月末，银行与单一合作机构及其关联方联合出资发放的贷款中，本行出资余额不得超过本行一级资本净额的25%。
-- purpose: R02 findings: at month ends from $effective, Σ bank-funded balance (balance_cny ×
--   bank_funded_share) of active co-funded loans whose platform is in the partner group, over
--   tier1_net_capital_cny of the bank's latest bank_financials row on or before the month end;
--   breach when the ratio exceeds $limit (tolerance 1e-9)
-- grain: one row per bank, partner group and month end on or after $effective with a non-zero
--   numerator and a quarter end on or before the month end
-- params: $rule_id, $effective (date), $limit (ratio); all bound from this header
with

source_loans as (
    select * from loans
),

source_performance as (
    select * from loan_performance
),

source_financials as (
    select * from bank_financials
),

source_partner_groups as (
    select * from partner_groups
),

cofunded_balances as (
    select
        source_loans.bank_id,
        coalesce(source_partner_groups.group_id, source_loans.platform_id) as subject_id,
        source_performance.month_end,
        source_performance.balance_cny * source_loans.bank_funded_share as bank_funded_balance_cny
    from source_performance
    inner join source_loans on source_loans.loan_id = source_performance.loan_id
    left join source_partner_groups
        on source_partner_groups.partner_id = source_loans.platform_id
    where
        source_performance.status = 'active'
        and source_performance.month_end >= $effective
        -- co-funded: bank_funded_share < 1, with the house tolerance
        and 1 - source_loans.bank_funded_share > 1e-9
),

numerators as (
    select
        bank_id,
        subject_id,
        month_end,
        sum(bank_funded_balance_cny) as bank_funded_balance_cny
    from cofunded_balances
    group by bank_id, subject_id, month_end
    having sum(bank_funded_balance_cny) > 0
),

ratios as (
    select
        numerators.bank_id,
        numerators.subject_id,
        numerators.month_end,
        numerators.bank_funded_balance_cny / source_financials.tier1_net_capital_cny as ratio
    from numerators
    -- the latest quarter end on or before the month end, however old; none → no row
    asof inner join source_financials
        on source_financials.bank_id = numerators.bank_id
        and source_financials.period_end <= numerators.month_end
),

final as (
    select
        $rule_id as rule_id,
        bank_id,
        subject_id,
        month_end,
        ratio as measured,
        cast($limit as double) as limit_value,
        if(ratio - $limit > 1e-9, 'breach', 'ok') as status
    from ratios
)

select * from final
order by bank_id, subject_id, month_end

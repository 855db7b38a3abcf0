-- rule_id: R03
-- title: All co-funded loans' bank-funded balance ≤ 50 % of total loans
-- title_zh: 全部联合出资贷款中本行出资余额不超过全部贷款余额的50%
-- source: Interim Measures on Internet Loans of Commercial Banks (CBIRC Order 2020 No. 9)
--   and CBIRC notice 银保监办发〔2021〕24号; rectification deadline 2023-06-30
-- effective: 2023-06-30
-- applies_to: month_ends
-- subject: bank
-- kind: ratio
-- limit: 0.50 (bank-funded balance of all co-funded loans / total loans)
-- text: The bank's own funds in all loans co-funded with partners must not exceed 50 % of its
--   total loans, checked at every month end from 2023-06-30.
-- text_zh: 自2023年6月30日起的每个月末，银行与全部合作机构联合出资发放的贷款中，本行出资余额不得超过本行全部贷款余额的50%。
-- purpose: R03 findings: at month ends from $effective, Σ bank-funded balance (balance_cny ×
--   bank_funded_share) of all active co-funded loans of the bank, over total_loans_cny of its
--   latest bank_financials row on or before the month end; breach when the ratio exceeds $limit
--   (tolerance 1e-9); the subject is the bank itself
-- grain: one row per bank and month end on or after $effective with a non-zero numerator and a
--   quarter end on or before the month end
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

cofunded_balances as (
    select
        source_loans.bank_id,
        source_performance.month_end,
        source_performance.balance_cny * source_loans.bank_funded_share as bank_funded_balance_cny
    from source_performance
    inner join source_loans on source_loans.loan_id = source_performance.loan_id
    where
        source_performance.status = 'active'
        and source_performance.month_end >= $effective
        -- co-funded: bank_funded_share < 1, with the house tolerance
        and 1 - source_loans.bank_funded_share > 1e-9
),

numerators as (
    select
        bank_id,
        month_end,
        sum(bank_funded_balance_cny) as bank_funded_balance_cny
    from cofunded_balances
    group by bank_id, month_end
    having sum(bank_funded_balance_cny) > 0
),

ratios as (
    select
        numerators.bank_id,
        numerators.month_end,
        numerators.bank_funded_balance_cny / source_financials.total_loans_cny as ratio
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
        bank_id as subject_id,
        month_end,
        ratio as measured,
        cast($limit as double) as limit_value,
        if(ratio - $limit > 1e-9, 'breach', 'ok') as status
    from ratios
)

select * from final
order by bank_id, subject_id, month_end

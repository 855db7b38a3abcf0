-- rule_id: R09
-- title: Comprehensive APR ≤ 24 %
-- title_zh: 综合融资成本不超过24%
-- source: NFRA notice 金规〔2025〕9号 (2025-04-01), in force 2025-10-01
-- effective: 2025-10-01
-- applies_to: originations
-- subject: platform
-- kind: loan
-- limit: 0.24 (comprehensive APR, annual)
-- text: Every fee counts in the borrower's comprehensive financing cost (interest, platform,
--   enhancement and other fees), which must not exceed 24 % a year for loans originated
--   from 2025-10-01.
-- text_zh: 自2025年10月1日起发放的贷款，利息、平台服务费、增信费及其他费用全部计入借款人综合融资成本，年化不得超过24%。
-- purpose: R09 findings: loans originated from $effective whose comprehensive APR exceeds
--   $limit (tolerance 1e-9), counted by bank, platform and origination month end
-- grain: one row per bank, platform and origination month end with at least one loan
--   originated on or after $effective
-- params: $rule_id, $effective (date), $limit (annual rate); all bound from this header
with

source_loans as (
    select * from loans_originated_in_range($effective)
),

in_scope as (
    select
        bank_id,
        platform_id as subject_id,
        month_end,
        interest_rate
        + platform_fee_rate
        + enhancement_fee_rate
        + other_fee_rate as comprehensive_apr
    from source_loans
),

judged as (
    select
        *,
        comprehensive_apr - $limit > 1e-9 as is_offending
    from in_scope
),

final as (
    select
        $rule_id as rule_id,
        bank_id,
        subject_id,
        month_end,
        cast(count(*) filter (where is_offending) as double) as measured,
        cast(0 as double) as limit_value,
        if(count(*) filter (where is_offending) > 0, 'breach', 'ok') as status
    from judged
    group by bank_id, subject_id, month_end
)

select * from final
order by bank_id, subject_id, month_end

-- rule_id: R01
-- title: Partner funds ≥ 30 % of each co-funded loan
-- title_zh: 联合贷款中合作机构出资比例不低于30%
-- source: CBIRC notice 银保监办发〔2021〕24号 (2021-02-19); applies to new loans from 2022-01-01
-- effective: 2022-01-01
-- applies_to: originations
-- subject: platform
-- kind: loan
-- limit: 0.30 (partner's share of each co-funded loan)
-- text: In a co-funded loan the partner platform must fund at least 30 % of the loan itself,
--   for loans originated from 2022-01-01.
-- text_zh: 自2022年1月1日起发放的联合贷款，合作机构的出资比例不得低于单笔贷款金额的30%。
-- purpose: R01 findings: co-funded loans (bank_funded_share < 1) originated from $effective
--   whose partner share 1 − bank_funded_share is below $limit (tolerance 1e-9), counted by
--   bank, platform and origination month end
-- grain: one row per bank, platform and origination month end with at least one co-funded loan
--   originated on or after $effective
-- params: $rule_id, $effective (date), $limit (partner share); all bound from this header
with

source_loans as (
    select * from loans_originated_in_range($effective)
),

in_scope as (
    select
        bank_id,
        platform_id as subject_id,
        month_end,
        1 - bank_funded_share as partner_share
    from source_loans
    -- co-funded: bank_funded_share < 1, with the house tolerance
    where 1 - bank_funded_share > 1e-9
),

judged as (
    select
        *,
        $limit - partner_share > 1e-9 as is_offending
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

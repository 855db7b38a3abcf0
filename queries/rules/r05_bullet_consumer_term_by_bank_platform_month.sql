-- rule_id: R05
-- title: Bullet consumer loans ≤ 12 months
-- title_zh: 到期一次性还本的个人消费贷款期限不超过1年
-- source: Interim Measures on Internet Loans of Commercial Banks (CBIRC Order 2020 No. 9);
--   end of transition 2022-07-17
-- effective: 2022-07-17
-- applies_to: originations
-- subject: platform
-- kind: loan
-- limit: 12 (term in months of a bullet consumer loan)
-- text: An internet consumer loan repaid in one bullet at maturity must have a term of at most
--   12 months, for loans originated from 2022-07-17.
-- text_zh: 自2022年7月17日起发放的到期一次性还本付息的互联网个人消费贷款，期限不得超过1年。
-- purpose: R05 findings: bullet consumer loans originated from $effective whose term_months
--   exceeds $limit, counted by bank, platform and origination month end
-- grain: one row per bank, platform and origination month end with at least one bullet consumer
--   loan originated on or after $effective
-- params: $rule_id, $effective (date), $limit (months); all bound from this header
with

source_loans as (
    select * from loans_originated_in_range($effective)
),

in_scope as (
    select
        bank_id,
        platform_id as subject_id,
        month_end,
        term_months
    from source_loans
    where product = 'consumer' and repayment = 'bullet'
),

judged as (
    select
        *,
        term_months > $limit as is_offending
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

-- rule_id: R04
-- title: Consumer credit line ≤ ¥200 000
-- title_zh: 个人消费贷款授信额度不超过20万元
-- source: Interim Measures on Internet Loans of Commercial Banks (CBIRC Order 2020 No. 9);
--   end of transition 2022-07-17
-- effective: 2022-07-17
-- applies_to: originations
-- subject: platform
-- kind: loan
-- limit: 200000 (consumer credit line, CNY)
-- text: The credit line granted to one borrower for an internet consumer loan must not exceed
--   ¥200 000, for loans originated from 2022-07-17.
-- text_zh: 自2022年7月17日起发放的互联网个人消费贷款，单户授信额度不得超过人民币20万元。
-- purpose: R04 findings: consumer loans originated from $effective whose credit_line_cny
--   exceeds $limit, counted by bank, platform and origination month end
-- grain: one row per bank, platform and origination month end with at least one consumer loan
--   originated on or after $effective
-- params: $rule_id, $effective (date), $limit (CNY); all bound from this header
with

source_loans as (
    select * from loans_originated_in_range($effective)
),

in_scope as (
    select
        bank_id,
        platform_id as subject_id,
        month_end,
        credit_line_cny
    from source_loans
    where product = 'consumer'
),

judged as (
    select
        *,
        credit_line_cny > $limit as is_offending
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

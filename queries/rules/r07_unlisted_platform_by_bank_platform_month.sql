-- rule_id: R07
-- title: Platform on the bank's published list at origination
-- title_zh: 合作平台须在银行公示的合作机构名单内
-- source: NFRA notice 金规〔2025〕9号 (2025-04-01), in force 2025-10-01
-- effective: 2025-10-01
-- applies_to: originations
-- subject: platform
-- kind: loan
-- limit: none (platform listed on the origination day)
-- text: A bank may originate loans only through platform operators on its head-office-approved
--   published list on the day of origination, for loans originated from 2025-10-01.
-- text_zh: 自2025年10月1日起，银行只能通过经总行审批并公示的名单内平台运营机构发放贷款，放款当日该平台须在名单内。
-- purpose: R07 findings: loans originated from $effective whose platform has no partner_list row
--   (same bank, role platform) with listed_date ≤ origination_date and delisted_date empty or
--   after it, counted by bank, platform and origination month end
-- grain: one row per bank, platform and origination month end with at least one loan originated
--   on or after $effective
-- params: $rule_id, $effective (date); both bound from this header
with

source_loans as (
    select * from loans_originated_in_range($effective)
),

in_scope as (
    select
        bank_id,
        platform_id as subject_id,
        origination_date,
        month_end
    from source_loans
),

judged as (
    select
        *,
        not is_listed_on(bank_id, subject_id, 'platform', origination_date) as is_offending
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

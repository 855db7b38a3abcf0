-- rule_id: R08
-- title: Enhancer licensed and listed
-- title_zh: 增信机构须持牌并在银行公示名单内
-- source: NFRA notice 金规〔2025〕9号 (2025-04-01), in force 2025-10-01
-- effective: 2025-10-01
-- applies_to: originations
-- subject: enhancer
-- kind: loan
-- limit: none (financing-guarantee or credit-insurance license, listed on the origination day)
-- text: Credit enhancement may come only from licensed financing-guarantee companies or credit
--   insurers on the bank's published list on the day of origination, for loans originated
--   from 2025-10-01.
-- text_zh: 自2025年10月1日起发放的贷款，增信服务只能由持牌融资担保机构或信用保险机构提供，且放款当日该机构须在银行公示的合作机构名单内。
-- purpose: R08 findings: loans with an enhancer originated from $effective whose enhancer's
--   license is neither financing_guarantee nor credit_insurance, or that has no partner_list row
--   (same bank, role enhancer) with listed_date ≤ origination_date and delisted_date empty or
--   after it, counted by bank, enhancer and origination month end
-- grain: one row per bank, enhancer and origination month end with at least one loan with that
--   enhancer originated on or after $effective
-- params: $rule_id, $effective (date); both bound from this header
with

source_loans as (
    select * from loans_originated_in_range($effective)
),

source_partners as (
    select * from partners
),

in_scope as (
    select
        source_loans.bank_id,
        source_loans.enhancer_id as subject_id,
        source_loans.origination_date,
        source_loans.month_end,
        -- an enhancer missing from partners counts as unlicensed
        coalesce(
            source_partners.license in ('financing_guarantee', 'credit_insurance'), false
        ) as is_licensed
    from source_loans
    left join source_partners on source_partners.partner_id = source_loans.enhancer_id
    where source_loans.enhancer_id is not null
),

judged as (
    select
        *,
        not is_licensed
        or not is_listed_on(bank_id, subject_id, 'enhancer', origination_date) as is_offending
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

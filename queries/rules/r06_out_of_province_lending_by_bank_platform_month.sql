-- rule_id: R06
-- title: Local banks lend only in their home province
-- title_zh: 地方法人银行不得跨注册地辖区开展互联网贷款
-- source: CBIRC notice 银保监办发〔2021〕24号 (2021-02-19); applies to new loans from 2022-01-01
-- effective: 2022-01-01
-- applies_to: originations
-- subject: platform
-- kind: loan
-- limit: none (borrower province must equal the bank's province)
-- text: City and rural commercial banks that are not online-only banks may lend through
--   platforms only to borrowers in their home province, for loans originated from 2022-01-01.
-- text_zh: 自2022年1月1日起，城市商业银行和农村商业银行（无实体网点的互联网银行除外）通过合作平台发放的贷款，借款人须位于其注册地所在省份。
-- purpose: R06 findings: loans of city and rural commercial banks that are not online-only,
--   originated from $effective, whose borrower_province differs from the bank's province,
--   counted by bank, platform and origination month end
-- grain: one row per bank, platform and origination month end with at least one such bank's loan
--   originated on or after $effective
-- params: $rule_id, $effective (date); both bound from this header
with

source_loans as (
    select * from loans_originated_in_range($effective)
),

source_banks as (
    select * from banks
),

local_banks as (
    select
        bank_id,
        province
    from source_banks
    where
        bank_type in ('city_commercial', 'rural_commercial')
        and not is_online_only
),

in_scope as (
    select
        source_loans.bank_id,
        source_loans.platform_id as subject_id,
        source_loans.month_end,
        source_loans.borrower_province,
        local_banks.province as bank_province
    from source_loans
    inner join local_banks on local_banks.bank_id = source_loans.bank_id
),

judged as (
    select
        *,
        borrower_province is distinct from bank_province as is_offending
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

-- rule_id: R15
-- title: Reported classification not milder than the DPD floor
-- title_zh: 风险分类不得低于逾期天数对应的下限
-- source: Measures for the Risk Classification of Financial Assets of Commercial Banks
--   (CBIRC/PBOC Order 2023 No. 1), in force 2023-07-01
-- effective: 2023-07-01
-- applies_to: month_ends
-- subject: platform
-- kind: loan
-- limit: none (DPD floor: 0 normal, 1–90 special mention, 91–270 substandard,
--   271–360 doubtful, > 360 loss)
-- text: A loan's reported five-category classification must be at least as severe as its days
--   past due imply (1–90 special mention, over 90 substandard, over 270 doubtful, over 360 loss),
--   checked at every month end from 2023-07-31.
-- text_zh: 自2023年7月起的每个月末，银行报送的贷款五级分类不得轻于逾期天数对应的下限（逾期1–90天关注，超过90天次级，超过270天可疑，超过360天损失）。
-- purpose: R15 findings: active loan_performance rows at month ends from $effective with a reported
--   classification less severe than the DPD floor, counted by bank, platform and month end
-- grain: one row per bank, platform and month end on or after $effective with at least one active
--   row with a reported classification
-- params: $rule_id, $effective (date); both bound from this header
with

source_loans as (
    select * from loans
),

source_performance as (
    select * from loan_performance
),

severities (classification, severity) as (
    values
        ('normal', 1),
        ('special_mention', 2),
        ('substandard', 3),
        ('doubtful', 4),
        ('loss', 5)
),

in_scope as (
    select
        source_loans.bank_id,
        source_loans.platform_id as subject_id,
        source_performance.month_end,
        source_performance.classification,
        case
            when source_performance.dpd = 0 then 'normal'
            when source_performance.dpd <= 90 then 'special_mention'
            when source_performance.dpd <= 270 then 'substandard'
            when source_performance.dpd <= 360 then 'doubtful'
            else 'loss'
        end as floor_classification
    from source_performance
    inner join source_loans on source_loans.loan_id = source_performance.loan_id
    where
        source_performance.status = 'active'
        and source_performance.classification is not null
        and source_performance.month_end >= $effective
),

judged as (
    select
        in_scope.*,
        reported_level.severity < floor_level.severity as is_offending
    from in_scope
    inner join severities as reported_level
        on reported_level.classification = in_scope.classification
    inner join severities as floor_level
        on floor_level.classification = in_scope.floor_classification
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

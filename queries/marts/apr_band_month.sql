-- purpose: the distribution of new loans' comprehensive APR (interest + platform fee + enhancement
--   fee + other fee) in whole-percent bands, for the APR chart against the 24 % ceiling. Band k
--   holds APR in ((k − 1) %, k %] with tolerance 1e-9, so exactly 24 % falls in band 24 and any
--   breach of the ceiling in band 25 or above. Originations count at month ends of the data only;
--   loans originated after the latest month end are ignored.
-- grain: one row per bank × platform × product × borrower_area × is_guaranteed × month_end (of
--   origination) × apr_band_pct; bank_type and group_id ride along. Measures: originated_cny,
--   originated_count.
-- params: none
with

month_ends as (
    select month_end from month_ends
),

loan_segments as (
    select * from loan_segments
),

segments as (
    select * from segments
),

bands as (
    select
        segment_id,
        origination_month_end as month_end,
        cast(
            ceil(
                (interest_rate + platform_fee_rate + enhancement_fee_rate + other_fee_rate - 1e-9)
                * 100
            ) as integer
        ) as apr_band_pct,
        sum(principal_cny) as originated_cny,
        count(*) as originated_count
    from loan_segments
    where origination_month_end in (select month_end from month_ends)
    group by all
),

final as (
    select
        segments.* exclude (segment_id),
        bands.* exclude (segment_id)
    from bands
    inner join segments on segments.segment_id = bands.segment_id
)

select * from final
order by month_end, bank_id, platform_id, product, borrower_area, is_guaranteed, apr_band_pct

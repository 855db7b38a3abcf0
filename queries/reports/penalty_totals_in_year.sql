-- purpose: penalty decisions and fines in one calendar year (Overview KPI): decisions with
--   decision_date in year $year; the bank filter applies through penalties.bank_id and the
--   bank-type filter through that bank's type (a decision without a bank then drops out)
-- grain: one row
-- params: $year, $bank_types, $bank_ids
with

banks as (
    select bank_id, bank_type from banks
),

penalties as (
    select
        penalties.penalty_id,
        penalties.fine_cny,
        penalties.individuals_penalised
    from penalties
    left join banks on banks.bank_id = penalties.bank_id
    where year(penalties.decision_date) = $year
        and (len($bank_types) = 0 or list_contains($bank_types, banks.bank_type))
        and (len($bank_ids) = 0 or list_contains($bank_ids, penalties.bank_id))
),

final as (
    select
        count(*) as penalty_count,
        coalesce(sum(fine_cny), 0) as fines_cny,
        coalesce(sum(individuals_penalised), 0) as individuals_penalised
    from penalties
)

select * from final

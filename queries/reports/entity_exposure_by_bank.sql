-- purpose: what each bank would lose if one platform (or partner group) left the market: its
--   active balance with $entity_id at the as-of month (the latest month end of the data on or
--   before $end) and that balance's share of the bank's active balance, within the bank,
--   bank-type, product and area filters
-- grain: one row per bank with active balance > 0 with $entity_id at the as-of month
-- params: $level ('platform' | 'group'), $entity_id, $end, $bank_types, $bank_ids, $products,
--   $areas
with

as_of as (
    select max(month_end) as month_end
    from month_ends
    where month_end <= $end
),

book_month as (
    select bank_id, bank_type, platform_id, group_id, month_end, balance_cny
    from book_month_in_universe($bank_types, $bank_ids, $products, $areas)
    where month_end = (select month_end from as_of)
),

banks as (
    select bank_id, name, coalesce(name_zh, name) as name_zh from banks
),

bank_books as (
    select
        bank_id,
        bank_type,
        month_end,
        sum(balance_cny) as balance_cny,
        sum(
            if(if($level = 'group', group_id, platform_id) = $entity_id, balance_cny, 0)
        ) as entity_balance_cny
    from book_month
    group by all
),

final as (
    select
        bank_books.bank_id,
        banks.name as bank_name,
        banks.name_zh as bank_name_zh,
        bank_books.bank_type,
        bank_books.month_end,
        bank_books.balance_cny,
        bank_books.entity_balance_cny,
        bank_books.entity_balance_cny / bank_books.balance_cny as entity_share
    from bank_books
    left join banks on banks.bank_id = bank_books.bank_id
    where bank_books.entity_balance_cny > 0
)

select * from final
order by entity_share desc, bank_id

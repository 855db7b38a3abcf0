-- purpose: platforms (or partner groups) entering and exiting the filtered universe per
--   quarter, and how many are active (DOMAIN.md, Entry / exit): entry at an entity's first
--   month end with active balance > 0 in the universe; exit at the month end after its last
--   one, only when that last one is before the latest month end of the data. First and last
--   months look at the whole history, so an entity active before $start is no entry in it.
--   n_active counts entities active at the quarter's last month end in the period.
--   An entity already active at the first month end of the data has no known entry date:
--   entries counts it (DOMAIN.md, literally), entries_at_data_start counts only those, and
--   new_entries / new_entry_names(_zh) leave them out, for charts of market entries.
-- grain: one row per calendar quarter with a month end of the data in $start..$end;
--   quarter_end is the quarter's last calendar day
-- params: $level ('platform' | 'group'), $start, $end, $bank_types, $bank_ids, $products,
--   $areas
with

month_ends as (
    select
        month_end,
        lead(month_end) over (order by month_end) as next_month_end,
        min(month_end) over () as first_month_end,
        max(month_end) over () as latest_month_end
    from month_ends
),

book_month as (
    select platform_id, group_id, month_end, balance_cny
    from book_month_in_universe($bank_types, $bank_ids, $products, $areas)
),

partners as (
    select partner_id, name, coalesce(name_zh, name) as name_zh from partners
),

active_months as (
    select
        if($level = 'group', group_id, platform_id) as entity_id,
        month_end
    from book_month
    group by all
    having sum(balance_cny) > 0
),

spans as (
    select
        entity_id,
        min(month_end) as first_month_end,
        max(month_end) as last_month_end
    from active_months
    group by entity_id
),

events as (
    select
        spans.entity_id,
        'entry' as event,
        spans.first_month_end as month_end,
        spans.first_month_end = month_ends.first_month_end as is_data_start
    from spans
    inner join month_ends on month_ends.month_end = spans.first_month_end
    union all
    select
        spans.entity_id,
        'exit' as event,
        month_ends.next_month_end as month_end,
        false as is_data_start
    from spans
    inner join month_ends on month_ends.month_end = spans.last_month_end
    where spans.last_month_end < month_ends.latest_month_end
),

period_months as (
    select
        month_end,
        last_day(date_trunc('quarter', month_end) + interval 2 month) as quarter_end
    from month_ends
    where month_end between $start and $end
),

quarter_events as (
    select
        period_months.quarter_end,
        cast(count_if(events.event = 'entry') as bigint) as entries,
        cast(count_if(events.event = 'exit') as bigint) as exits,
        cast(count_if(events.event = 'entry' and events.is_data_start) as bigint)
            as entries_at_data_start,
        string_agg(coalesce(partners.name, events.entity_id), ', ' order by events.entity_id)
            filter (where events.event = 'entry') as entry_names,
        string_agg(coalesce(partners.name_zh, events.entity_id), '、' order by events.entity_id)
            filter (where events.event = 'entry') as entry_names_zh,
        string_agg(coalesce(partners.name, events.entity_id), ', ' order by events.entity_id)
            filter (where events.event = 'entry' and not events.is_data_start)
            as new_entry_names,
        string_agg(coalesce(partners.name_zh, events.entity_id), '、' order by events.entity_id)
            filter (where events.event = 'entry' and not events.is_data_start)
            as new_entry_names_zh,
        string_agg(coalesce(partners.name, events.entity_id), ', ' order by events.entity_id)
            filter (where events.event = 'exit') as exit_names,
        string_agg(coalesce(partners.name_zh, events.entity_id), '、' order by events.entity_id)
            filter (where events.event = 'exit') as exit_names_zh
    from events
    inner join period_months on period_months.month_end = events.month_end
    left join partners on partners.partner_id = events.entity_id
    group by period_months.quarter_end
),

quarter_last_months as (
    select
        quarter_end,
        max(month_end) as month_end
    from period_months
    group by quarter_end
),

quarter_active as (
    select
        quarter_last_months.quarter_end,
        quarter_last_months.month_end,
        count(active_months.entity_id) as n_active
    from quarter_last_months
    left join active_months on active_months.month_end = quarter_last_months.month_end
    group by quarter_last_months.quarter_end, quarter_last_months.month_end
),

final as (
    select
        quarter_active.quarter_end,
        quarter_active.month_end,
        quarter_active.n_active,
        coalesce(quarter_events.entries, 0) as entries,
        coalesce(quarter_events.exits, 0) as exits,
        coalesce(quarter_events.entries_at_data_start, 0) as entries_at_data_start,
        coalesce(quarter_events.entries, 0) - coalesce(quarter_events.entries_at_data_start, 0)
            as new_entries,
        coalesce(quarter_events.entry_names, '') as entry_names,
        coalesce(quarter_events.entry_names_zh, '') as entry_names_zh,
        coalesce(quarter_events.exit_names, '') as exit_names,
        coalesce(quarter_events.exit_names_zh, '') as exit_names_zh,
        coalesce(quarter_events.new_entry_names, '') as new_entry_names,
        coalesce(quarter_events.new_entry_names_zh, '') as new_entry_names_zh
    from quarter_active
    left join quarter_events on quarter_events.quarter_end = quarter_active.quarter_end
)

select * from final
order by quarter_end

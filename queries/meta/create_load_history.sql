-- purpose: the load_history table of the store (one row per successful load)
-- grain: one row per load
-- params: none
create table if not exists load_history (
    load_id integer not null,
    loaded_at timestamp not null,
    kind varchar not null,
    source varchar not null,
    as_of_month date,
    store_version varchar not null,
    duration_s double not null,
    row_counts_json varchar not null,
    derived_counts_json varchar not null,
    validation_json varchar not null
)

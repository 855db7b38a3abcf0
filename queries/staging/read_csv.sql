-- purpose: read one dataset CSV file as text columns, exactly as written (validation types it);
--   the columns come from the file's header line, so a row with a different number of fields is
--   reported with its line number instead of being guessed around
-- grain: one row per data row of the file, in file order; _row_no 1 = first data row
-- params: $path (file path), $columns (struct of column name → 'VARCHAR', from the header line)
select
    row_number() over () as _row_no,
    *
from read_csv(
    $path,
    header = true,
    delim = ',',
    quote = '"',
    escape = '"',
    skip = 0,
    auto_detect = false,
    strict_mode = true,
    null_padding = false,
    columns = $columns
)

-- purpose: read one dataset CSV file as text columns, exactly as written (validation types it)
-- grain: one row per data row of the file, in file order; _row_no 1 = first data row
-- params: $path (file path)
select
    row_number() over () as _row_no,
    *
from read_csv($path, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"')

-- purpose: read one dataset Parquet file with every column as text, so CSV and Parquet are validated alike
-- grain: one row per row of the file, in file order; _row_no 1 = first row
-- params: $path (file path)
select
    row_number() over () as _row_no,
    columns(*)::varchar
from read_parquet($path)

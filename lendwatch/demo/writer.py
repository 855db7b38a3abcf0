"""Write arrow tables as contract files: CSV (unquoted, fixed money format) or Parquet, in the
contract's column order, byte-identical for identical input."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from lendwatch.contract import table as contract_table

FileFormat = Literal["csv", "parquet"]
MONEY_CSV = pa.decimal128(20, 2)  # CSV prints money as 1234.50, never in exponent notation


def ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    """Identifiers like L00000123: `prefix` + each number zero-padded to `width` digits."""
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(pa.scalar(prefix), digits, "")


def labels(names: tuple[str, ...] | np.ndarray, codes: np.ndarray) -> pa.Array:
    """Text column from integer codes into `names`; a negative code is an empty (null) value."""
    indices = pa.array(codes.astype(np.int64), mask=codes < 0)
    return pa.array(list(names), pa.string()).take(indices)


def days(values: np.ndarray) -> pa.Array:
    """Date column from datetime64[D] values (NaT is empty)."""
    return pa.array(values.astype("datetime64[D]"), pa.date32())


def _ordered(name: str, columns: dict[str, pa.Array]) -> pa.Table:
    expected = [c.name for c in contract_table(name).columns]
    if sorted(columns) != sorted(expected):
        raise ValueError(f"{name}: columns {sorted(columns)} differ from the contract {expected}")
    return pa.table({column: columns[column] for column in expected})


def _for_csv(table: pa.Table) -> pa.Table:
    arrays = [
        pc.cast(column, MONEY_CSV, safe=False) if name.endswith("_cny") else column
        for name, column in zip(table.column_names, table.columns, strict=True)
    ]
    return pa.table(arrays, names=table.column_names)


def write_table(
    folder: Path, name: str, columns: dict[str, pa.Array], file_format: FileFormat
) -> int:
    """Write one contract table as `<name>.<format>` in `folder`; the number of rows."""
    table = _ordered(name, columns)
    stale = folder / f"{name}.{'parquet' if file_format == 'csv' else 'csv'}"
    # A folder holding both formats of a table is ambiguous to ingest; this run's file wins.
    stale.unlink(missing_ok=True)
    path = folder / f"{name}.{file_format}"
    if file_format == "csv":
        with path.open("wb") as handle:
            handle.write((",".join(table.column_names) + "\n").encode("utf-8"))
            options = pacsv.WriteOptions(include_header=False, quoting_style="none")
            pacsv.write_csv(_for_csv(table), handle, options)
    else:
        pq.write_table(table, path, compression="zstd", compression_level=3, store_schema=False)
    return table.num_rows

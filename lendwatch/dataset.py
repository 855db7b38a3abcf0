"""A dataset folder on disk: find its files, read them as text tables, stage typed tables."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lendwatch import db
from lendwatch.contract import TABLES, Table

FileFormat = Literal["csv", "parquet"]

_FORMAT_HINTS: dict[str, str] = {
    "csv": "Check that it is a UTF-8, comma-separated file with a header row and the same "
    "number of fields on every line.",
    "parquet": "Check that it is a valid Parquet file (e.g. written by pandas or pyarrow), "
    "not a CSV or other file renamed to .parquet.",
}
# DuckDB appends the failing statement to its message ("LINE 7: from read_parquet($path)"
# and a caret line); users never wrote that SQL, so it is cut.
_SQL_CONTEXT = re.compile(r"^LINE \d+:")


class DatasetUnreadable(Exception):
    """The folder or one of its files cannot be read at all (exit code 2)."""


@dataclass(frozen=True)
class DatasetFile:
    """One table's file in the dataset folder."""

    table: str
    path: Path
    format: FileFormat

    @property
    def label(self) -> str:
        """The file name as users see it in messages (`loans.csv`)."""
        return self.path.name


def find_files(folder: Path) -> dict[str, DatasetFile]:
    """The contract tables present in `folder`, by table name; refuses ambiguous folders."""
    if not folder.exists():
        raise DatasetUnreadable(f"{folder}: no such folder. Give the path of a dataset folder.")
    if not folder.is_dir():
        raise DatasetUnreadable(f"{folder}: not a folder. Give the folder holding the table files.")
    found: dict[str, DatasetFile] = {}
    for spec in TABLES:
        candidates = [
            DatasetFile(spec.name, folder / f"{spec.name}.{fmt}", fmt)
            for fmt in ("csv", "parquet")
            if (folder / f"{spec.name}.{fmt}").is_file()
        ]
        if len(candidates) > 1:
            raise DatasetUnreadable(
                f"{folder}: both {spec.name}.csv and {spec.name}.parquet exist; keep only one."
            )
        if candidates:
            found[spec.name] = candidates[0]
    return found


def raw_table(name: str) -> str:
    """Name of the text-typed table holding the file's rows as read."""
    return f"raw_{name}"


def csv_header(file: DatasetFile) -> list[str]:
    """The column names on a CSV file's header line; DatasetUnreadable if there is none."""
    try:
        with file.path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError as exc:
        raise DatasetUnreadable(f"{file.label}: not UTF-8 text; save it as UTF-8 CSV.") from exc
    except csv.Error as exc:
        raise DatasetUnreadable(f"{file.label}: header line cannot be read ({exc}).") from exc
    names = [name.strip() for name in header or []]
    if not names or not any(names):
        raise DatasetUnreadable(f"{file.label}: empty file; the first line must name the columns.")
    blank = [i + 1 for i, name in enumerate(names) if not name]
    if blank:
        raise DatasetUnreadable(
            f"{file.label}: header field {blank[0]} is empty; name every column."
        )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise DatasetUnreadable(
            f"{file.label}: column {repeated[0]!r} appears twice in the header."
        )
    return names


def load_raw(con: db.Connection, file: DatasetFile, spec: Table) -> list[str]:
    """Read `file` into `raw_<table>` (all text, `_row_no` from 1); returns its column names.

    Optional columns absent from the file are added empty, so checks and staging see every
    contract column. Missing required columns are left for validation to report.
    """
    if file.format == "csv":
        query = "staging/read_csv"
        params = {"path": str(file.path), "columns": dict.fromkeys(csv_header(file), "VARCHAR")}
    else:
        query, params = "staging/read_parquet", {"path": str(file.path)}
    try:
        db.materialize(con, raw_table(spec.name), query, params)
    except db.Error as exc:
        raise DatasetUnreadable(
            f"{file.label}: cannot be read as {file.format.upper()} ({_reason(exc)}). "
            f"{_FORMAT_HINTS[file.format]}"
        ) from exc
    present = [c for c in db.columns(con, raw_table(spec.name)) if c != "_row_no"]
    for column in spec.columns:
        if column.optional and column.name not in present:
            db.add_text_column(con, raw_table(spec.name), column.name)
    return present


def _reason(exc: Exception) -> str:
    """DuckDB's reason for refusing a file, without its error class or SQL context."""
    lines = []
    for line in (line.strip() for line in str(exc).strip().splitlines()):
        if _SQL_CONTEXT.match(line):
            break
        if line:
            lines.append(line)
    return "; ".join(lines[:3]).removeprefix("Invalid Input Error: ") or type(exc).__name__


def stage(con: db.Connection, spec: Table) -> int:
    """Build the typed contract table `spec.name` from its validated raw rows; row count."""
    return db.materialize(con, spec.name, f"staging/{spec.name}")


def create_empty_raw(con: db.Connection, spec: Table) -> None:
    """An empty `raw_<table>` for an optional table absent from the folder."""
    db.create_text_table(con, raw_table(spec.name), [c.name for c in spec.columns])


def read_folder(con: db.Connection, folder: Path) -> dict[str, DatasetFile]:
    """Read every contract table file of `folder` into `raw_<table>`; absent tables get an
    empty raw table. Returns the files found, by table name."""
    files = find_files(folder)
    for spec in TABLES:
        if spec.name in files:
            load_raw(con, files[spec.name], spec)
        else:
            create_empty_raw(con, spec)
    return files


def stage_all(con: db.Connection) -> dict[str, int]:
    """Typed contract tables from the raw ones, then drop the raw ones; row counts by table."""
    counts = {spec.name: stage(con, spec) for spec in TABLES}
    for spec in TABLES:
        db.drop_table(con, raw_table(spec.name))
    return counts

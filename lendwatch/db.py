"""The one module that talks to DuckDB: load `queries/*.sql`, run them with bound values.

Everything else holds a connection object from here and passes it back in; no other module
imports duckdb. Values are always bound (`$name`); the only text put into SQL is an identifier
that passed `quote_ident` (table and column names from the data contract, an allow-list).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

Connection = duckdb.DuckDBPyConnection
Error = duckdb.Error

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")
_PARAM = re.compile(r"(?<![$\w])\$([a-z_][a-z0-9_]*)")


def queries_root() -> Path:
    """The folder holding the SQL files: inside the installed package, or the source tree's."""
    packaged = Path(__file__).resolve().parent / "queries"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "queries"


def quote_ident(name: str) -> str:
    """`name` as a quoted SQL identifier; refuses anything but a lower-case snake_case word."""
    if not _IDENT.match(name):
        raise ValueError(f"Refusing {name!r} as an SQL identifier (expected snake_case).")
    return f'"{name}"'


@dataclass(frozen=True)
class Query:
    """One `.sql` file: its name (path under queries/ without .sql), header and statement."""

    name: str
    header: dict[str, str]
    sql: str

    @property
    def params(self) -> tuple[str, ...]:
        """Bound parameter names used in the statement, in order of first use."""
        return tuple(dict.fromkeys(_PARAM.findall(_strip_comments(self.sql))))

    @property
    def identifiers(self) -> tuple[str, ...]:
        """`{{placeholder}}` identifiers the statement needs filled in."""
        return tuple(dict.fromkeys(_PLACEHOLDER.findall(self.sql)))


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


def _parse_header(text: str) -> dict[str, str]:
    """Leading `-- key: value` lines (continuation lines start with `--   `)."""
    header: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        body = line[2:]
        match = re.match(r"^\s?([a-z_]+):\s*(.*)$", body)
        if match:
            last = match.group(1)
            header[last] = match.group(2).strip()
        elif last and body.strip():
            header[last] = f"{header[last]} {body.strip()}"
    return header


@cache
def load_query(name: str) -> Query:
    """The query `queries/<name>.sql` (e.g. `marts/platform_month`), parsed once per process."""
    path = queries_root() / f"{name}.sql"
    if not path.is_file():
        raise FileNotFoundError(f"No SQL file queries/{name}.sql")
    text = path.read_text(encoding="utf-8")
    return Query(name=name, header=_parse_header(text), sql=text.strip().rstrip(";"))


def list_queries(layer: str) -> list[str]:
    """Names of the SQL files in one layer folder (`checks`, `marts`, …), sorted."""
    folder = queries_root() / layer
    return sorted(f"{layer}/{p.stem}" for p in folder.glob("*.sql"))


def render(name: str, identifiers: Mapping[str, str] | None = None) -> str:
    """The statement of `name` with `{{placeholders}}` replaced by quoted identifiers."""
    query = load_query(name)
    idents = dict(identifiers or {})
    missing = [i for i in query.identifiers if i not in idents]
    if missing:
        raise ValueError(f"queries/{name}.sql needs identifiers {missing}")

    def fill(match: re.Match[str]) -> str:
        return quote_ident(idents[match.group(1)])

    return _PLACEHOLDER.sub(fill, query.sql)


def _bind(name: str, params: Mapping[str, Any] | None) -> dict[str, Any]:
    wanted = load_query(name).params
    given = dict(params or {})
    missing = [p for p in wanted if p not in given]
    if missing:
        raise ValueError(f"queries/{name}.sql needs parameters {missing}")
    return {p: given[p] for p in wanted}


def connect(path: str | Path | None = None, *, read_only: bool = False) -> Connection:
    """A DuckDB connection: to the file at `path`, or in memory when `path` is None."""
    if path is None:
        return duckdb.connect(":memory:")
    return duckdb.connect(str(path), read_only=read_only)


def run(
    con: Connection,
    name: str,
    params: Mapping[str, Any] | None = None,
    identifiers: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Run the query `name` on a fresh cursor with bound `params`; the result as a DataFrame."""
    sql = render(name, identifiers)
    cursor = con.cursor()
    try:
        return cursor.execute(sql, _bind(name, params)).df()
    finally:
        cursor.close()


def materialize(
    con: Connection,
    table: str,
    name: str,
    params: Mapping[str, Any] | None = None,
    identifiers: Mapping[str, str] | None = None,
) -> int:
    """Create (or replace) table `table` from the query `name`; returns its row count."""
    sql = render(name, identifiers)
    cursor = con.cursor()
    try:
        cursor.execute(
            f"create or replace table {quote_ident(table)} as {sql}", _bind(name, params)
        )
        return cursor.execute(f"select count(*) from {quote_ident(table)}").fetchone()[0]
    finally:
        cursor.close()


def execute(
    con: Connection,
    name: str,
    params: Mapping[str, Any] | None = None,
    identifiers: Mapping[str, str] | None = None,
) -> None:
    """Run the statement `name` (DDL or DML) for its effect, on a fresh cursor."""
    sql = render(name, identifiers)
    cursor = con.cursor()
    try:
        cursor.execute(sql, _bind(name, params))
    finally:
        cursor.close()


def _catalog(con: Connection, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
    cursor = con.cursor()
    try:
        return [row[0] for row in cursor.execute(sql, dict(params or {})).fetchall()]
    finally:
        cursor.close()


def tables(con: Connection) -> list[str]:
    """Names of the base tables and views in the main schema, sorted."""
    return _catalog(
        con,
        "select table_name from information_schema.tables "
        "where table_schema = 'main' order by table_name",
    )


def columns(con: Connection, table: str) -> list[str]:
    """Column names of `table`, in order."""
    return _catalog(
        con,
        "select column_name from information_schema.columns "
        "where table_schema = 'main' and table_name = $t order by ordinal_position",
        {"t": table},
    )


def row_count(con: Connection, table: str) -> int:
    """Number of rows in `table`."""
    return _catalog(con, f"select count(*) from {quote_ident(table)}")[0]


def drop_table(con: Connection, table: str) -> None:
    """Drop `table` if it exists."""
    cursor = con.cursor()
    try:
        cursor.execute(f"drop table if exists {quote_ident(table)}")
    finally:
        cursor.close()


def insert_frame(con: Connection, table: str, frame: pd.DataFrame) -> None:
    """Append a DataFrame's rows to `table` (columns matched by name)."""
    cursor = con.cursor()
    try:
        cursor.register("_frame", frame)
        cols = ", ".join(quote_ident(c) for c in frame.columns)
        cursor.execute(f"insert into {quote_ident(table)} ({cols}) select {cols} from _frame")
        cursor.unregister("_frame")
    finally:
        cursor.close()


def add_text_column(con: Connection, table: str, column: str) -> None:
    """Add an empty text column `column` to `table`."""
    cursor = con.cursor()
    try:
        cursor.execute(f"alter table {quote_ident(table)} add column {quote_ident(column)} varchar")
    finally:
        cursor.close()


def create_text_table(con: Connection, table: str, column_names: list[str]) -> None:
    """Create an empty table with `_row_no` and the given text columns."""
    cols = ", ".join(f"{quote_ident(c)} varchar" for c in column_names)
    cursor = con.cursor()
    try:
        cursor.execute(f"create or replace table {quote_ident(table)} (_row_no bigint, {cols})")
    finally:
        cursor.close()


def summarize(
    con: Connection,
    name: str,
    params: Mapping[str, Any] | None = None,
    identifiers: Mapping[str, str] | None = None,
    limit: int = 5,
) -> tuple[int, pd.DataFrame]:
    """How many rows the query `name` returns, and its first `limit` rows by `_row_no`.

    One pass inside DuckDB (count plus a top-`limit` aggregate), so a check that finds ten
    million offending rows costs a count, not a transfer into pandas.
    """
    sql = render(name, identifiers)
    bound = {**_bind(name, params), "summary_limit": limit}
    cursor = con.cursor()
    try:
        total, first = cursor.execute(
            "select count(*), min_by(check_rows, check_rows._row_no, $summary_limit) "
            f"from ({sql}) as check_rows",
            bound,
        ).fetchone()
    finally:
        cursor.close()
    frame = pd.DataFrame(first or [])
    if not frame.empty:
        frame = frame.sort_values("_row_no", ignore_index=True)
    return total, frame

"""Helpers for the mart tests: build the marts over a small written dataset, read them back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lendwatch import build, db
from tests.support import staged, write_dataset


def built(folder: Path, tables: dict[str, list[dict[str, Any]]]) -> db.Connection:
    """An in-memory store with `tables` staged and every mart of `build.MARTS` built."""
    con = staged(write_dataset(folder, tables))
    build.build_marts(con)
    return con


def records(con: db.Connection, table: str) -> list[dict[str, Any]]:
    """Every row of `table` as a dict, dates as ISO text, in the table's stored order."""
    relation = con.cursor().table(table)
    names = relation.columns
    return [
        {
            name: value.isoformat() if isinstance(value, dt.date) else value
            for name, value in zip(names, row, strict=True)
        }
        for row in relation.fetchall()
    ]


def _settled(value: Any) -> Any:
    # Sums of binary floats carry noise in the last digits; a micro-yuan is far below the
    # 0.01 CNY to which money reconciles.
    return round(value, 6) if isinstance(value, float) else value


def pick(rows: list[dict[str, Any]], *columns: str) -> list[tuple[Any, ...]]:
    """The given columns of each row as tuples (floats to 6 decimals), sorted."""
    return sorted(tuple(_settled(row[c]) for c in columns) for row in rows)

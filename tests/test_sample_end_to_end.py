"""The public sample, ingested into a store, reproduces every expected derived table."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pandas as pd
import pytest

from lendwatch import build, db
from lendwatch.ingest import ingest
from lendwatch.store import Store
from tests.support import SAMPLE

EXPECTED = SAMPLE / "expected"

# Keys of each public derived table (DATA_CONTRACT.md, Derived tables).
KEYS: dict[str, tuple[str, ...]] = {
    "partner_groups": ("partner_id",),
    "platform_month": ("platform_id", "month_end"),
    "concentration_month": ("month_end", "level"),
    "asset_quality_month": ("bank_id", "platform_id", "month_end"),
    "vintage_curve": ("bank_id", "platform_id", "cohort_month", "mob"),
    "compliance_findings": ("rule_id", "bank_id", "subject_id", "month_end"),
}
RATIOS = {"hhi", "cr1", "cr3", "cr5", "measured", "limit_value"}
MONEY_TOLERANCE_CNY = 0.01
RATIO_TOLERANCE = 1e-9


@pytest.fixture(scope="module")
def built_sample(tmp_path_factory) -> Iterator[db.Connection]:
    """The published store after ingesting the sample (validated, staged, built), read-only as
    any SQL client would open it."""
    store = Store(tmp_path_factory.mktemp("sample_store") / "lendwatch.duckdb")
    ingest(SAMPLE / "dataset", store)
    con = db.connect(store.path, read_only=True)
    yield con
    con.close()


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as text (dates ISO), so keys compare alike from CSV and from DuckDB."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
        out[column] = out[column].astype(str)
    return out


def _same_value(column: str, got: str, want: str) -> bool:
    if column.endswith("_cny"):
        return abs(float(got) - float(want)) <= MONEY_TOLERANCE_CNY
    if column in RATIOS:
        return math.isclose(float(got), float(want), rel_tol=RATIO_TOLERANCE, abs_tol=1e-12)
    # Ids, dates, statuses and counts compare as written, so a count read back as a float
    # ("2.0" where the file says "2") is a difference.
    return got == want


def differences(con: db.Connection, table: str) -> list[str]:
    """What differs between the built `table` and the expected CSV: missing or extra keys and
    values outside tolerance (money 0.01 CNY, ratios 1e-9 relative), one line each."""
    keys = list(KEYS[table])
    want = _as_text(pd.read_csv(EXPECTED / f"{table}.csv", dtype=str, keep_default_na=False))
    got_frame = con.cursor().table(table).df()
    got = _as_text(got_frame[list(want.columns)])
    merged = want.merge(got, on=keys, how="outer", suffixes=("_want", "_got"), indicator=True)
    problems = [
        f"{table} {row[keys].to_dict()}: {'missing' if row['_merge'] == 'left_only' else 'extra'}"
        for _, row in merged[merged["_merge"] != "both"].iterrows()
    ]
    for _, row in merged[merged["_merge"] == "both"].iterrows():
        for column in want.columns.difference(keys):
            got_value, want_value = row[f"{column}_got"], row[f"{column}_want"]
            if not _same_value(column, got_value, want_value):
                problems.append(
                    f"{table} {row[keys].to_dict()}: {column} {got_value} != {want_value}"
                )
    return problems


@pytest.mark.parametrize("table", build.DERIVED_TABLES)
def test_sample_derived_table_matches_expected_file(built_sample, table):
    assert differences(built_sample, table) == []


def balance_by_month(con: db.Connection, table: str) -> pd.Series:
    """Σ balance_cny of `table` by month end, over every month end of the data (0 if none)."""
    months = con.cursor().table("month_ends").df()["month_end"]
    sums = con.cursor().table(table).df().groupby("month_end")["balance_cny"].sum()
    return sums.reindex(months, fill_value=0.0)


def test_sample_balances_reconcile_across_marts(built_sample):
    performance = built_sample.cursor().table("loan_performance").df()
    active = performance[performance["status"] == "active"]
    source = active.groupby("month_end")["balance_cny"].sum()
    platform = balance_by_month(built_sample, "platform_month")
    assert len(platform) == 45
    gap = (platform - source.reindex(platform.index, fill_value=0.0)).abs().max()
    assert gap <= MONEY_TOLERANCE_CNY
    for table in ("asset_quality_month", "book_month"):
        gap = (balance_by_month(built_sample, table) - platform).abs().max()
        assert gap <= MONEY_TOLERANCE_CNY, table

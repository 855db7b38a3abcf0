"""The public derived tables' columns and SQL types, as a BI tool reading the store sees them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lendwatch import build, db
from lendwatch.ingest import ingest
from lendwatch.store import Store
from tests.support import SAMPLE

# DATA_CONTRACT.md, Derived tables, with one type per kind of value: ids and enums VARCHAR,
# dates DATE, counts (loans, banks, active entities, mob) BIGINT, money and ratios DOUBLE.
# Exact and in order: a new, renamed, retyped (e.g. a HUGEINT sum of counts, read by pandas as
# float) or reordered column fails here first.
PUBLIC_TYPES: dict[str, list[tuple[str, str]]] = {
    "partner_groups": [("partner_id", "VARCHAR"), ("group_id", "VARCHAR")],
    "platform_month": [
        ("platform_id", "VARCHAR"),
        ("group_id", "VARCHAR"),
        ("month_end", "DATE"),
        ("balance_cny", "DOUBLE"),
        ("bank_funded_balance_cny", "DOUBLE"),
        ("originated_cny", "DOUBLE"),
        ("loan_count", "BIGINT"),
        ("bank_count", "BIGINT"),
    ],
    "concentration_month": [
        ("month_end", "DATE"),
        ("level", "VARCHAR"),
        ("n_active", "BIGINT"),
        ("hhi", "DOUBLE"),
        ("cr1", "DOUBLE"),
        ("cr3", "DOUBLE"),
        ("cr5", "DOUBLE"),
        ("top_id", "VARCHAR"),
    ],
    "asset_quality_month": [
        ("bank_id", "VARCHAR"),
        ("platform_id", "VARCHAR"),
        ("month_end", "DATE"),
        ("balance_cny", "DOUBLE"),
        ("dpd30_balance_cny", "DOUBLE"),
        ("dpd90_balance_cny", "DOUBLE"),
        ("npl_reported_balance_cny", "DOUBLE"),
        ("npl_dpd_balance_cny", "DOUBLE"),
    ],
    "vintage_curve": [
        ("bank_id", "VARCHAR"),
        ("platform_id", "VARCHAR"),
        ("cohort_month", "DATE"),
        ("mob", "BIGINT"),
        ("originated_cny", "DOUBLE"),
        ("ever90_cny", "DOUBLE"),
    ],
    "compliance_findings": [
        ("rule_id", "VARCHAR"),
        ("bank_id", "VARCHAR"),
        ("subject_id", "VARCHAR"),
        ("month_end", "DATE"),
        ("measured", "DOUBLE"),
        ("limit_value", "DOUBLE"),
        ("status", "VARCHAR"),
    ],
}
COUNT_COLUMNS = ("loan_count", "bank_count", "n_active", "mob")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Iterator[db.Connection]:
    """The sample ingested into a store, opened read-only like any SQL client would."""
    store = Store(tmp_path_factory.mktemp("types_store") / "lendwatch.duckdb")
    ingest(SAMPLE / "dataset", store)
    con = db.connect(store.path, read_only=True)
    yield con
    con.close()


def column_types(con: db.Connection, table: str) -> list[tuple[str, str]]:
    """(column_name, data_type) of `table` from information_schema, in column order."""
    return con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_name = $table order by ordinal_position",
        {"table": table},
    ).fetchall()


def test_every_public_table_is_pinned():
    assert list(PUBLIC_TYPES) == list(build.DERIVED_TABLES)


@pytest.mark.parametrize("table", build.DERIVED_TABLES)
def test_public_table_has_its_pinned_columns_and_types(published, table):
    assert column_types(published, table) == PUBLIC_TYPES[table]


@pytest.mark.parametrize(
    ("table", "column"),
    [
        (table, name)
        for table, columns in PUBLIC_TYPES.items()
        for name, _ in columns
        if name in COUNT_COLUMNS
    ],
)
def test_counts_reach_pandas_as_integers(published, table, column):
    frame = published.cursor().table(table).df()
    assert str(frame[column].dtype) == "int64"

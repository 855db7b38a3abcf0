"""build: every mart in dependency order, then the compliance findings, as promised tables."""

from __future__ import annotations

import re

import pytest

from lendwatch import build, db
from tests.support import SAMPLE, staged

# DATA_CONTRACT.md, Derived tables: the columns each public table has at least.
PUBLIC_COLUMNS: dict[str, set[str]] = {
    "partner_groups": {"partner_id", "group_id"},
    "platform_month": {
        "platform_id",
        "group_id",
        "month_end",
        "balance_cny",
        "bank_funded_balance_cny",
        "originated_cny",
        "loan_count",
        "bank_count",
    },
    "concentration_month": {"month_end", "level", "n_active", "hhi", "cr1", "cr3", "cr5", "top_id"},
    "asset_quality_month": {
        "bank_id",
        "platform_id",
        "month_end",
        "balance_cny",
        "dpd30_balance_cny",
        "dpd90_balance_cny",
        "npl_reported_balance_cny",
        "npl_dpd_balance_cny",
    },
    "vintage_curve": {
        "bank_id",
        "platform_id",
        "cohort_month",
        "mob",
        "originated_cny",
        "ever90_cny",
    },
    "compliance_findings": {
        "rule_id",
        "bank_id",
        "subject_id",
        "month_end",
        "measured",
        "limit_value",
        "status",
    },
}


@pytest.fixture(scope="module")
def sample_store():
    con = staged(SAMPLE / "dataset")
    counts = build.build_derived(con)
    return con, counts


def test_derived_tables_are_the_six_public_ones():
    assert set(build.DERIVED_TABLES) == set(PUBLIC_COLUMNS)


def test_build_derived_counts_every_mart_and_the_findings(sample_store):
    con, counts = sample_store
    assert list(counts) == [*build.MARTS, "compliance_findings"]
    assert all(counts[name] == db.row_count(con, name) > 0 for name in counts)


@pytest.mark.parametrize("table", sorted(PUBLIC_COLUMNS))
def test_public_table_has_its_contract_columns(sample_store, table):
    con, _ = sample_store
    assert PUBLIC_COLUMNS[table] <= set(db.columns(con, table))


def macro_names(con: db.Connection) -> set[str]:
    return {
        row[0]
        for row in con.execute(
            "select function_name from duckdb_functions() "
            "where function_type in ('macro', 'table_macro') and schema_name = 'main' "
            "and database_name = current_database()"
        ).fetchall()
    }


def test_build_derived_creates_every_macro(sample_store):
    con, _ = sample_store
    assert set(build.MACROS) <= macro_names(con)


def test_build_marts_alone_creates_the_macros_over_the_marts():
    con = staged(SAMPLE / "dataset")
    build.build_marts(con)
    assert macro_names(con) & set(build.MACROS) == set(build.MART_MACROS)


def test_every_macro_file_is_created_by_the_build():
    assert set(build.MACROS) == {name.split("/")[1] for name in db.list_queries("macros")}


@pytest.mark.parametrize("position", range(len(build.MARTS)))
def test_each_mart_reads_only_marts_built_before_it(position):
    name = build.MARTS[position]
    sql = db.load_query(f"marts/{name}").sql
    read = set(re.findall(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)", sql))
    assert read & set(build.MARTS) <= set(build.MARTS[:position])

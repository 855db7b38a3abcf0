"""Every page query in queries/reports/ and queries/meta/ runs on a real store with only the
parameters its header declares (marts, rules, checks and staging run in their own tests)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from lendwatch import db
from lendwatch.ingest import ingest
from lendwatch.store import Store
from tests.support import SAMPLE

END = date(2026, 3, 31)
# One plausible value per parameter name used by report queries (the sample's ids and months).
VALUES = {
    "start": date(2024, 1, 31),
    "end": END,
    "baseline": date(2025, 9, 30),
    "from_month_end": date(2025, 10, 31),
    "to_month_end": END,
    "month_ends": [date(2025, 9, 30), date(2026, 2, 28), END],
    "effective": date(2023, 6, 30),
    "year": 2026,
    "bank_types": [],
    "bank_ids": ["SB1", "SB2"],
    "platform_ids": [],
    "group_ids": [],
    "products": ["consumer"],
    "areas": [],
    "exclude_ids": ["SP2"],
    "entity_id": "SP1",
    "level": "platform",
    "dimension": "bank_type",
    "top_n": 7,
    "limit": 0.25,
    "gap_threshold": 0.005,
    "cohort_grain": "quarter",
    "guarantee": "all",
    "window_months": 3,
    "window_rule_ids": ["R01", "R04", "R05", "R06", "R07", "R08", "R09"],
    "platform_rule_ids": ["R01", "R04", "R05", "R06", "R07", "R09", "R15"],
    "group_rule_ids": ["R02"],
}
QUERIES = [*db.list_queries("reports"), "meta/load_history", "meta/as_of_month"]


@pytest.fixture(scope="module")
def store_con(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("queries") / "store.duckdb")
    ingest(SAMPLE / "dataset", store)
    con = db.connect(store.path, read_only=True)
    yield con
    con.close()


def test_every_report_parameter_has_a_test_value():
    used = {param for name in QUERIES for param in db.load_query(name).params}
    assert used <= set(VALUES), f"add test values for {sorted(used - set(VALUES))}"


@pytest.mark.parametrize("name", QUERIES)
def test_every_page_query_runs_with_its_declared_parameters(store_con, name: str):
    query = db.load_query(name)
    result = db.run(store_con, name, {param: VALUES[param] for param in query.params})
    assert isinstance(result, pd.DataFrame)
    assert len(result.columns) > 0


def test_a_query_refuses_to_run_without_a_declared_parameter(store_con):
    with pytest.raises(ValueError, match=r"needs parameters \['end'"):
        db.run(store_con, "reports/npl_gap_by_bank", {})


def test_every_query_file_is_under_a_known_layer():
    root = Path(db.queries_root())
    layers = {path.parent.name for path in root.rglob("*.sql")}
    assert layers <= {"checks", "staging", "marts", "macros", "rules", "reports", "meta"}


def test_a_read_only_connection_to_the_published_store_calls_its_macros(store_con):
    # The sample's SB1 and SB2 books hold rows, so the filtered macro is not empty by accident.
    everything = store_con.execute("select count(*) from book_month").fetchone()[0]
    selected = store_con.execute(
        "select count(*) from book_month_selected($t, $b, $p, $g, $pr, $a)",
        {"t": [], "b": ["SB1", "SB2"], "p": [], "g": [], "pr": [], "a": []},
    ).fetchone()[0]
    assert 0 < selected < everything

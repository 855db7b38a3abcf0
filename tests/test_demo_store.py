"""The demo store after `lendwatch demo`: calibrated on the marts, reconciled across tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lendwatch import db, rules

RULE_IDS = ("R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R09", "R15")


@pytest.fixture(scope="module")
def con(demo_store: Path):
    connection = db.connect(demo_store, read_only=True)
    yield connection
    connection.close()


def frame(con, table: str) -> pd.DataFrame:
    """A whole (small) table, for assertions only."""
    return con.execute(f"select * from {db.quote_ident(table)}").df()


def test_cr5_of_platform_balance_averages_between_70_and_82_pct_over_2024(con):
    conc = frame(con, "concentration_month")
    months = pd.to_datetime(conc["month_end"])
    in_2024 = conc[(conc["level"] == "platform") & (months.dt.year == 2024)]
    assert len(in_2024) == 12
    assert 0.70 <= in_2024["cr5"].mean() <= 0.82


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_breach_inside_its_effective_window(con, rule_id):
    rule = next(r for r in rules.rule_catalogue() if r.rule_id == rule_id)
    findings = frame(con, "compliance_findings")
    breaches = findings[(findings["rule_id"] == rule_id) & (findings["status"] == "breach")]
    assert not breaches.empty
    # Loan-level findings sit at the origination month end, ratio and R15 at the row's.
    assert (pd.to_datetime(breaches["month_end"]).dt.date >= rule.effective).all()


def test_platform_and_asset_quality_balances_reconcile_every_month(con):
    platform = frame(con, "platform_month").groupby("month_end")["balance_cny"].sum()
    quality = frame(con, "asset_quality_month").groupby("month_end")["balance_cny"].sum()
    joined = pd.concat([platform.rename("platform"), quality.rename("quality")], axis=1)
    joined = joined[(joined["platform"] > 0) | (joined["quality"] > 0)].fillna(0)
    assert len(joined) > 70
    assert (joined["platform"] - joined["quality"]).abs().max() < 0.01


def test_book_month_reconciles_with_the_public_tables(con):
    book = frame(con, "book_month").groupby("month_end")["balance_cny"].sum()
    platform = frame(con, "platform_month").groupby("month_end")["balance_cny"].sum()
    both = pd.concat([book.rename("book"), platform.rename("platform")], axis=1).fillna(0)
    assert (both["book"] - both["platform"]).abs().max() < 0.01


def test_the_store_records_one_demo_load(con):
    history = frame(con, "load_history")
    assert history["kind"].tolist() == ["demo"]
    assert str(history["as_of_month"].iloc[0])[:10] == "2026-06-30"

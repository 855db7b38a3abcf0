"""The rule catalogue read from queries/rules/ headers, and the compliance_findings build."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from lendwatch import db, rules
from tests.support import SAMPLE, staged, write_dataset

KEYS = ["rule_id", "bank_id", "subject_id", "month_end"]

# Effective dates and limits as tabled in DOMAIN.md ("Compliance rules").
CATALOGUE = [
    ("R01", date(2022, 1, 1), "originations", "platform", "loan", 0.30),
    ("R02", date(2023, 6, 30), "month_ends", "group", "ratio", 0.25),
    ("R03", date(2023, 6, 30), "month_ends", "bank", "ratio", 0.50),
    ("R04", date(2022, 7, 17), "originations", "platform", "loan", 200_000),
    ("R05", date(2022, 7, 17), "originations", "platform", "loan", 12),
    ("R06", date(2022, 1, 1), "originations", "platform", "loan", None),
    ("R07", date(2025, 10, 1), "originations", "platform", "loan", None),
    ("R08", date(2025, 10, 1), "originations", "enhancer", "loan", None),
    ("R09", date(2025, 10, 1), "originations", "platform", "loan", 0.24),
    ("R15", date(2023, 7, 1), "month_ends", "platform", "loan", None),
]


def by_id(rule_id: str) -> rules.Rule:
    return next(r for r in rules.rule_catalogue() if r.rule_id == rule_id)


def test_rule_catalogue_holds_r01_to_r09_and_r15_sorted():
    assert [r.rule_id for r in rules.RULES] == [row[0] for row in CATALOGUE]


@pytest.mark.parametrize(
    ("rule_id", "effective", "applies_to", "subject", "kind", "limit"), CATALOGUE
)
def test_rule_header_matches_the_domain_table(rule_id, effective, applies_to, subject, kind, limit):
    rule = by_id(rule_id)
    assert (rule.effective, rule.applies_to, rule.subject, rule.kind, rule.limit) == (
        effective,
        applies_to,
        subject,
        kind,
        limit,
    )


@pytest.mark.parametrize("name", db.list_queries("rules"))
def test_every_rule_file_has_the_full_header(name: str):
    header = db.load_query(name).header
    assert [k for k in rules.HEADER_KEYS if not header.get(k)] == []
    assert header["rule_id"] in name.upper()


def test_a_rule_file_without_its_source_line_is_refused(monkeypatch):
    real = db.load_query("rules/r09_comprehensive_apr_by_bank_platform_month")
    header = {k: v for k, v in real.header.items() if k != "source"}
    monkeypatch.setattr(db, "list_queries", lambda layer: [real.name])
    monkeypatch.setattr(db, "load_query", lambda name: db.Query(name, header, real.sql))
    with pytest.raises(ValueError, match=r"r09_comprehensive_apr.*lacks \['source'\]"):
        rules.rule_catalogue.__wrapped__()


def test_two_rule_files_with_one_rule_id_are_refused(monkeypatch):
    real = db.load_query("rules/r09_comprehensive_apr_by_bank_platform_month")
    monkeypatch.setattr(db, "list_queries", lambda layer: ["rules/a", "rules/b"])
    monkeypatch.setattr(db, "load_query", lambda name: db.Query(name, real.header, real.sql))
    with pytest.raises(ValueError, match=r"\['R09'\] appear in more than one file"):
        rules.rule_catalogue.__wrapped__()


def test_rule_params_come_from_the_header():
    assert by_id("R09").params() == {
        "rule_id": "R09",
        "effective": date(2025, 10, 1),
        "limit": 0.24,
    }


@pytest.fixture
def empty_store(tmp_path: Path) -> db.Connection:
    con = staged(write_dataset(tmp_path, {}))
    db.materialize(con, "partner_groups", "marts/partner_groups")
    rules.build_rule_macros(con)
    return con


@pytest.mark.parametrize("rule", rules.rule_catalogue(), ids=lambda r: r.rule_id)
def test_every_rule_returns_exactly_the_findings_columns(empty_store, rule: rules.Rule):
    frame = db.run(empty_store, rule.query, rule.params())
    assert tuple(frame.columns) == rules.FINDINGS_COLUMNS
    assert frame.empty


def test_an_empty_store_builds_an_empty_findings_table(empty_store):
    assert rules.build_compliance_findings(empty_store) == 0
    assert tuple(db.columns(empty_store, "compliance_findings")) == rules.FINDINGS_COLUMNS


@pytest.fixture(scope="module")
def sample_findings() -> tuple[int, pd.DataFrame]:
    con = staged(SAMPLE / "dataset")
    db.materialize(con, "partner_groups", "marts/partner_groups")
    count = rules.build_compliance_findings(con)
    # Read back without ORDER BY: the table itself must be stored in the documented order.
    frame = con.execute("select * from compliance_findings").df()
    frame["month_end"] = frame["month_end"].dt.strftime("%Y-%m-%d")
    return count, frame


def test_sample_findings_equal_the_expected_file(sample_findings):
    count, got = sample_findings
    expected = pd.read_csv(
        SAMPLE / "expected" / "compliance_findings.csv", dtype={"month_end": str}
    )
    assert count == len(got) == len(expected)
    merged = got.merge(expected, on=KEYS, how="outer", suffixes=("", "_expected"), indicator=True)
    assert merged[merged["_merge"] != "both"][KEYS].values.tolist() == []
    for row in merged.itertuples():
        assert math.isclose(row.measured, row.measured_expected, rel_tol=1e-9), row
        assert row.limit_value == row.limit_value_expected, row
        assert row.status == row.status_expected, row


def test_findings_table_is_stored_in_rule_bank_subject_month_order(sample_findings):
    _, got = sample_findings
    ordered = got.sort_values(KEYS, kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, ordered)


def test_sample_has_findings_for_every_rule(sample_findings):
    _, got = sample_findings
    assert sorted(got["rule_id"].unique()) == [row[0] for row in CATALOGUE]


def test_checklist_names_the_three_requirements_not_checkable_from_data():
    items = rules.NOT_CHECKABLE_FROM_DATA
    assert [i.item_id for i in items] == [
        "head_office_management",
        "core_risk_control_in_house",
        "funds_paid_to_borrower",
    ]
    assert all(i.text and i.text_zh for i in items)

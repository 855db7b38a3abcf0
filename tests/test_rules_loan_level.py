"""Loan-level rules R01, R04–R09 on hand-made loans: boundaries, scope and effective dates.

Every fixture has bank B1 (joint-stock, CN-SH), platform P1 and a clock loan L0 from 2020 whose
row at 2026-03-31 makes that the latest month end; L0 falls under no rule's window.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lendwatch import db, rules
from tests.support import staged, write_dataset

LATEST = "2026-03-31"
CLOCK_LOAN = {
    "loan_id": "L0",
    "bank_id": "B1",
    "platform_id": "P1",
    "origination_date": "2020-01-15",
}

Row = tuple[str, str, str, str, float, str]


def loan(loan_id: str, origination_date: str, **columns: Any) -> dict[str, Any]:
    """A B1/P1 loan of ¥10 000 (support defaults otherwise) with the given columns changed."""
    base = {"bank_id": "B1", "platform_id": "P1", "principal_cny": 10_000}
    return {**base, "loan_id": loan_id, "origination_date": origination_date, **columns}


def findings(folder: Path, rule_id: str, loans: list[dict[str, Any]], **tables: Any) -> list[Row]:
    """One rule's built compliance_findings rows: (rule, bank, subject, month, n, status)."""
    data = {
        "banks": [{"bank_id": "B1"}],
        "partners": [{"partner_id": "P1"}],
        "loans": [CLOCK_LOAN, *loans],
        "loan_performance": [{"loan_id": "L0", "month_end": LATEST, "balance_cny": 0}],
        **tables,
    }
    con = staged(write_dataset(folder, data))
    db.materialize(con, "partner_groups", "marts/partner_groups")
    rules.build_compliance_findings(con)
    frame = con.execute(
        "select * from compliance_findings where rule_id = $rule_id", {"rule_id": rule_id}
    ).df()
    return [
        (r.rule_id, r.bank_id, r.subject_id, r.month_end.strftime("%Y-%m-%d"), r.measured, r.status)
        for r in frame.itertuples()
    ]


# --- R01: partner funds ≥ 30 % of each co-funded loan ------------------------------------------


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (0.7, [("R01", "B1", "P1", "2024-05-31", 0.0, "ok")]),  # partner 1 − 0.7 = 30 % exactly
        (0.7000001, [("R01", "B1", "P1", "2024-05-31", 1.0, "breach")]),  # partner 29.99999 %
        (0.70000000001, [("R01", "B1", "P1", "2024-05-31", 0.0, "ok")]),  # 30 % − 1e-11: tolerance
        (0.5, [("R01", "B1", "P1", "2024-05-31", 0.0, "ok")]),  # partner 50 %
        (1.0, []),  # bank funds it all: not co-funded, no finding
        (0.9999999999, []),  # 1 − share = 1e-10 is within the 1e-9 tolerance: not co-funded
    ],
)
def test_r01_partner_share_boundary(tmp_path, share, expected):
    loans = [loan("L1", "2024-05-20", bank_funded_share=share)]
    assert findings(tmp_path, "R01", loans) == expected


def test_r01_counts_offending_loans_by_bank_platform_and_month(tmp_path):
    loans = [
        loan("L1", "2024-05-02", bank_funded_share=0.8),  # partner 20 %: offends
        loan("L2", "2024-05-20", bank_funded_share=0.75),  # partner 25 %: offends
        loan("L3", "2024-05-31", bank_funded_share=0.6),  # partner 40 %: ok
        loan("L4", "2024-05-31", bank_funded_share=1.0),  # not co-funded: not counted
        loan("L5", "2024-05-10", platform_id="P2", bank_funded_share=0.6),  # P2: ok
    ]
    partners = [{"partner_id": "P1"}, {"partner_id": "P2"}]
    assert findings(tmp_path, "R01", loans, partners=partners) == [
        ("R01", "B1", "P1", "2024-05-31", 2.0, "breach"),  # L1 and L2
        ("R01", "B1", "P2", "2024-05-31", 0.0, "ok"),
    ]


def test_r01_applies_to_originations_from_2022_01_01(tmp_path):
    loans = [
        loan("L1", "2021-12-31", bank_funded_share=0.8),
        loan("L2", "2022-01-01", bank_funded_share=0.8),
    ]
    assert findings(tmp_path, "R01", loans) == [("R01", "B1", "P1", "2022-01-31", 1.0, "breach")]


# --- R04: consumer credit line ≤ ¥200 000 -------------------------------------------------------


@pytest.mark.parametrize(
    ("product", "credit_line", "expected"),
    [
        ("consumer", 200_000, [("R04", "B1", "P1", "2023-03-31", 0.0, "ok")]),
        ("consumer", 200_001, [("R04", "B1", "P1", "2023-03-31", 1.0, "breach")]),
        ("business", 300_000, []),  # business loans are not subject to R04
    ],
)
def test_r04_credit_line_boundary(tmp_path, product, credit_line, expected):
    loans = [loan("L1", "2023-03-15", product=product, credit_line_cny=credit_line)]
    assert findings(tmp_path, "R04", loans) == expected


def test_r04_applies_to_originations_from_2022_07_17(tmp_path):
    loans = [
        loan("L1", "2022-07-16", credit_line_cny=300_000),  # before the end of the transition
        loan("L2", "2022-07-17", credit_line_cny=300_000),
    ]
    # Same origination month: the finding exists but counts only L2.
    assert findings(tmp_path, "R04", loans) == [("R04", "B1", "P1", "2022-07-31", 1.0, "breach")]


# --- R05: bullet consumer loans ≤ 12 months ------------------------------------------------------


@pytest.mark.parametrize(
    ("product", "repayment", "term", "expected"),
    [
        ("consumer", "bullet", 12, [("R05", "B1", "P1", "2023-03-31", 0.0, "ok")]),
        ("consumer", "bullet", 13, [("R05", "B1", "P1", "2023-03-31", 1.0, "breach")]),
        ("consumer", "amortising", 24, []),  # amortising loans are not subject to R05
        ("business", "bullet", 24, []),  # business loans are not subject to R05
    ],
)
def test_r05_bullet_term_boundary(tmp_path, product, repayment, term, expected):
    loans = [loan("L1", "2023-03-15", product=product, repayment=repayment, term_months=term)]
    assert findings(tmp_path, "R05", loans) == expected


def test_r05_applies_to_originations_from_2022_07_17(tmp_path):
    loans = [
        loan("L1", "2022-07-16", repayment="bullet", term_months=13),
        loan("L2", "2022-07-17", repayment="bullet", term_months=13),
    ]
    assert findings(tmp_path, "R05", loans) == [("R05", "B1", "P1", "2022-07-31", 1.0, "breach")]


# --- R06: local banks lend only in their home province -------------------------------------------


@pytest.mark.parametrize(
    ("bank_type", "online_only", "borrower_province", "expected"),
    [
        ("city_commercial", "false", "CN-ZJ", [("R06", "B1", "P1", "2023-03-31", 0.0, "ok")]),
        ("city_commercial", "false", "CN-SH", [("R06", "B1", "P1", "2023-03-31", 1.0, "breach")]),
        ("rural_commercial", "false", "CN-SH", [("R06", "B1", "P1", "2023-03-31", 1.0, "breach")]),
        ("city_commercial", "true", "CN-SH", []),  # online-only city bank is exempt
        ("state_owned", "false", "CN-SH", []),  # not a local bank
        ("joint_stock", "false", "CN-SH", []),
        ("private", "false", "CN-SH", []),
    ],
)
def test_r06_home_province(tmp_path, bank_type, online_only, borrower_province, expected):
    banks = [
        {
            "bank_id": "B1",
            "bank_type": bank_type,
            "province": "CN-ZJ",
            "is_online_only": online_only,
        }
    ]
    loans = [loan("L1", "2023-03-15", borrower_province=borrower_province)]
    assert findings(tmp_path, "R06", loans, banks=banks) == expected


def test_r06_applies_to_originations_from_2022_01_01(tmp_path):
    banks = [{"bank_id": "B1", "bank_type": "city_commercial", "province": "CN-ZJ"}]
    loans = [
        loan("L1", "2021-12-31", borrower_province="CN-SH"),
        loan("L2", "2022-01-01", borrower_province="CN-SH"),
    ]
    assert findings(tmp_path, "R06", loans, banks=banks) == [
        ("R06", "B1", "P1", "2022-01-31", 1.0, "breach")
    ]


# --- R07: platform on the bank's published list at origination ------------------------------------


def listing(partner_id: str, listed: str | None, delisted: str | None = None, **columns: Any):
    """A partner_list row of bank B1 (role platform unless given)."""
    row = {"bank_id": "B1", "partner_id": partner_id, "listed_date": listed}
    return {**row, "delisted_date": delisted, **columns}


@pytest.mark.parametrize(
    ("listings", "status"),
    [
        ([listing("P1", "2025-11-10")], "ok"),  # listed on the origination day
        ([listing("P1", "2025-11-11")], "breach"),  # listed the day after
        ([listing("P1", "2025-07-01", "2025-11-10")], "breach"),  # delisted on the day
        ([listing("P1", "2025-07-01", "2025-11-11")], "ok"),  # delisted the day after
        ([listing("P1", None)], "breach"),  # cooperating but never published
        ([], "breach"),  # no partner_list row at all
        ([listing("P1", "2025-07-01", bank_id="B2")], "breach"),  # another bank's list
        ([listing("P1", "2025-07-01", role="enhancer")], "breach"),  # listed in another role
        (
            [listing("P1", "2025-07-01", "2025-10-15"), listing("P1", "2025-11-01")],
            "ok",  # delisted, then listed again before the loan
        ),
    ],
)
def test_r07_listing_on_the_origination_day(tmp_path, listings, status):
    banks = [{"bank_id": "B1"}, {"bank_id": "B2"}]
    loans = [loan("L1", "2025-11-10")]
    measured = 1.0 if status == "breach" else 0.0
    assert findings(tmp_path, "R07", loans, banks=banks, partner_list=listings) == [
        ("R07", "B1", "P1", "2025-11-30", measured, status)
    ]


def test_r07_applies_to_originations_from_2025_10_01(tmp_path):
    loans = [loan("L1", "2025-09-30"), loan("L2", "2025-10-01")]  # P1 never listed
    assert findings(tmp_path, "R07", loans) == [("R07", "B1", "P1", "2025-10-31", 1.0, "breach")]


def test_r07_ignores_loans_originated_after_the_latest_month_end(tmp_path):
    loans = [loan("L1", "2026-03-31"), loan("L2", "2026-04-01")]  # latest month end 2026-03-31
    assert findings(tmp_path, "R07", loans) == [("R07", "B1", "P1", "2026-03-31", 1.0, "breach")]


# --- R08: enhancer licensed and listed ------------------------------------------------------------


@pytest.mark.parametrize(
    ("license_", "listings", "status"),
    [
        ("financing_guarantee", [listing("E1", "2025-07-01", role="enhancer")], "ok"),
        ("credit_insurance", [listing("E1", "2025-07-01", role="enhancer")], "ok"),
        ("none", [listing("E1", "2025-07-01", role="enhancer")], "breach"),  # unlicensed, listed
        ("microlending", [listing("E1", "2025-07-01", role="enhancer")], "breach"),
        ("financing_guarantee", [], "breach"),  # licensed but unlisted
        ("financing_guarantee", [listing("E1", "2025-07-01", role="platform")], "breach"),
        # listed on the origination day (2025-11-10)
        ("financing_guarantee", [listing("E1", "2025-11-10", role="enhancer")], "ok"),
        # listed the day after
        ("financing_guarantee", [listing("E1", "2025-11-11", role="enhancer")], "breach"),
        # delisted on the origination day
        (
            "financing_guarantee",
            [listing("E1", "2025-07-01", "2025-11-10", role="enhancer")],
            "breach",
        ),
        # delisted the day after
        (
            "financing_guarantee",
            [listing("E1", "2025-07-01", "2025-11-11", role="enhancer")],
            "ok",
        ),
    ],
)
def test_r08_enhancer_license_and_listing(tmp_path, license_, listings, status):
    partners = [
        {"partner_id": "P1"},
        {"partner_id": "E1", "partner_type": "enhancer", "license": license_},
    ]
    platform_listed = listing("P1", "2025-01-01")
    loans = [
        loan("L1", "2025-11-10", enhancer_id="E1"),
        loan("L2", "2025-11-12"),
    ]  # L2: no enhancer
    measured = 1.0 if status == "breach" else 0.0
    tables = {"partners": partners, "partner_list": [platform_listed, *listings]}
    assert findings(tmp_path, "R08", loans, **tables) == [
        ("R08", "B1", "E1", "2025-11-30", measured, status)
    ]


def test_r08_applies_to_originations_from_2025_10_01(tmp_path):
    partners = [
        {"partner_id": "P1"},
        {"partner_id": "E1", "partner_type": "enhancer"},
    ]  # license none
    loans = [loan("L1", "2025-09-30", enhancer_id="E1"), loan("L2", "2025-10-01", enhancer_id="E1")]
    assert findings(tmp_path, "R08", loans, partners=partners) == [
        ("R08", "B1", "E1", "2025-10-31", 1.0, "breach")
    ]


# --- R09: comprehensive APR ≤ 24 % --------------------------------------------------------------


@pytest.mark.parametrize(
    ("interest", "platform_fee", "enhancement_fee", "other_fee", "status"),
    [
        (0.10, 0.14, 0.0, 0.0, "ok"),  # 0.10 + 0.14 is 24 % within 1e-9
        (0.06, 0.08, 0.07, 0.03, "ok"),  # float sum 0.24000000000000002
        (0.2400005, 0.0, 0.0, 0.0, "breach"),  # 24.00005 %
        (0.10, 0.1400005, 0.0, 0.0, "breach"),
        (0.10, 0.10, 0.0, 0.05, "breach"),  # other fees count: 25 %
        (0.10, 0.05, 0.05, 0.0, "ok"),  # 20 %
    ],
)
def test_r09_comprehensive_apr_boundary(
    tmp_path, interest, platform_fee, enhancement_fee, other_fee, status
):
    rates = {
        "interest_rate": interest,
        "platform_fee_rate": platform_fee,
        "enhancement_fee_rate": enhancement_fee,
        "other_fee_rate": other_fee,
    }
    measured = 1.0 if status == "breach" else 0.0
    assert findings(tmp_path, "R09", [loan("L1", "2025-12-05", **rates)]) == [
        ("R09", "B1", "P1", "2025-12-31", measured, status)
    ]


def test_r09_applies_to_originations_from_2025_10_01(tmp_path):
    loans = [
        loan("L1", "2025-09-30", interest_rate=0.30),
        loan("L2", "2025-10-01", interest_rate=0.30),
    ]
    assert findings(tmp_path, "R09", loans) == [("R09", "B1", "P1", "2025-10-31", 1.0, "breach")]


def test_r09_counts_each_bank_and_platform_separately(tmp_path):
    banks = [{"bank_id": "B1"}, {"bank_id": "B2"}]
    partners = [{"partner_id": "P1"}, {"partner_id": "P2"}]
    loans = [
        loan("L1", "2025-10-03", interest_rate=0.25),  # offends
        loan("L2", "2025-10-09", interest_rate=0.30),  # offends
        loan("L3", "2025-11-09", interest_rate=0.12),  # next month, ok
        loan("L4", "2025-10-09", platform_id="P2", interest_rate=0.12),
        loan("L5", "2025-10-09", bank_id="B2", interest_rate=0.26),
    ]
    assert findings(tmp_path, "R09", loans, banks=banks, partners=partners) == [
        ("R09", "B1", "P1", "2025-10-31", 2.0, "breach"),  # L1 and L2
        ("R09", "B1", "P1", "2025-11-30", 0.0, "ok"),
        ("R09", "B1", "P2", "2025-10-31", 0.0, "ok"),
        ("R09", "B2", "P1", "2025-10-31", 1.0, "breach"),
    ]


# --- R01, R04–R06, R08, R09 (R07 above): loans originated after the latest month end ---------

LOCAL_BANK = [{"bank_id": "B1", "bank_type": "city_commercial", "province": "CN-ZJ"}]
UNLICENSED_ENHANCER = [{"partner_id": "P1"}, {"partner_id": "E1", "partner_type": "enhancer"}]


@pytest.mark.parametrize(
    ("rule_id", "subject_id", "offending", "tables"),
    [
        ("R01", "P1", {"bank_funded_share": 0.8}, {}),  # partner funds 20 %
        ("R04", "P1", {"credit_line_cny": 300_000}, {}),  # consumer line over ¥200 000
        ("R05", "P1", {"repayment": "bullet", "term_months": 13}, {}),  # bullet over 12 months
        ("R06", "P1", {"borrower_province": "CN-SH"}, {"banks": LOCAL_BANK}),  # out of CN-ZJ
        ("R08", "E1", {"enhancer_id": "E1"}, {"partners": UNLICENSED_ENHANCER}),  # license none
        ("R09", "P1", {"interest_rate": 0.30}, {}),  # 30 % APR
    ],
)
def test_loan_level_rule_ignores_loans_originated_after_the_latest_month_end(
    tmp_path, rule_id, subject_id, offending, tables
):
    # DOMAIN.md, Out of range: the latest month end is 2026-03-31 (the clock loan's row). Both
    # loans offend and are inside every rule's window; L1 (2026-03-31) counts, L2 (2026-04-01,
    # month end 2026-04-30) is ignored: one offending loan at March, no April finding.
    loans = [loan("L1", "2026-03-31", **offending), loan("L2", "2026-04-01", **offending)]
    assert findings(tmp_path, rule_id, loans, **tables) == [
        (rule_id, "B1", subject_id, "2026-03-31", 1.0, "breach")
    ]

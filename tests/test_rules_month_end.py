"""Month-end rules R02, R03 (ratios) and R15 (classification) on hand-made performance rows.

Fixtures: bank B1; platforms P1 and P2 controlled by holding H1 (60 % each, so one partner
group H1) and P3 on its own (group P3). Loans are ¥1 000 000 principal; balances are given
per month end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lendwatch import db, rules
from tests.support import staged, write_dataset

Row = tuple[str, str, str, str, float, str]

PARTNERS = [
    {"partner_id": "H1", "partner_type": "holding"},
    {"partner_id": "P1"},
    {"partner_id": "P2"},
    {"partner_id": "P3"},
]
OWNERSHIP = [
    {"owner_id": "H1", "owned_id": "P1", "equity_share": 0.6},
    {"owner_id": "H1", "owned_id": "P2", "equity_share": 0.6},
]


def loan(loan_id: str, platform_id: str = "P1", share: float = 0.5, bank_id: str = "B1"):
    """A loan of ¥1 000 000 originated 2023-01-10, of which the bank funds `share`."""
    base = {"principal_cny": 1_000_000, "origination_date": "2023-01-10"}
    return {
        **base,
        "loan_id": loan_id,
        "bank_id": bank_id,
        "platform_id": platform_id,
        "bank_funded_share": share,
    }


def row(loan_id: str, month_end: str, balance: float, **columns: Any) -> dict[str, Any]:
    """A loan_performance row (active, 0 DPD unless given)."""
    return {"loan_id": loan_id, "month_end": month_end, "balance_cny": balance, **columns}


def quarter(period_end: str, tier1: float, total_loans: float, bank_id: str = "B1"):
    """A bank_financials row."""
    return {
        "bank_id": bank_id,
        "period_end": period_end,
        "tier1_net_capital_cny": tier1,
        "total_loans_cny": total_loans,
    }


def findings(folder: Path, rule_id: str, **tables: Any) -> list[Row]:
    """One rule's built compliance_findings rows: (rule, bank, subject, month, measured, status)."""
    data = {
        "banks": [{"bank_id": "B1"}, {"bank_id": "B2"}],
        "partners": PARTNERS,
        "ownership": OWNERSHIP,
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


def approx(rows: list[Row]) -> list[Any]:
    """`rows` with `measured` compared to 1e-12 relative (ratios are float quotients)."""
    return [(*r[:4], pytest.approx(r[4], rel=1e-12), r[5]) for r in rows]


# --- R02: bank-funded co-funded balance with one partner group ≤ 25 % of tier-1 capital ---------


@pytest.mark.parametrize(
    ("balance", "measured", "status"),
    [
        (500_000, 0.25, "ok"),  # 500 000 × 0.5 / 1 000 000 = 25 % exactly
        (500_002, 0.250001, "breach"),  # 250 001 / 1 000 000
        (500_000.004, 0.250000002, "breach"),  # 250 000.002 / 1 000 000: 2e-9 over the limit
        (500_000.001, 0.2500000005, "ok"),  # 5e-10 over the limit: within the 1e-9 tolerance
        (300_000, 0.15, "ok"),
    ],
)
def test_r02_group_ratio_boundary(tmp_path, balance, measured, status):
    tables = {
        "loans": [loan("L1")],
        "loan_performance": [row("L1", "2023-06-30", balance)],
        "bank_financials": [quarter("2023-06-30", 1_000_000, 10_000_000)],
    }
    assert findings(tmp_path, "R02", **tables) == approx(
        [("R02", "B1", "H1", "2023-06-30", measured, status)]
    )


def test_r02_ratio_equal_to_the_limit_up_to_float_noise_is_ok(tmp_path):
    # (100 000.1 + 200 000.2) × 0.5 / 600 000.6 is exactly 25 %, but in binary floats the
    # numerator is 50 000.05 + 100 000.1 = 150 000.15000000002 and the ratio 0.25000000000000006:
    # above 0.25 by ~6e-17, far inside the 1e-9 tolerance, so ok. P1 and P2 are both in H1.
    tables = {
        "loans": [loan("L1", "P1"), loan("L2", "P2")],
        "loan_performance": [
            row("L1", "2023-07-31", 100_000.1),
            row("L2", "2023-07-31", 200_000.2),
        ],
        "bank_financials": [quarter("2023-06-30", 600_000.6, 10_000_000)],
    }
    found = findings(tmp_path, "R02", **tables)
    assert found == approx([("R02", "B1", "H1", "2023-07-31", 0.25, "ok")])
    assert found[0][4] > 0.25  # the noise is really there: a comparison without tolerance breaches


def test_r02_sums_bank_funded_co_funded_active_balance_over_the_partner_group(tmp_path):
    tables = {
        "loans": [
            loan("L1", "P1"),
            loan("L2", "P2"),
            loan("L3", "P3"),
            loan("L4", "P1", share=1.0),  # not co-funded
            loan("L5", "P1"),  # compensated: not active
            loan("L6", "P1", bank_id="B2"),  # another bank
        ],
        "loan_performance": [
            row("L1", "2023-07-31", 300_000),
            row("L2", "2023-07-31", 240_000),
            row("L3", "2023-07-31", 100_000),
            row("L4", "2023-07-31", 900_000),
            row("L5", "2023-07-31", 800_000, status="compensated"),
            row("L6", "2023-07-31", 100_000),
        ],
        "bank_financials": [
            quarter("2023-06-30", 1_000_000, 10_000_000),
            quarter("2023-06-30", 200_000, 10_000_000, bank_id="B2"),
        ],
    }
    assert findings(tmp_path, "R02", **tables) == approx(
        [
            # (300 000 + 240 000) × 0.5 / 1 000 000: over 25 % though P1 and P2 alone are not
            ("R02", "B1", "H1", "2023-07-31", 0.27, "breach"),
            ("R02", "B1", "P3", "2023-07-31", 0.05, "ok"),  # 100 000 × 0.5 / 1 000 000
            ("R02", "B2", "H1", "2023-07-31", 0.25, "ok"),  # 100 000 × 0.5 / 200 000
        ]
    )


def test_r02_denominator_is_the_latest_quarter_end_on_or_before_the_month_however_old(tmp_path):
    tables = {
        "loans": [loan("L1")],
        "loan_performance": [
            row("L1", "2023-11-30", 500_000),
            row("L1", "2024-01-31", 500_000),
            row("L1", "2024-06-30", 500_000),
        ],
        "bank_financials": [
            quarter("2023-03-31", 2_000_000, 10_000_000),
            quarter("2023-12-31", 500_000, 10_000_000),
        ],
    }
    assert findings(tmp_path, "R02", **tables) == approx(
        [
            ("R02", "B1", "H1", "2023-11-30", 0.125, "ok"),  # 250 000 / 2 000 000 (2023-03-31)
            ("R02", "B1", "H1", "2024-01-31", 0.5, "breach"),  # 250 000 / 500 000 (2023-12-31)
            ("R02", "B1", "H1", "2024-06-30", 0.5, "breach"),  # still 2023-12-31
        ]
    )


def test_r02_has_no_row_without_financials_on_or_before_the_month(tmp_path):
    tables = {
        "loans": [loan("L1"), loan("L2", bank_id="B2")],
        "loan_performance": [
            row("L1", "2023-07-31", 500_000),
            row("L1", "2023-09-30", 500_000),
            row("L2", "2023-09-30", 500_000),  # B2 has no financials at all
        ],
        "bank_financials": [quarter("2023-09-30", 1_000_000, 10_000_000)],
    }
    assert findings(tmp_path, "R02", **tables) == approx(
        [("R02", "B1", "H1", "2023-09-30", 0.25, "ok")]
    )


def test_r02_has_no_row_for_a_zero_numerator(tmp_path):
    tables = {
        "loans": [loan("L1")],
        "loan_performance": [row("L1", "2023-07-31", 0)],
        "bank_financials": [quarter("2023-06-30", 1_000_000, 10_000_000)],
    }
    assert findings(tmp_path, "R02", **tables) == []


def test_r02_applies_to_month_ends_from_2023_06_30(tmp_path):
    tables = {
        "loans": [loan("L1")],
        "loan_performance": [row("L1", "2023-05-31", 800_000), row("L1", "2023-06-30", 800_000)],
        "bank_financials": [quarter("2023-03-31", 1_000_000, 10_000_000)],
    }
    assert findings(tmp_path, "R02", **tables) == approx(
        [("R02", "B1", "H1", "2023-06-30", 0.4, "breach")]  # 400 000 / 1 000 000
    )


# --- R03: all co-funded loans' bank-funded balance ≤ 50 % of total loans -------------------------


@pytest.mark.parametrize(
    ("p3_balance", "measured", "status"),
    [
        (400_000, 0.5, "ok"),  # (600 000 + 400 000) × 0.5 / 1 000 000 = 50 % exactly
        (400_002, 0.500001, "breach"),  # 500 001 / 1 000 000
        (400_000.004, 0.500000002, "breach"),  # 500 000.002 / 1 000 000: 2e-9 over the limit
        (400_000.001, 0.5000000005, "ok"),  # 5e-10 over the limit: within the 1e-9 tolerance
    ],
)
def test_r03_bank_ratio_boundary(tmp_path, p3_balance, measured, status):
    tables = {
        "loans": [
            loan("L1", "P1"),
            loan("L2", "P3"),
            loan("L3", "P1", share=1.0),
            loan("L4", "P2"),
        ],
        "loan_performance": [
            row("L1", "2023-06-30", 600_000),
            row("L2", "2023-06-30", p3_balance),
            row("L3", "2023-06-30", 900_000),  # not co-funded: not in the numerator
            row("L4", "2023-06-30", 900_000, status="charged_off"),  # not active
        ],
        "bank_financials": [quarter("2023-06-30", 100_000, 1_000_000)],
    }
    assert findings(tmp_path, "R03", **tables) == approx(
        [("R03", "B1", "B1", "2023-06-30", measured, status)]
    )


def test_r03_ratio_equal_to_the_limit_up_to_float_noise_is_ok(tmp_path):
    # (100 000.1 + 200 000.2) × 0.5 / 300 000.3 is exactly 50 %, but in binary floats the
    # numerator is 150 000.15000000002 and the ratio 0.5000000000000001: above 0.5 by ~1e-16,
    # far inside the 1e-9 tolerance, so ok. The two loans are at different partner groups (H1
    # and P3): R03 sums every co-funded loan of the bank.
    tables = {
        "loans": [loan("L1", "P1"), loan("L2", "P3")],
        "loan_performance": [
            row("L1", "2023-07-31", 100_000.1),
            row("L2", "2023-07-31", 200_000.2),
        ],
        "bank_financials": [quarter("2023-06-30", 100_000, 300_000.3)],
    }
    found = findings(tmp_path, "R03", **tables)
    assert found == approx([("R03", "B1", "B1", "2023-07-31", 0.5, "ok")])
    assert found[0][4] > 0.5  # the noise is really there: a comparison without tolerance breaches


def test_r03_has_no_row_for_a_zero_numerator(tmp_path):
    # B1 has financials and active rows at 2023-07-31, but its only co-funded loan (L1) holds 0
    # and L2 is funded by the bank alone (share 1): the numerator is 0, so no finding at all.
    tables = {
        "loans": [loan("L1"), loan("L2", share=1.0)],
        "loan_performance": [row("L1", "2023-07-31", 0), row("L2", "2023-07-31", 900_000)],
        "bank_financials": [quarter("2023-06-30", 100_000, 1_000_000)],
    }
    assert findings(tmp_path, "R03", **tables) == []


def test_r03_uses_old_financials_and_needs_some(tmp_path):
    tables = {
        "loans": [loan("L1"), loan("L2", bank_id="B2")],
        "loan_performance": [row("L1", "2024-02-29", 500_000), row("L2", "2024-02-29", 500_000)],
        "bank_financials": [quarter("2023-03-31", 100_000, 1_000_000)],  # B1 only
    }
    assert findings(tmp_path, "R03", **tables) == approx(
        [("R03", "B1", "B1", "2024-02-29", 0.25, "ok")]  # 250 000 / 1 000 000 (2023-03-31)
    )


def test_r03_applies_to_month_ends_from_2023_06_30(tmp_path):
    tables = {
        "loans": [loan("L1")],
        "loan_performance": [row("L1", "2023-05-31", 800_000), row("L1", "2023-06-30", 800_000)],
        "bank_financials": [quarter("2023-03-31", 100_000, 500_000)],
    }
    assert findings(tmp_path, "R03", **tables) == approx(
        [("R03", "B1", "B1", "2023-06-30", 0.8, "breach")]  # 400 000 / 500 000
    )


# --- R15: reported classification not milder than the DPD floor ---------------------------------


@pytest.mark.parametrize(
    ("dpd", "classification", "status"),
    [
        (0, "normal", "ok"),
        (1, "normal", "breach"),  # floor special_mention
        (90, "special_mention", "ok"),
        (91, "special_mention", "breach"),  # floor substandard
        (91, "substandard", "ok"),
        (270, "substandard", "ok"),
        (271, "substandard", "breach"),  # floor doubtful
        (360, "doubtful", "ok"),
        (361, "doubtful", "breach"),  # floor loss
        (361, "loss", "ok"),
        (0, "loss", "ok"),  # more severe than the floor is fine
    ],
)
def test_r15_classification_against_the_dpd_floor(tmp_path, dpd, classification, status):
    tables = {
        "loans": [loan("L1", share=1.0)],
        "loan_performance": [
            row("L1", "2023-07-31", 1_000, dpd=dpd, classification=classification)
        ],
    }
    measured = 1.0 if status == "breach" else 0.0
    assert findings(tmp_path, "R15", **tables) == [
        ("R15", "B1", "P1", "2023-07-31", measured, status)
    ]


@pytest.mark.parametrize(
    "columns",
    [
        {"dpd": 120},  # no reported classification
        {"dpd": 120, "classification": "normal", "status": "compensated"},  # not active
    ],
)
def test_r15_has_no_row_without_an_active_reported_classification(tmp_path, columns):
    tables = {
        "loans": [loan("L1", share=1.0)],
        "loan_performance": [row("L1", "2023-07-31", 1_000, **columns)],
    }
    assert findings(tmp_path, "R15", **tables) == []


def test_r15_counts_offending_rows_by_bank_platform_and_month(tmp_path):
    tables = {
        "loans": [
            loan("L1", share=1.0),
            loan("L2", share=1.0),
            loan("L3", share=1.0),
            loan("L4", "P2", share=1.0),
        ],
        "loan_performance": [
            row("L1", "2023-08-31", 1_000, dpd=95, classification="special_mention"),  # offends
            row("L1", "2023-09-30", 1_000, dpd=125, classification="substandard"),  # ok
            row("L2", "2023-08-31", 1_000, dpd=30, classification="normal"),  # offends
            row("L3", "2023-08-31", 1_000, dpd=200),  # no classification: not counted
            row("L4", "2023-08-31", 1_000, dpd=0, classification="normal"),
        ],
    }
    assert findings(tmp_path, "R15", **tables) == [
        ("R15", "B1", "P1", "2023-08-31", 2.0, "breach"),  # L1 and L2
        ("R15", "B1", "P1", "2023-09-30", 0.0, "ok"),
        ("R15", "B1", "P2", "2023-08-31", 0.0, "ok"),
    ]


def test_r15_applies_to_month_ends_from_2023_07_31(tmp_path):
    tables = {
        "loans": [loan("L1", share=1.0)],
        "loan_performance": [
            row("L1", "2023-06-30", 1_000, dpd=91, classification="special_mention"),
            row("L1", "2023-07-31", 1_000, dpd=122, classification="special_mention"),
        ],
    }
    assert findings(tmp_path, "R15", **tables) == [("R15", "B1", "P1", "2023-07-31", 1.0, "breach")]

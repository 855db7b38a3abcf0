"""A loan originated in a month that is not a month end of the data, across the derived tables.

DOMAIN.md, Months: the month ends of the data are those present in loan_performance, and
platform_month has rows only at them. Vintages and loan-level findings are keyed by the loan's
origination month end instead (Vintage: cohort = origination month; Findings' months), which
need not be a month end of the data.
"""

from __future__ import annotations

from typing import Any

import pytest

from lendwatch import build, db
from tests.support import staged, write_dataset
from tests.support_marts import pick, records

NOV, DEC, JAN = "2025-11-30", "2025-12-31", "2026-01-31"


@pytest.fixture
def store(tmp_path) -> db.Connection:
    # L1, a ¥1 000 consumer loan (line ¥1 000, amortising, funded by B1 alone, no enhancer), is
    # originated on 2025-11-20 at 30 % APR through P1, which B1 never listed; its first
    # row is at December (a missing month is allowed), and no loan has a November row, so the
    # data's month ends are December and January only.
    tables: dict[str, list[dict[str, Any]]] = {
        "banks": [{"bank_id": "B1"}],
        "partners": [{"partner_id": "P1"}],
        "loans": [
            {
                "loan_id": "L1",
                "bank_id": "B1",
                "platform_id": "P1",
                "origination_date": "2025-11-20",
                "principal_cny": 1000,
                "credit_line_cny": 1000,
                "interest_rate": 0.30,
            }
        ],
        "loan_performance": [
            {"loan_id": "L1", "month_end": DEC, "balance_cny": 900, "dpd": 0},
            {"loan_id": "L1", "month_end": JAN, "balance_cny": 800, "dpd": 95},
        ],
    }
    con = staged(write_dataset(tmp_path, tables))
    build.build_derived(con)
    return con


def test_month_ends_of_the_data_are_those_in_loan_performance(store):
    assert [r["month_end"] for r in records(store, "month_ends")] == [DEC, JAN]


def test_platform_month_has_no_row_at_the_origination_month(store):
    # Rows only at December and January; L1's 1 000 is originated in November, not a month of
    # the data, so no row's originated_cny holds it.
    assert pick(records(store, "platform_month"), "month_end", "balance_cny", "originated_cny") == [
        (DEC, 900, 0),
        (JAN, 800, 0),
    ]


def test_vintage_curve_keeps_the_cohort_at_the_origination_month(store):
    # Cohort November: mob 0 (Nov), 1 (Dec), 2 (Jan = the latest month end). L1 is 95 DPD at
    # January, mob 2, so ever-90 is 1 000 from mob 2 on.
    assert pick(
        records(store, "vintage_curve"), "cohort_month", "mob", "originated_cny", "ever90_cny"
    ) == [(NOV, 0, 1000, 0), (NOV, 1, 1000, 0), (NOV, 2, 1000, 1000)]


def test_loan_level_findings_belong_to_the_origination_month(store):
    # Every loan-level rule that applies to L1 has its finding at November: R04 (a consumer
    # loan, line ¥1 000 ≤ ¥200 000: ok), R07 (P1 not listed: breach), R09 (30 % > 24 %: breach).
    # R01, R05, R06, R08 and R15 do not apply (not co-funded, amortising, joint-stock bank, no
    # enhancer, no reported classification), nor R02/R03 (no co-funded balance).
    assert pick(
        records(store, "compliance_findings"), "rule_id", "subject_id", "month_end", "status"
    ) == [
        ("R04", "P1", NOV, "ok"),
        ("R07", "P1", NOV, "breach"),
        ("R09", "P1", NOV, "breach"),
    ]

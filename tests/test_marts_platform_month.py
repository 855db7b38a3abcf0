"""platform_month: each platform's active balance, originations, loans and banks by month end."""

from __future__ import annotations

from tests.support_marts import built, pick, records

JAN, FEB, MAR = "2024-01-31", "2024-02-29", "2024-03-31"
COLUMNS = (
    "platform_id",
    "group_id",
    "month_end",
    "balance_cny",
    "bank_funded_balance_cny",
    "originated_cny",
    "loan_count",
    "bank_count",
)


def loan(loan_id: str, bank_id: str, platform_id: str, originated: str, principal: float, **kw):
    return {
        "loan_id": loan_id,
        "bank_id": bank_id,
        "platform_id": platform_id,
        "origination_date": originated,
        "principal_cny": principal,
    } | kw


def row(loan_id: str, month_end: str, balance: float, **kw):
    return {"loan_id": loan_id, "month_end": month_end, "balance_cny": balance} | kw


def test_platform_month_sums_active_rows_and_originations(tmp_path):
    con = built(
        tmp_path,
        {
            "banks": [{"bank_id": "B1"}, {"bank_id": "B2"}],
            "partners": [
                {"partner_id": "H1", "partner_type": "holding"},
                {"partner_id": "H2", "partner_type": "holding"},
                {"partner_id": "P1"},
                {"partner_id": "P2"},
            ],
            # P1 sits at the bottom of a three-level chain: P1 ← H2 ← H1
            "ownership": [
                {"owner_id": "H1", "owned_id": "H2", "equity_share": 0.8},
                {"owner_id": "H2", "owned_id": "P1", "equity_share": 0.6},
            ],
            "loans": [
                loan("L1", "B1", "P1", "2024-01-10", 1000, bank_funded_share=0.6),
                loan("L2", "B2", "P1", "2024-01-20", 500),
                loan("L3", "B1", "P1", "2024-02-14", 300),
                # originated and paid off within January: origination, no active balance
                loan("L4", "B1", "P2", "2024-01-05", 700),
                # originated after the latest month end (March): ignored
                loan("L5", "B1", "P2", "2024-04-02", 900),
            ],
            "loan_performance": [
                row("L1", JAN, 1000),
                row("L1", FEB, 800),
                row("L1", MAR, 600),
                row("L2", JAN, 500),
                row("L2", FEB, 0, status="paid_off"),
                row("L3", FEB, 300),
                row("L3", MAR, 200, dpd=40),
                row("L4", JAN, 0, status="paid_off"),
            ],
        },
    )
    assert pick(records(con, "platform_month"), *COLUMNS) == [
        # Jan: L1 1 000 (bank share 0.6 → 600) + L2 500 → 1 500 and 1 100; originated
        # 1 000 + 500; 2 loans at banks B1, B2
        ("P1", "H1", JAN, 1500, 1100, 1500, 2, 2),
        # Feb: L1 800 (→ 480) + L3 300 → 1 100 and 780; originated L3 300; L2 paid off;
        # 2 loans, both at B1
        ("P1", "H1", FEB, 1100, 780, 300, 2, 1),
        # Mar: L1 600 (→ 360) + L3 200 → 800 and 560; nothing originated
        ("P1", "H1", MAR, 800, 560, 0, 2, 1),
        # P2 in Jan: only the origination of L4 (paid off at once); no active loan
        ("P2", "P2", JAN, 0, 0, 700, 0, 0),
        # P2 has nothing in Feb or Mar, and L5 (April) is out of range: no rows
    ]


def test_origination_outside_the_month_ends_of_the_data_is_not_a_row(tmp_path):
    # The data's month ends are Feb and Mar; L1 was made in January, whose month end has no
    # loan_performance rows at all, so it is not a month of the data.
    con = built(
        tmp_path,
        {
            "banks": [{"bank_id": "B1"}],
            "partners": [{"partner_id": "P1"}],
            "loans": [loan("L1", "B1", "P1", "2024-01-25", 1000)],
            "loan_performance": [row("L1", FEB, 900), row("L1", MAR, 800)],
        },
    )
    assert pick(records(con, "platform_month"), "month_end", "balance_cny", "originated_cny") == [
        (FEB, 900, 0),
        (MAR, 800, 0),
    ]


def test_bank_whose_only_active_rows_hold_zero_is_not_counted(tmp_path):
    # DOMAIN.md, Computation semantics, Active: "an entity (platform, group, bank) is active at
    # a month end when the sum of its active balances there is > 0". bank_count counts the banks
    # with active loans, and that section settles what an active bank is: B2's L2 has an active
    # row in February but its balance is 0, so B2 is not active with P1 then. loan_count counts
    # active rows (loans), so L2 still counts as a loan. In March P1's only active row holds 0
    # and nothing is originated: no active balance, no origination, so no row at all.
    con = built(
        tmp_path,
        {
            "banks": [{"bank_id": "B1"}, {"bank_id": "B2"}],
            "partners": [{"partner_id": "P1"}],
            "loans": [
                loan("L1", "B1", "P1", "2024-01-10", 1000),
                loan("L2", "B2", "P1", "2024-01-20", 500),
            ],
            "loan_performance": [
                row("L1", JAN, 1000),
                row("L1", FEB, 400),
                row("L1", MAR, 0, status="paid_off"),
                row("L2", JAN, 500),
                # repaid but not yet closed: still active, with nothing outstanding
                row("L2", FEB, 0),
                row("L2", MAR, 0),
            ],
        },
    )
    assert pick(records(con, "platform_month"), *COLUMNS) == [
        # Jan: 1 000 + 500; both originated; B1 and B2 hold balance → 2 loans, 2 banks
        ("P1", "P1", JAN, 1500, 1500, 1500, 2, 2),
        # Feb: 400 + 0; L1 and L2 are active rows → 2 loans; only B1's balance (400) is > 0
        ("P1", "P1", FEB, 400, 400, 0, 2, 1),
    ]


def test_zero_balance_active_loans_of_a_month_with_originations_count_as_loans_not_banks(
    tmp_path,
):
    # L1 is originated in January and already has 0 outstanding at the month end while still
    # active: the row exists for the origination (1 000), counts the active loan, but no bank
    # is active (Σ active balance of B1 is 0).
    con = built(
        tmp_path,
        {
            "banks": [{"bank_id": "B1"}],
            "partners": [{"partner_id": "P1"}],
            "loans": [loan("L1", "B1", "P1", "2024-01-10", 1000)],
            "loan_performance": [row("L1", JAN, 0), row("L1", FEB, 0, status="paid_off")],
        },
    )
    assert pick(records(con, "platform_month"), *COLUMNS) == [("P1", "P1", JAN, 0, 0, 1000, 1, 0)]

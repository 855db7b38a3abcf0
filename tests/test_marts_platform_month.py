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

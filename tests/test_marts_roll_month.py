"""roll_month: balance rolling from a DPD bucket at m to a bucket or end state at m + 1."""

from __future__ import annotations

from tests.support_marts import built, pick, records

JAN, FEB, MAR = "2024-01-31", "2024-02-29", "2024-03-31"


def row(loan_id: str, month_end: str, balance: float, dpd: int, status: str = "active") -> dict:
    return {
        "loan_id": loan_id,
        "month_end": month_end,
        "balance_cny": balance,
        "dpd": dpd,
        "status": status,
    }


def test_roll_month_pairs_rows_at_consecutive_month_ends(tmp_path):
    loans = [
        {
            "loan_id": loan_id,
            "bank_id": "B1",
            "platform_id": "P1",
            "origination_date": "2024-01-02",
            "principal_cny": 5000,
        }
        for loan_id in "ABCDEFGH"
    ]
    performance = [
        # A: 0 → 1 → 31 DPD: current→1_30 (Jan), 1_30→31_60 (Feb)
        row("A", JAN, 1000, 0),
        row("A", FEB, 900, 1),
        row("A", MAR, 900, 31),
        # B: 30 DPD then paid off: 1_30→paid_off; the paid-off row rolls nowhere
        row("B", JAN, 500, 30),
        row("B", FEB, 0, 0, "paid_off"),
        # C: no February row: no pair from January, and March has no m + 1
        row("C", JAN, 200, 0),
        row("C", MAR, 200, 0),
        # D: only the latest month end: no pair
        row("D", MAR, 700, 0),
        # E: 91 DPD then compensated by the guarantor: 90_plus→compensated
        row("E", JAN, 300, 91),
        row("E", FEB, 0, 0, "compensated"),
        # F: 60 → 61 → charged off: 31_60→61_90 (Jan), 61_90→charged_off (Feb)
        row("F", JAN, 100, 60),
        row("F", FEB, 100, 61),
        row("F", MAR, 100, 150, "charged_off"),
        # G: 90 → 91: 61_90→90_plus
        row("G", JAN, 50, 90),
        row("G", FEB, 50, 91),
        # H: 0 → 5 adds to A's January cell
        row("H", JAN, 250, 0),
        row("H", FEB, 250, 5),
    ]
    con = built(
        tmp_path,
        {
            "banks": [{"bank_id": "B1"}],
            "partners": [{"partner_id": "P1"}],
            "loans": loans,
            "loan_performance": performance,
        },
    )
    columns = ("month_end", "from_bucket", "to_bucket", "balance_cny", "loan_count")
    assert pick(records(con, "roll_month"), *columns) == [
        (JAN, "1_30", "paid_off", 500, 1),  # B
        (JAN, "31_60", "61_90", 100, 1),  # F
        (JAN, "61_90", "90_plus", 50, 1),  # G
        (JAN, "90_plus", "compensated", 300, 1),  # E
        (JAN, "current", "1_30", 1250, 2),  # A 1 000 + H 250
        (FEB, "1_30", "31_60", 900, 1),  # A
        (FEB, "61_90", "charged_off", 100, 1),  # F; G has no March row
    ]

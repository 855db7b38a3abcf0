"""platform_tiers: tier by share of system balance at the latest month end, on the whole store."""

from __future__ import annotations

from tests.support_marts import built, pick, records

JAN, FEB = "2024-01-31", "2024-02-29"


def test_tiers_at_five_and_one_percent_boundaries(tmp_path):
    # February (latest) balances sum to 500 + 499.99 + 100 + 99.99 + 8 800.02 = 10 000.
    latest = {"P1": 500, "P2": 499.99, "P3": 100, "P4": 99.99, "P5": 8800.02}
    platforms = [*latest, "P6", "P7"]
    loans = [
        {
            "loan_id": f"L{p}",
            "bank_id": "B1",
            "platform_id": p,
            "origination_date": "2024-01-02",
            "principal_cny": 10_000,
        }
        for p in platforms[:-1]
    ]
    performance = [
        {"loan_id": f"L{p}", "month_end": FEB, "balance_cny": b} for p, b in latest.items()
    ] + [
        # P6 had a balance in January and paid off in February: exited
        {"loan_id": "LP6", "month_end": JAN, "balance_cny": 5000},
        {"loan_id": "LP6", "month_end": FEB, "balance_cny": 0, "status": "paid_off"},
    ]
    con = built(
        tmp_path,
        {
            "banks": [{"bank_id": "B1"}],
            # P7 is a platform that never lent: no balance at the latest month end, exited
            "partners": [{"partner_id": p} for p in platforms]
            + [{"partner_id": "E1", "partner_type": "enhancer"}],
            "loans": loans,
            "loan_performance": performance,
        },
    )
    columns = ("platform_id", "balance_latest_cny", "share_latest", "tier")
    assert pick(records(con, "platform_tiers"), *columns) == [
        ("P1", 500, 0.05, "leading"),  # 500 / 10 000 = 5 % exactly
        ("P2", 499.99, 0.049999, "mid"),  # 499.99 / 10 000 = 4.9999 %
        ("P3", 100, 0.01, "mid"),  # 100 / 10 000 = 1 % exactly
        ("P4", 99.99, 0.009999, "tail"),  # 99.99 / 10 000 = 0.9999 %
        ("P5", 8800.02, 0.880002, "leading"),
        ("P6", 0, 0, "exited"),
        ("P7", 0, 0, "exited"),
    ]

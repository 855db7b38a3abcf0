"""vintage_curve and vintage_events: dense ever-90 curves by bank, platform and cohort."""

from __future__ import annotations

from tests.support_marts import built, pick, records

JAN, FEB, MAR, APR = "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"


def loan(loan_id: str, platform_id: str, originated: str, principal: float, **kw) -> dict:
    return {
        "loan_id": loan_id,
        "bank_id": "B1",
        "platform_id": platform_id,
        "origination_date": originated,
        "principal_cny": principal,
    } | kw


def row(loan_id: str, month_end: str, dpd: int, status: str = "active") -> dict:
    balance = 0 if status == "paid_off" else 100
    return {
        "loan_id": loan_id,
        "month_end": month_end,
        "balance_cny": balance,
        "dpd": dpd,
        "status": status,
    }


def store(tmp_path):
    return built(
        tmp_path,
        {
            "banks": [{"bank_id": "B1"}],
            "partners": [{"partner_id": "P1"}, {"partner_id": "P2"}],
            "loans": [
                # January cohort of P1: 1 000 + 500 + 300 = 1 800
                loan("A", "P1", "2024-01-10", 1000),
                loan("B", "P1", "2024-01-20", 500, product="business"),
                loan("C", "P1", "2024-01-25", 300, borrower_area="rural"),
                # March cohort of P1: 200, never late
                loan("D", "P1", "2024-03-05", 200),
                # February cohort of P2: 400
                loan("E", "P2", "2024-02-03", 400),
                # originated after the latest month end (April): ignored
                loan("F", "P2", "2024-05-02", 900),
            ],
            "loan_performance": [
                # A: 91 DPD at March (mob 2), then paid off in April: stays counted
                row("A", JAN, 0),
                row("A", FEB, 35),
                row("A", MAR, 91),
                row("A", APR, 0, "paid_off"),
                # B: exactly 90 at March does not count; 120 on a charged-off row in April does
                row("B", JAN, 0),
                row("B", FEB, 0),
                row("B", MAR, 90),
                row("B", APR, 120, "charged_off"),
                row("C", JAN, 0),
                row("C", FEB, 0),
                row("C", MAR, 0),
                row("C", APR, 0),
                row("D", MAR, 0),
                row("D", APR, 0),
                # E: 100 DPD at March (mob 1), paid off in April
                row("E", FEB, 0),
                row("E", MAR, 100),
                row("E", APR, 0, "paid_off"),
            ],
        },
    )


def test_vintage_curve_is_dense_and_cumulative(tmp_path):
    con = store(tmp_path)
    columns = ("bank_id", "platform_id", "cohort_month", "mob", "originated_cny", "ever90_cny")
    assert pick(records(con, "vintage_curve"), *columns) == [
        # Jan → Apr is 3 months: mob 0…3. A first > 90 at mob 2, B at mob 3 (charged off)
        ("B1", "P1", JAN, 0, 1800, 0),
        ("B1", "P1", JAN, 1, 1800, 0),
        ("B1", "P1", JAN, 2, 1800, 1000),
        ("B1", "P1", JAN, 3, 1800, 1500),
        # Mar → Apr: mob 0…1, nothing late: zeros, not gaps
        ("B1", "P1", MAR, 0, 200, 0),
        ("B1", "P1", MAR, 1, 200, 0),
        # Feb cohort of P2: E at mob 1, still counted at mob 2 after paying off
        ("B1", "P2", FEB, 0, 400, 0),
        ("B1", "P2", FEB, 1, 400, 400),
        ("B1", "P2", FEB, 2, 400, 400),
    ]


def test_vintage_events_split_cohorts_by_first_dpd90_mob(tmp_path):
    con = store(tmp_path)
    columns = (
        "platform_id",
        "product",
        "borrower_area",
        "cohort_month",
        "first_dpd90_mob",
        "originated_cny",
        "originated_count",
    )
    rows = records(con, "vintage_events")
    never = [r for r in rows if r["first_dpd90_mob"] is None]
    late = [r for r in rows if r["first_dpd90_mob"] is not None]
    assert pick(late, *columns) == [
        ("P1", "business", "urban", JAN, 3, 500, 1),  # B
        ("P1", "consumer", "urban", JAN, 2, 1000, 1),  # A
        ("P2", "consumer", "urban", FEB, 1, 400, 1),  # E
    ]
    assert pick(never, "platform_id", "borrower_area", "cohort_month", "originated_cny") == [
        ("P1", "rural", JAN, 300),  # C
        ("P1", "urban", MAR, 200),  # D
    ]

"""asset_quality_month: DPD30+/DPD90+ and NPL (reported vs DPD-implied) by bank, platform, month."""

from __future__ import annotations

import pytest

from tests.support_marts import built, pick, records

BANKS = [{"bank_id": "B1"}, {"bank_id": "B2"}]
PARTNERS = [{"partner_id": "P1"}, {"partner_id": "P2"}]


def one_loan_row(tmp_path, dpd: int, classification: str | None) -> dict:
    """The single asset_quality_month row of one active loan with balance 1 000 at 2024-01-31."""
    con = built(
        tmp_path,
        {
            "banks": BANKS,
            "partners": PARTNERS,
            "loans": [
                {
                    "loan_id": "L1",
                    "bank_id": "B1",
                    "platform_id": "P1",
                    "origination_date": "2023-06-10",
                    "principal_cny": 2000,
                }
            ],
            "loan_performance": [
                {
                    "loan_id": "L1",
                    "month_end": "2024-01-31",
                    "balance_cny": 1000,
                    "dpd": dpd,
                    "classification": classification,
                }
            ],
        },
    )
    [row] = records(con, "asset_quality_month")
    return row


# Each case: balance 1 000 counts in a measure (1 000) or not (0).
# Floor: 0 normal, 1–90 special_mention, 91–270 substandard, 271–360 doubtful, > 360 loss;
# NPL = substandard, doubtful or loss.
@pytest.mark.parametrize(
    ("dpd", "classification", "dpd30", "dpd90", "npl_reported", "npl_dpd"),
    [
        (0, None, 0, 0, 0, 0),  # floor normal
        (1, None, 0, 0, 0, 0),  # floor special_mention
        (30, None, 0, 0, 0, 0),  # 30 is not > 30
        (31, None, 1000, 0, 0, 0),  # first DPD30+ day
        (90, None, 1000, 0, 0, 0),  # 90 is not > 90, floor still special_mention
        (91, None, 1000, 1000, 1000, 1000),  # DPD90+; missing classification → floor substandard
        (91, "normal", 1000, 1000, 0, 1000),  # reported milder than floor: the R15 gap
        (91, "special_mention", 1000, 1000, 0, 1000),  # gap again
        (270, "special_mention", 1000, 1000, 0, 1000),  # floor substandard
        (271, "special_mention", 1000, 1000, 0, 1000),  # floor doubtful: still NPL
        (360, None, 1000, 1000, 1000, 1000),  # floor doubtful
        (361, None, 1000, 1000, 1000, 1000),  # floor loss
        (361, "normal", 1000, 1000, 0, 1000),  # loss floor beats a normal report
        (0, "substandard", 0, 0, 1000, 1000),  # reported more severe than floor counts both ways
        (5, "loss", 0, 0, 1000, 1000),  # the more severe of the two is the report
        (120, "doubtful", 1000, 1000, 1000, 1000),
    ],
)
def test_dpd_and_classification_boundaries(
    tmp_path, dpd, classification, dpd30, dpd90, npl_reported, npl_dpd
):
    row = one_loan_row(tmp_path, dpd, classification)
    assert (row["balance_cny"], row["dpd30_balance_cny"], row["dpd90_balance_cny"]) == (
        1000,
        dpd30,
        dpd90,
    )
    assert (row["npl_reported_balance_cny"], row["npl_dpd_balance_cny"]) == (npl_reported, npl_dpd)


def test_sums_active_rows_by_bank_platform_and_month(tmp_path):
    jan, feb = "2024-01-31", "2024-02-29"
    loans = [
        {"loan_id": loan_id, "bank_id": bank_id, "platform_id": platform_id}
        | {"origination_date": "2024-01-03", "principal_cny": 1000}
        for loan_id, bank_id, platform_id in [
            ("L1", "B1", "P1"),
            ("L2", "B1", "P1"),
            ("L3", "B1", "P1"),
            ("L4", "B2", "P1"),
            ("L5", "B1", "P2"),
            ("L6", "B2", "P2"),
        ]
    ]
    performance = [
        {"loan_id": "L1", "month_end": jan, "balance_cny": 800},
        {"loan_id": "L2", "month_end": jan, "balance_cny": 300, "dpd": 45},
        {"loan_id": "L3", "month_end": jan, "balance_cny": 200, "dpd": 100},
        {"loan_id": "L1", "month_end": feb, "balance_cny": 0, "status": "paid_off"},
        {"loan_id": "L2", "month_end": feb, "balance_cny": 300, "dpd": 75},
        {"loan_id": "L3", "month_end": feb, "balance_cny": 200, "dpd": 130}
        | {"classification": "substandard"},
        # B2–P1 has only a paid-off row: no asset-quality row
        {"loan_id": "L4", "month_end": jan, "balance_cny": 0, "status": "paid_off"},
        # B1–P2 has an active row with zero balance: a row of zeros
        {"loan_id": "L5", "month_end": jan, "balance_cny": 0},
        # B2–P2 is compensated at dpd 95: not active, no row
        {"loan_id": "L6", "month_end": jan, "balance_cny": 400, "dpd": 95}
        | {"status": "compensated"},
    ]
    con = built(
        tmp_path,
        {"banks": BANKS, "partners": PARTNERS, "loans": loans, "loan_performance": performance},
    )
    columns = (
        "bank_id",
        "platform_id",
        "month_end",
        "balance_cny",
        "dpd30_balance_cny",
        "dpd90_balance_cny",
        "npl_reported_balance_cny",
        "npl_dpd_balance_cny",
    )
    assert pick(records(con, "asset_quality_month"), *columns) == [
        # Jan: 800 + 300 + 200 = 1 300; DPD30+ 300 + 200 = 500; DPD90+ 200 (L3);
        # L3 has no classification → floor substandard → NPL both ways 200
        ("B1", "P1", jan, 1300, 500, 200, 200, 200),
        # Feb: L1 paid off; 300 + 200 = 500; DPD30+ 500; DPD90+ 200; L3 reported substandard
        ("B1", "P1", feb, 500, 500, 200, 200, 200),
        ("B1", "P2", jan, 0, 0, 0, 0, 0),
    ]

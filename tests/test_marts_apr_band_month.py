"""apr_band_month: new loans' comprehensive APR in whole-percent bands ((k − 1) %, k %]."""

from __future__ import annotations

import pytest

from tests.support_marts import built, records


@pytest.mark.parametrize(
    ("rates", "band"),
    [
        ((0.10, 0.14, 0.0, 0.0), 24),  # 0.10 + 0.14 is 24 % exactly: the top of band 24
        ((0.2, 0.0, 0.0400005, 0.0), 25),  # 0.2400005 breaches: band 25
        ((0.2, 0.0, 0.035, 0.0), 24),  # 23.5 %
        ((0.12, 0.0, 0.0, 0.0), 12),  # 12 % exactly
        ((0.12, 0.0, 0.0, 0.0001), 13),  # 12.01 %
        ((0.0, 0.0, 0.0, 0.0), 0),
    ],
)
def test_apr_band_of_a_loan(tmp_path, rates, band):
    interest, platform_fee, enhancement_fee, other_fee = rates
    con = built(
        tmp_path,
        {
            "banks": [{"bank_id": "B1"}],
            "partners": [{"partner_id": "P1"}],
            "loans": [
                {
                    "loan_id": "L1",
                    "bank_id": "B1",
                    "platform_id": "P1",
                    "origination_date": "2024-01-05",
                    "principal_cny": 700,
                    "interest_rate": interest,
                    "platform_fee_rate": platform_fee,
                    "enhancement_fee_rate": enhancement_fee,
                    "other_fee_rate": other_fee,
                }
            ],
            "loan_performance": [
                {"loan_id": "L1", "month_end": "2024-01-31", "balance_cny": 700},
            ],
        },
    )
    [row] = records(con, "apr_band_month")
    assert (row["month_end"], row["apr_band_pct"], row["originated_cny"]) == (
        "2024-01-31",
        band,
        700,
    )
    assert row["originated_count"] == 1

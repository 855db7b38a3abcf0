"""book_month: the book by bank, platform, product, area and guarantee at each month end."""

from __future__ import annotations

import pytest

from tests.support_marts import built, pick, records

JAN, FEB = "2024-01-31", "2024-02-29"


def loan(loan_id: str, originated: str, principal: float, **kw) -> dict:
    return {
        "loan_id": loan_id,
        "bank_id": "B1",
        "platform_id": "P1",
        "origination_date": originated,
        "principal_cny": principal,
    } | kw


def row(loan_id: str, month_end: str, balance: float, **kw) -> dict:
    return {"loan_id": loan_id, "month_end": month_end, "balance_cny": balance} | kw


@pytest.fixture
def book(tmp_path):
    return records(
        built(
            tmp_path,
            {
                "banks": [{"bank_id": "B1", "bank_type": "city_commercial"}],
                "partners": [
                    {"partner_id": "P1"},
                    {"partner_id": "E1", "partner_type": "enhancer"},
                ],
                "loans": [
                    # co-funded: the bank funds 60 %
                    loan("L1", "2024-01-05", 1000, bank_funded_share=0.6, interest_rate=0.08)
                    | {"platform_fee_rate": 0.06, "enhancement_fee_rate": 0.04},
                    # within 1e-9 of 1: not co-funded; APR 0.10 + 0.14 = 24 % exactly: not above
                    loan("L2", "2024-01-15", 2000, bank_funded_share=0.9999999999)
                    | {"interest_rate": 0.10, "platform_fee_rate": 0.14},
                    # APR 0.2400005 is above 24 %; guaranteed, so in its own row
                    loan("L3", "2024-01-20", 500, enhancer_id="E1", interest_rate=0.2)
                    | {"enhancement_fee_rate": 0.0300005, "other_fee_rate": 0.01},
                    # originated in January and paid off within it
                    loan("L4", "2024-01-25", 300, product="business", interest_rate=0.30),
                    # originated after the latest month end (February): ignored
                    loan("L5", "2024-03-01", 800, interest_rate=0.30),
                ],
                "loan_performance": [
                    row("L1", JAN, 1000, dpd=31),
                    row("L1", FEB, 900, dpd=91, classification="special_mention"),
                    row("L2", JAN, 2000),
                    row("L2", FEB, 1800),
                    row("L3", JAN, 500),
                    row("L3", FEB, 0, status="compensated"),
                    row("L4", JAN, 0, status="paid_off"),
                ],
            },
        ),
        "book_month",
    )


def test_balances_split_by_dimension(book):
    columns = (
        "month_end",
        "product",
        "is_guaranteed",
        "bank_type",
        "balance_cny",
        "bank_funded_balance_cny",
        "cofunded_bank_funded_balance_cny",
        "dpd30_balance_cny",
        "dpd90_balance_cny",
        "npl_reported_balance_cny",
        "npl_dpd_balance_cny",
        "loan_count",
    )
    assert pick(book, *columns) == [
        # L4: originated, never active in January
        (JAN, "business", False, "city_commercial", 0, 0, 0, 0, 0, 0, 0, 0),
        # L1 1 000 (bank 600, co-funded, dpd 31) + L2 2 000 (bank 2 000 − 2e-7, not co-funded)
        (JAN, "consumer", False, "city_commercial", 3000, 2600, 600, 1000, 0, 0, 0, 2),
        # L3 500, guaranteed
        (JAN, "consumer", True, "city_commercial", 500, 500, 0, 0, 0, 0, 0, 1),
        # L1 900 (bank 540, dpd 91 reported special_mention: NPL only DPD-implied) + L2 1 800
        # (bank 1 800 − 1.8e-7); L3 compensated: no row
        (FEB, "consumer", False, "city_commercial", 2700, 2340, 540, 900, 900, 0, 900, 2),
    ]


def test_originations_with_apr_and_cost_components(book):
    columns = (
        "month_end",
        "product",
        "is_guaranteed",
        "originated_cny",
        "originated_count",
        "originated_above_24_cny",
        "originated_above_24_count",
        "interest_rate_x_principal_cny",
        "platform_fee_rate_x_principal_cny",
        "enhancement_fee_rate_x_principal_cny",
        "other_fee_rate_x_principal_cny",
    )
    assert pick(book, *columns) == [
        # L4: 300 at 30 % interest: above 24 %; 300 × 0.30 = 90
        (JAN, "business", False, 300, 1, 300, 1, 90, 0, 0, 0),
        # L1 + L2 = 3 000; L2 at exactly 24 % is not above; L1 is 18 %.
        # interest 1 000 × 0.08 + 2 000 × 0.10 = 80 + 200 = 280;
        # platform fee 1 000 × 0.06 + 2 000 × 0.14 = 60 + 280 = 340; enhancement 1 000 × 0.04
        (JAN, "consumer", False, 3000, 2, 0, 0, 280, 340, 40, 0),
        # L3: 0.2 + 0.0300005 + 0.01 = 0.2400005 > 0.24; 500 × 0.2 = 100, 500 × 0.0300005 =
        # 15.00025, 500 × 0.01 = 5
        (JAN, "consumer", True, 500, 1, 500, 1, 100, 0, 15.00025, 5),
        # nothing originated in February; L5 (March) is out of range
        (FEB, "consumer", False, 0, 0, 0, 0, 0, 0, 0, 0),
    ]


def test_keys_carry_group_and_area(book):
    assert {(r["bank_id"], r["platform_id"], r["group_id"], r["borrower_area"]) for r in book} == {
        ("B1", "P1", "P1", "urban")
    }

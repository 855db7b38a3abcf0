"""concentration_month: HHI, CRk and the top entity by month end, for platforms and groups."""

from __future__ import annotations

import pytest

from tests.support_marts import built, records

JAN, FEB = "2024-01-31", "2024-02-29"


def store(tmp_path, balances: dict[str, float], ownership: list[dict] | None = None):
    """One loan per platform at bank B1, active at January with the given balance; every loan
    paid off in February (a month end with rows but no active balance)."""
    platforms = sorted(balances)
    return built(
        tmp_path,
        {
            "banks": [{"bank_id": "B1"}],
            "partners": [{"partner_id": p} for p in platforms]
            + [{"partner_id": "H1", "partner_type": "holding"}],
            "ownership": ownership or [],
            "loans": [
                {
                    "loan_id": f"L{p}",
                    "bank_id": "B1",
                    "platform_id": p,
                    "origination_date": "2024-01-02",
                    "principal_cny": 10_000,
                }
                for p in platforms
            ],
            "loan_performance": [
                {"loan_id": f"L{p}", "month_end": JAN, "balance_cny": balance}
                for p, balance in balances.items()
            ]
            + [
                {"loan_id": f"L{p}", "month_end": FEB, "balance_cny": 0, "status": "paid_off"}
                for p in platforms
            ],
        },
    )


def level_row(con, level: str) -> dict:
    [row] = [r for r in records(con, "concentration_month") if r["level"] == level]
    return row


@pytest.mark.parametrize(
    ("balances", "n_active", "hhi", "cr1", "cr3", "cr5", "top_id"),
    [
        # one platform: share 1 → HHI 100² = 10 000; every CRk is 1
        ({"PA": 500}, 1, 10_000, 1, 1, 1, "PA"),
        # 600 / 400: 60² + 40² = 3 600 + 1 600 = 5 200
        ({"PA": 400, "PB": 600}, 2, 5_200, 0.6, 1, 1, "PB"),
        # shares .3 .2 .2 .1 .1 .1: 900 + 400 + 400 + 100 + 100 + 100 = 2 000;
        # CR3 .3 + .2 + .2 = .7; CR5 .7 + .1 + .1 = .9; a zero balance is not active
        (
            {"PA": 100, "PB": 200, "PC": 300, "PD": 100, "PE": 200, "PF": 100, "PG": 0},
            6,
            2_000,
            0.3,
            0.7,
            0.9,
            "PC",
        ),
    ],
)
def test_hhi_and_concentration_ratios(tmp_path, balances, n_active, hhi, cr1, cr3, cr5, top_id):
    row = level_row(store(tmp_path, balances), "platform")
    assert row["n_active"] == n_active
    assert row["hhi"] == pytest.approx(hhi, rel=1e-12)
    assert (row["cr1"], row["cr3"], row["cr5"]) == pytest.approx((cr1, cr3, cr5), rel=1e-12)
    assert row["top_id"] == top_id


def test_ties_rank_by_balance_rounded_to_a_fen_then_id(tmp_path):
    # PB 100.004 and PA 100.001 both round to 100.00: the tie goes to the lower id, PA, although
    # PB's raw balance is larger. PC 100.006 rounds to 100.01 and wins outright. PD 50.
    # Total 350.011. CR1 = PC; CR3 = PC + PA + PB = all but PD = 300.011 / 350.011.
    con = store(tmp_path, {"PA": 100.001, "PB": 100.004, "PC": 100.006, "PD": 50})
    row = level_row(con, "platform")
    assert row["top_id"] == "PC"
    assert row["cr1"] == pytest.approx(100.006 / 350.011, rel=1e-12)
    assert row["cr3"] == pytest.approx(300.011 / 350.011, rel=1e-12)


def test_tied_leaders_give_top_to_the_lower_id(tmp_path):
    # 200 / 200 / 100: PA and PZ tie at 200.00, PA comes first; CR1 = 200 / 500 = 0.4
    con = store(tmp_path, {"PZ": 200, "PA": 200, "PM": 100})
    row = level_row(con, "platform")
    assert (row["top_id"], row["cr1"]) == ("PA", pytest.approx(0.4, rel=1e-12))


def test_group_level_adds_platforms_under_one_controller(tmp_path):
    # H1 controls PA (0.7) and PB (0.51); PC stands alone.
    # Groups: H1 = 300 + 200 = 500, PC = 500 → 50² + 50² = 5 000; tie → lower id, H1.
    con = store(
        tmp_path,
        {"PA": 300, "PB": 200, "PC": 500},
        ownership=[
            {"owner_id": "H1", "owned_id": "PA", "equity_share": 0.7},
            {"owner_id": "H1", "owned_id": "PB", "equity_share": 0.51},
        ],
    )
    group = level_row(con, "group")
    assert (group["n_active"], group["top_id"]) == (2, "H1")
    assert (group["hhi"], group["cr1"], group["cr3"]) == pytest.approx((5_000, 0.5, 1), rel=1e-12)
    # platform level: 30² + 20² + 50² = 900 + 400 + 2 500 = 3 800
    platform = level_row(con, "platform")
    assert (platform["n_active"], platform["top_id"]) == (3, "PC")
    assert platform["hhi"] == pytest.approx(3_800, rel=1e-12)


def test_month_without_active_balance_has_no_row(tmp_path):
    con = store(tmp_path, {"PA": 100, "PB": 300})
    assert sorted((r["month_end"], r["level"]) for r in records(con, "concentration_month")) == [
        (JAN, "group"),
        (JAN, "platform"),
    ]

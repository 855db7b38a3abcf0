"""Concentration metrics on a hand-computed book: shares, HHI and CRk within the filtered
universe, entries and exits, dependence, single-group exposure (R02) and the what-if exit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from lendwatch import build
from lendwatch.filters import FilterContext
from lendwatch.metrics import METRICS
from lendwatch.metrics import concentration as metrics
from tests.support import SAMPLE, staged
from tests.support_marts import built

JAN, FEB, MAR, APR = date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30)
ALL = FilterContext(start=JAN, end=APR)
AT_JAN = FilterContext(start=JAN, end=JAN)


def loan(loan_id, bank, platform, balances, product="consumer", share=1.0, start="2024-01-05"):
    """A loan with its balance at each month end; a 0 balance is the month it was paid off."""
    rows = [
        {"loan_id": loan_id, "month_end": month.isoformat(), "balance_cny": balance}
        | ({"status": "paid_off"} if balance == 0 else {})
        for month, balance in balances.items()
    ]
    spec = {
        "loan_id": loan_id,
        "bank_id": bank,
        "platform_id": platform,
        "product": product,
        "bank_funded_share": share,
        "origination_date": start,
        "principal_cny": 1_000,
    }
    return spec, rows


# The book (balances in CNY at JAN, FEB, MAR, APR; H1 controls PA and PB, PC and PD stand alone):
#   L1 B1 PA consumer        300 300 300 300   bank-funded share 0.6 (co-funded)
#   L2 B1 PB consumer        100   0
#   L3 B1 PC consumer        100 100 100   0
#   L4 B2 PA consumer        100 100 100 100   bank-funded share 0.5 (co-funded)
#   L5 B2 PC business        400 400 400   0
#   L6 B2 PD consumer          . 200 200 200   bank-funded share 0.7 (co-funded), from FEB
# B1 is joint-stock, B2 city commercial; B4 (rural) has no platform book.
LOANS = [
    loan("L1", "B1", "PA", {JAN: 300, FEB: 300, MAR: 300, APR: 300}, share=0.6),
    loan("L2", "B1", "PB", {JAN: 100, FEB: 0}),
    loan("L3", "B1", "PC", {JAN: 100, FEB: 100, MAR: 100, APR: 0}),
    loan("L4", "B2", "PA", {JAN: 100, FEB: 100, MAR: 100, APR: 100}, share=0.5),
    loan("L5", "B2", "PC", {JAN: 400, FEB: 400, MAR: 400, APR: 0}, product="business"),
    loan("L6", "B2", "PD", {FEB: 200, MAR: 200, APR: 200}, share=0.7, start="2024-02-03"),
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    folder = tmp_path_factory.mktemp("concentration")
    return built(
        folder,
        {
            "banks": [
                {"bank_id": "B1", "name": "Bank One", "bank_type": "joint_stock"},
                {"bank_id": "B2", "name": "Bank Two", "bank_type": "city_commercial"},
                {"bank_id": "B4", "name": "Bank Four", "bank_type": "rural_commercial"},
            ],
            "bank_financials": [
                # B1: 180 / 720 is exactly 25 % until a new quarter lowers capital to 719
                {"bank_id": "B1", "period_end": "2023-12-31", "tier1_net_capital_cny": 720},
                {"bank_id": "B1", "period_end": "2024-03-31", "tier1_net_capital_cny": 719},
                {"bank_id": "B2", "period_end": "2023-12-31", "tier1_net_capital_cny": 1_000},
            ],
            "partners": [
                {"partner_id": "H1", "name": "Holding One", "partner_type": "holding"},
                {"partner_id": "PA", "name": "Platform A", "name_zh": "平台甲"},
                {"partner_id": "PB", "name": "Platform B"},
                {"partner_id": "PC", "name": "Platform C"},
                {"partner_id": "PD", "name": "Platform D"},
            ],
            "ownership": [
                {"owner_id": "H1", "owned_id": "PA", "equity_share": 0.6},
                {"owner_id": "H1", "owned_id": "PB", "equity_share": 0.6},
            ],
            "loans": [spec for spec, _ in LOANS],
            "loan_performance": [row for _, rows in LOANS for row in rows],
        },
    )


def by_id(frame: pd.DataFrame, key: str, column: str) -> dict:
    return dict(zip(frame[key], frame[column], strict=True))


def test_every_metric_is_registered():
    assert set(metrics.METRICS) <= set(METRICS)
    assert all(METRICS[name] is f for name, f in metrics.METRICS.items())


# --- shares, HHI, CRk -------------------------------------------------------------------------


def test_platform_shares_of_the_whole_store(con):
    # JAN: PA 300 + 100 = 400, PB 100, PC 100 + 400 = 500; total 1 000
    shares = metrics.market_shares_by_entity_month(con, AT_JAN, "platform")
    assert by_id(shares, "entity_id", "share") == pytest.approx({"PA": 0.4, "PB": 0.1, "PC": 0.5})
    assert by_id(shares, "entity_id", "rank") == {"PC": 1, "PA": 2, "PB": 3}
    assert by_id(shares, "entity_id", "entity_name_zh")["PA"] == "平台甲"
    assert shares["is_selected"].all()


def test_hhi_and_ratios_of_the_whole_store(con):
    # 40² + 10² + 50² = 1 600 + 100 + 2 500 = 4 200; CR1 = PC 0.5; CR3 = CR5 = 1
    [row] = metrics.concentration_by_month(con, AT_JAN, "platform").to_dict("records")
    assert (row["n_active"], row["top_id"], row["balance_cny"]) == (3, "PC", 1_000)
    assert (row["hhi"], row["cr1"], row["cr3"], row["cr5"]) == pytest.approx((4_200, 0.5, 1, 1))


def test_groups_add_their_platforms_and_a_tie_goes_to_the_lower_id(con):
    # H1 = PA 400 + PB 100 = 500, PC = 500: 50² + 50² = 5 000; the tie at 500.00 goes to H1
    [row] = metrics.concentration_by_month(con, AT_JAN, "group").to_dict("records")
    assert (row["n_active"], row["top_id"]) == (2, "H1")
    assert (row["hhi"], row["cr1"]) == pytest.approx((5_000, 0.5))


@pytest.mark.parametrize(
    ("universe", "shares", "hhi", "top_id"),
    [
        # joint-stock B1 only: PA 300, PB 100, PC 100 of 500 → 60² + 20² + 20² = 4 400
        ({"bank_types": ("joint_stock",)}, {"PA": 0.6, "PB": 0.2, "PC": 0.2}, 4_400, "PA"),
        # the same through the bank filter
        ({"bank_ids": ("B1",)}, {"PA": 0.6, "PB": 0.2, "PC": 0.2}, 4_400, "PA"),
        # consumer loans: PA 400, PB 100, PC 100 of 600 → (400² + 100² + 100²) / 600² × 10⁴
        #   = 180 000 / 360 000 × 10 000 = 5 000
        ({"products": ("consumer",)}, {"PA": 4 / 6, "PB": 1 / 6, "PC": 1 / 6}, 5_000, "PA"),
        # city bank B2, business loans: PC 400 alone → 10 000
        ({"bank_ids": ("B2",), "products": ("business",)}, {"PC": 1.0}, 10_000, "PC"),
    ],
)
def test_bank_type_bank_and_product_filters_recompute_shares_within_the_universe(
    con, universe, shares, hhi, top_id
):
    ctx = replace(AT_JAN, **universe)
    found = metrics.market_shares_by_entity_month(con, ctx, "platform")
    assert by_id(found, "entity_id", "share") == pytest.approx(shares)
    [row] = metrics.concentration_by_month(con, ctx, "platform").to_dict("records")
    assert (row["hhi"], row["top_id"]) == (pytest.approx(hhi), top_id)


@pytest.mark.parametrize(
    ("selection", "level", "selected"),
    [
        ({"platform_ids": ("PB",)}, "platform", {"PB"}),
        ({"group_ids": ("H1",)}, "platform", {"PA", "PB"}),
        ({"platform_ids": ("PB",)}, "group", {"H1"}),
        ({"group_ids": ("PC",)}, "group", {"PC"}),
    ],
)
def test_a_platform_or_group_filter_marks_entities_without_changing_denominators(
    con, selection, level, selected
):
    unfiltered = metrics.market_shares_by_entity_month(con, AT_JAN, level)
    chosen = replace(AT_JAN, **selection)
    shares = metrics.market_shares_by_entity_month(con, chosen, level)
    assert by_id(shares, "entity_id", "share") == by_id(unfiltered, "entity_id", "share")
    assert set(shares.loc[shares["is_selected"], "entity_id"]) == selected
    # HHI and CRk ignore the selection altogether
    pd.testing.assert_frame_equal(
        metrics.concentration_by_month(con, chosen, level),
        metrics.concentration_by_month(con, AT_JAN, level),
    )


def test_a_universe_without_platform_book_is_empty(con):
    rural = replace(ALL, bank_types=("rural_commercial",))
    assert metrics.market_shares_by_entity_month(con, rural, "platform").empty
    assert metrics.concentration_by_month(con, rural, "platform").empty
    assert metrics.top_group_dependence_by_bank(con, rural).empty
    assert metrics.single_group_exposure_by_bank(con, rural).empty
    assert metrics.what_if_exit(con, rural, "platform", "PA").empty


def test_unknown_level_is_refused(con):
    with pytest.raises(ValueError, match="platform or group"):
        metrics.concentration_by_month(con, ALL, "bank")


def equal_to_concentration_month(con, ctx: FilterContext) -> None:
    stored = con.execute("select * from concentration_month").df()
    columns = ["month_end", "n_active", "hhi", "cr1", "cr3", "cr5", "top_id"]
    for level in metrics.LEVELS:
        mine = metrics.concentration_by_month(con, ctx, level)[columns]
        expected = stored[stored["level"] == level][columns].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, expected, check_exact=True)


def test_unfiltered_store_reproduces_concentration_month_exactly(con):
    equal_to_concentration_month(con, ALL)


def test_unfiltered_sample_reproduces_concentration_month_exactly(tmp_path):
    sample = staged(SAMPLE / "dataset")
    build.build_marts(sample)
    months = sample.execute("select min(month_end), max(month_end) from month_ends").fetchone()
    equal_to_concentration_month(sample, FilterContext(start=months[0], end=months[1]))


# --- entries and exits ------------------------------------------------------------------------


def test_entries_exits_and_active_platforms_per_quarter(con):
    # entries: PA, PB, PC in JAN, PD in FEB → Q1 4; exits: PB (last JAN) in FEB → Q1,
    # PC (last MAR) in APR → Q2; PA and PD active at the latest month end APR never exit.
    # Active at MAR: PA, PC, PD = 3; at APR: PA, PD = 2
    flows = metrics.entries_exits_by_quarter(con, ALL, "platform")
    assert flows[["quarter_end", "month_end", "entries", "exits", "n_active"]].to_dict(
        "records"
    ) == [
        {"quarter_end": pd.Timestamp(MAR), "month_end": pd.Timestamp(MAR), "entries": 4,
         "exits": 1, "n_active": 3},
        {"quarter_end": pd.Timestamp(2024, 6, 30), "month_end": pd.Timestamp(APR), "entries": 0,
         "exits": 1, "n_active": 2},
    ]  # fmt: skip
    assert list(flows["exit_names"]) == ["Platform B", "Platform C"]


def test_an_entity_active_before_the_period_is_no_entry_in_it(con):
    # from FEB: PA, PB, PC entered in JAN, before the period; PD enters in FEB, PB exits in FEB
    [q1, _] = metrics.entries_exits_by_quarter(con, replace(ALL, start=FEB), "platform").to_dict(
        "records"
    )
    assert (q1["entries"], q1["exits"], q1["entry_names"]) == (1, 1, "Platform D")


def test_exits_follow_the_universe(con):
    # joint-stock B1: PB last active JAN → exit FEB; PC last active MAR → exit APR;
    # PA active at APR. Groups: H1 (PA, PB) stays; PC exits in APR.
    platform = metrics.entries_exits_by_quarter(con, replace(ALL, bank_ids=("B1",)), "platform")
    group = metrics.entries_exits_by_quarter(con, replace(ALL, bank_ids=("B1",)), "group")
    assert list(platform["exits"]) == [1, 1]
    assert list(group["exits"]) == [0, 1]
    assert list(group["n_active"]) == [2, 1]


# --- dependence -------------------------------------------------------------------------------


def test_dependence_on_the_top_group_and_platform_at_the_as_of_month(con):
    # JAN, B1: H1 = PA 300 + PB 100 = 400 of 500 → 0.8; top platform PA 300 / 500 = 0.6;
    #   groups H1, PC; platforms PA, PB, PC
    # JAN, B2: PC 400 of 500 → 0.8 (H1 = 100); top platform PC 0.8
    found = metrics.top_group_dependence_by_bank(con, AT_JAN).set_index("bank_id")
    ids = ["top_group_id", "top_platform_id", "n_groups", "n_platforms"]
    assert found.loc["B1", ids].tolist() == ["H1", "PA", 2, 3]
    assert found.loc["B1", ["top_group_share", "top_platform_share"]].tolist() == pytest.approx(
        [0.8, 0.6]
    )
    assert found.loc["B2", ["top_group_id", "top_group_share"]].tolist() == ["PC", 0.8]
    assert found.loc["B2", "top_group_name"] == "Platform C"


def test_dependence_uses_the_filter_end_and_products(con):
    # APR: B1 holds PA 300 only → 1.0; B2 PA 100 + PD 200 → PD 200 / 300
    at_apr = metrics.top_group_dependence_by_bank(con, ALL).set_index("bank_id")
    assert at_apr.loc["B1", "top_group_share"] == 1.0
    assert at_apr.loc["B2", ["top_group_id", "top_group_share"]].tolist() == [
        "PD",
        pytest.approx(2 / 3),
    ]
    # JAN, consumer loans only: B2 holds PA 100 alone → H1 1.0
    consumer = replace(AT_JAN, products=("consumer",))
    found = metrics.top_group_dependence_by_bank(con, consumer).set_index("bank_id")
    assert found.loc["B2", ["top_group_id", "top_group_share"]].tolist() == ["H1", 1.0]


# --- single-group exposure (R02) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "bank", "group", "ratio", "breach"),
    [
        # B1: L1 300 × 0.6 = 180 with H1 / 720 = 0.25 exactly: at the limit, not over it
        (JAN, "B1", "H1", 0.25, False),
        (FEB, "B1", "H1", 0.25, False),
        # from MAR the 2024-03-31 financials (719) apply: 180 / 719 > 0.25
        (MAR, "B1", "H1", 180 / 719, True),
        (APR, "B1", "H1", 180 / 719, True),
        # B2 JAN: H1 = L4 100 × 0.5 = 50 / 1 000; from FEB PD = 200 × 0.7 = 140 is larger
        (JAN, "B2", "H1", 0.05, False),
        (FEB, "B2", "PD", 0.14, False),
    ],
)
def test_single_group_exposure_against_the_limit(con, month, bank, group, ratio, breach):
    found = metrics.single_group_exposure_by_bank_month(con, ALL)
    [row] = found[(found["bank_id"] == bank) & (found["month_end"] == pd.Timestamp(month))].to_dict(
        "records"
    )
    assert (row["top_group_id"], row["is_breach"], row["is_in_force"]) == (group, breach, True)
    assert (row["exposure_ratio"], row["headroom"]) == pytest.approx((ratio, 0.25 - ratio))


def test_exposure_at_the_as_of_month_ignores_product_filters(con):
    # the ratio is R02's, on the bank's whole book: a product filter changes nothing
    whole = metrics.single_group_exposure_by_bank(con, ALL)
    business = metrics.single_group_exposure_by_bank(con, replace(ALL, products=("business",)))
    pd.testing.assert_frame_equal(whole, business)
    assert set(whole["month_end"]) == {pd.Timestamp(APR)}
    assert by_id(whole, "bank_id", "exposure_ratio") == pytest.approx({"B1": 180 / 719, "B2": 0.14})


def test_exposure_matches_the_r02_findings_of_the_sample():
    sample = staged(SAMPLE / "dataset")
    build.build_derived(sample)
    months = sample.execute("select min(month_end), max(month_end) from month_ends").fetchone()
    mine = metrics.single_group_exposure_by_bank_month(
        sample, FilterContext(start=date(2023, 6, 30), end=months[1])
    )
    findings = sample.execute(
        "select bank_id, month_end, max(measured) as measured from compliance_findings "
        "where rule_id = 'R02' group by all"
    ).df()
    both = mine.merge(findings, on=["bank_id", "month_end"], how="outer", validate="1:1")
    assert len(both) == len(findings) > 0
    assert (both["exposure_ratio"] == both["measured"]).all()


def test_r02_limit_comes_from_the_rule_file():
    assert metrics.r02_limit() == 0.25


# --- what-if ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "removed", "hhi_after", "n_after", "balance_after"),
    [
        # without PC: PA 400, PB 100 of 500 → 80² + 20² = 6 400 + 400 = 6 800 (now 4 200)
        ("platform", "PC", 6_800, 2, 500),
        # without PB: PA 400, PC 500 of 900 → (400² + 500²) / 900² × 10⁴ = 410 000 / 810 000
        #   × 10 000 = 5 061.7
        ("platform", "PB", 410_000 / 810_000 * 10_000, 2, 900),
        # without group H1: PC 500 alone → 10 000
        ("group", "H1", 10_000, 1, 500),
    ],
)
def test_what_if_exit_renormalises_the_rest(con, level, removed, hhi_after, n_after, balance_after):
    now, after = metrics.what_if_exit(con, AT_JAN, level, removed).to_dict("records")
    assert (now["scenario"], after["scenario"]) == ("current", "without")
    assert now["balance_cny"] == 1_000
    assert (after["hhi"], after["n_active"], after["balance_cny"]) == (
        pytest.approx(hhi_after),
        n_after,
        balance_after,
    )
    assert after["cr5"] == pytest.approx(1.0)


def test_what_if_uses_the_filter_end_as_as_of(con):
    # APR, whole store: PA 400, PD 200 → now (400² + 200²) / 600² × 10⁴ = 5 555.6;
    # without PD: PA alone → 10 000
    now, after = metrics.what_if_exit(con, ALL, "platform", "PD").to_dict("records")
    assert now["month_end"] == after["month_end"] == pd.Timestamp(APR)
    assert (now["hhi"], after["hhi"]) == pytest.approx((200_000 / 360_000 * 10_000, 10_000))


def test_what_if_of_the_whole_market_leaves_nothing(con):
    # APR, B1: PA 300 is all there is
    now, after = metrics.what_if_exit(
        con, replace(ALL, bank_ids=("B1",)), "platform", "PA"
    ).to_dict("records")
    assert (now["n_active"], after["n_active"], after["balance_cny"]) == (1, 0, 0)
    assert pd.isna(after["hhi"])


@pytest.mark.parametrize(
    ("level", "removed", "expected"),
    [
        # JAN, PC: B2 400 of 500 = 0.8, B1 100 of 500 = 0.2 (largest share first)
        ("platform", "PC", [("B2", 400, 0.8), ("B1", 100, 0.2)]),
        # JAN, H1: B1 PA 300 + PB 100 = 400 of 500 = 0.8, B2 PA 100 of 500 = 0.2
        ("group", "H1", [("B1", 400, 0.8), ("B2", 100, 0.2)]),
        # JAN, PD: not active yet, nobody loses anything
        ("platform", "PD", []),
    ],
)
def test_banks_losing_part_of_their_book(con, level, removed, expected):
    found = metrics.entity_exposure_by_bank(con, AT_JAN, level, removed)
    rows = list(
        zip(found["bank_id"], found["entity_balance_cny"], found["entity_share"], strict=True)
    )
    assert rows == [(b, money, pytest.approx(share)) for b, money, share in expected]

"""Overview metrics on a hand-computed market of four month ends (2025-09 … 2025-12).

Banks: B1 joint-stock, B2 city commercial (both in CN-SH, as their borrowers). Platforms P1, P2,
P4 in their own groups; P3 controlled by holding H (group H). Listed: B1–P1, B1–P2, B1–P4,
B2–P1; B2–P3 is not listed (R07). Loans (consumer, interest 10 %, credit line = principal unless
said otherwise) and their active balances at the month ends Sep / Oct / Nov / Dec:

    L1 B1 P1 2025-09-10  1 000                       1 000 /   900 /   800 /   700
    L2 B1 P2 2025-09-15  2 000 APR 30 %              2 000 / 1 800 / 1 600 / 1 500
                         (Nov dpd 100, Dec dpd 130, reported special_mention: R15 breach)
    L6 B1 P4 2025-09-01  1 000 credit line 300 000 (R04, Sep)  1 000 / paid off in Oct
    L7 B1 P2 2025-10-10  1 000 credit line 250 000 (R04, Oct)      – / 1 000 /   900 /   800
    L3 B2 P3 2025-11-05  4 700 APR exactly 24 % (R07: unlisted)        – / 4 700 / 3 000
    L4 B2 P1 2025-12-20  1 000 APR 25 % (R09)                                  – / 1 000
    L5 B1 P1 2025-12-03  3 000 APR 12 %, business                              – / 3 000
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lendwatch import build
from lendwatch.filters import FilterContext
from lendwatch.metrics import overview, overview_view
from tests.support import staged, write_dataset

SEP, OCT, NOV, DEC = date(2025, 9, 30), date(2025, 10, 31), date(2025, 11, 30), date(2025, 12, 31)


def _loan(loan_id, bank, platform, day, principal, **extra):
    return {
        "loan_id": loan_id,
        "bank_id": bank,
        "platform_id": platform,
        "origination_date": day,
        "principal_cny": principal,
        "credit_line_cny": principal,
        **extra,
    }


def _rows(loan_id, first, *balances, **by_month):
    months = ("2025-09-30", "2025-10-31", "2025-11-30", "2025-12-31")
    rows = []
    start = months.index(first)
    for month, balance in zip(months[start:], balances, strict=False):
        row = {"loan_id": loan_id, "month_end": month, "balance_cny": balance}
        rows.append({**row, **by_month.get(month, {})})
    return rows


TABLES = {
    "banks": [
        {"bank_id": "B1", "bank_type": "joint_stock"},
        {"bank_id": "B2", "bank_type": "city_commercial"},
    ],
    "partners": [
        *({"partner_id": p} for p in ("P1", "P2", "P3", "P4")),
        {"partner_id": "H", "partner_type": "holding"},
    ],
    "ownership": [{"owner_id": "H", "owned_id": "P3", "equity_share": 0.6}],
    "partner_list": [
        {"bank_id": b, "partner_id": p, "listed_date": "2020-01-01"}
        for b, p in (("B1", "P1"), ("B1", "P2"), ("B1", "P4"), ("B2", "P1"))
    ],
    "loans": [
        _loan("L1", "B1", "P1", "2025-09-10", 1000),
        _loan("L2", "B1", "P2", "2025-09-15", 2000, interest_rate=0.30),
        _loan("L6", "B1", "P4", "2025-09-01", 1000, credit_line_cny=300_000),
        _loan("L7", "B1", "P2", "2025-10-10", 1000, credit_line_cny=250_000),
        _loan("L3", "B2", "P3", "2025-11-05", 4700, interest_rate=0.14, platform_fee_rate=0.10),
        _loan("L4", "B2", "P1", "2025-12-20", 1000, interest_rate=0.20, platform_fee_rate=0.05),
        _loan("L5", "B1", "P1", "2025-12-03", 3000, interest_rate=0.12, product="business"),
    ],
    "loan_performance": [
        *_rows("L1", "2025-09-30", 1000, 900, 800, 700),
        *_rows(
            "L2",
            "2025-09-30",
            2000,
            1800,
            1600,
            1500,
            **{
                "2025-11-30": {"dpd": 100, "classification": "special_mention"},
                "2025-12-31": {"dpd": 130, "classification": "special_mention"},
            },
        ),
        *_rows("L6", "2025-09-30", 1000, 0, **{"2025-10-31": {"status": "paid_off"}}),
        *_rows("L7", "2025-10-31", 1000, 900, 800),
        *_rows("L3", "2025-11-30", 4700, 3000),
        *_rows("L4", "2025-12-31", 1000),
        *_rows("L5", "2025-12-31", 3000),
    ],
    "penalties": [
        {"penalty_id": "X1", "bank_id": "B1", "decision_date": "2025-03-15", "fine_cny": 100_000},
        {"penalty_id": "X2", "bank_id": "B2", "decision_date": "2025-12-31", "fine_cny": 200_000},
        {"penalty_id": "X3", "bank_id": "B1", "decision_date": "2026-01-01", "fine_cny": 300_000},
        {"penalty_id": "X4", "bank_id": None, "decision_date": "2025-06-01", "fine_cny": 50_000},
        {"penalty_id": "X5", "bank_id": "B2", "decision_date": "2024-12-31", "fine_cny": 1_000},
    ],
}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = staged(write_dataset(tmp_path_factory.mktemp("overview"), TABLES))
    build.build_derived(connection)
    return connection


def ctx(end: date = DEC, **filters) -> FilterContext:
    return FilterContext(start=SEP, end=end, **filters)


def point(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame.set_index("point").loc[name]


def test_reference_months_are_the_as_of_the_month_before_and_sep_2025(con):
    refs = overview.reference_months(con, ctx()).iloc[0]
    assert (refs.as_of_month_end, refs.previous_month_end, refs.baseline_month_end) == (
        DEC,
        NOV,
        SEP,
    )


def test_the_as_of_month_is_the_end_of_the_filter_period_when_earlier(con):
    points = overview.overview_points(con, ctx(end=NOV))
    assert list(points["point"]) == ["as_of", "previous", "baseline"]
    assert list(points["month_end"]) == [NOV, OCT, SEP]
    # Nov balances: L1 800 + L2 1 600 + L7 900 + L3 4 700 = 8 000
    assert point(points, "as_of").balance_cny == pytest.approx(8000)


def test_there_is_no_baseline_when_the_as_of_month_is_sep_2025_itself(con):
    points = overview.overview_points(con, ctx(end=SEP))
    # 2025-08 is not a month end of the data either: only the as-of point remains
    assert list(points["point"]) == ["as_of"]


def test_kpis_at_the_as_of_month_and_its_comparison_months(con):
    points = overview.overview_points(con, ctx())
    now, before, base = (point(points, p) for p in ("as_of", "previous", "baseline"))
    # Dec: 700 + 1 500 + 800 + 3 000 + 1 000 + 3 000 = 10 000; Nov 8 000; Sep 1 000 + 2 000 + 1 000
    assert (now.balance_cny, before.balance_cny, base.balance_cny) == pytest.approx(
        (10_000, 8_000, 4_000)
    )
    # L2 is reported special_mention: reported NPL 0; at 130 / 100 DPD its floor is substandard:
    # DPD-implied NPL Dec 1 500 / 10 000 = 0.15, Nov 1 600 / 8 000 = 0.20; Sep nothing past due
    assert now.npl_reported_ratio == 0
    assert (now.npl_dpd_ratio, before.npl_dpd_ratio, base.npl_dpd_ratio) == pytest.approx(
        (0.15, 0.20, 0.0)
    )
    # Platforms in Dec: P1 700 + 1 000 + 3 000 = 4 700, P2 1 500 + 800 = 2 300, P3 3 000:
    # HHI = 47² + 23² + 30² = 2 209 + 529 + 900 = 3 638; Sep: P1 1 000, P2 2 000, P4 1 000:
    # 25² + 50² + 25² = 3 750
    assert (now.n_active, now.cr5, now.hhi) == pytest.approx((3, 1.0, 3638))
    assert (base.n_active, base.hhi) == pytest.approx((3, 3750))


def test_share_above_24_is_weighted_by_principal_and_exactly_24_pct_is_not_counted(con):
    points = overview.overview_points(con, ctx())
    now, before, base = (point(points, p) for p in ("as_of", "previous", "baseline"))
    # Dec new loans: L4 1 000 at 25 %, L5 3 000 at 12 %: 1 000 / 4 000 = 0.25;
    # APR (1 000 × 0.25 + 3 000 × 0.12) / 4 000 = 610 / 4 000 = 0.1525
    assert (now.share_above_24, now.avg_comprehensive_apr) == pytest.approx((0.25, 0.1525))
    # Nov: only L3 at exactly 0.14 + 0.10 = 24 %: not above the ceiling
    assert (before.share_above_24, before.avg_comprehensive_apr) == pytest.approx((0.0, 0.24))
    # Sep: L2 2 000 at 30 % of 4 000: 0.5; APR (100 + 600 + 100) / 4 000 = 0.2
    assert (base.share_above_24, base.avg_comprehensive_apr) == pytest.approx((0.5, 0.2))


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        # Dec window (Sep 30, Dec 31]: R04 B1/P2 (Oct), R07 B2/P3 (Nov), R09 B2/P1 (Dec) and R15
        # B1/P2 at Dec; R04 B1/P4 from Sep has left the window
        (DEC, 4),
        # Nov window (Aug 31, Nov 30]: R04 B1/P4 (Sep), R04 B1/P2 (Oct), R07 B2/P3, R15 at Nov
        (NOV, 4),
        # Oct: R04 B1/P4 (Sep), R04 B1/P2 (Oct); R15 had no finding at Oct
        (OCT, 2),
    ],
)
def test_open_breaches_count_loan_rules_over_three_months_and_r15_at_the_month_end(
    con, end, expected
):
    points = overview.overview_points(con, ctx(end=end))
    assert point(points, "as_of").open_breach_count == expected


def test_a_bank_type_filter_recomputes_concentration_within_its_universe(con):
    now = point(overview.overview_points(con, ctx(bank_types=("city_commercial",))), "as_of")
    # B2 only in Dec: P3 3 000, P1 1 000 → shares 0.75 / 0.25, HHI 5 625 + 625 = 6 250
    assert (now.balance_cny, now.n_active, now.hhi, now.cr5) == pytest.approx((4000, 2, 6250, 1))
    # B2's breaches open at Dec: R07 B2/P3 (Nov), R09 B2/P1 (Dec)
    assert now.open_breach_count == 2


def test_a_product_filter_restricts_the_universe(con):
    now = point(overview.overview_points(con, ctx(products=("business",))), "as_of")
    # only L5 (P1, 3 000): one active platform holding everything
    assert (now.balance_cny, now.n_active, now.hhi) == pytest.approx((3000, 1, 10_000))


@pytest.mark.parametrize("selection", [{"platform_ids": ("P3",)}, {"group_ids": ("H",)}])
def test_a_platform_or_group_selection_keeps_the_universe_denominators(con, selection):
    now = point(overview.overview_points(con, ctx(**selection)), "as_of")
    # the selected book is L3 alone (3 000, no new loans in Dec) …
    assert now.balance_cny == pytest.approx(3000)
    assert pd.isna(now.share_above_24)
    # … while concentration stays that of the whole market (3 platforms, HHI 3 638)
    assert (now.n_active, now.hhi) == pytest.approx((3, 3638))
    # only platform-subject breaches of P3 stay open: R07 B2/P3
    assert now.open_breach_count == 1


def test_exits_since_sep_2025_count_platforms_active_then_and_not_now(con):
    now = point(overview.overview_points(con, ctx()), "as_of")
    # P4 (L6) was active in Sep and paid off in Oct
    assert now.exited_since_baseline_count == 1


@pytest.mark.parametrize(
    ("filters", "count", "fines"),
    [
        # 2025: X1 (B1, Mar), X2 (B2, Dec 31), X4 (no bank, Jun); not X3 (2026-01-01) nor X5
        ({}, 3, 350_000),
        ({"bank_types": ("city_commercial",)}, 1, 200_000),  # X2; X4 has no bank to type
        ({"bank_ids": ("B1",)}, 1, 100_000),  # X1
    ],
)
def test_penalties_count_the_calendar_year_of_the_as_of_month(con, filters, count, fines):
    row = overview.overview_penalties(con, ctx(**filters)).iloc[0]
    assert (row.year, row.penalty_count, row.fines_cny) == (2025, count, fines)


def test_banks_in_breach_since_the_rules_count_each_rule_from_oct_2025(con):
    frame = overview.breaching_banks_since_rules(con, ctx())
    # R04 B1 (Oct), R07 B2 (Nov), R09 B2 (Dec), R15 B1 (Nov, Dec)
    assert dict(zip(frame.rule_id, frame.bank_count, strict=True)) == {
        "R04": 1,
        "R07": 1,
        "R09": 1,
        "R15": 1,
    }


def test_banks_in_breach_since_the_rules_is_empty_before_oct_2025(con):
    assert overview.breaching_banks_since_rules(con, ctx(end=SEP)).empty


def test_the_trend_has_every_month_of_the_period_and_zero_for_an_empty_selection(con):
    trend = overview.overview_trend(con, ctx())
    # Oct: L1 900 + L2 1 800 + L7 1 000 (L6 paid off, not active)
    assert list(trend.balance_cny) == pytest.approx([4000, 3700, 8000, 10_000])
    empty = overview.overview_trend(con, ctx(bank_types=("state_owned",)))
    assert list(empty.balance_cny) == [0, 0, 0, 0]
    assert empty.npl_dpd_ratio.isna().all()


def test_the_since_rules_lines_compare_the_as_of_month_with_sep_2025(con):
    lines = overview.overview_since_rules(con, ctx(), "en")
    assert list(lines.columns) == ["Measure", "Sep 2025", "Dec 2025", "Change"]
    by_measure = lines.set_index("Measure")
    # 0.5 → 0.25 of new principal above 24 %
    assert list(by_measure.loc["New loans > 24 % APR"]) == ["50.0 %", "25.0 %", "-25.0 pp"]
    assert by_measure.loc["Platforms exited since Sep 2025", "Dec 2025"] == "1"
    assert by_measure.loc["Banks using unlisted platforms (R07)", "Dec 2025"] == "1"


def test_the_since_rules_lines_are_empty_without_a_month_after_sep_2025(con):
    assert overview.overview_since_rules(con, ctx(end=SEP), "en").empty


def test_kpi_cards_format_values_and_deltas_in_chinese(con):
    cards = overview.overview_kpis(con, ctx(), "zh").set_index("kpi")
    # balance 10 000 元 vs 8 000 in Nov: +25.0 %; vs 4 000 in Sep: +150.0 %
    assert cards.loc["balance", "value_text"] == "10,000 元"
    assert cards.loc["balance", "delta_text"] == "+25.0% 环比"
    assert cards.loc["balance", "delta_base_text"] == "+150.0%（较2025年9月）"
    assert cards.loc["penalties", "value_text"] == "3"
    assert cards.loc["penalties", "delta_base_text"] == "2025年罚款35.0 万元"


@pytest.mark.parametrize(
    ("kpi", "delta_text", "delta_color", "delta_base_text", "delta_base_color"),
    [
        # up is good: balance 8 000 → 10 000 (+25 %), 4 000 → 10 000 (+150 %)
        ("balance", "+25.0 % m/m", "normal", "+150.0 % vs Sep 2025", "green"),
        # unchanged: 3 platforms then and now, grey
        ("active_platforms", "0 m/m", "off", "0 vs Sep 2025", "gray"),
        # up is bad: DPD-implied NPL 0.20 → 0.15 (-5 pp), 0 → 0.15 (+15 pp)
        ("npl_dpd", "-5.0 pp m/m", "inverse", "+15.0 pp vs Sep 2025", "red"),
        # up is bad: > 24 % share 0 → 0.25 (+25 pp), 0.5 → 0.25 (-25 pp)
        ("share_above_24", "+25.0 pp m/m", "inverse", "-25.0 pp vs Sep 2025", "green"),
        # HHI Nov: P1 800, P2 2 500, P3 4 700 of 8 000 → 100 + 976.5625 + 3 451.5625 = 4 528.125;
        # Dec 3 638: -890.125 → "-890"; vs Sep 3 750: -112
        ("hhi", "-890 m/m", "inverse", "-112 vs Sep 2025", "green"),
        ("open_breaches", "0 m/m", "off", "+3 vs Sep 2025", "red"),  # 4 vs 4; 4 vs 1 (R04 B1/P4)
    ],
)
def test_kpi_deltas_are_coloured_so_that_up_is_bad_where_it_is(
    con, kpi, delta_text, delta_color, delta_base_text, delta_base_color
):
    card = overview.overview_kpis(con, ctx(), "en").set_index("kpi").loc[kpi]
    assert (card.delta_text, card.delta_color) == (delta_text, delta_color)
    assert (card.delta_base_text, card.delta_base_color) == (delta_base_text, delta_base_color)


def test_kpi_cards_without_comparison_months_have_no_deltas(con):
    cards = overview.overview_kpis(con, ctx(end=SEP), "en").set_index("kpi")
    assert cards["delta_text"].isna().all()
    with_deltas = [spec.kpi for spec in overview_view.KPIS]
    assert cards.loc[with_deltas, "delta_base_text"].isna().all()
    assert (cards.loc[with_deltas, "delta_color"] == "off").all()


def test_the_penalty_card_gives_the_year_s_fines_instead_of_a_delta(con):
    card = overview.overview_kpis(con, ctx(), "en").set_index("kpi").loc["penalties"]
    # X1 100 000 + X2 200 000 + X4 50 000
    assert (card.value_text, card.delta_base_text) == ("3", "Fines ¥350,000 in 2025")
    assert card.delta_text is None


@pytest.mark.parametrize(
    ("kind", "value", "reference", "expected"),
    [
        ("ratio", 0.1004, 0.1, ("0.0 pp", 0)),  # rounds to zero: no sign, grey
        ("ratio", 0.1, 0.125, ("-2.5 pp", -1)),
        ("count", 7, 5, ("+2", 1)),
        ("hhi", 1500.4, 1600, ("-100", -1)),
        ("money", 150, 100, ("+50.0 %", 1)),  # money changes are relative
        ("money", 150, 0, None),  # no base for a relative change
        ("ratio", None, 0.1, None),
        ("ratio", 0.1, float("nan"), None),
    ],
)
def test_a_change_is_signed_text_in_the_unit_of_its_kind(kind, value, reference, expected):
    assert overview_view.change(kind, value, reference, "en") == expected

"""Vintage curves, the cohort × months-on-book heatmap and roll-rate charts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lendwatch import labels
from lendwatch.charts import asset_quality_dynamics as dynamics


@pytest.fixture(autouse=True)
def strict_labels():
    before = labels.is_strict()
    labels.set_strict(True)
    yield
    labels.set_strict(before)


def vintages() -> pd.DataFrame:
    """Q1 2024 observed to mob 2, Q2 2024 to mob 1 (or the months Jan and Apr 2024)."""
    return pd.DataFrame(
        {
            "cohort_start": pd.to_datetime(["2024-01-01"] * 3 + ["2024-04-01"] * 2),
            "cohort_count": [3, 3, 3, 1, 1],
            "mob": [0, 1, 2, 0, 1],
            "originated_cny": [4.0e6] * 3 + [2.0e6] * 2,
            "ever90_cny": [0.0, 1.0e5, 2.0e5, 0.0, 5.0e4],
            "ever90_rate": [0.0, 0.025, 0.05, 0.0, 0.025],
        }
    )


@pytest.mark.parametrize(
    ("grain", "lang", "names"),
    [
        ("quarter", "en", ["Q1 2024", "Q2 2024"]),
        ("quarter", "zh", ["2024年第1季度", "2024年第2季度"]),
        ("month", "en", ["Jan 2024", "Apr 2024"]),
        ("year", "zh", ["2024", "2024"]),
    ],
)
def test_vintage_curves_draw_one_named_line_per_cohort_group(grain, lang, names):
    fig = dynamics.vintage_curves(vintages(), lang, grain)
    assert [trace.name for trace in fig.data] == names
    assert list(fig.data[0].x) == [0, 1, 2] and list(fig.data[0].y) == [0.0, 0.025, 0.05]
    assert fig.layout.yaxis.tickformat == ".1%"


def test_vintage_curves_label_months_on_book_and_hover_the_originated_amount():
    fig = dynamics.vintage_curves(vintages(), "en", "quarter")
    assert fig.layout.xaxis.title.text == "Months on book"
    assert "Originated: ¥4.0 m" in fig.data[0].hovertemplate
    assert fig.data[0].line.color != fig.data[1].line.color


def test_cohort_heatmap_puts_cohort_months_on_y_and_months_on_book_on_x():
    fig = dynamics.vintage_heatmap(vintages(), "zh")
    heat = fig.data[0]
    # rows sit mid-month on a calendar axis: the 1st + 14 days
    assert list(heat.y) == [pd.Timestamp(2024, 1, 15), pd.Timestamp(2024, 4, 15)]
    assert fig.layout.yaxis.tickformat == "%Y年%-m月"
    assert list(heat.x) == [0, 1, 2]
    assert heat.z[1][2] != heat.z[1][2]  # April not yet observed at mob 2: NaN, left blank
    assert list(heat.customdata[0][2]) == ["5.00%", "400.0 万元", "2024年1月"]
    assert fig.layout.yaxis.autorange == "reversed"  # oldest cohort on top
    # the colours run from 0 to 5 % above the largest rate: 0.05 × 1.05 = 0.0525
    assert (heat.zmin, heat.zmax) == (0, pytest.approx(0.0525))


def test_cohort_heatmap_marks_the_events_between_the_cohorts_around_them():
    frame = vintages().assign(cohort_start=lambda f: f["cohort_start"] + pd.DateOffset(years=1))
    fig = dynamics.vintage_heatmap(frame, "en")
    # cohorts Jan 2025 … Apr 2025 (to its month end): only 2025-04-01 is inside
    lines = [s for s in fig.layout.shapes if s.name.startswith("timeline")]
    assert [(s.y0, s.xref, s.yref) for s in lines] == [("2025-04-01", "paper", "y")]
    note = next(a.text for a in fig.layout.annotations if a.name == "note timeline")
    assert note == "① Notice 9 issued"


def all_zero() -> pd.DataFrame:
    return vintages().assign(ever90_cny=0.0, ever90_rate=0.0)


def test_an_all_zero_heatmap_runs_its_colours_from_0_to_1_pct_not_below_zero():
    heat = dynamics.vintage_heatmap(all_zero(), "en").data[0]
    assert (heat.zmin, heat.zmax) == (0, 0.01)
    assert heat.colorbar.tickformat == ".1~%"


def test_all_zero_vintage_curves_run_from_0_to_1_pct():
    fig = dynamics.vintage_curves(all_zero(), "en", "quarter")
    assert list(fig.layout.yaxis.range) == [0, 0.01]


@pytest.mark.parametrize(
    ("rates", "top"),
    [
        ([0.0, 0.0], 0.01),  # nothing: the 1 % floor
        ([0.002, 0.004], 0.01),  # 0.004 × 1.05 = 0.0042 < 1 %
        ([0.1, 0.2], 0.21),  # 0.2 × 1.05
        ([], 0.01),
    ],
)
def test_rate_top_is_5_pct_above_the_largest_rate_and_at_least_1_pct(rates, top):
    assert dynamics.rate_top(pd.Series(rates, dtype=float)) == pytest.approx(top)


def matrix() -> pd.DataFrame:
    order = ["current", "1_30", "31_60", "61_90", "90_plus", "paid_off", "charged_off",
             "compensated"]  # fmt: skip
    rows = []
    for source, rates in (("current", {"current": 0.9, "1_30": 0.1}), ("61_90", {"90_plus": 1})):
        for position, target in enumerate(order, start=1):
            rows.append(
                {
                    "from_bucket": source,
                    "to_bucket": target,
                    "from_order": order.index(source) + 1,
                    "to_order": position,
                    "balance_cny": 0.0,
                    "from_balance_cny": 1.0e6,
                    "roll_rate": float(rates.get(target, 0.0)),
                }
            )
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("lang", "rows", "first_columns"),
    [
        ("en", ["Current", "61–90 DPD"], ["Current", "1–30 DPD"]),
        ("zh", ["未逾期", "逾期61–90天"], ["未逾期", "逾期1–30天"]),
    ],
)
def test_roll_matrix_names_buckets_and_writes_percentages_in_cells(lang, rows, first_columns):
    heat = dynamics.roll_matrix(matrix(), lang).data[0]
    assert list(heat.y) == rows
    assert list(heat.x)[:2] == first_columns and len(heat.x) == 8
    assert (heat.zmin, heat.zmax) == (0, 1)
    assert heat.text[0][:2] == (["90.0 %", "10.0 %"] if lang == "en" else ["90.0%", "10.0%"])
    assert heat.text[1][4] == ("100.0 %" if lang == "en" else "100.0%")


def roll_trend() -> pd.DataFrame:
    months = pd.to_datetime(["2025-08-31", "2025-09-30", "2025-10-31"])
    rows = [
        {"month_end": m, "from_bucket": source, "to_bucket": target, "roll_rate": rate}
        for m in months
        for source, target, rate in (
            ("current", "1_30", 0.02),
            ("1_30", "31_60", 0.5),
            ("31_60", "61_90", 0.6),
            ("61_90", "90_plus", 0.9),
            ("current", "current", 0.98),
        )
    ]
    return pd.DataFrame(rows)


def test_roll_trend_draws_one_panel_per_key_transition_with_the_timeline():
    fig = dynamics.roll_trend(roll_trend(), "en", date(2025, 8, 31), date(2025, 10, 31))
    assert [trace.name for trace in fig.data] == [
        "Current → 1–30 DPD",
        "1–30 DPD → 31–60 DPD",
        "31–60 DPD → 61–90 DPD",
        "61–90 DPD → 90+ DPD",
    ]
    assert list(fig.data[3].y) == [0.9, 0.9, 0.9]
    assert {trace.yaxis for trace in fig.data} == {"y", "y2", "y3", "y4"}
    assert [shape.x0 for shape in fig.layout.shapes] == ["2025-10-01"]
    titles = [a.text for a in fig.layout.annotations]
    assert "Current → 1–30 DPD" in titles and "①" in titles
    assert "① Notice 9 in force" in titles  # the key under the plot
    # each panel's title sits on its panel's top, all panels below the timeline's strip
    tops = sorted((axis.domain[1] for axis in fig.select_yaxes()), reverse=True)
    assert [a.y for a in fig.layout.annotations[:4]] == tops
    assert tops[0] < 1

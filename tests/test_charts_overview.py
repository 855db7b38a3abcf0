"""The Overview's chart builders, read from fig.data and fig.layout."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lendwatch.charts import overview as charts

START, END = date(2025, 1, 31), date(2025, 12, 31)


@pytest.fixture
def trend() -> pd.DataFrame:
    months = pd.date_range("2025-01-31", "2025-12-31", freq="ME").date
    return pd.DataFrame(
        {
            "month_end": months,
            "balance_cny": [2.5e9] * 12,
            "npl_reported_ratio": [0.02] * 12,
            "npl_dpd_ratio": [0.03] * 12,
            "originated_cny": [1e8] * 11 + [0.0],
            "share_above_24": [0.2] * 11 + [None],  # no new loans in the last month
            "avg_comprehensive_apr": [0.15] * 11 + [None],
        }
    )


def annotation_names(fig) -> set[str]:
    return {a.name for a in fig.layout.annotations}


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["Share above 24 % APR", "Average APR"]),
        ("zh", ["超24%占比", "平均综合融资成本"]),
    ],
)
def test_the_apr_chart_has_a_line_each_for_the_share_and_the_average(trend, lang, names):
    fig = charts.apr_since_rules_chart(trend, lang, START, END)
    assert [trace.name for trace in fig.data] == names
    assert fig.layout.yaxis.tickformat == ".0%"


def test_the_apr_chart_marks_the_24_pct_ceiling_and_the_2025_notice(trend):
    fig = charts.apr_since_rules_chart(trend, "en", date(2020, 1, 31), END)
    ceiling = [s for s in fig.layout.shapes if s.name == "limit 24 % APR ceiling"]
    assert [(s.y0, s.y1) for s in ceiling] == [(0.24, 0.24)]
    timeline = {s.name for s in fig.layout.shapes if s.name.startswith("timeline")}
    # only the notice issued 2025-04-01 and in force 2025-10-01, even over a longer period
    assert timeline == {"timeline 2025-04-01", "timeline 2025-10-01"}
    # the y-axis leaves room above the ceiling for the timeline labels
    assert fig.layout.yaxis.range[1] > 0.24


def test_the_apr_chart_hover_shows_formatted_percentages(trend):
    fig = charts.apr_since_rules_chart(trend, "zh", START, END)
    assert fig.data[0].customdata[0] == "20.0%"
    assert fig.data[0].customdata[-1] == "—"


def test_the_apr_chart_before_the_notice_has_no_timeline(trend):
    early = trend.assign(month_end=pd.date_range("2023-01-31", periods=12, freq="ME").date)
    fig = charts.apr_since_rules_chart(early, "en", date(2023, 1, 31), date(2023, 12, 31))
    assert not [s for s in fig.layout.shapes if s.name.startswith("timeline")]


@pytest.mark.parametrize(
    ("lang", "names", "axis_title"),
    [
        ("en", ["Balance", "NPL ratio (reported)", "NPL ratio (DPD-implied)"], "Balance (¥ bn)"),
        (
            "zh",
            ["贷款余额", "不良贷款率（报送口径）", "不良贷款率（逾期推算口径）"],
            "贷款余额（亿元）",
        ),
    ],
)
def test_the_balance_chart_has_bars_in_money_units_and_npl_lines_on_a_second_axis(
    trend, lang, names, axis_title
):
    fig = charts.balance_npl_chart(trend, lang, START, END)
    assert [trace.name for trace in fig.data] == names
    assert [trace.type for trace in fig.data] == ["bar", "scatter", "scatter"]
    # ¥2.5 bn reads 2.5 on a bn axis (25 on a 亿 axis)
    assert fig.data[0].y[0] == pytest.approx(2.5 if lang == "en" else 25)
    assert fig.layout.yaxis.title.text == axis_title
    assert [trace.yaxis for trace in fig.data[1:]] == ["y2", "y2"]
    assert fig.layout.yaxis2.overlaying == "y"


def test_the_balance_chart_carries_the_regulatory_timeline_in_its_period(trend):
    fig = charts.balance_npl_chart(trend, "en", START, END)
    assert {"timeline 2025-04-01", "timeline 2025-10-01"} <= annotation_names(fig)


@pytest.mark.parametrize(("lang", "tickformat"), [("en", "%b %Y"), ("zh", "%Y年%-m月")])
def test_month_ticks_are_in_the_page_language(trend, lang, tickformat):
    fig = charts.balance_npl_chart(trend, lang, START, END)
    assert fig.layout.xaxis.tickformat == tickformat
    assert fig.layout.template.layout.font.family.startswith("Noto Sans CJK SC")


def test_an_all_zero_trend_still_builds_both_charts(trend):
    empty = trend.assign(
        balance_cny=0.0, npl_reported_ratio=None, npl_dpd_ratio=None, share_above_24=None
    )
    assert len(charts.balance_npl_chart(empty, "en", START, END).data) == 3
    assert len(charts.apr_since_rules_chart(empty, "en", START, END).data) == 2

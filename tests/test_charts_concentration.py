"""Concentration charts: stacked shares with Other, the ranking, HHI bands, CRk, entries/exits."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from lendwatch.charts import annotate, theme
from lendwatch.charts import concentration as charts

START, END = date(2023, 1, 31), date(2023, 8, 31)
MONTHS = pd.to_datetime(["2023-06-30", "2023-07-31"])


def shares_frame(selected: set[str] | None = None) -> pd.DataFrame:
    """Two months of nine platforms P1..P9; P1 largest, P9 smallest; shares sum to 1."""
    rows = []
    weights = [0.3, 0.2, 0.15, 0.1, 0.08, 0.07, 0.05, 0.03, 0.02]
    for month in MONTHS:
        for number, weight in enumerate(weights, start=1):
            entity = f"P{number}"
            rows.append(
                {
                    "month_end": month,
                    "entity_id": entity,
                    "entity_name": f"Platform {number}",
                    "entity_name_zh": f"平台{number}",
                    "balance_cny": weight * 1e9,
                    "share": weight,
                    "rank": number,
                    "is_selected": selected is None or entity in selected,
                }
            )
    return pd.DataFrame(rows)


def trend_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month_end": MONTHS,
            "n_active": [9, 9],
            "balance_cny": [1e9, 1e9],
            "hhi": [1_700.0, 1_720.0],
            "cr1": [0.3, 0.31],
            "cr3": [0.65, 0.66],
            "cr5": [0.83, 0.84],
            "top_id": ["P1", "P1"],
        }
    )


def timeline_dates(fig: go.Figure) -> set[str]:
    return {s.name.split(" ", 1)[1] for s in fig.layout.shapes if s.name.startswith("timeline")}


def test_stacked_shares_draw_the_top_n_and_sum_the_rest_as_other():
    fig = charts.shares_over_time(shares_frame(), "en", START, END)
    names = [trace.name for trace in fig.data]
    # top 7 by the last month's rank, then Other = P8 0.03 + P9 0.02 = 0.05
    assert names == [f"Platform {n}" for n in range(1, 8)] + ["Other"]
    assert list(fig.data[-1].y) == pytest.approx([0.05, 0.05])
    assert fig.layout.barmode == "stack"


def test_stacked_shares_carry_ids_for_click_to_filter_and_none_for_other():
    fig = charts.shares_over_time(shares_frame(), "en", START, END)
    assert {row[0] for row in fig.data[0].customdata} == {"P1"}
    assert {row[0] for row in fig.data[-1].customdata} == {""}
    # hover shows the formatted share and money
    assert list(fig.data[0].customdata[0][2:]) == ["30.0 %", "¥300.0 m"]


def test_stacked_shares_speak_chinese():
    fig = charts.shares_over_time(shares_frame(), "zh", START, END)
    assert fig.data[0].name == "平台1"
    assert fig.data[-1].name == "其他"
    assert list(fig.data[0].customdata[0][1:]) == ["2023年6月", "30.0%", "3.00 亿元"]
    assert fig.layout.yaxis.title.text == "占比"


def test_selection_fades_the_others_and_adds_a_selected_tail_platform():
    fig = charts.shares_over_time(shares_frame({"P9"}), "en", START, END)
    names = [trace.name for trace in fig.data]
    # P9 is outside the top 7 but selected, so it is drawn on its own; Other is P8 alone
    assert names[-2:] == ["Platform 9", "Other"]
    assert list(fig.data[-1].y) == pytest.approx([0.03, 0.03])
    opacity = {trace.name: trace.opacity for trace in fig.data[:-1]}
    assert opacity["Platform 9"] == 1.0
    assert opacity["Platform 1"] == pytest.approx(0.3)


def test_entity_colours_avoid_the_grey_of_other():
    fig = charts.shares_over_time(shares_frame(), "en", START, END)
    colours = [trace.marker.color for trace in fig.data[:-1]]
    assert theme.GREY not in colours
    assert fig.data[-1].marker.color == theme.OTHER_COLOR


def test_time_charts_carry_the_regulatory_timeline_inside_the_period():
    # 2023-06-30 and 2023-07-01 lie inside 2023-01 … 2023-08; 2025 events do not
    for fig in (
        charts.shares_over_time(shares_frame(), "en", START, END),
        charts.hhi_over_time(trend_frame(), "en", START, END),
        charts.ratios_over_time(trend_frame(), "en", START, END),
    ):
        assert timeline_dates(fig) == {"2023-06-30", "2023-07-01"}


def test_ranking_puts_the_largest_on_top_and_highlights_the_selection():
    fig = charts.share_ranking(shares_frame({"P2"}), "en", top_n=3)
    [bars] = fig.data
    # plotly draws the first category at the bottom: largest last
    assert list(bars.y) == ["Platform 3", "Platform 2", "Platform 1"]
    assert list(bars.marker.color) == [theme.OTHER_COLOR, theme.BLUE, theme.OTHER_COLOR]
    assert [row[0] for row in bars.customdata] == ["P3", "P2", "P1"]
    assert list(bars.text) == ["15.0 %", "20.0 %", "30.0 %"]
    # the axis runs 20 % past the longest bar (30 %) so its label fits: 0.30 × 1.2 = 0.36
    assert fig.layout.xaxis.range == pytest.approx((0, 0.36))


def test_ranking_of_nothing_is_an_empty_figure():
    assert charts.share_ranking(shares_frame().iloc[0:0], "en").data == ()


def test_hhi_has_the_context_bands_in_the_legend_not_over_the_timeline():
    fig = charts.hhi_over_time(trend_frame(), "en", START, END)
    bands = [s for s in fig.layout.shapes if s.name.startswith("band")]
    # top = max(1 720 × 1.15 = 1 978, 2 000) = 2 000: the < 1 500 band and 1 500–2 000 of the
    # moderate band show; the > 2 500 band is out of view
    assert [s.name for s in bands] == [
        "band Unconcentrated (< 1,500)",
        "band Moderately concentrated (1,500–2,500)",
    ]
    assert fig.layout.yaxis.range == pytest.approx((0, 2_000))
    legend = [trace.name for trace in fig.data]
    assert legend == [
        "HHI",
        "Unconcentrated (< 1,500)",
        "Moderately concentrated (1,500–2,500)",
        "US 2023 guidelines: > 1,800 highly concentrated",
    ]
    assert not [a for a in fig.layout.annotations if a.name.startswith(("band", "reference"))]


def test_hhi_chart_in_chinese():
    fig = charts.hhi_over_time(trend_frame(), "zh", START, END)
    assert "非集中（<1500）" in [trace.name for trace in fig.data]
    assert fig.data[0].customdata[1] == "1,720"


def test_concentration_ratios_are_three_lines_named_in_the_language():
    fig = charts.ratios_over_time(trend_frame(), "zh", START, END)
    assert [trace.name for trace in fig.data] == ["CR1", "CR3", "CR5"]
    assert list(fig.data[2].customdata) == ["83.0%", "84.0%"]
    assert fig.layout.yaxis.tickformat == ".0%"


def flows_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "quarter_end": pd.to_datetime(["2023-03-31", "2023-06-30"]),
            "month_end": pd.to_datetime(["2023-03-31", "2023-06-30"]),
            "n_active": [12, 11],
            "entries": [3, 0],
            "exits": [0, 1],
            "entry_names": ["Platform 1, Platform 2, Platform 3", ""],
            "entry_names_zh": ["平台1、平台2、平台3", ""],
            "exit_names": ["", "Platform 4"],
            "exit_names_zh": ["", "平台4"],
            # Q1 2023 is the first quarter of the data: 2 of its 3 entries were already active
            "entries_at_data_start": [2, 0],
            "new_entries": [1, 0],
            "new_entry_names": ["Platform 3", ""],
            "new_entry_names_zh": ["平台3", ""],
        }
    )


def test_entries_and_exits_are_bars_with_active_entities_on_a_second_axis():
    fig = charts.entries_exits(flows_frame(), "en", "group", START, END)
    entries, exits, active = fig.data
    assert (entries.name, exits.name, active.name) == ("Entries", "Exits", "Active partner groups")
    # entries leave out the 2 already active at the start: 3 − 2 = 1
    assert list(entries.y) == [1, 0] and list(exits.y) == [0, 1]
    assert active.yaxis == "y2" and list(active.y) == [12, 11]
    # bars sit in the middle of their quarter; the hover names the quarter and who moved
    assert entries.xperiod == "M3" and entries.xperiodalignment == "middle"
    assert tuple(exits.customdata[1]) == ("Q2 2023", "Platform 4")
    # the chart ends with Q2 2023, the last quarter with data: 2023-07-01 lies after it
    assert timeline_dates(fig) == {"2023-06-30"}


def test_entries_and_exits_in_chinese():
    fig = charts.entries_exits(flows_frame(), "zh", "platform", START, END)
    assert [trace.name for trace in fig.data] == ["新进入", "退出", "活跃平台数"]
    assert tuple(fig.data[0].customdata[0]) == ("2023年第1季度", "平台3")
    notes = [a.text for a in fig.layout.annotations if a.name == "note already active"]
    assert notes == ["未计入新进入：数据起始时（2023年第1季度）已存续的2家平台，其进入时间未知。"]


def test_entries_and_exits_end_at_the_last_quarter_with_data_whatever_the_period_end():
    fig = charts.entries_exits(flows_frame(), "en", "platform", START, date(2027, 12, 31))
    # Q1 2023 starts 2023-01-01; Q2 2023 (the last row) ends 2023-06-30 → range to 2023-07-01
    assert list(fig.layout.xaxis.range) == [pd.Timestamp(2023, 1, 1), pd.Timestamp(2023, 7, 1)]
    assert list(fig.layout.xaxis.tickvals) == [pd.Timestamp(2023, 1, 1)]
    note = next(a.text for a in fig.layout.annotations if a.name == "note already active")
    assert note.startswith("Not counted as entries: 2 platforms already active")


def test_entries_and_exits_without_platforms_active_at_the_start_have_no_note():
    flows = flows_frame().assign(entries_at_data_start=0, new_entries=[3, 0])
    fig = charts.entries_exits(flows, "en", "group", START, END)
    assert list(fig.data[0].y) == [3, 0]
    assert not [a for a in fig.layout.annotations if a.name == "note already active"]


@pytest.mark.parametrize(
    ("top", "axis_range", "step"),
    [
        # 30 × 1.1 = 33 → a fifth is 6.6 → step 10 → 0–40
        (30, [0, 40], 10),
        # 20 × 1.1 = 22 → 4.4 → 5 → 0–25
        (20, [0, 25], 5),
        # 3 × 1.1 = 3.3 → 0.66 → 1 → 0–4
        (3, [0, 4], 1),
        # nothing: at least 0–1
        (0, [0, 1], 1),
        # 7 × 1.1 = 7.7 → 1.54 → 2 → 0–8
        (7, [0, 8], 2),
    ],
)
def test_count_axis_has_whole_number_steps_and_room_on_top(top, axis_range, step):
    assert charts.count_axis(top) == {"range": axis_range, "dtick": step}


def test_context_in_legend_moves_limit_labels_into_the_legend():
    fig = annotate.add_limit_line(go.Figure(go.Scatter(x=[1, 2], y=[0.1, 0.2])), 0.25, "Limit")
    moved = charts.context_in_legend(fig)
    assert [a.name for a in moved.layout.annotations] == []
    assert moved.data[-1].name == "Limit"
    assert moved.data[-1].line.dash == "dash"
    assert [s.name for s in moved.layout.shapes] == ["limit Limit"]

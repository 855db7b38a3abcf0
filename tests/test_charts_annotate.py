"""Regulatory timeline, limit lines and HHI bands drawn on figures."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from lendwatch import labels
from lendwatch.charts import annotate, theme


@pytest.fixture(autouse=True)
def strict_labels():
    before = labels.is_strict()
    labels.set_strict(True)
    yield
    labels.set_strict(before)


def monthly(start: str, end: str, y: float = 1.0) -> go.Figure:
    months = pd.date_range(start, end, freq="ME")
    return go.Figure(go.Scatter(x=months, y=[y] * len(months)))


def line_dates(fig: go.Figure) -> list[str]:
    return [s.x0 for s in fig.layout.shapes if s.type == "line" and s.xref == "x"]


def test_timeline_over_the_whole_period_draws_every_event_as_a_dotted_line():
    fig = annotate.add_timeline(monthly("2020-01-31", "2026-03-31"), "en")
    assert line_dates(fig) == [day.isoformat() for day in annotate.TIMELINE]
    assert all(s.line.dash == "dot" and s.yref == "paper" for s in fig.layout.shapes)


def markers(fig: go.Figure) -> list[go.layout.Annotation]:
    return [a for a in fig.layout.annotations if (a.name or "").startswith("timeline")]


def key(fig: go.Figure) -> str:
    return next(a.text for a in fig.layout.annotations if a.name == "note timeline")


def test_events_two_days_apart_share_one_number():
    # span 2020-01-31 … 2026-03-31 = 2251 days; merge gap 2.5 % of it = 56 days:
    # 2022-07-15/17 (2 days) and 2023-06-30/07-01 (1 day) merge, 9 events → 7 numbers
    fig = annotate.add_timeline(monthly("2020-01-31", "2026-03-31"), "zh")
    assert [a.text for a in markers(fig)] == ["①", "②", "③", "④", "⑤", "⑥", "⑦"]
    assert "④ 14号文 / 过渡期结束" in key(fig)
    assert "⑤ 存量整改截止 / 风险分类新规" in key(fig)
    assert key(fig).endswith("⑦ 助贷新规施行")


def test_markers_sit_in_a_strip_above_the_data_with_the_full_event_on_hover():
    fig = annotate.add_timeline(monthly("2025-01-31", "2026-03-31"), "en")
    label = markers(fig)[-1]
    assert (label.x, label.yref, label.y, label.yanchor) == ("2025-10-01", "paper", 1, "top")
    assert label.text == "②"
    assert label.hovertext.startswith("2025-10-01: 助贷 notice in force")
    # plotly's default 450 px height less the template's 48 + 56 px margins = 346 px of plot;
    # the data give up 20 px of it: 1 − 20 / 346
    assert fig.layout.yaxis.domain[1] == pytest.approx(1 - 20 / 346)


def test_the_key_under_the_plot_names_every_number_and_the_margin_holds_it():
    fig = annotate.add_timeline(monthly("2025-01-31", "2026-03-31"), "en")
    assert key(fig) == "① Notice 9 issued   ② Notice 9 in force"
    note = next(a for a in fig.layout.annotations if a.name == "note timeline")
    # under the 30 px of tick labels; one 14 px line + 6 px → bottom margin 50 px, but the
    # template's 56 px already hold it
    assert (note.yref, note.y, note.yshift) == ("paper", 0, -30)
    assert fig.layout.margin.b == 56


def test_a_long_key_wraps_and_grows_the_bottom_margin():
    fig = annotate.add_timeline(monthly("2020-01-31", "2026-03-31"), "en")
    lines = key(fig).split("<br>")
    assert len(lines) > 1 and "   " in lines[0]
    # 30 px of ticks + 14 px per line + 6 px
    assert fig.layout.margin.b == 30 + 14 * len(lines) + 6


def test_every_y_axis_gives_up_the_strip():
    fig = monthly("2025-01-31", "2026-03-31")
    fig.update_layout(height=420, yaxis2={"overlaying": "y", "side": "right"})
    fig = annotate.add_timeline(fig, "en")
    # 420 − 48 − 56 = 316 px of plot → 1 − 20 / 316
    assert fig.layout.yaxis.domain[1] == pytest.approx(1 - 20 / 316)
    assert fig.layout.yaxis2.domain[1] == pytest.approx(1 - 20 / 316)


def test_notes_stack_under_one_another():
    fig = annotate.add_note(monthly("2025-01-31", "2025-03-31"), ["first"], "one")
    fig = annotate.add_note(fig, ["second", "third"], "two")
    shifts = [a.yshift for a in fig.layout.annotations]
    # under 30 px of ticks, then under the first note's 14 px line
    assert shifts == [-30, -44]
    assert fig.layout.margin.b == 30 + 14 + 2 * 14 + 6


def test_only_events_inside_the_data_range_are_drawn():
    fig = annotate.add_timeline(monthly("2024-01-31", "2026-03-31"), "en")
    assert line_dates(fig) == ["2025-04-01", "2025-10-01"]


def test_explicit_start_and_end_override_the_data_range_inclusively():
    fig = annotate.add_timeline(
        monthly("2020-01-31", "2026-03-31"), "en", start="2023-06-30", end=date(2025, 4, 1)
    )
    assert line_dates(fig) == ["2023-06-30", "2023-07-01", "2025-04-01"]


def test_the_x_axis_range_wins_over_the_data():
    fig = monthly("2020-01-31", "2026-03-31")
    fig.update_xaxes(range=["2025-09-01", "2026-03-31"])
    assert line_dates(annotate.add_timeline(fig, "en")) == ["2025-10-01"]


@pytest.mark.parametrize(
    "fig",
    [
        go.Figure(),
        go.Figure(go.Scatter(x=[0, 1, 2, 3], y=[0.1, 0.2, 0.3, 0.4])),  # months on book
    ],
)
def test_a_figure_without_dates_gets_no_timeline(fig):
    out = annotate.add_timeline(fig, "en")
    assert out.layout.shapes == () and out.layout.annotations == ()
    assert out.layout.yaxis.domain is None


def test_annotating_never_changes_the_figure_passed_in():
    fig = monthly("2020-01-31", "2026-03-31", y=2000)
    annotate.add_timeline(fig, "en")
    annotate.add_limit_line(fig, 0.24, "24 %")
    annotate.add_hhi_context(fig, "en")
    assert fig.layout.shapes == () and fig.layout.annotations == ()


def test_a_limit_line_is_dashed_vermillion_across_the_plot_with_its_label_at_the_right():
    fig = annotate.add_limit_line(monthly("2024-01-31", "2024-06-30"), 0.25, "25 % of tier-1")
    (shape,) = fig.layout.shapes
    assert (shape.y0, shape.y1, shape.xref, shape.x0, shape.x1) == (0.25, 0.25, "paper", 0, 1)
    assert (shape.line.dash, shape.line.color) == ("dash", theme.LIMIT_COLOR)
    (label,) = fig.layout.annotations
    assert (label.text, label.x, label.xanchor, label.y) == ("25 % of tier-1", 1, "right", 0.25)


def test_a_reference_line_is_dotted_grey():
    fig = annotate.add_limit_line(go.Figure(), 0.12, "4 × LPR", kind="reference")
    assert (fig.layout.shapes[0].line.dash, fig.layout.shapes[0].line.color) == (
        "dot",
        theme.REFERENCE_COLOR,
    )


def rects(fig: go.Figure) -> list[tuple[float, float]]:
    return [(s.y0, s.y1) for s in fig.layout.shapes if s.type == "rect"]


def test_bands_are_cut_fifteen_percent_above_the_data():
    # data max 2000 → top 2300: 0–1500 whole, 1500–2500 cut at 2300, > 2500 not visible
    fig = annotate.add_bands(monthly("2024-01-31", "2024-06-30", 2000), annotate.hhi_bands("en"))
    assert rects(fig) == [(0.0, 1500.0), (1500.0, 2300.0)]
    assert [a.text for a in fig.layout.annotations] == [
        "Unconcentrated (< 1,500)",
        "Moderately concentrated (1,500–2,500)",
    ]


def test_a_band_with_only_a_sliver_visible_is_left_out():
    # data max 1400 → top 1610; 1500–1610 is 110 / 1610 = 6.8 % of the axis < 8 %
    fig = annotate.add_bands(monthly("2024-01-31", "2024-06-30", 1400), annotate.hhi_bands("zh"))
    assert rects(fig) == [(0.0, 1500.0)]
    assert fig.layout.annotations[0].text == "非集中（<1500）"


def test_an_explicit_y_max_shows_every_band_up_to_it():
    fig = annotate.add_bands(go.Figure(), annotate.hhi_bands("en"), y_max=10_000)
    assert rects(fig) == [(0.0, 1500.0), (1500.0, 2500.0), (2500.0, 10_000.0)]
    assert all(s.layer == "below" and s.opacity == pytest.approx(0.1) for s in fig.layout.shapes)


@pytest.mark.parametrize(("data_max", "has_2023_line"), [(2000, True), (1600, True), (1000, False)])
def test_hhi_context_adds_the_us_2023_line_only_when_it_is_in_view(data_max, has_2023_line):
    # top = 1.15 × data max: 2300 and 1840 reach 1800, 1150 does not
    fig = annotate.add_hhi_context(monthly("2024-01-31", "2024-06-30", data_max), "en")
    lines = [s.y0 for s in fig.layout.shapes if s.type == "line"]
    assert lines == ([1800.0] if has_2023_line else [])

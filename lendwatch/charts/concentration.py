"""Concentration charts: shares over time, the share ranking, HHI with its context bands, CRk,
entries and exits. Pure functions DataFrame → plotly Figure; every text in the given language.

Clickable charts carry the entity id as the first `customdata` field of every point, so a
selection event can tell the page which platform (or group) was clicked; "Other" carries "".
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lendwatch import fmt
from lendwatch.charts import annotate, theme
from lendwatch.labels import Lang, t

TOP_N = 7
RANKED_N = 15
_FADED = 0.3  # opacity of entities outside the platform/group selection
# The palette without grey, which reads as the grey "Other" bucket.
ENTITY_COLORS = tuple(c for c in theme.COLORWAY if c != theme.GREY)
_CONTEXT_KINDS = ("band", "limit", "reference")
PAIR_HEIGHT = 500  # the HHI and CRk charts side by side


def styled(fig: go.Figure) -> go.Figure:
    """`fig` on the "lendwatch" template (titles come from the page and the export)."""
    theme.register()
    fig.update_layout(template=theme.TEMPLATE_NAME)
    return fig


def context_in_legend(fig: go.Figure) -> go.Figure:
    """`fig` with the labels of its context bands and limit or reference lines moved from the
    plot area into the legend, where they cannot collide with the timeline labels."""
    shapes = [s for s in fig.layout.shapes if (s.name or "").split(" ", 1)[0] in _CONTEXT_KINDS]
    moved = {shape.name for shape in shapes}
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name not in moved]
    for shape in shapes:
        kind, label = shape.name.split(" ", 1)
        if kind == "band":
            marker = {"symbol": "square", "size": 12, "color": shape.fillcolor, "opacity": 0.35}
            style = {"mode": "markers", "marker": marker}
        else:
            style = {"mode": "lines", "line": {"color": shape.line.color, "dash": shape.line.dash}}
        fig.add_scatter(x=[None], y=[None], name=label, hoverinfo="skip", **style)
    fig.update_layout(showlegend=True)
    return fig


def names(frame: pd.DataFrame, column: str, lang: Lang) -> pd.Series:
    """The display names in `column` (or its `_zh` twin for Chinese)."""
    return frame[f"{column}_zh"] if lang == "zh" else frame[column]


def _month_text(values: pd.Series, lang: Lang) -> list[str]:
    return [fmt.month(pd.Timestamp(v).date(), lang) for v in values]


def top_entities(shares: pd.DataFrame, top_n: int = TOP_N) -> list[str]:
    """Ids to draw on their own: the `top_n` largest at the last month, then selected ones."""
    if shares.empty:
        return []
    latest = shares[shares["month_end"] == shares["month_end"].max()].sort_values("rank")
    chosen = list(latest["entity_id"].head(top_n))
    if not shares["is_selected"].all():
        selected = shares.loc[shares["is_selected"], "entity_id"].drop_duplicates()
        chosen += [e for e in selected if e not in chosen]
    return chosen


def _hover(lang: Lang) -> str:
    return (
        "<b>%{fullData.name}</b> · %{customdata[1]}<br>"
        + t("metric.share", lang)
        + ": %{customdata[2]}<br>"
        + t("metric.balance", lang)
        + ": %{customdata[3]}<extra></extra>"
    )


def _custom(frame: pd.DataFrame, ids: list[str], lang: Lang) -> list[list[str]]:
    return [
        [entity, month, fmt.pct(share, lang), fmt.money(balance, lang)]
        for entity, month, share, balance in zip(
            ids,
            _month_text(frame["month_end"], lang),
            frame["share"],
            frame["balance_cny"],
            strict=True,
        )
    ]


def shares_over_time(
    shares: pd.DataFrame, lang: Lang, start: date, end: date, top_n: int = TOP_N
) -> go.Figure:
    """Stacked monthly shares of the top entities and "Other"; unselected entities faded."""
    fig = go.Figure()
    chosen = top_entities(shares, top_n)
    for number, entity in enumerate(chosen):
        rows = shares[shares["entity_id"] == entity]
        fig.add_bar(
            marker_color=ENTITY_COLORS[number % len(ENTITY_COLORS)],
            x=rows["month_end"],
            y=rows["share"],
            name=names(rows, "entity_name", lang).iloc[0],
            customdata=_custom(rows, [entity] * len(rows), lang),
            hovertemplate=_hover(lang),
            opacity=1.0 if rows["is_selected"].iloc[0] else _FADED,
        )
    rest = shares[~shares["entity_id"].isin(chosen)]
    if not rest.empty:
        other = rest.groupby("month_end", as_index=False)[["share", "balance_cny"]].sum()
        fig.add_bar(
            x=other["month_end"],
            y=other["share"],
            name=t("common.other", lang),
            marker_color=theme.OTHER_COLOR,
            customdata=_custom(other, [""] * len(other), lang),
            hovertemplate=_hover(lang),
        )
    fig.update_layout(
        barmode="stack",
        bargap=0.05,
        legend={"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"},
        legend_traceorder="reversed",
        yaxis={"tickformat": ".0%", "range": [0, 1], "title": t("metric.share", lang)},
        clickmode="event+select",
    )
    return annotate.add_timeline(styled(fig), lang, start, end)


LABEL_ROOM = 1.2  # x-axis length as a multiple of the longest bar, for the "25.5 %" after it


def share_ranking(shares: pd.DataFrame, lang: Lang, top_n: int = RANKED_N) -> go.Figure:
    """Horizontal bars of the entities' shares at the last month end, largest on top."""
    fig = go.Figure()
    if shares.empty:
        return styled(fig)
    latest = shares[shares["month_end"] == shares["month_end"].max()].sort_values("rank")
    shown = latest.head(top_n).iloc[::-1]
    colors = [theme.BLUE if s else theme.OTHER_COLOR for s in shown["is_selected"]]
    fig.add_bar(
        x=shown["share"],
        y=names(shown, "entity_name", lang),
        orientation="h",
        marker_color=colors,
        text=[fmt.pct(s, lang) for s in shown["share"]],
        textposition="outside",
        cliponaxis=False,
        customdata=_custom(shown, list(shown["entity_id"]), lang),
        hovertemplate=_hover(lang).replace("%{fullData.name}", "%{y}"),
        name=t("metric.share", lang),
    )
    fig.update_layout(
        # room right of the longest bar for its label (a lone platform's bar is 100 %)
        xaxis={
            "tickformat": ".0%",
            "title": t("metric.share", lang),
            "range": [0, float(shown["share"].max()) * LABEL_ROOM],
        },
        yaxis={"automargin": True},
        height=max(320, 28 * len(shown) + 120),
        showlegend=False,
        clickmode="event+select",
    )
    return styled(fig)


def hhi_over_time(concentration: pd.DataFrame, lang: Lang, start: date, end: date) -> go.Figure:
    """HHI per month end (0–10 000) over the US 2010 bands and the US 2023 1 800 line."""
    fig = go.Figure()
    fig.add_scatter(
        x=concentration["month_end"],
        y=concentration["hhi"],
        mode="lines",
        name=t("metric.hhi_short", lang),
        line_color=theme.BLUE,
        customdata=[fmt.hhi(v) for v in concentration["hhi"]],
        hovertemplate="%{x|%Y-%m}: %{customdata}<extra>HHI</extra>",
    )
    # At least 2 000, so the moderate band and the US 2023 line give context to a low HHI.
    top = max(float(concentration["hhi"].max()) * 1.15, 2_000.0) if len(concentration) else None
    top = min(top, annotate.HHI_MAX) if top is not None else None
    fig.update_layout(
        yaxis={"title": t("metric.hhi_short", lang), "range": [0, top], "tickformat": ",d"},
        height=PAIR_HEIGHT,
    )
    banded = context_in_legend(annotate.add_hhi_context(styled(fig), lang, y_max=top))
    return annotate.add_timeline(banded, lang, start, end)


def ratios_over_time(concentration: pd.DataFrame, lang: Lang, start: date, end: date) -> go.Figure:
    """CR1, CR3 and CR5 per month end as lines (fractions shown as percentages)."""
    fig = go.Figure()
    for column, color in (("cr1", theme.VERMILLION), ("cr3", theme.ORANGE), ("cr5", theme.BLUE)):
        fig.add_scatter(
            x=concentration["month_end"],
            y=concentration[column],
            mode="lines",
            name=t(f"metric.{column}_short", lang),
            line_color=color,
            customdata=[fmt.pct(v, lang) for v in concentration[column]],
            hovertemplate="%{x|%Y-%m}: %{customdata}<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(
        yaxis={"tickformat": ".0%", "range": [0, 1.02], "tickvals": [0, 0.2, 0.4, 0.6, 0.8, 1]},
        height=PAIR_HEIGHT,
    )
    return annotate.add_timeline(styled(fig), lang, start, end)


def count_axis(top: float) -> dict[str, object]:
    """A whole-number axis from 0 with about five steps of 1, 2 or 5 × 10ⁿ, reaching at least
    10 % above `top` so the highest bar or point does not touch the top edge."""
    reach = max(top * 1.1, 1.0)
    step = next(s * 10**e for e in range(12) for s in (1, 2, 5) if s * 10**e >= reach / 5)
    return {"range": [0, step * math.ceil(reach / step)], "dtick": step}


def _quarter_text(quarter_ends: pd.Series, lang: Lang) -> list[str]:
    return [
        t("unit.quarter", lang, quarter=(d.month - 1) // 3 + 1, year=d.year)
        for d in pd.to_datetime(quarter_ends)
    ]


def _quarter_axis(quarter_ends: pd.Series) -> dict[str, object]:
    # From the first quarter's start to the last (as-of) quarter's end, ticks at the years
    # inside it: no empty quarters after the data, and no tick for the year after them.
    ends = pd.to_datetime(quarter_ends)
    first = ends.min().to_period("Q").start_time
    last = ends.max() + pd.Timedelta(days=1)
    years = [pd.Timestamp(year, 1, 1) for year in range(first.year, last.year + 1)]
    ticks = [y for y in years if first <= y < last] or [first]
    return {"range": [first, last], "tickvals": ticks, "tickformat": "%Y"}


def entries_exits(flows: pd.DataFrame, lang: Lang, level: str, start: date, end: date) -> go.Figure:
    """New entries and exits per quarter as bars, the number of active entities as a line, up to
    the last quarter with data; entities already active when the data start are left out of
    the entries and counted in a note under the plot."""
    # An entity active at the first month of the data has an unknown entry date (it may have
    # lent for years): counting it as entering would draw a bar of the whole market in the
    # first quarter and flatten every real entry, so it is named in a note instead.
    fig = go.Figure()
    quarter_starts = pd.to_datetime(flows["quarter_end"]).dt.to_period("Q").dt.start_time
    quarters = _quarter_text(flows["quarter_end"], lang)
    for kind, count_column, listed_column, color in (
        ("entries", "new_entries", "new_entry_names", theme.GREEN),
        ("exits", "exits", "exit_names", theme.VERMILLION),
    ):
        listed = names(flows, listed_column, lang)
        fig.add_bar(
            x=quarter_starts,
            y=flows[count_column],
            name=t(f"metric.{kind}", lang),
            marker_color=color,
            xperiod="M3",
            xperiodalignment="middle",
            customdata=list(zip(quarters, listed, strict=True)),
            hovertemplate="%{customdata[0]}: %{y}<br>%{customdata[1]}<extra>%{fullData.name}"
            "</extra>",
        )
    fig.add_scatter(
        x=quarter_starts,
        y=flows["n_active"],
        name=t(f"concentration.active_{level}", lang),
        mode="lines+markers",
        line_color=theme.BLUE,
        xperiod="M3",
        xperiodalignment="middle",
        yaxis="y2",
        customdata=quarters,
        hovertemplate="%{customdata}: %{y}<extra>%{fullData.name}</extra>",
    )
    bars_top = float(flows[["new_entries", "exits"]].max().max()) if len(flows) else 0.0
    line_top = float(flows["n_active"].max()) if len(flows) else 0.0
    fig.update_layout(
        barmode="group",
        height=420,
        yaxis={"title": t("axis.count", lang), **count_axis(bars_top)},
        yaxis2={
            "title": t(f"concentration.active_{level}", lang),
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            **count_axis(line_top),
        },
    )
    if flows.empty:
        return annotate.add_timeline(styled(fig), lang, start, end)
    fig.update_xaxes(**_quarter_axis(flows["quarter_end"]))
    last = min(end, pd.Timestamp(flows["quarter_end"].max()).date())
    out = annotate.add_timeline(styled(fig), lang, start, last)
    at_start = int(flows["entries_at_data_start"].sum())
    if not at_start:
        return out
    first = quarters[int((flows["entries_at_data_start"] > 0).to_numpy().argmax())]
    note = t(f"chart_note.already_active_{level}", lang, n=at_start, quarter=first)
    return annotate.add_note(out, [note], "already active")

"""The regulatory timeline on time-series charts, and notes under a chart's plot.

Every function returns a new figure and leaves its argument untouched.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lendwatch.charts.theme import (
    MARGIN,
    MUTED_COLOR,
    REFERENCE_COLOR,
    SMALL_FONT_SIZE,
    TEXT_COLOR,
)
from lendwatch.labels import Lang, t

# DOMAIN.md "Timeline"; each date has a short label `timeline.<date>` and a hover text
# `timeline_detail.<date>` in the catalogue.
TIMELINE: tuple[date, ...] = (
    date(2020, 7, 12),
    date(2021, 2, 19),
    date(2022, 1, 1),
    date(2022, 7, 15),
    date(2022, 7, 17),
    date(2023, 6, 30),
    date(2023, 7, 1),
    date(2025, 4, 1),
    date(2025, 10, 1),
)
# Events closer than this share of the visible period get one stacked label, not two on top
# of each other (e.g. 2022-07-15 / 2022-07-17 and 2023-06-30 / 2023-07-01).
_MERGE_SHARE = 0.025
# The timeline strip above the data and the key under the plot, in pixels.
_STRIP_PX = 20
_DEFAULT_HEIGHT_PX = 450  # plotly's, for a figure that sets none
_TICK_ROOM_PX = 30  # the x tick labels under the plot
_AXIS_TITLE_PX = 20  # an x-axis title under them
_KEY_LINE_PX = 14
_KEY_FONT_SIZE = SMALL_FONT_SIZE - 1
_KEY_GAP = "   "
# The key wraps for a half-page chart, the narrowest a page draws; a wider one gets spare room.
_KEY_WIDTH_PX = 520
_FIRST_MARKER = 0x2460  # ①, ②, … (enclosed digits are in the CJK fonts of the template)
_NOTE = "note"


def _as_date(value: date | str) -> date:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _x_dates(fig: go.Figure) -> list[date]:
    found: list[date] = []
    for trace in fig.data:
        values = getattr(trace, "x", None)
        if values is None or len(values) == 0:
            continue
        series = pd.Series(list(values))
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            continue  # a numeric axis (months on book, APR) is not a calendar
        parsed = pd.to_datetime(series, errors="coerce").dropna()
        found.extend(ts.date() for ts in parsed)
    return found


def _x_range(fig: go.Figure) -> tuple[date, date] | None:
    axis_range = fig.layout.xaxis.range
    if axis_range is not None:
        return _as_date(str(axis_range[0])), _as_date(str(axis_range[1]))
    dates = _x_dates(fig)
    return (min(dates), max(dates)) if dates else None


def _clusters(events: Sequence[date], span_days: int) -> list[list[date]]:
    groups: list[list[date]] = []
    for day in events:
        if groups and (day - groups[-1][-1]).days < span_days * _MERGE_SHARE:
            groups[-1].append(day)
        else:
            groups.append([day])
    return groups


def _plot_px(fig: go.Figure) -> float:
    margin = fig.layout.margin
    height = fig.layout.height or _DEFAULT_HEIGHT_PX
    top = margin.t if margin.t is not None else MARGIN["t"]
    bottom = margin.b if margin.b is not None else MARGIN["b"]
    return max(height - top - bottom, 4 * _STRIP_PX)


def _make_strip(fig: go.Figure) -> None:
    # The y-axes give up the top of the plot area: the markers live there, never over data.
    keep = 1 - _STRIP_PX / _plot_px(fig)
    names = [name for name in fig.layout if name.startswith("yaxis")] or ["yaxis"]
    for name in names:
        axis = fig.layout[name]
        low, high = axis.domain if axis.domain is not None else (0.0, 1.0)
        axis.domain = [low * keep, high * keep]


def _text_px(text: str) -> float:
    # Wide (CJK) characters take about a full em, Latin ones a bit over half.
    size = _KEY_FONT_SIZE
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.56 for ch in text)


def _wrap(items: list[str], width_px: float) -> list[str]:
    lines: list[str] = []
    for item in items:
        candidate = f"{lines[-1]}{_KEY_GAP}{item}" if lines else item
        if lines and _text_px(candidate) <= width_px:
            lines[-1] = candidate
        else:
            lines.append(item)
    return lines


def _hover(group: Sequence[date], lang: Lang) -> str:
    """The hover text of one numbered marker: each of its events with its date and detail."""
    return "<br>".join(
        f"{day.isoformat()}: {t(f'timeline_detail.{day.isoformat()}', lang)}" for day in group
    )


def _key_entry(marker: str, group: Sequence[date], lang: Lang) -> str:
    """One entry of the key under the plot: the marker and its events' short names."""
    return f"{marker} " + " / ".join(t(f"timeline.{d.isoformat()}", lang) for d in group)


def add_note(fig: go.Figure, text_lines: Sequence[str], name: str) -> go.Figure:
    """A copy of `fig` with lines of small grey text under the plot (below the tick labels and
    any note already there), the bottom margin grown to hold them."""
    out = go.Figure(fig)
    below = [a for a in out.layout.annotations if (a.name or "").startswith(_NOTE)]
    used = sum(len(a.text.split("<br>")) for a in below) * _KEY_LINE_PX
    title = out.layout.xaxis.title.text if out.layout.xaxis.title else None
    ticks = _TICK_ROOM_PX + (_AXIS_TITLE_PX if title else 0)
    out.add_annotation(
        x=0,
        xref="paper",
        xanchor="left",
        y=0,
        yref="paper",
        yanchor="top",
        yshift=-(ticks + used),
        align="left",
        showarrow=False,
        text="<br>".join(text_lines),
        font={"size": _KEY_FONT_SIZE, "color": MUTED_COLOR},
        name=f"{_NOTE} {name}",
    )
    bottom = ticks + used + _KEY_LINE_PX * len(text_lines) + 6
    current = out.layout.margin.b if out.layout.margin.b is not None else MARGIN["b"]
    out.update_layout(margin={"b": max(current, bottom)})
    return out


def add_timeline(
    fig: go.Figure,
    lang: Lang,
    start: date | str | None = None,
    end: date | str | None = None,
) -> go.Figure:
    """A copy of `fig` with the regulatory events inside the x-range as dotted vertical lines.

    The range is `start`–`end` when given, else the x-axis range, else the dates in the data.
    Each line ends in a numbered marker in a strip above the data (the y-axes give up its
    height), with the full event on hover; a key under the plot names the numbers, so a
    printed chart reads without hover. Events too close together share one number.
    """
    out = go.Figure(fig)
    inferred = _x_range(fig)
    lo = _as_date(start) if start is not None else (inferred[0] if inferred else None)
    hi = _as_date(end) if end is not None else (inferred[1] if inferred else None)
    if lo is None or hi is None:
        return out
    events = [day for day in TIMELINE if lo <= day <= hi]
    if not events:
        return out
    _make_strip(out)
    for day in events:
        out.add_shape(
            type="line",
            xref="x",
            yref="paper",
            x0=day.isoformat(),
            x1=day.isoformat(),
            y0=0,
            y1=1,
            line={"color": REFERENCE_COLOR, "width": 1, "dash": "dot"},
            layer="below",
            name=f"timeline {day.isoformat()}",
        )
    key: list[str] = []
    for number, group in enumerate(_clusters(events, max((hi - lo).days, 1))):
        marker = chr(_FIRST_MARKER + number)
        out.add_annotation(
            x=group[0].isoformat(),
            xref="x",
            y=1,
            yref="paper",
            xanchor="center",
            yanchor="top",
            showarrow=False,
            text=marker,
            hovertext=_hover(group, lang),
            font={"size": SMALL_FONT_SIZE + 1, "color": TEXT_COLOR},
            bgcolor="white",
            name=f"timeline {group[0].isoformat()}",
        )
        key.append(_key_entry(marker, group, lang))
    return add_note(out, _wrap(key, out.layout.width or _KEY_WIDTH_PX), "timeline")


def add_timeline_rows(fig: go.Figure, lang: Lang, start: date, end: date) -> go.Figure:
    """A copy of `fig` with the regulatory events in `start`–`end` as dotted horizontal lines
    across a calendar y-axis (cohort rows), numbered at the right edge, keyed under the plot."""
    out = go.Figure(fig)
    events = [day for day in TIMELINE if start <= day <= end]
    key: list[str] = []
    for number, group in enumerate(_clusters(events, max((end - start).days, 1))):
        marker = chr(_FIRST_MARKER + number)
        out.add_shape(
            type="line",
            xref="paper",
            yref="y",
            x0=0,
            x1=1,
            y0=group[0].isoformat(),
            y1=group[0].isoformat(),
            line={"color": TEXT_COLOR, "width": 1, "dash": "dot"},
            name=f"timeline {group[0].isoformat()}",
        )
        out.add_annotation(
            x=1,
            xref="paper",
            xanchor="left",
            y=group[0].isoformat(),
            yref="y",
            showarrow=False,
            text=marker,
            hovertext=_hover(group, lang),
            font={"size": SMALL_FONT_SIZE + 1, "color": TEXT_COLOR},
            name=f"timeline {group[0].isoformat()}",
        )
        key.append(_key_entry(marker, group, lang))
    return add_note(out, _wrap(key, out.layout.width or _KEY_WIDTH_PX), "timeline") if key else out

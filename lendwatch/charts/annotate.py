"""Context drawn on charts: the regulatory timeline, rule limits and HHI context bands.

Every function returns a new figure and leaves its argument untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lendwatch.charts.theme import (
    GREEN,
    LIMIT_COLOR,
    MUTED_COLOR,
    ORANGE,
    REFERENCE_COLOR,
    SMALL_FONT_SIZE,
    VERMILLION,
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
HHI_MAX = 10_000.0
HHI_US_2023_HIGH = 1_800.0
# A band whose visible part is thinner than this share of the axis is left out: its label
# would spill into the band above.
_MIN_BAND_SHARE = 0.08
_LABEL_BG = "rgba(255,255,255,0.8)"


@dataclass(frozen=True)
class Band:
    """A horizontal band from y0 to y1 (data units) with its label and fill colour."""

    y0: float
    y1: float
    label: str
    color: str


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


def add_timeline(
    fig: go.Figure,
    lang: Lang,
    start: date | str | None = None,
    end: date | str | None = None,
) -> go.Figure:
    """A copy of `fig` with the regulatory events inside the x-range as dotted vertical lines.

    The range is `start`–`end` when given, else the x-axis range, else the dates in the data.
    Labels are rotated along their line; events too close together share one stacked label.
    """
    out = go.Figure(fig)
    inferred = _x_range(fig)
    lo = _as_date(start) if start is not None else (inferred[0] if inferred else None)
    hi = _as_date(end) if end is not None else (inferred[1] if inferred else None)
    if lo is None or hi is None:
        return out
    events = [day for day in TIMELINE if lo <= day <= hi]
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
    for group in _clusters(events, max((hi - lo).days, 1)):
        out.add_annotation(
            x=group[0].isoformat(),
            xref="x",
            y=1,
            yref="paper",
            xanchor="left",
            yanchor="top",
            textangle=-90,
            showarrow=False,
            text="<br>".join(t(f"timeline.{day.isoformat()}", lang) for day in group),
            hovertext="<br>".join(
                f"{day.isoformat()}: {t(f'timeline_detail.{day.isoformat()}', lang)}"
                for day in group
            ),
            font={"size": SMALL_FONT_SIZE - 1, "color": MUTED_COLOR},
            bgcolor=_LABEL_BG,
            name=f"timeline {group[0].isoformat()}",
        )
    return out


def add_limit_line(
    fig: go.Figure,
    y: float,
    label: str,
    kind: Literal["limit", "reference"] = "limit",
) -> go.Figure:
    """A copy of `fig` with a horizontal line at `y` (data units) labelled at its right end.

    `limit` draws a rule limit (dashed, vermillion); `reference` a context line that is not a
    limit, such as 4 × LPR or the US 2023 HHI threshold (dotted, grey).
    """
    color, dash = (LIMIT_COLOR, "dash") if kind == "limit" else (REFERENCE_COLOR, "dot")
    out = go.Figure(fig)
    out.add_shape(
        type="line",
        xref="paper",
        yref="y",
        x0=0,
        x1=1,
        y0=y,
        y1=y,
        line={"color": color, "width": 1.5, "dash": dash},
        name=f"{kind} {label}",
    )
    out.add_annotation(
        x=1,
        xref="paper",
        y=y,
        yref="y",
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        text=label,
        font={"size": SMALL_FONT_SIZE, "color": color},
        bgcolor=_LABEL_BG,
        name=f"{kind} {label}",
    )
    return out


def _y_max(fig: go.Figure) -> float | None:
    tops: list[float] = []
    for trace in fig.data:
        values = getattr(trace, "y", None)
        if values is None or len(values) == 0:
            continue
        numbers = pd.to_numeric(pd.Series(list(values)), errors="coerce").to_numpy(dtype=float)
        if np.isfinite(numbers).any():
            tops.append(float(np.nanmax(numbers[np.isfinite(numbers)])))
    return max(tops) if tops else None


def _top(fig: go.Figure, y_max: float | None) -> float | None:
    if y_max is not None:
        return y_max
    data_top = _y_max(fig)
    return None if data_top is None else data_top * 1.15


def add_bands(fig: go.Figure, bands: Iterable[Band], y_max: float | None = None) -> go.Figure:
    """A copy of `fig` with translucent horizontal bands behind the data, labelled bottom left.

    Bands are cut at `y_max` (default: 15 % above the highest y in the data) so an open-ended
    band does not stretch the axis; a band with too little of it visible is left out.
    """
    bands = list(bands)
    top = _top(fig, y_max)
    if top is None:
        top = max(band.y1 for band in bands) if bands else 0.0
    out = go.Figure(fig)
    for band in bands:
        visible_top = min(band.y1, top)
        if top <= 0 or (visible_top - band.y0) / top < _MIN_BAND_SHARE:
            continue
        out.add_shape(
            type="rect",
            xref="paper",
            yref="y",
            x0=0,
            x1=1,
            y0=band.y0,
            y1=visible_top,
            fillcolor=band.color,
            opacity=0.10,
            line={"width": 0},
            layer="below",
            name=f"band {band.label}",
        )
        out.add_annotation(
            # bottom left: the timeline labels hang from the top of the plot
            x=0,
            xref="paper",
            y=band.y0,
            yref="y",
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            text=band.label,
            font={"size": SMALL_FONT_SIZE - 1, "color": MUTED_COLOR},
            bgcolor=_LABEL_BG,
            name=f"band {band.label}",
        )
    return out


def hhi_bands(lang: Lang) -> tuple[Band, ...]:
    """The US 2010 merger-guideline HHI bands < 1 500 / 1 500–2 500 / > 2 500."""
    return (
        Band(0.0, 1_500.0, t("band.hhi_unconcentrated", lang), GREEN),
        Band(1_500.0, 2_500.0, t("band.hhi_moderate", lang), ORANGE),
        Band(2_500.0, HHI_MAX, t("band.hhi_high", lang), VERMILLION),
    )


def add_hhi_context(fig: go.Figure, lang: Lang, y_max: float | None = None) -> go.Figure:
    """A copy of `fig` with the US 2010 HHI bands and the US 2023 > 1 800 reference line.

    The 1 800 line is left out when it lies above the visible range (it would stretch the axis).
    """
    banded = add_bands(fig, hhi_bands(lang), y_max=y_max)
    top = _top(fig, y_max)
    if top is not None and top < HHI_US_2023_HIGH:
        return banded
    return add_limit_line(banded, HHI_US_2023_HIGH, t("band.hhi_2023", lang), kind="reference")

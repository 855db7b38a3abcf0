"""Context drawn on charts: rule limits, HHI context bands, and (from charts.timeline) the
regulatory timeline and notes under the plot.

Every function returns a new figure and leaves its argument untouched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
from lendwatch.charts.timeline import TIMELINE, add_note, add_timeline
from lendwatch.labels import Lang, t

__all__ = [
    "HHI_MAX",
    "HHI_US_2023_HIGH",
    "TIMELINE",
    "Band",
    "add_bands",
    "add_hhi_context",
    "add_limit_line",
    "add_note",
    "add_timeline",
    "hhi_bands",
]

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

"""The Overview's charts: pricing of new loans against the 24 % ceiling, and the selected book's
balance with its NPL ratios. Pure functions of the overview_trend frame."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from lendwatch import fmt
from lendwatch.charts import annotate, theme
from lendwatch.labels import Lang, t

APR_CEILING = 0.24
# The small pricing chart marks only the 2025 notice (issued, in force): the earlier events
# are on the balance chart, and a dozen labels would bury a half-width chart.
RULES_ISSUED = date(2025, 4, 1)
_HEIGHT = 380
# Bars and line ends sit on month ends: half a month of room keeps the first and last visible.
_PAD = timedelta(days=16)
# d3 date formats: plotly's own month names are English only.
_MONTH_FORMAT = {"en": "%b %Y", "zh": "%Y年%-m月"}


def _styled(
    fig: go.Figure, lang: Lang, start: date, end: date, events_from: date | None = None
) -> go.Figure:
    theme.register()
    fig.update_layout(
        template=theme.TEMPLATE_NAME,
        height=_HEIGHT,
        hovermode="x unified",
        xaxis={
            "title": {"text": t("axis.month_end", lang)},
            "range": [start - _PAD, end + _PAD],
            "tickformat": _MONTH_FORMAT[lang],
            "hoverformat": _MONTH_FORMAT[lang],
        },
    )
    first = start if events_from is None else max(start, events_from)
    return annotate.add_timeline(fig, lang, first, end) if first <= end else fig


def _pct_texts(values: pd.Series, lang: Lang) -> list[str]:
    return [fmt.pct(v, lang) for v in values]


def apr_since_rules_chart(trend: pd.DataFrame, lang: Lang, start: date, end: date) -> go.Figure:
    """Monthly share of new lending above 24 % APR and principal-weighted average comprehensive
    APR (one line each, in %), with the regulatory timeline and the 24 % ceiling line."""
    fig = go.Figure()
    for column, key, color in (
        ("share_above_24", "overview.series.share_above_24", theme.VERMILLION),
        ("avg_comprehensive_apr", "overview.series.avg_apr", theme.BLUE),
    ):
        fig.add_trace(
            go.Scatter(
                x=trend["month_end"],
                y=trend[column],
                name=t(key, lang),
                mode="lines",
                line={"color": color},
                customdata=_pct_texts(trend[column], lang),
                hovertemplate="%{customdata}",
            )
        )
    top = pd.concat([trend["share_above_24"], trend["avg_comprehensive_apr"]]).max()
    # The ceiling stays in view with room above it for its label.
    upper = max(APR_CEILING * 1.25, 0.0 if pd.isna(top) else float(top) * 1.1)
    fig.update_layout(
        yaxis={
            "title": {"text": t("overview.series.share_axis", lang)},
            "tickformat": ".0%",
            "range": [0, upper],
        }
    )
    fig = _styled(fig, lang, start, end, events_from=RULES_ISSUED)
    label = t("limit.apr_24", lang)
    fig = annotate.add_limit_line(fig, APR_CEILING, label, kind="limit")
    # below the line: after the rules the data sit low at the right end, where the label goes
    return fig.update_annotations(selector={"name": f"limit {label}"}, yanchor="top")


def balance_npl_chart(trend: pd.DataFrame, lang: Lang, start: date, end: date) -> go.Figure:
    """Balance of the selected book per month end (bars, money axis in bn/亿) with its NPL ratio
    as reported and DPD-implied (lines on a right-hand % axis), with the regulatory timeline."""
    axis = fmt.money_axis(lang, trend["balance_cny"].abs().max() if not trend.empty else None)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=trend["month_end"],
            y=trend["balance_cny"] / axis.divisor,
            name=t("overview.series.balance", lang),
            marker={"color": theme.SKY, "opacity": 0.55},
            customdata=[fmt.money(v, lang) for v in trend["balance_cny"]],
            hovertemplate="%{customdata}",
        )
    )
    for column, key, color, dash in (
        ("npl_reported_ratio", "metric.npl_reported", theme.BLUE, "solid"),
        ("npl_dpd_ratio", "metric.npl_dpd", theme.VERMILLION, "dash"),
    ):
        fig.add_trace(
            go.Scatter(
                x=trend["month_end"],
                y=trend[column],
                name=t(key, lang),
                mode="lines",
                line={"color": color, "dash": dash},
                yaxis="y2",
                customdata=_pct_texts(trend[column], lang),
                hovertemplate="%{customdata}",
            )
        )
    fig.update_layout(
        bargap=0.1,
        yaxis={
            "title": {"text": axis.title(t("metric.balance", lang), lang)},
            "tickformat": axis.tickformat,
            "rangemode": "tozero",
        },
        yaxis2={
            "title": {"text": t("overview.series.npl_axis", lang)},
            "overlaying": "y",
            "side": "right",
            "tickformat": ".1~%",
            "tickmode": "auto",
            "rangemode": "tozero",
            "showgrid": False,
            "showline": True,
            "ticks": "outside",
        },
    )
    return _styled(fig, lang, start, end)

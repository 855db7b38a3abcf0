"""How loans move, for the asset-quality page: ever-90 vintage curves and the cohort × months-on-
book heatmap, the roll-rate matrix and key roll rates over time. Pure functions DataFrame →
plotly Figure; rates come in as fractions and are shown as percentages."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

from lendwatch import fmt
from lendwatch.charts import theme
from lendwatch.charts.annotate import add_timeline
from lendwatch.charts.asset_quality import month_axes, pct_texts, styled
from lendwatch.charts.timeline import add_timeline_rows
from lendwatch.labels import Lang, t

# The delinquency chain: each step is one bucket worse a month later.
KEY_ROLLS: tuple[tuple[str, str], ...] = (
    ("current", "1_30"),
    ("1_30", "31_60"),
    ("31_60", "61_90"),
    ("61_90", "90_plus"),
)
# Share of the roll-rate figure's height given to its panels: the first panel's title sits
# between them and the timeline's strip.
_PANELS_TOP = 0.94
# An all-zero selection still gets a readable 0–1 % scale, not plotly's −1…1 default.
MIN_RATE_TOP = 0.01
_WHOLE_PCT_TOP = 0.05  # from here whole percents label the colour bar, below it tenths
_MID_MONTH_DAYS = 14


def cohort_label(cohort_start: date | pd.Timestamp, grain: str, lang: Lang) -> str:
    """A cohort group's name: "Mar 2024" (month), "Q1 2024" (quarter) or "2024" (year)."""
    day = pd.Timestamp(cohort_start).date()
    if grain == "quarter":
        return t("unit.quarter", lang, quarter=(day.month - 1) // 3 + 1, year=day.year)
    if grain == "year":
        return str(day.year)
    return fmt.month(day, lang)


def vintage_curves(frame: pd.DataFrame, lang: Lang, cohort_grain: str) -> go.Figure:
    """Ever-90 rate by months on book, one line per cohort group, older cohorts lighter."""
    groups = list(frame.groupby("cohort_start", sort=True))
    steps = max(len(groups) - 1, 1)
    shades = sample_colorscale("Viridis_r", [0.15 + 0.85 * i / steps for i in range(len(groups))])
    fig = go.Figure()
    for (cohort, rows), color in zip(groups, shades, strict=True):
        label = cohort_label(cohort, cohort_grain, lang)
        originated = fmt.money(rows["originated_cny"].iloc[0], lang)
        fig.add_trace(
            go.Scatter(
                x=rows["mob"],
                y=rows["ever90_rate"],
                name=label,
                mode="lines",
                line={"color": color, "width": 1.6},
                text=pct_texts(rows["ever90_rate"], lang),
                hovertemplate=(
                    f"{label}<br>{t('metric.mob', lang)}: %{{x}}<br>"
                    f"{t('metric.ever90', lang)}: %{{text}}<br>"
                    f"{t('aq.hover_originated', lang)}: {originated}<extra></extra>"
                ),
            )
        )
    return styled(
        fig,
        xaxis={"title": {"text": t("metric.mob", lang)}, "rangemode": "tozero"},
        yaxis={
            "title": {"text": t("metric.ever90", lang)},
            "tickformat": ".1%",
            "range": [0, rate_top(frame["ever90_rate"])],
        },
        legend={"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"},
        height=max(420, 20 * len(groups) + 80),
        margin={"t": 24},
    )


def rate_top(rates: pd.Series) -> float:
    """The top of a rate axis or colour scale from 0: 5 % above the largest rate, at least 1 %."""
    largest = float(rates.max()) if len(rates) and rates.notna().any() else 0.0
    return max(largest * 1.05, MIN_RATE_TOP)


def vintage_heatmap(frame: pd.DataFrame, lang: Lang) -> go.Figure:
    """Ever-90 rate of monthly cohorts (rows, oldest on top) by months on book (columns), the
    regulatory events marked between the cohorts before and after them."""
    rates = frame.pivot(index="cohort_start", columns="mob", values="ever90_rate").sort_index()
    originated = frame.groupby("cohort_start")["originated_cny"].first().reindex(rates.index)
    cohorts = [cohort_label(c, "month", lang) for c in rates.index]
    hover = [
        [[fmt.pct(v, lang, 2), fmt.money(o, lang), label] for v in rates.loc[c]]
        for c, o, label in zip(rates.index, originated, cohorts, strict=True)
    ]
    # Rows sit mid-month on a calendar axis, so a row spans its month from the 1st to the
    # next 1st and an event's line falls between the cohorts before and after it.
    middles = [pd.Timestamp(c) + pd.Timedelta(days=_MID_MONTH_DAYS) for c in rates.index]
    top = rate_top(frame["ever90_rate"])
    fig = go.Figure(
        go.Heatmap(
            x=list(rates.columns),
            y=middles,
            z=rates.to_numpy(),
            customdata=hover,
            zmin=0,
            zmax=top,
            xgap=0,
            ygap=0,
            colorbar={
                "tickformat": ".0%" if top >= _WHOLE_PCT_TOP else ".1~%",
                "title": {"text": t("metric.ever90", lang)},
                "x": 1.04,
            },
            hovertemplate=(
                f"{t('aq.hover_cohort', lang)}: %{{customdata[2]}}<br>"
                f"{t('metric.mob', lang)}: %{{x}}<br>"
                f"{t('metric.ever90', lang)}: %{{customdata[0]}}<br>"
                f"{t('aq.hover_originated', lang)}: %{{customdata[1]}}<extra></extra>"
            ),
        )
    )
    styled(
        fig,
        height=max(360, 10 * len(cohorts) + 140),
        xaxis={"title": {"text": t("metric.mob", lang)}, "showgrid": False},
        yaxis={"autorange": "reversed", "showgrid": False},
        margin={"t": 24},
    )
    month_axes(fig, lang)
    fig.update_xaxes(tickformat=None, hoverformat=None)  # months on book, not a calendar
    fig.update_yaxes(tickformat="%Y年%-m月" if lang == "zh" else "%b %Y")
    if rates.empty:
        return fig
    first, last = pd.Timestamp(rates.index.min()), pd.Timestamp(rates.index.max())
    return add_timeline_rows(fig, lang, first.date(), (last + pd.offsets.MonthEnd(0)).date())


def roll_matrix(frame: pd.DataFrame, lang: Lang) -> go.Figure:
    """Roll-rate matrix as a heatmap: from-buckets (rows) × to-buckets and end states."""
    ordered = frame.sort_values(["from_order", "to_order"])
    rates = ordered.pivot(index="from_order", columns="to_order", values="roll_rate")
    from_names = ordered.drop_duplicates("from_order").set_index("from_order")["from_bucket"]
    to_names = ordered.drop_duplicates("to_order").set_index("to_order")["to_bucket"]
    balances = ordered.drop_duplicates("from_order").set_index("from_order")["from_balance_cny"]
    fig = go.Figure(
        go.Heatmap(
            x=[t(f"bucket.{to_names[c]}", lang) for c in rates.columns],
            y=[t(f"bucket.{from_names[r]}", lang) for r in rates.index],
            z=rates.to_numpy(),
            zmin=0,
            zmax=1,
            text=[[fmt.pct(v, lang, 1) for v in row] for row in rates.to_numpy()],
            texttemplate="%{text}",
            textfont={"size": theme.SMALL_FONT_SIZE + 1},
            customdata=[[fmt.money(balances[r], lang)] * len(rates.columns) for r in rates.index],
            colorbar={"tickformat": ".0%", "title": {"text": t("metric.roll_rate", lang)}},
            hovertemplate=(
                f"%{{y}} → %{{x}}: %{{text}}<br>{t('aq.hover_from_balance', lang)}: "
                "%{customdata[0]}<extra></extra>"
            ),
        )
    )
    return styled(
        fig,
        height=120 + 56 * len(rates.index),
        xaxis={"title": {"text": t("aq.roll_to", lang)}, "side": "top", "showgrid": False},
        yaxis={"title": {"text": t("aq.roll_from", lang)}, "autorange": "reversed"},
        margin={"t": 72},
    )


def _pair_label(source: str, target: str, lang: Lang) -> str:
    return t(
        "aq.roll_pair", lang, source=t(f"bucket.{source}", lang), target=t(f"bucket.{target}", lang)
    )


def roll_trend(
    frame: pd.DataFrame,
    lang: Lang,
    start: date | None = None,
    end: date | None = None,
    pairs: tuple[tuple[str, str], ...] = KEY_ROLLS,
) -> go.Figure:
    """Key roll rates by month m, one stacked panel per transition with its own y-scale."""
    titles = [_pair_label(source, target, lang) for source, target in pairs]
    fig = make_subplots(
        rows=len(pairs), cols=1, shared_xaxes=True, subplot_titles=titles, vertical_spacing=0.07
    )
    for row, ((source, target), title) in enumerate(zip(pairs, titles, strict=True), start=1):
        rows = frame[(frame["from_bucket"] == source) & (frame["to_bucket"] == target)]
        fig.add_trace(
            go.Scatter(
                x=rows["month_end"],
                y=rows["roll_rate"],
                name=title,
                mode="lines",
                line={"color": theme.COLORWAY[row - 1]},
                text=pct_texts(rows["roll_rate"], lang),
                hovertemplate=f"{title}: %{{text}}<extra></extra>",
            ),
            row=row,
            col=1,
        )
        fig.update_yaxes(tickformat=".0%", rangemode="tozero", row=row, col=1)
    fig.for_each_yaxis(lambda axis: axis.update(domain=[d * _PANELS_TOP for d in axis.domain]))
    for annotation in fig.layout.annotations:
        annotation.update(x=0, xanchor="left", font={"size": theme.FONT_SIZE})
    styled(fig, height=170 * len(pairs) + 120, showlegend=False, margin={"t": 16})
    month_axes(fig, lang)
    out = add_timeline(fig, lang, start, end)
    # the timeline's strip lowers the panels: their titles follow the tops of the panels
    tops = sorted((axis.domain[1] for axis in out.select_yaxes()), reverse=True)
    for annotation, top in zip(out.layout.annotations[: len(pairs)], tops, strict=True):
        annotation.update(y=top)
    return out

"""Bank-side concentration charts: each bank's dependence on its top partner group, and its
single-group exposure against the 25 % of tier-1 capital limit (R02), now and over time.

Pure functions DataFrame → plotly Figure; every text in the given language.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lendwatch import fmt
from lendwatch.charts import annotate, theme
from lendwatch.charts.concentration import context_in_legend, names, styled
from lendwatch.labels import Lang, t

_ROW_PX = 24  # height per bank in the horizontal bar chart


def dependence_bars(dependence: pd.DataFrame, lang: Lang) -> go.Figure:
    """Per bank: share of its book with its top group (bar) and top platform (marker), sorted."""
    fig = go.Figure()
    rows = dependence.sort_values(["top_group_share", "bank_id"], ascending=[True, False])
    banks = names(rows, "bank_name", lang)
    types = [t(f"bank_type.{v}", lang) for v in rows["bank_type"]]
    group_text = [
        [kind, name, fmt.pct(share, lang), fmt.money(money, lang), fmt.money(book, lang)]
        for kind, name, share, money, book in zip(
            types,
            names(rows, "top_group_name", lang),
            rows["top_group_share"],
            rows["top_group_balance_cny"],
            rows["balance_cny"],
            strict=True,
        )
    ]
    fig.add_bar(
        x=rows["top_group_share"],
        y=banks,
        orientation="h",
        name=t("concentration.top_group_share", lang),
        marker_color=theme.BLUE,
        customdata=group_text,
        hovertemplate="<b>%{y}</b> · %{customdata[0]}<br>%{customdata[1]}: %{customdata[2]} "
        "(%{customdata[3]} / %{customdata[4]})<extra></extra>",
    )
    fig.add_scatter(
        x=rows["top_platform_share"],
        y=banks,
        mode="markers",
        name=t("concentration.top_platform_share", lang),
        marker={"symbol": "diamond", "size": 9, "color": theme.ORANGE},
        customdata=[
            [name, fmt.pct(share, lang)]
            for name, share in zip(
                names(rows, "top_platform_name", lang), rows["top_platform_share"], strict=True
            )
        ],
        hovertemplate="<b>%{y}</b><br>%{customdata[0]}: %{customdata[1]}<extra></extra>",
    )
    fig.update_layout(
        xaxis={"tickformat": ".0%", "range": [0, 1.02], "title": t("metric.share", lang)},
        yaxis={"automargin": True, "tickfont": {"size": theme.SMALL_FONT_SIZE}},
        height=max(360, _ROW_PX * len(rows) + 140),
    )
    return styled(fig)


def _exposure_custom(rows: pd.DataFrame, lang: Lang) -> list[list[str]]:
    return [
        [
            name,
            fmt.pct(ratio, lang),
            fmt.money(numerator, lang),
            fmt.money(capital, lang),
            fmt.pp(headroom, lang),
        ]
        for name, ratio, numerator, capital, headroom in zip(
            names(rows, "top_group_name", lang),
            rows["exposure_ratio"],
            rows["cofunded_bank_funded_balance_cny"],
            rows["tier1_net_capital_cny"],
            rows["headroom"],
            strict=True,
        )
    ]


def _exposure_hover(lang: Lang, head: str) -> str:
    return (
        f"<b>{head}</b> · %{{customdata[0]}}<br>%{{customdata[1]}} = %{{customdata[2]}} / "
        f"%{{customdata[3]}}<br>{t('metric.headroom', lang)}: %{{customdata[4]}}<extra></extra>"
    )


def _limit_axis(values: pd.Series, limit: float) -> list[float]:
    top = float(values.max()) if len(values) else 0.0
    return [0, max(top, limit) * 1.15]


def _vertical_limit(fig: go.Figure, x: float, label: str) -> go.Figure:
    # annotate.add_limit_line draws horizontal limits; these bars lie on their side
    fig.add_shape(
        type="line",
        xref="x",
        yref="paper",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        line={"color": theme.LIMIT_COLOR, "width": 1.5, "dash": "dash"},
        name=f"limit {label}",
    )
    fig.add_annotation(
        x=x,
        xref="x",
        y=1,
        yref="paper",
        xanchor="center",
        yanchor="bottom",
        showarrow=False,
        text=label,
        font={"size": theme.SMALL_FONT_SIZE, "color": theme.LIMIT_COLOR},
        name=f"limit {label}",
    )
    return fig


def exposure_bars(exposure: pd.DataFrame, lang: Lang, limit: float) -> go.Figure:
    """Per bank: exposure to its largest group / tier-1 capital as horizontal bars, largest on
    top, breaches in red, the limit as a vertical dashed line."""
    fig = go.Figure()
    rows = exposure.sort_values(["exposure_ratio", "bank_id"], ascending=[True, False])
    fig.add_bar(
        x=rows["exposure_ratio"],
        y=names(rows, "bank_name", lang),
        orientation="h",
        marker_color=[theme.LIMIT_COLOR if b else theme.BLUE for b in rows["is_breach"]],
        customdata=_exposure_custom(rows, lang),
        hovertemplate=_exposure_hover(lang, "%{y}"),
        name=t("concentration.exposure_ratio", lang),
    )
    fig.update_layout(
        xaxis={
            "tickformat": ".0%",
            "range": _limit_axis(rows["exposure_ratio"], limit),
            "title": t("concentration.exposure_ratio", lang),
        },
        yaxis={"automargin": True, "tickfont": {"size": theme.SMALL_FONT_SIZE}},
        height=max(360, _ROW_PX * len(rows) + 140),
        showlegend=False,
    )
    return _vertical_limit(styled(fig), limit, t("limit.r02_single_group", lang))


def exposure_over_time(
    history: pd.DataFrame, lang: Lang, limit: float, start: date, end: date
) -> go.Figure:
    """One bank's exposure to its largest group / tier-1 capital per month end as bars,
    breaches in red, with the limit line and the regulatory timeline."""
    fig = go.Figure()
    rows = history.sort_values("month_end")
    # bars, not a line: a month without co-funded loans has no row and reads as no exposure
    fig.add_bar(
        x=rows["month_end"],
        y=rows["exposure_ratio"],
        xperiod="M1",
        xperiodalignment="middle",
        marker_color=[theme.LIMIT_COLOR if b else theme.BLUE for b in rows["is_breach"]],
        customdata=_exposure_custom(rows, lang),
        hovertemplate=_exposure_hover(lang, "%{x|%Y-%m}"),
        name=t("concentration.exposure_ratio", lang),
    )
    fig.update_layout(
        yaxis={
            "tickformat": ".0%",
            "range": _limit_axis(rows["exposure_ratio"], limit),
            "title": t("concentration.exposure_ratio", lang),
        },
    )
    limited = annotate.add_limit_line(styled(fig), limit, t("limit.r02_single_group", lang))
    return annotate.add_timeline(context_in_legend(limited), lang, start, end)

"""Asset-quality charts: KPI texts, ratio trends and breakdowns, the reported-vs-implied NPL gap
by bank (vintages and roll rates are in asset_quality_dynamics). Pure functions DataFrame →
plotly Figure; ratios come in as fractions and are shown as percentages."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lendwatch import fmt
from lendwatch.charts import theme
from lendwatch.charts.annotate import add_note, add_timeline
from lendwatch.labels import Lang, t

MEASURE_KEYS: dict[str, str] = {
    "dpd30_ratio": "metric.dpd30_ratio",
    "dpd90_ratio": "metric.dpd90_ratio",
    "npl_reported_ratio": "metric.npl_reported",
    "npl_dpd_ratio": "metric.npl_dpd",
    "npl_gap": "metric.npl_gap",
}
_TREND_STYLE: dict[str, tuple[str, str]] = {
    "dpd30_ratio": (theme.SKY, "solid"),
    "dpd90_ratio": (theme.BLUE, "solid"),
    "npl_reported_ratio": (theme.ORANGE, "solid"),
    "npl_dpd_ratio": (theme.VERMILLION, "dash"),
}
GAP_BARS = 15  # banks drawn in the gap chart; the table lists all
GAP_TOLERANCE = 1e-9  # DOMAIN.md "Numbers": a gap at or below this is no gap
# A breakdown group's ratio is drawn only at month ends where its balance is at least this
# share of the balance shown: a foreign bank's few loans, one of them late, read 100 % and
# flatten every other line, while 0.5 % keeps any group big enough to move the total.
MIN_GROUP_SHARE = 0.005


def measure_label(measure: str, lang: Lang) -> str:
    """The name of a ratio column (dpd30_ratio, …, npl_gap) in `lang`."""
    return t(MEASURE_KEYS[measure], lang)


def group_label(dimension: str, row: pd.Series, lang: Lang) -> str:
    """The name of one breakdown group (a row of asset_quality_breakdown) in `lang`."""
    if bool(row["is_other"]):
        return t("common.other", lang)
    if dimension in ("bank", "platform"):
        name = row["name_zh"] if lang == "zh" else row["name"]
        return str(row["group_key"]) if fmt.is_missing(name) else str(name)
    prefix = {"bank_type": "bank_type", "tier": "tier", "guaranteed": "guarantee"}[dimension]
    return t(f"{prefix}.{row['group_key']}", lang)


def threshold_text(threshold: float, lang: Lang) -> str:
    """A gap threshold (fraction) in percentage points without a sign: "0.5 pp" / "0.5 个百分点"."""
    return t("unit.pp", lang, value=f"{threshold * 100:.1f}")


def styled(fig: go.Figure, **layout: object) -> go.Figure:
    """`fig` on the "lendwatch" template with `layout` applied (in place; returned for chaining)."""
    theme.register()
    fig.update_layout(template=theme.TEMPLATE_NAME, **layout)
    return fig


def month_axes(fig: go.Figure, lang: Lang) -> None:
    """Month ticks and hover labels on every x-axis: "Mar 2024" / "2024年3月"."""
    ticks = "%Y年%-m月" if lang == "zh" else "%b %Y"
    fig.update_xaxes(tickformat=ticks, hoverformat=ticks)


def pct_texts(values: pd.Series, lang: Lang, digits: int = 2) -> list[str]:
    """Fractions as percentage texts for hover labels."""
    return [fmt.pct(v, lang, digits) for v in values]


def ratio_trend(
    frame: pd.DataFrame, lang: Lang, start: date | None = None, end: date | None = None
) -> go.Figure:
    """DPD30+, DPD90+, NPL reported and DPD-implied ratios by month end (asset_quality_trend)."""
    fig = go.Figure()
    for column, (color, dash) in _TREND_STYLE.items():
        fig.add_trace(
            go.Scatter(
                x=frame["month_end"],
                y=frame[column],
                name=measure_label(column, lang),
                mode="lines",
                line={"color": color, "dash": dash},
                text=pct_texts(frame[column], lang),
                hovertemplate="%{text}",
            )
        )
    styled(fig, hovermode="x unified", yaxis={"tickformat": ".1%", "rangemode": "tozero"})
    month_axes(fig, lang)
    return add_timeline(fig, lang, start, end)


def breakdown_trend(
    frame: pd.DataFrame,
    lang: Lang,
    dimension: str,
    measure: str,
    start: date | None = None,
    end: date | None = None,
) -> go.Figure:
    """One line of `measure` per breakdown group by month end (asset_quality_breakdown); a point
    where the group's balance is below MIN_GROUP_SHARE of the month's balance is a gap, as a
    note under the plot says."""
    fig = go.Figure()
    frame = drop_small_groups(frame, measure)
    for position, (_, rows) in enumerate(frame.groupby("group_rank", sort=True)):
        first = rows.iloc[0]
        is_other = bool(first["is_other"])
        color = theme.OTHER_COLOR if is_other else theme.COLORWAY[position % len(theme.COLORWAY)]
        fig.add_trace(
            go.Scatter(
                x=rows["month_end"],
                y=rows[measure],
                name=group_label(dimension, first, lang),
                mode="lines",
                line={"color": color, "dash": "dot" if is_other else "solid"},
                text=pct_texts(rows[measure], lang),
                hovertemplate="%{text}",
                connectgaps=False,
            )
        )
    styled(fig, hovermode="x unified", yaxis={"tickformat": ".1%", "rangemode": "tozero"})
    month_axes(fig, lang)
    note = t("chart_note.small_groups_hidden", lang, share=fmt.pct(MIN_GROUP_SHARE, lang))
    return add_note(add_timeline(fig, lang, start, end), [note], "small groups")


def drop_small_groups(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """`frame` (asset_quality_breakdown) with `measure` blanked (NaN) where the group's balance
    is below MIN_GROUP_SHARE of the balance of all groups at that month end."""
    total = frame.groupby("month_end")["balance_cny"].transform("sum")
    small = frame["balance_cny"] < MIN_GROUP_SHARE * total
    return frame.assign(**{measure: frame[measure].mask(small)})


def npl_gap_bars(
    frame: pd.DataFrame, lang: Lang, threshold: float, top_n: int = GAP_BARS
) -> go.Figure:
    """The `top_n` largest positive classification gaps by bank (pp), flagged banks in vermillion,
    with the flag threshold as a dashed line (banks without a gap are left out)."""
    positive = frame[frame["npl_gap"] > GAP_TOLERANCE]
    top = positive.sort_values(["npl_gap", "bank_id"], ascending=[False, True]).head(top_n)
    names = [str(n) for n in (top["name_zh"] if lang == "zh" else top["name"])]
    ratios = top[["npl_reported_ratio", "npl_dpd_ratio", "npl_gap"]].itertuples(index=False)
    hover = [[fmt.pct(r, lang, 2), fmt.pct(d, lang, 2), fmt.pp(g, lang, 2)] for r, d, g in ratios]
    fig = go.Figure(
        go.Bar(
            x=top["npl_gap"] * 100,
            y=names,
            orientation="h",
            marker={"color": [theme.VERMILLION if f else theme.BLUE for f in top["is_flagged"]]},
            customdata=hover,
            hovertemplate=(
                f"%{{y}}<br>{t('metric.npl_reported', lang)}: %{{customdata[0]}}<br>"
                f"{t('metric.npl_dpd', lang)}: %{{customdata[1]}}<br>"
                f"{t('metric.npl_gap', lang)}: %{{customdata[2]}}<extra></extra>"
            ),
        )
    )
    # Dark rather than the limit vermillion, so it shows across the flagged (vermillion) bars.
    fig.add_vline(
        x=threshold * 100,
        line={"color": theme.TEXT_COLOR, "dash": "dash", "width": 1.5},
        layer="above",
    )
    # Labelled above the plot, where no bar can cover it.
    fig.add_annotation(
        x=threshold * 100,
        y=1,
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        text=t("aq.threshold_line", lang, threshold=threshold_text(threshold, lang)),
        font={"color": theme.TEXT_COLOR, "size": theme.SMALL_FONT_SIZE},
    )
    return styled(
        fig,
        height=140 + 30 * len(names),
        showlegend=False,
        xaxis={"title": {"text": t("aq.gap_pp_axis", lang)}, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "showgrid": False},
        margin={"t": 36},
    )


def npl_gap_table(frame: pd.DataFrame, lang: Lang, threshold: float) -> pd.DataFrame:
    """The gap by bank as a display table: translated headers, balance in one unit
    (fmt.table_money), ratios in %, gap in pp to 2 decimals (numbers, so the table sorts
    numerically; attrs "decimals" fix each column's decimals on screen)."""
    axis, digits = fmt.table_money(frame["balance_cny"], lang)
    names = frame["name_zh"] if lang == "zh" else frame["name"]
    flag = t("aq.col.flag", lang, threshold=threshold_text(threshold, lang))
    balance = t("aq.col.balance", lang, unit=axis.unit)
    ratios = {
        t("aq.col.npl_reported", lang): frame["npl_reported_ratio"],
        t("aq.col.npl_dpd", lang): frame["npl_dpd_ratio"],
        t("aq.col.gap", lang): frame["npl_gap"],
    }
    table = pd.DataFrame(
        {
            t("aq.col.bank", lang): names.astype(str),
            t("aq.col.bank_type", lang): [t(f"bank_type.{b}", lang) for b in frame["bank_type"]],
            balance: (frame["balance_cny"] / axis.divisor).round(digits),
            **{label: (values * 100).round(2) for label, values in ratios.items()},
            flag: frame["is_flagged"].astype(bool),
        }
    )
    table.attrs["decimals"] = {balance: digits, **dict.fromkeys(ratios, 2)}
    return table


def kpi_texts(frame: pd.DataFrame, lang: Lang) -> list[tuple[str, str, str | None]]:
    """The KPI cards of asset_quality_kpis as (label, value, change vs the previous month):
    balance, the four ratios in % and the gap in pp; no change without an earlier month or when
    either month has no balance (ratio missing)."""
    now = frame[frame["is_as_of"]].iloc[0]
    earlier = frame[~frame["is_as_of"]]
    before = earlier.iloc[0] if len(earlier) else None

    def change(column: str) -> float | None:
        delta = None if before is None else now[column] - before[column]
        return None if fmt.is_missing(delta) else delta

    balance_change = change("balance_cny")
    cards = [
        (
            t("kpi.balance", lang),
            fmt.money(now["balance_cny"], lang),
            None if balance_change is None else fmt.delta_money(balance_change, lang),
        )
    ]
    for column in ("dpd30_ratio", "dpd90_ratio", "npl_reported_ratio", "npl_dpd_ratio", "npl_gap"):
        value = now[column]
        shown = fmt.pp(value, lang, 2) if column == "npl_gap" else fmt.pct(value, lang, 2)
        delta = change(column)
        cards.append(
            (measure_label(column, lang), shown, None if delta is None else fmt.pp(delta, lang, 2))
        )
    return cards

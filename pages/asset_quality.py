"""Asset quality: DPD and NPL ratios with breakdowns, vintages, roll rates, classification gap."""

import streamlit as st

from lendwatch import fmt
from lendwatch.charts import asset_quality as charts
from lendwatch.charts import asset_quality_dynamics as dynamics
from lendwatch.metrics import asset_quality as aq
from lendwatch.ui import shell, state, widgets

ctx = shell.current()
lang, flt = ctx.lang, ctx.filters
as_of = min(ctx.as_of, flt.end)


def choose(where, key: str, label: str, options: tuple, section: str):
    """A horizontal page-local choice whose options are labelled `aq.<section>.<option>`."""
    return where.radio(
        ctx.t(label),
        options,
        horizontal=True,
        format_func=lambda o: ctx.t(f"aq.{section}.{o}"),
        **state.kept(key, lang, options),
    )


def show(fig, key: str, title: str, subtitle: str) -> None:
    """A chart with its title, subtitle and downloads."""
    widgets.chart(ctx, fig, key=key, title=title, subtitle=subtitle)


widgets.header(ctx, "page.asset_quality.title", "page.asset_quality.intro")
st.caption(ctx.t("aq.book_note"))
kpis = ctx.load("asset_quality_kpis", flt)
trend = ctx.load("asset_quality_trend", flt)
if trend.empty and not (kpis["balance_cny"] > 0).any():
    widgets.empty_state(ctx)
    st.stop()
cards = charts.kpi_texts(kpis, lang)
widgets.kpi_row(
    [
        widgets.Kpi(label, value, change, delta_color="off" if i == 0 else "inverse")
        for i, (label, value, change) in enumerate(cards)
    ],
    per_row=3,
)
if len(kpis) > 1:
    st.caption(ctx.t("aq.changes_vs", month=fmt.month(kpis["month_end"].iloc[0], lang)))

st.header(ctx.t("aq.section_trends"))
pick, measure_pick = st.columns(2)
dimension = choose(pick, "aq_breakdown", "aq.breakdown", ("none", *aq.DIMENSIONS), "dimension")
measure = measure_pick.selectbox(
    ctx.t("aq.measure"),
    aq.MEASURES,
    format_func=lambda m: charts.measure_label(m, lang),
    disabled=dimension == "none",
    **state.kept("aq_measure", lang, aq.MEASURES),
)
left, right = st.columns(2) if dimension != "none" else (st.container(), None)
with left:
    show(
        charts.ratio_trend(trend, lang, flt.start, as_of),
        "aq_trend",
        ctx.t("aq.trend_title"),
        ctx.t("aq.trend_subtitle"),
    )
if right is not None:
    split = ctx.load("asset_quality_breakdown", flt, dimension)
    named = {
        "measure": charts.measure_label(measure, lang),
        "dimension": ctx.t(f"aq.dimension.{dimension}"),
    }
    with right:
        show(
            charts.breakdown_trend(split, lang, dimension, measure, flt.start, as_of),
            "aq_breakdown_chart",
            ctx.t("aq.breakdown_title", **named),
            ctx.t("aq.breakdown_subtitle", n=aq.TOP_GROUPS),
        )

st.header(ctx.t("aq.section_vintages"))
pick, loans_pick = st.columns(2)
grain = choose(pick, "aq_cohort_grain", "aq.cohort_grain", ("quarter", "year"), "grain_option")
loans = choose(loans_pick, "aq_vintage_loans", "aq.guarantee", aq.GUARANTEES, "guarantee_option")
curves = ctx.load("vintage_curves", flt, grain, loans)
if curves.empty:
    widgets.empty_state(ctx)
else:
    show(
        dynamics.vintage_curves(curves, lang, grain),
        "aq_vintage",
        ctx.t("aq.vintage_title"),
        ctx.t("aq.vintage_subtitle", grain=ctx.t(f"aq.grain.{grain}")),
    )
    show(
        dynamics.vintage_heatmap(ctx.load("vintage_curves", flt, "month", loans), lang),
        "aq_cohort_heatmap",
        ctx.t("aq.heatmap_title"),
        ctx.t("aq.heatmap_subtitle"),
    )

st.header(ctx.t("aq.section_roll"))
pick, loans_pick = st.columns(2)
window = choose(pick, "aq_roll_window", "aq.roll_window", aq.ROLL_WINDOWS, "window")
loans = choose(loans_pick, "aq_roll_loans", "aq.guarantee", aq.GUARANTEES, "guarantee_option")
matrix = ctx.load("roll_rate_matrix", flt, window, loans)
if matrix.empty:
    widgets.empty_state(ctx)
else:
    span = {
        "first": fmt.month(matrix["first_from_month_end"].iloc[0], lang),
        "last": fmt.month(matrix["last_to_month_end"].iloc[0], lang),
    }
    show(
        dynamics.roll_matrix(matrix, lang),
        "aq_roll_matrix",
        ctx.t("aq.roll_matrix_title"),
        ctx.t("aq.roll_matrix_subtitle", **span),
    )
    show(
        dynamics.roll_trend(ctx.load("roll_rate_trend", flt, loans), lang, flt.start, as_of),
        "aq_roll_trend",
        ctx.t("aq.roll_trend_title"),
        ctx.t("aq.roll_trend_subtitle"),
    )

st.header(ctx.t("aq.section_gap"))
gaps = ctx.load("npl_gap_by_bank", flt)
threshold = charts.threshold_text(aq.GAP_FLAG_THRESHOLD, lang)
month = fmt.month(as_of, lang)
st.caption(ctx.t("aq.gap_note", threshold=threshold))
if gaps.empty:
    widgets.empty_state(ctx)
    st.stop()
if (gaps["npl_gap"] > charts.GAP_TOLERANCE).any():
    show(
        charts.npl_gap_bars(gaps, lang, aq.GAP_FLAG_THRESHOLD),
        "aq_gap_bars",
        ctx.t("aq.gap_bars_title", month=month),
        ctx.t("aq.gap_bars_subtitle", threshold=threshold, n=charts.GAP_BARS),
    )
else:
    st.info(ctx.t("aq.no_gap", month=month), icon=":material/check_circle:")
table = charts.npl_gap_table(gaps, lang, aq.GAP_FLAG_THRESHOLD)
widgets.table(
    ctx,
    table,
    key="aq_gap_table",
    title=ctx.t("aq.gap_table_title", month=month),
    column_config={c: st.column_config.NumberColumn(format="%.2f") for c in table.columns[2:6]},
)

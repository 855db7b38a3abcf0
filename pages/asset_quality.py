"""Asset quality: DPD and NPL ratios with breakdowns, vintages, roll rates, classification gap."""

import streamlit as st

from lendwatch.charts import asset_quality as charts
from lendwatch.charts import asset_quality_dynamics as dynamics
from lendwatch.metrics import asset_quality as aq
from lendwatch.ui import page_views, shell, widgets

ctx = shell.current()
lang, flt = ctx.lang, ctx.filters
widgets.header(ctx, "page.asset_quality.title", "page.asset_quality.intro")
st.caption(ctx.t("aq.book_note"))
trend = ctx.load("asset_quality_trend", flt)
if trend.empty:
    widgets.empty_state(ctx)
    st.stop()
ctx = ctx.at_latest(trend)  # KPIs, roll matrix and gap table: all at this month
now = ctx.at_month
kpis = ctx.load("asset_quality_kpis", now)
widgets.month_note(ctx)
widgets.kpi_row(page_views.asset_quality_kpis(kpis, lang), per_row=3)
widgets.note(page_views.changes_note(kpis, lang))

st.header(ctx.t("aq.section_trends"))
pick, measure_pick = st.columns(2)
with pick:
    dimension = widgets.choice(
        ctx, "breakdown", ("none", *aq.DIMENSIONS), "aq.breakdown", "aq.dimension."
    )
with measure_pick:
    measure = widgets.choice(
        ctx, "measure", aq.MEASURES, "aq.measure", lambda m: charts.measure_label(m, lang),
        select=True, disabled=dimension == "none",
    )  # fmt: skip
widgets.chart(
    ctx, charts.ratio_trend(trend, lang, flt.start, now.end), key="aq_trend",
    title=ctx.t("aq.trend_title"), subtitle=ctx.t("aq.trend_subtitle"),
)  # fmt: skip
if dimension != "none":
    split = ctx.load("asset_quality_breakdown", flt, dimension)
    widgets.chart(
        ctx, charts.breakdown_trend(split, lang, dimension, measure, flt.start, now.end),
        key="aq_breakdown_chart", subtitle=ctx.t("aq.breakdown_subtitle", n=aq.TOP_GROUPS),
        title=ctx.t("aq.breakdown_title", measure=charts.measure_label(measure, lang),
                    dimension=ctx.t(f"aq.dimension.{dimension}")),
    )  # fmt: skip

st.header(ctx.t("aq.section_vintages"))
pick, loans_pick = st.columns(2)
with pick:
    grain = widgets.choice(
        ctx, "cohort", ("quarter", "year"), "aq.cohort_grain", "aq.grain_option."
    )
with loans_pick:
    loans = widgets.choice(
        ctx, "vintage_loans", aq.GUARANTEES, "aq.guarantee", "aq.guarantee_option."
    )
curves = ctx.load("vintage_curves", flt, grain, loans)
if curves.empty:
    widgets.empty_state(ctx)
else:
    widgets.chart(
        ctx, dynamics.vintage_curves(curves, lang, grain), key="aq_vintage",
        title=ctx.t("aq.vintage_title"),
        subtitle=ctx.t("aq.vintage_subtitle", grain=ctx.t(f"aq.grain.{grain}")),
    )  # fmt: skip
    widgets.chart(
        ctx, dynamics.vintage_heatmap(ctx.load("vintage_curves", flt, "month", loans), lang),
        key="aq_cohort_heatmap", title=ctx.t("aq.heatmap_title"),
        subtitle=ctx.t("aq.heatmap_subtitle"),
    )  # fmt: skip

st.header(ctx.t("aq.section_roll"))
pick, loans_pick = st.columns(2)
with pick:
    window = widgets.choice(ctx, "roll_window", aq.ROLL_WINDOWS, "aq.roll_window", "aq.window.")
with loans_pick:
    loans = widgets.choice(ctx, "roll_loans", aq.GUARANTEES, "aq.guarantee", "aq.guarantee_option.")
matrix = ctx.load("roll_rate_matrix", now, window, loans)
if matrix.empty:
    widgets.empty_state(ctx)
else:
    widgets.chart(
        ctx, dynamics.roll_matrix(matrix, lang), key="aq_roll_matrix",
        title=ctx.t("aq.roll_matrix_title"),
        subtitle=ctx.t("aq.roll_matrix_subtitle", **page_views.roll_span(matrix, lang)),
    )  # fmt: skip
    widgets.chart(
        ctx, dynamics.roll_trend(ctx.load("roll_rate_trend", now, loans), lang, flt.start, now.end),
        key="aq_roll_trend", title=ctx.t("aq.roll_trend_title"),
        subtitle=ctx.t("aq.roll_trend_subtitle"),
    )  # fmt: skip

st.header(ctx.t("aq.section_gap"))
threshold = charts.threshold_text(aq.GAP_FLAG_THRESHOLD, lang)
st.caption(ctx.t("aq.gap_note", threshold=threshold))
gaps = ctx.load("npl_gap_by_bank", now)
if page_views.has_gap(gaps):
    widgets.chart(
        ctx, charts.npl_gap_bars(gaps, lang, aq.GAP_FLAG_THRESHOLD), key="aq_gap_bars",
        title=ctx.t("aq.gap_bars_title", month=ctx.month_text),
        subtitle=ctx.t("aq.gap_bars_subtitle", threshold=threshold, n=charts.GAP_BARS),
    )  # fmt: skip
else:
    st.info(ctx.t("aq.no_gap", month=ctx.month_text), icon=":material/check_circle:")
widgets.table(
    ctx, charts.npl_gap_table(gaps, lang, aq.GAP_FLAG_THRESHOLD), key="aq_gap_table",
    title=ctx.t("aq.gap_table_title", month=ctx.month_text), numbers="%.2f",
)  # fmt: skip

"""Concentration: platform or partner-group shares, HHI and CRk, entries and exits, each bank's
dependence and single-group exposure, and a what-if exit."""

import streamlit as st

from lendwatch.charts import concentration as charts
from lendwatch.charts import concentration_views as views
from lendwatch.charts import dependence
from lendwatch.metrics.concentration import LEVELS, r02_limit
from lendwatch.ui import shell, widgets

ctx = shell.current()
f, lang = ctx.filters, ctx.lang
widgets.header(ctx, "page.concentration.title", "page.concentration.intro")
level = widgets.choice(
    ctx, "level", LEVELS, "filter.level", "level.", help=ctx.t("concentration.level_help")
)
trend = ctx.load("concentration_by_month", f, level)
if trend.empty:
    widgets.empty_state(ctx)
    st.stop()
ctx = ctx.at_latest(trend)  # KPIs, rankings, exposure and what-if: all at this month
shares = ctx.load("market_shares_by_entity_month", f, level)
exposure = ctx.load("single_group_exposure_by_bank", ctx.at_month)
widgets.month_note(ctx)
widgets.kpi_row([widgets.Kpi(**card) for card in views.kpi_cards(trend, exposure, level, lang)])
if f.has_selection:
    st.caption(ctx.t("concentration.highlight_note"))

left, right = st.columns([3, 2])
with left:
    widgets.chart(
        ctx, charts.shares_over_time(shares, lang, f.start, f.end), key="conc_shares",
        title=ctx.t(f"concentration.shares_title.{level}"),
        subtitle=ctx.t("concentration.shares_subtitle", n=charts.TOP_N, month=ctx.month_text),
        on_select=widgets.click_to_filter("conc_shares", level),
    )  # fmt: skip
with right:
    widgets.chart(
        ctx, charts.share_ranking(shares, lang), key="conc_ranking",
        title=ctx.t(f"concentration.ranking_title.{level}", month=ctx.month_text),
        on_select=widgets.click_to_filter("conc_ranking", level),
    )  # fmt: skip
left, right = st.columns(2)
with left:
    widgets.chart(
        ctx, charts.hhi_over_time(trend, lang, f.start, f.end), key="conc_hhi",
        title=ctx.t("concentration.hhi_title"), subtitle=ctx.t("band.hhi_note"),
    )  # fmt: skip
with right:
    widgets.chart(
        ctx, charts.ratios_over_time(trend, lang, f.start, f.end), key="conc_ratios",
        title=ctx.t("concentration.ratios_title"), subtitle=ctx.t("concentration.ratios_subtitle"),
    )  # fmt: skip
flows = ctx.load("entries_exits_by_quarter", f, level)
widgets.chart(
    ctx, charts.entries_exits(flows, lang, level, f.start, f.end), key="conc_flows",
    title=ctx.t(f"concentration.flows_title.{level}"),
    subtitle=ctx.t("concentration.flows_subtitle", month=ctx.month_text),
)  # fmt: skip

st.header(ctx.t("concentration.banks_heading"))
dependent = ctx.load("top_group_dependence_by_bank", ctx.at_month)
left, right = st.columns(2)
with left:
    widgets.chart(
        ctx, dependence.dependence_bars(dependent, lang), key="conc_dependence",
        title=ctx.t("concentration.dependence_title"),
        subtitle=ctx.t("concentration.dependence_subtitle", month=ctx.month_text),
    )  # fmt: skip
with right:
    if exposure.empty:
        st.info(ctx.t("concentration.no_exposure"), icon=":material/info:")
    else:
        widgets.chart(
            ctx, dependence.exposure_bars(exposure, lang, r02_limit()), key="conc_exposure",
            title=ctx.t("concentration.exposure_title"),
            subtitle=ctx.t("concentration.exposure_subtitle", month=ctx.month_text),
        )  # fmt: skip
if not exposure.empty:
    banks = views.bank_choices(exposure, lang)
    bank = widgets.choice(
        ctx, "exposure_bank", list(banks), "concentration.exposure_bank", banks.get, select=True
    )
    history = ctx.load("single_group_exposure_by_bank_month", f.with_banks(bank))
    widgets.chart(
        ctx, dependence.exposure_over_time(history, lang, r02_limit(), f.start, f.end),
        key="conc_exposure_history", title=ctx.t("concentration.exposure_history_title"),
        subtitle=f"{banks[bank]} · {ctx.t('concentration.exposure_not_in_force')}",
    )  # fmt: skip
tables = {"numbers": "localized", "headers": ("concentration.column.", "concentration.short.")}
widgets.table(
    ctx, views.dependence_table(dependent, lang), key="conc_dependence_table",
    title=ctx.t("concentration.dependence_table"), **tables,
)  # fmt: skip
if not exposure.empty:
    widgets.table(
        ctx, views.exposure_table(exposure, lang), key="conc_exposure_table",
        title=ctx.t("concentration.exposure_table"), **tables,
    )  # fmt: skip

st.header(ctx.t(f"concentration.what_if_title.{level}"))
choices = views.what_if_choices(shares, lang)
removed = widgets.choice(
    ctx, "exit", list(choices), "concentration.what_if_remove", choices.get, select=True
)
scenarios = ctx.load("what_if_exit", ctx.at_month, level, removed)
if scenarios.empty:
    widgets.empty_state(ctx)
    st.stop()
widgets.kpi_row([widgets.Kpi(**card) for card in views.what_if_cards(scenarios, lang)], per_row=4)
st.caption(ctx.t("concentration.what_if_assumption", month=ctx.month_text))
widgets.table(
    ctx, views.what_if_table(ctx.load("entity_exposure_by_bank", ctx.at_month, level, removed),
                             choices[removed], lang),
    key="conc_what_if", title=ctx.t("concentration.what_if_banks"), **tables,
)  # fmt: skip

"""Concentration: platform or partner-group shares, HHI and CRk, entries and exits, each bank's
dependence and single-group exposure, and a what-if exit."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from lendwatch import fmt
from lendwatch.charts import concentration as charts
from lendwatch.charts import concentration_views as views
from lendwatch.charts import dependence
from lendwatch.metrics.concentration import LEVELS, r02_limit
from lendwatch.ui import filters, shell, state, widgets

ctx = shell.current()
f, lang = ctx.filters, ctx.lang
widgets.header(ctx, "page.concentration.title", "page.concentration.intro")
level = shell.url_choice(
    "level",
    list(LEVELS),
    ctx.t("filter.level"),
    lang,
    format_func=lambda v: ctx.t(f"level.{v}"),
    help=ctx.t("concentration.level_help"),
)
shares = ctx.load("market_shares_by_entity_month", f, level)
trend = ctx.load("concentration_by_month", f, level)
if trend.empty:
    widgets.empty_state(ctx)
    st.stop()
exposure = ctx.load("single_group_exposure_by_bank", f)
month = fmt.month(trend["month_end"].iloc[-1], lang)
widgets.kpi_row([widgets.Kpi(**card) for card in views.kpi_cards(trend, exposure, level, lang)])


def filter_on_click(chart_key: str) -> None:
    """Set the platform (or group) filter to the clicked entity; runs before the sidebar."""
    points = st.session_state[chart_key].selection.points
    ids = [p["customdata"][0] for p in points if p.get("customdata") and p["customdata"][0]]
    if ids:
        st.session_state[filters.KEYS[level]] = list(dict.fromkeys(ids))


def table(frame: pd.DataFrame, key: str, title_key: str) -> None:
    """A table whose numbers show with thousands separators."""
    numbers = frame.select_dtypes("number").columns
    config = {c: st.column_config.NumberColumn(format="localized") for c in numbers}
    widgets.table(ctx, frame, key=key, title=ctx.t(title_key), column_config=config)


if f.platform_ids or f.group_ids:
    st.caption(ctx.t("concentration.highlight_note"))
left, right = st.columns([3, 2])
with left:
    widgets.chart(
        ctx,
        charts.shares_over_time(shares, lang, f.start, f.end),
        key="conc_shares",
        title=ctx.t(f"concentration.shares_title.{level}"),
        subtitle=ctx.t("concentration.shares_subtitle", n=charts.TOP_N, month=month),
        on_select=lambda: filter_on_click("conc_shares"),
    )
with right:
    widgets.chart(
        ctx,
        charts.share_ranking(shares, lang),
        key="conc_ranking",
        title=ctx.t(f"concentration.ranking_title.{level}", month=month),
        on_select=lambda: filter_on_click("conc_ranking"),
    )
left, right = st.columns(2)
with left:
    widgets.chart(
        ctx,
        charts.hhi_over_time(trend, lang, f.start, f.end),
        key="conc_hhi",
        title=ctx.t("concentration.hhi_title"),
        subtitle=ctx.t("band.hhi_note"),
    )
with right:
    widgets.chart(
        ctx,
        charts.ratios_over_time(trend, lang, f.start, f.end),
        key="conc_ratios",
        title=ctx.t("concentration.ratios_title"),
        subtitle=ctx.t("concentration.ratios_subtitle"),
    )
widgets.chart(
    ctx,
    charts.entries_exits(
        ctx.load("entries_exits_by_quarter", f, level), lang, level, f.start, f.end
    ),
    key="conc_flows",
    title=ctx.t(f"concentration.flows_title.{level}"),
    subtitle=ctx.t("concentration.flows_subtitle", month=fmt.month(ctx.as_of, lang)),
)

st.header(ctx.t("concentration.banks_heading"))
dependent = ctx.load("top_group_dependence_by_bank", f)
left, right = st.columns(2)
with left:
    widgets.chart(
        ctx,
        dependence.dependence_bars(dependent, lang),
        key="conc_dependence",
        title=ctx.t("concentration.dependence_title"),
        subtitle=ctx.t("concentration.dependence_subtitle", month=month),
    )
with right:
    if exposure.empty:
        st.info(ctx.t("concentration.no_exposure"), icon=":material/info:")
    else:
        widgets.chart(
            ctx,
            dependence.exposure_bars(exposure, lang, r02_limit()),
            key="conc_exposure",
            title=ctx.t("concentration.exposure_title"),
            subtitle=ctx.t("concentration.exposure_subtitle", month=fmt.month(f.end, lang)),
        )
        banks = views.bank_choices(exposure, lang)
        bank = st.selectbox(
            ctx.t("concentration.exposure_bank"),
            banks,
            format_func=banks.get,
            **state.kept("conc_exposure_bank", lang, list(banks)),
        )
        history = ctx.load("single_group_exposure_by_bank_month", replace(f, bank_ids=(bank,)))
        widgets.chart(
            ctx,
            dependence.exposure_over_time(history, lang, r02_limit(), f.start, f.end),
            key="conc_exposure_history",
            title=ctx.t("concentration.exposure_history_title"),
            subtitle=f"{banks[bank]} · {ctx.t('concentration.exposure_not_in_force')}",
        )
table(
    views.dependence_table(dependent, lang),
    "conc_dependence_table",
    "concentration.dependence_table",
)
if not exposure.empty:
    table(
        views.exposure_table(exposure, lang), "conc_exposure_table", "concentration.exposure_table"
    )

st.header(ctx.t(f"concentration.what_if_title.{level}"))
choices = views.what_if_choices(shares, lang)
removed = st.selectbox(
    ctx.t("concentration.what_if_remove"),
    choices,
    format_func=choices.get,
    **state.kept(f"conc_out_{level}", lang, list(choices)),
)
scenarios = ctx.load("what_if_exit", f, level, removed) if removed else None
if scenarios is None or scenarios.empty:
    widgets.empty_state(ctx)
else:
    widgets.kpi_row(
        [widgets.Kpi(**card) for card in views.what_if_cards(scenarios, lang)], per_row=4
    )
    st.caption(ctx.t("concentration.what_if_assumption", month=fmt.month(f.end, lang)))
    losses = ctx.load("entity_exposure_by_bank", f, level, removed)
    table(
        views.what_if_table(losses, choices[removed], lang),
        "conc_what_if",
        "concentration.what_if_banks",
    )

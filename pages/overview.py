"""Overview: the selected market at the as-of month — KPIs with their deltas, what changed since
the 2025-10-01 rules, the trends behind them and the requirements data cannot show."""

import streamlit as st

from lendwatch import dictionary, fmt
from lendwatch.charts import overview as charts
from lendwatch.metrics.overview import RULES_FIRST_MONTH_END
from lendwatch.ui import shell, widgets

ctx = shell.current()
widgets.header(ctx, "page.overview.title", "page.overview.intro")
flt = ctx.filters
as_of = ctx.load("reference_months", flt).iloc[0]["as_of_month_end"]
trend = ctx.load("overview_trend", flt)
if not (trend["balance_cny"].gt(0).any() or trend["originated_cny"].gt(0).any()):
    widgets.empty_state(ctx)
    st.stop()

st.caption(ctx.t("overview.kpi_scope", month=fmt.month(as_of, ctx.lang)))
cards = ctx.load("overview_kpis", flt, ctx.lang)
widgets.kpi_row(
    [
        widgets.Kpi(
            label=card.label,
            value=card.value_text,
            delta=card.delta_text,
            delta_base=card.delta_base_text and f":{card.delta_base_color}[{card.delta_base_text}]",
            help=card.help
            if card.kpi != "open_breaches"
            else f"{card.help}\n\n{dictionary.rules_in_force(ctx.lang)}",
            delta_color=card.delta_color,
        )
        for card in cards.itertuples()
    ]
)

panel, apr = st.columns([6, 5], gap="large")
with panel:
    since = ctx.load("overview_since_rules", flt, ctx.lang)
    if since.empty:
        st.subheader(ctx.t("overview.since_title"))
        in_force = as_of >= RULES_FIRST_MONTH_END
        st.info(
            ctx.t("overview.since_no_baseline")
            if in_force
            else ctx.t("overview.since_not_in_force", month=fmt.month(as_of, ctx.lang))
        )
    else:
        widgets.table(
            ctx,
            since,
            key="overview_since_rules",
            title=ctx.t("overview.since_title"),
            column_config={
                column: st.column_config.TextColumn(width=width)
                for column, width in zip(since.columns, (250, 75, 75, 100), strict=True)
            },
        )
        st.caption(ctx.t("overview.since_caption", month=fmt.month(as_of, ctx.lang)))
with apr:
    widgets.chart(
        ctx,
        charts.apr_since_rules_chart(trend, ctx.lang, flt.start, as_of),
        key="overview_apr",
        title=ctx.t("overview.apr_chart_title"),
        subtitle=ctx.t("overview.apr_chart_subtitle"),
    )

widgets.chart(
    ctx,
    charts.balance_npl_chart(trend, ctx.lang, flt.start, as_of),
    key="overview_balance_npl",
    title=ctx.t("overview.trend_title"),
    subtitle=ctx.t("overview.trend_subtitle"),
)

rules_box, checklist_box = st.columns(2)
with rules_box, st.expander(ctx.t("overview.rules_title"), icon=":material/gavel:"):
    st.caption(ctx.t("overview.rules_intro"))
    st.markdown("\n".join(f"- {line}" for line in dictionary.rule_lines(ctx.lang)))
with (
    checklist_box,
    st.expander(ctx.t("page.compliance.checklist"), icon=":material/checklist:"),
):
    st.caption(ctx.t("overview.checklist_intro"))
    st.markdown("\n".join(f"- {line}" for line in dictionary.checklist_lines(ctx.lang)))

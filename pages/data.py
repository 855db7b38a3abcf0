"""Data: what the store holds, where it came from, whether it was valid, what it means."""

import streamlit as st

from lendwatch import dictionary
from lendwatch.contract import TABLES
from lendwatch.metrics.store_info import store_cards
from lendwatch.ui import shell, widgets
from lendwatch.ui.upload import last_report, upload_form

ctx = shell.current()
widgets.header(ctx, "page.data.title", "page.data.intro")

history = ctx.load("load_history")
counts = ctx.load("row_counts")
widgets.kpi_row([widgets.Kpi(**card) for card in store_cards(history, counts, ctx.as_of, ctx.lang)])

tab_history, tab_report, tab_dictionary, tab_rules, tab_upload = st.tabs(
    [
        ctx.t("data.tab_history"),
        ctx.t("data.tab_report"),
        ctx.t("data.tab_dictionary"),
        ctx.t("data.tab_rules"),
        ctx.t("data.tab_upload"),
    ]
)
with tab_history:
    widgets.table(
        ctx,
        dictionary.history_view(history, ctx.lang),
        key="load_history",
        title=ctx.t("data.history_title"),
        numbers="localized",
    )
    widgets.table(
        ctx,
        dictionary.counts_view(counts, ctx.lang),
        key="row_counts",
        title=ctx.t("data.counts_title"),
        numbers="localized",
    )
with tab_report:
    last_report(ctx)
with tab_dictionary:
    st.subheader(ctx.t("data.inputs_title"))
    st.dataframe(dictionary.input_tables(ctx.lang), hide_index=True, width="stretch")
    for spec in TABLES:
        with st.expander(
            f"{spec.name} — {spec.grain if ctx.lang == 'en' else spec.description_zh}"
        ):
            st.dataframe(dictionary.input_columns(spec, ctx.lang), hide_index=True, width="stretch")
            st.caption(ctx.t("data.unique_keys", keys=dictionary.unique_keys(spec)))
    st.subheader(ctx.t("data.derived_title"))
    st.caption(ctx.t("data.derived_intro"))
    st.dataframe(ctx.load("derived_dictionary", ctx.lang), hide_index=True, width="stretch")
with tab_rules:
    catalogue = dictionary.rule_catalogue(ctx.lang)
    widgets.table(
        ctx,
        catalogue,
        key="compliance_rules",
        title=ctx.t("rule_table.title"),
        # The short columns keep their width so the long requirement and source come last.
        column_config={
            column: st.column_config.TextColumn(width=width)
            for column, width in zip(
                catalogue.columns, (70, 430, 100, 90, 110, 480, 480), strict=True
            )
        },
    )
    st.caption(ctx.t("rule_table.intro"))
    st.subheader(ctx.t("rule_table.checklist_title"))
    st.caption(ctx.t("rule_table.checklist_intro"))
    st.markdown("\n".join(f"- {line}" for line in dictionary.checklist_lines(ctx.lang)))
with tab_upload:
    upload_form(ctx)

"""Data: what the store holds, where it came from, whether it was valid, what it means."""

import json

import pandas as pd
import streamlit as st

from lendwatch import dictionary, fmt, validation_text
from lendwatch.contract import TABLES
from lendwatch.ui import data, shell, widgets
from lendwatch.ui.upload import upload_form

ctx = shell.current()
widgets.header(ctx, "page.data.title", "page.data.intro")

history = ctx.load("load_history")
counts = ctx.load("row_counts")
last = None if history.empty else pd.Timestamp(history.iloc[0]["loaded_at"])
rows = dict(zip(counts["table_name"], counts["row_count"], strict=True))
widgets.kpi_row(
    [
        widgets.Kpi(ctx.t("data.kpi_as_of"), f"{ctx.as_of:%Y-%m}"),
        widgets.Kpi(ctx.t("data.kpi_loans"), fmt.count(rows.get("loans", 0), ctx.lang)),
        widgets.Kpi(ctx.t("data.kpi_rows"), fmt.count(rows.get("loan_performance", 0), ctx.lang)),
        widgets.Kpi(ctx.t("data.kpi_banks"), fmt.count(rows.get("banks", 0), ctx.lang)),
        # A card holds about eight digits: the day is the value, year and time go below.
        widgets.Kpi(
            ctx.t("data.kpi_last_load"),
            "—"
            if last is None
            else ctx.t("data.kpi_last_load_day", day=last.day, month=ctx.t(f"month.{last.month}")),
            delta_base=None
            if last is None
            else ctx.t(
                "data.kpi_last_load_time",
                year=last.year,
                time=f"{last:%H:%M}",
                loads=fmt.count(len(history), ctx.lang),
            ),
            help=None
            if last is None
            else ctx.t("data.kpi_last_load_help", time=f"{last:%Y-%m-%d %H:%M:%S}"),
        ),
    ]
)

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
    found = data.store().last_report()
    if found is None:
        st.info(ctx.t("data.no_report"))
    else:
        path, report = found
        ok = report.get("ok", False)
        (st.success if ok else st.error)(
            ctx.t("data.report_ok" if ok else "data.report_failed", file=path.name)
        )
        if report.get("error"):
            error = validation_text.unreadable_text(report["error"], ctx.lang)
            st.code(error, language=None, wrap_lines=True)
        issues = report.get("issues", [])
        if not issues:
            st.caption(ctx.t("data.report_no_issues"))
        else:
            widgets.table(
                ctx,
                dictionary.issues_view(issues, ctx.lang),
                key="validation_report",
                title=ctx.t("data.report_title"),
            )
            # The table cuts long messages; the text form shows each one whole.
            text = validation_text.report_text(report, ctx.lang)
            st.code(text, language=None, wrap_lines=True)
        with st.expander(ctx.t("data.report_raw")):
            st.code(json.dumps(report, ensure_ascii=False, indent=2), language="json")
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

"""Validation reports and the upload of a new dataset from the browser (validated and published
all-or-nothing), in the page's language."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import streamlit as st

from lendwatch import dictionary, validation_text
from lendwatch.contract import TABLE_NAMES
from lendwatch.dataset import DatasetUnreadable
from lendwatch.ingest import IngestRejected, ingest
from lendwatch.settings import load_settings
from lendwatch.store import StoreBusy
from lendwatch.ui import data, widgets
from lendwatch.ui.shell import PageContext

_DONE = "_upload_done_rows"


def last_report(ctx: PageContext) -> None:
    """The report of the last load attempt (kept beside the store): verdict, issues as a table
    and as whole lines, and the raw JSON."""
    found = data.store().last_report()
    if found is None:
        st.info(ctx.t("data.no_report"))
        return
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
        st.code(validation_text.report_text(report, ctx.lang), language=None, wrap_lines=True)
    with st.expander(ctx.t("data.report_raw")):
        st.code(json.dumps(report, ensure_ascii=False, indent=2), language="json")


def upload_form(ctx: PageContext) -> None:
    """File picker for a dataset's table files and a button that validates and loads them."""
    done = st.session_state.pop(_DONE, None)
    if done is not None:
        st.success(ctx.t("data.upload_done", rows=done), icon=":material/check_circle:")
    files = st.file_uploader(
        ctx.t("data.upload_help", tables=", ".join(TABLE_NAMES)),
        type=["csv", "parquet"],
        accept_multiple_files=True,
        key="upload_files",
    )
    if not st.button(ctx.t("data.upload_button"), disabled=not files, type="primary"):
        return
    unknown = [f.name for f in files if Path(f.name).stem not in TABLE_NAMES]
    if unknown:
        st.error(
            ctx.t("data.upload_unknown", files=", ".join(unknown), tables=", ".join(TABLE_NAMES))
        )
        return
    with (
        tempfile.TemporaryDirectory(prefix="lendwatch-upload-") as tmp,
        st.spinner(ctx.t("data.upload_running")),
    ):
        for upload in files:
            (Path(tmp) / Path(upload.name).name).write_bytes(upload.getvalue())
        source = ctx.t("data.upload_source", files=", ".join(sorted(f.name for f in files)))
        try:
            result = ingest(
                Path(tmp),
                data.store(),
                kind="upload",
                source=source,
                keep_versions=load_settings().keep_versions,
            )
        except IngestRejected as exc:
            st.error(ctx.t("data.upload_rejected", errors=exc.report.error_count))
            report = validation_text.report_text(exc.report.to_dict(), ctx.lang)
            st.code(report, language=None, wrap_lines=True)
            return
        except DatasetUnreadable as exc:
            st.error(validation_text.unreadable_text(str(exc), ctx.lang))
            return
        except StoreBusy:
            st.error(ctx.t("data.upload_busy"))
            return
    # Rerun so every part of the page reads the new version; say so after the rerun.
    st.session_state[_DONE] = f"{sum(result.row_counts.values()):,}"
    st.rerun()

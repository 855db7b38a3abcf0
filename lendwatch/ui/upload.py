"""Upload of a new dataset from the browser: validated and published all-or-nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from lendwatch import validation_text
from lendwatch.contract import TABLE_NAMES
from lendwatch.dataset import DatasetUnreadable
from lendwatch.ingest import IngestRejected, ingest
from lendwatch.settings import load_settings
from lendwatch.store import StoreBusy
from lendwatch.ui import data
from lendwatch.ui.shell import PageContext

_DONE = "_upload_done_rows"


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

"""Building blocks every page uses: header, KPI cards, charts and tables with downloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lendwatch import export, fmt
from lendwatch.ui.filters import notice_text
from lendwatch.ui.shell import PageContext

ChartFormat = Literal["png", "svg", "pdf"]


def header(ctx: PageContext, title_key: str, intro_key: str | None = None) -> None:
    """Page title, one-line intro, the data's as-of month and any dropped-filter notices."""
    st.title(ctx.t(title_key))
    caption = ctx.t("common.as_of_line", month=fmt.month(ctx.as_of, ctx.lang))
    if intro_key:
        caption = f"{ctx.t(intro_key)}  ·  {caption}"
    st.caption(caption)
    for notice in ctx.notices:
        st.warning(notice_text(notice, ctx.lang), icon=":material/link_off:")


def empty_state(ctx: PageContext) -> None:
    """The clear "no data for this selection" state."""
    st.info(ctx.t("common.no_data"), icon=":material/filter_alt_off:")


@dataclass(frozen=True)
class Kpi:
    """One KPI card: a formatted value and up to two formatted deltas."""

    label: str
    value: str
    delta: str | None = None  # vs the previous month
    delta_base: str | None = None  # vs the pre-rule baseline (2025-09)
    help: str | None = None
    # Streamlit colours a positive delta green; "inverse" for measures where up is bad.
    delta_color: Literal["normal", "inverse", "off"] = "normal"


def kpi_row(cards: Sequence[Kpi], *, per_row: int = 5) -> None:
    """KPI cards in rows of `per_row`, bordered."""
    for start in range(0, len(cards), per_row):
        columns = st.columns(per_row)
        for column, card in zip(columns, cards[start : start + per_row], strict=False):
            with column:
                st.metric(
                    card.label,
                    card.value,
                    delta=card.delta,
                    delta_color=card.delta_color,
                    help=card.help,
                    border=True,
                )
                if card.delta_base:
                    st.caption(card.delta_base)


def _download_row(ctx: PageContext, fig: go.Figure, key: str, title: str, subtitle: str) -> None:
    def render(kind: ChartFormat) -> bytes:
        return export.figure_bytes(
            fig,
            kind,
            title=title,
            subtitle=subtitle,
            source_note=ctx.t("common.source_note"),
            as_of=fmt.month(ctx.as_of, ctx.lang),
            filters_text=ctx.filters_text,
            lang=ctx.lang,
        )

    mime = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
    columns = st.columns(3)
    for column, kind in zip(columns, ("png", "svg", "pdf"), strict=True):
        column.download_button(
            kind.upper(),
            data=lambda kind=kind: render(kind),
            file_name=f"{key}.{kind}",
            mime=mime[kind],
            key=f"dl_{key}_{kind}",
            on_click="ignore",
            icon=":material/download:",
            width="stretch",
        )


def chart(
    ctx: PageContext,
    fig: go.Figure,
    *,
    key: str,
    title: str,
    subtitle: str = "",
    select: bool = False,
    on_select: Callable[[], None] | None = None,
) -> Any:
    """A titled chart with PNG/SVG/PDF downloads; the selection event when `select` is set.

    `on_select` runs as the selection's callback, before the next run renders any widget, so
    it may set other widgets' values (e.g. a click on a platform setting the platform filter).
    """
    st.subheader(title)
    if subtitle:
        st.caption(subtitle)
    event = st.plotly_chart(
        fig,
        key=key,
        on_select=on_select or ("rerun" if select else "ignore"),
        selection_mode=("points",) if select or on_select else ("points", "box", "lasso"),
        config={"displaylogo": False},
        theme=None,
        width="stretch",
    )
    with st.popover(ctx.t("common.download_chart"), icon=":material/download:"):
        _download_row(ctx, fig, key, title, subtitle)
    return event


def table(
    ctx: PageContext,
    frame: pd.DataFrame,
    *,
    key: str,
    title: str,
    column_config: dict[str, Any] | None = None,
    height: int | None = None,
) -> None:
    """A titled, sortable table with CSV (Excel-friendly) and XLSX downloads."""
    st.subheader(title)
    st.dataframe(
        frame,
        key=key,
        hide_index=True,
        column_config=column_config,
        width="stretch",
        height=height if height is not None else "auto",
    )
    meta = {
        ctx.t("common.title"): title,
        ctx.t("common.as_of"): fmt.month(ctx.as_of, ctx.lang),
        ctx.t("common.filters"): ctx.filters_text,
        ctx.t("common.source_label"): ctx.t("common.source_note"),
    }
    with st.container(horizontal=True):
        st.download_button(
            "CSV",
            data=lambda: export.table_csv_bytes(frame),
            file_name=f"{key}.csv",
            mime="text/csv",
            key=f"dl_{key}_csv",
            on_click="ignore",
            icon=":material/download:",
        )
        st.download_button(
            "XLSX",
            data=lambda: export.table_xlsx_bytes(frame, title[:31], meta),
            file_name=f"{key}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"dl_{key}_xlsx",
            on_click="ignore",
            icon=":material/download:",
        )

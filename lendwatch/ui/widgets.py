"""Building blocks every page uses: header, KPI cards, charts and tables with downloads."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lendwatch import export, fmt, labels
from lendwatch.ui import filters, shell
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


def month_note(ctx: PageContext) -> None:
    """Say which month the page's point-in-time figures are at, when the selection's data ends
    before the period does (e.g. a thin selection whose last loans closed months ago)."""
    if ctx.is_thin:
        st.caption(ctx.t("common.thin_month", month=ctx.month_text), width="stretch")


def choice(
    ctx: PageContext,
    key: str,
    options: Sequence[Any],
    label_key: str,
    option_label: str | Callable[[Any], str],
    *,
    select: bool = False,
    **kwargs: Any,
) -> Any:
    """A page-local view choice kept in the URL as `key` (see shell.url_choice): a horizontal
    radio, or a selectbox with `select`; options are labelled by `option_label` (a function,
    or a label section ending in "." such as "aq.window.": `aq.window.<option>`). The chosen
    option."""
    if isinstance(option_label, str):
        section = option_label

        def option_label(option: Any) -> str:
            return ctx.t(f"{section}{option}")

    return shell.url_choice(
        key,
        options,
        ctx.t(label_key),
        ctx.lang,
        widget="selectbox" if select else "radio",
        format_func=option_label,
        **kwargs,
    )


def click_to_filter(chart_key: str, filter_key: str) -> Callable[[], None]:
    """A chart's on_select callback that sets sidebar filter `filter_key` ("platform" or
    "group") to the clicked entities' ids (each point's customdata[0])."""

    def apply() -> None:
        points = st.session_state[chart_key].selection.points
        ids = [p["customdata"][0] for p in points if p.get("customdata") and p["customdata"][0]]
        if ids:
            st.session_state[filters.KEYS[filter_key]] = list(dict.fromkeys(ids))

    return apply


def note(text: str | None) -> None:
    """A caption, when there is something to say."""
    if text:
        st.caption(text)


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


# A KPI label wraps onto a second line rather than ending in "…" in a narrow card.
_WRAP_LABELS = (
    "<style>[data-testid='stMetricLabel'] * {white-space: normal !important;"
    " overflow: visible !important; text-overflow: clip !important;}</style>"
)


def kpi_row(cards: Sequence[Kpi], *, per_row: int = 5) -> None:
    """KPI cards in rows of `per_row`, bordered; long labels wrap."""
    st.html(_WRAP_LABELS)
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


def _template_pattern(template: str) -> re.Pattern[str]:
    # "Exposure ({unit})" → r"Exposure \((?P<unit>.+)\)"
    parts = []
    for literal, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field:
            parts.append(f"(?P<{field}>.+)")
    return re.compile("".join(parts))


def short_headers(
    ctx: PageContext, frame: pd.DataFrame, headers: tuple[str, str]
) -> dict[str, Any]:
    """Column configs showing a shorter header on screen, the full one as the header's help
    (downloads keep the full one). `headers` = (full section, short section), each ending in
    ".": a column whose header was made from label `<full><name>` shows label `<short><name>`
    (same placeholders, e.g. {unit}) when the short section has that name."""
    full, short = headers
    config: dict[str, Any] = {}
    names = [k.removeprefix(short) for k in labels.catalogue() if k.startswith(short)]
    for name in names:
        long_key, short_key = f"{full}{name}", f"{short}{name}"
        pattern = _template_pattern(labels.catalogue()[long_key][ctx.lang])
        for column in frame.columns:
            if match := pattern.fullmatch(str(column)):
                label = ctx.t(short_key, **match.groupdict())
                config[column] = st.column_config.Column(label=label, help=str(column))
    return config


def _number_columns(frame: pd.DataFrame, numbers: str, config: dict[str, Any]) -> dict[str, Any]:
    """Number formats for the numeric (not boolean) columns, keeping any short header; a column
    the table builder gave fixed decimals (`frame.attrs["decimals"]`) shows exactly that many in
    every row (Streamlit takes a column's decimals from its `step`)."""
    out = dict(config)
    decimals: dict[str, int] = frame.attrs.get("decimals", {})
    for column in frame.select_dtypes("number").columns:
        shown = config.get(column)
        label = shown["label"] if shown else None
        tip = shown["help"] if shown else None
        digits = decimals.get(column)
        step = None if digits is None else 10.0**-digits
        out[column] = st.column_config.NumberColumn(
            label=label, help=tip, format=numbers, step=step
        )
    return out


def table(
    ctx: PageContext,
    frame: pd.DataFrame,
    *,
    key: str,
    title: str,
    column_config: dict[str, Any] | None = None,
    height: int | None = None,
    numbers: str | None = None,
    headers: tuple[str, str] | None = None,
) -> None:
    """A titled, sortable table with CSV (Excel-friendly) and XLSX downloads. `numbers` is a
    format for every numeric column ("localized", "%.2f"); `headers` shortens headers on
    screen (see short_headers); `column_config` entries win over both."""
    st.subheader(title)
    config = short_headers(ctx, frame, headers) if headers else {}
    if numbers:
        config = _number_columns(frame, numbers, config)
    st.dataframe(
        frame,
        key=key,
        hide_index=True,
        column_config={**config, **(column_config or {})} or None,
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

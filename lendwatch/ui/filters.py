"""The sidebar filter widgets: one place builds the frozen FilterContext every page reads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lendwatch import filters, fmt
from lendwatch.filters import FilterContext, FilterOptions, Notice
from lendwatch.labels import Lang, t
from lendwatch.ui import data, url

# Widget keys in st.session_state, one per URL key.
KEYS = {key: f"flt_{key}" for key in filters.URL_KEYS}
_NOTICES = "_filter_notices"


def options() -> FilterOptions:
    """What the published store offers to filter on."""
    banks = data.load("filter_banks")
    platforms = data.load("filter_platforms")
    months = data.load("filter_months")
    groups = platforms.drop_duplicates("group_id")
    return FilterOptions(
        months=tuple(pd.to_datetime(months["month_end"]).dt.date),
        banks={r.bank_id: (r.name, r.bank_type) for r in banks.itertuples()},
        platforms={r.platform_id: (r.name, r.group_id) for r in platforms.itertuples()},
        groups={r.group_id: r.group_name for r in groups.itertuples()},
    )


def _seed(raw: dict[str, list[str]], opts: FilterOptions) -> None:
    resolved = filters.resolve(raw, opts)
    ctx = resolved.context
    st.session_state[KEYS["period"]] = (filters.month_key(ctx.start), filters.month_key(ctx.end))
    st.session_state[KEYS["bank_type"]] = list(ctx.bank_types)
    st.session_state[KEYS["bank"]] = list(ctx.bank_ids)
    st.session_state[KEYS["platform"]] = list(ctx.platform_ids)
    st.session_state[KEYS["group"]] = list(ctx.group_ids)
    st.session_state[KEYS["product"]] = list(ctx.products)
    st.session_state[KEYS["area"]] = list(ctx.areas)
    # Notices stay visible until the user changes the view the link opened.
    st.session_state[_NOTICES] = (ctx, resolved.notices)


def _current_raw() -> dict[str, list[str]]:
    return {key: list(st.session_state.get(widget, [])) for key, widget in KEYS.items()}


def notice_text(notice: Notice, lang: Lang) -> str:
    """A dropped-URL-value notice in the user's language."""
    return t(
        "filter.notice_dropped",
        lang,
        filter=t(f"filter.{notice.key}", lang),
        values=", ".join(notice.dropped),
    )


def sidebar(lang: Lang) -> filters.Resolved:
    """Render the filter widgets in the sidebar; the resolved context and pending notices."""
    opts = options()
    if url.first_run():
        _seed(url.read(), opts)
    month_keys = [filters.month_key(m) for m in opts.months]
    period = st.session_state.get(KEYS["period"])
    if not period or any(p not in month_keys for p in period):
        # A newer load may have moved the data's months; fall back to the full range.
        st.session_state[KEYS["period"]] = (month_keys[0], month_keys[-1])
    with st.sidebar:
        st.subheader(t("filter.heading", lang))
        st.select_slider(
            t("filter.period", lang),
            options=month_keys,
            key=KEYS["period"],
        )
        st.multiselect(
            t("filter.bank_type", lang),
            options=list(opts.bank_types),
            format_func=lambda v: t(f"bank_type.{v}", lang),
            key=KEYS["bank_type"],
            placeholder=t("filter.all", lang),
        )
        allowed_banks = opts.banks_of_types(tuple(st.session_state[KEYS["bank_type"]]))
        # Banks offered follow the chosen bank types; drop chosen banks of other types.
        st.session_state[KEYS["bank"]] = [
            b for b in st.session_state.get(KEYS["bank"], []) if b in allowed_banks
        ]
        st.multiselect(
            t("filter.bank", lang),
            options=list(allowed_banks),
            format_func=lambda v: opts.banks[v][0],
            key=KEYS["bank"],
            placeholder=t("filter.all", lang),
        )
        st.multiselect(
            t("filter.group", lang),
            options=sorted(opts.groups),
            format_func=lambda v: opts.groups[v],
            key=KEYS["group"],
            placeholder=t("filter.all", lang),
        )
        st.multiselect(
            t("filter.platform", lang),
            options=sorted(opts.platforms),
            format_func=lambda v: opts.platforms[v][0],
            key=KEYS["platform"],
            placeholder=t("filter.all", lang),
        )
        st.multiselect(
            t("filter.product", lang),
            options=list(opts.products),
            format_func=lambda v: t(f"product.{v}", lang),
            key=KEYS["product"],
            placeholder=t("filter.all", lang),
        )
        st.multiselect(
            t("filter.area", lang),
            options=list(opts.areas),
            format_func=lambda v: t(f"area.{v}", lang),
            key=KEYS["area"],
            placeholder=t("filter.all", lang),
        )
    resolved = filters.resolve(_current_raw(), opts)
    seeded, notices = st.session_state.get(_NOTICES, (None, ()))
    return filters.Resolved(resolved.context, notices if resolved.context == seeded else ())


def url_values(context: FilterContext) -> dict[str, list[str]]:
    """The URL query values describing `context` (defaults left out)."""
    return filters.to_url(context, options())


def describe(context: FilterContext, lang: Lang) -> str:
    """The active filters in one line, for subtitles and exports."""
    opts = options()
    parts = [f"{fmt.month(context.start, lang)} – {fmt.month(context.end, lang)}"]
    named = (
        ("bank_type", context.bank_types, lambda v: t(f"bank_type.{v}", lang)),
        ("bank", context.bank_ids, lambda v: opts.banks[v][0]),
        ("group", context.group_ids, lambda v: opts.groups[v]),
        ("platform", context.platform_ids, lambda v: opts.platforms[v][0]),
        ("product", context.products, lambda v: t(f"product.{v}", lang)),
        ("area", context.areas, lambda v: t(f"area.{v}", lang)),
    )
    for key, values, label in named:
        if values:
            parts.append(f"{t(f'filter.{key}', lang)}: {', '.join(label(v) for v in values)}")
    return "; ".join(parts)

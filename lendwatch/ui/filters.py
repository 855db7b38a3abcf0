"""The sidebar filter widgets: one place builds the frozen FilterContext every page reads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lendwatch import filters, fmt
from lendwatch.filters import FilterContext, FilterOptions, Notice
from lendwatch.labels import Lang, t
from lendwatch.ui import data, url

# The filter values live in st.session_state under these keys (one per URL key). Widgets have
# their own keys per language and are re-seeded from these values on every run: Streamlit
# resets a range slider on a page switch and keeps stale option labels after a language switch,
# so widget state alone cannot carry the view. A widget's change callback writes it back here.
KEYS = {key: f"flt_{key}" for key in filters.URL_KEYS}
_NOTICES = "_filter_notices"


def widget_key(key: str, lang: Lang) -> str:
    """The session-state key of the sidebar widget for filter `key` in language `lang`."""
    return f"{KEYS[key]}__{lang}"


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


def _seed(raw: dict[str, list[str]], opts: FilterOptions, unknown: list[str]) -> None:
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
    notices = resolved.notices + filters.unknown_parameters(unknown, url.known_keys())
    st.session_state[_NOTICES] = (ctx, notices)


def _valid_period(month_keys: list[str]) -> tuple[str, str]:
    """The stored period if it is two months of the data, else the full range (a newer load
    may have moved the data's months)."""
    period = st.session_state.get(KEYS["period"])
    if (
        isinstance(period, (tuple, list))
        and len(period) == 2
        and all(month in month_keys for month in period)
    ):
        return (period[0], period[1])
    return (month_keys[0], month_keys[-1])


def _store(key: str, lang: Lang) -> None:
    value = st.session_state[widget_key(key, lang)]
    st.session_state[KEYS[key]] = tuple(value) if key == "period" else list(value)


def _prepare(key: str, lang: Lang) -> dict:
    """Seed the widget from the stored value; the widget's key and change callback."""
    st.session_state[widget_key(key, lang)] = st.session_state[KEYS[key]]
    return {"key": widget_key(key, lang), "on_change": _store, "args": (key, lang)}


def _current_raw() -> dict[str, list[str]]:
    return {key: list(st.session_state.get(widget, [])) for key, widget in KEYS.items()}


def notice_text(notice: Notice, lang: Lang, label: str | None = None) -> str:
    """A dropped-URL-value notice in the user's language, saying why it was dropped; `label`
    names a page choice's widget (filters are named by their sidebar label)."""
    values = ", ".join(notice.dropped)
    if notice.reason == "parameter":
        return t("filter.notice_parameters", lang, values=values)
    name = label or t(f"filter.{notice.key}", lang)
    return t(f"filter.notice_{notice.reason}", lang, filter=name, values=values)


def _multiselect(key: str, lang: Lang, options: list[str], label) -> None:
    st.multiselect(
        t(f"filter.{key}", lang),
        options=options,
        format_func=label,
        placeholder=t("filter.all", lang),
        **_prepare(key, lang),
    )


def sidebar(lang: Lang) -> filters.Resolved:
    """Render the filter widgets in the sidebar; the resolved context and pending notices."""
    opts = options()
    if url.first_run():
        _seed(url.read(), opts, url.unknown_keys())
    month_keys = [filters.month_key(m) for m in opts.months]
    st.session_state[KEYS["period"]] = _valid_period(month_keys)
    for key in KEYS:
        st.session_state.setdefault(KEYS[key], [])
    with st.sidebar:
        st.subheader(t("filter.heading", lang))
        # The range comes in as the default rather than as seeded state: seeding would make
        # Streamlit treat the widget as a one-thumb slider, which it resets on a page switch.
        st.select_slider(
            t("filter.period", lang),
            options=month_keys,
            value=st.session_state[KEYS["period"]],
            key=widget_key("period", lang),
            on_change=_store,
            args=("period", lang),
        )
        _multiselect("bank_type", lang, list(opts.bank_types), lambda v: t(f"bank_type.{v}", lang))
        allowed_banks = opts.banks_of_types(tuple(st.session_state[KEYS["bank_type"]]))
        # Banks offered follow the chosen bank types; chosen banks of other types are dropped.
        st.session_state[KEYS["bank"]] = [
            b for b in st.session_state[KEYS["bank"]] if b in allowed_banks
        ]
        _multiselect("bank", lang, list(allowed_banks), lambda v: opts.banks[v][0])
        _multiselect("group", lang, sorted(opts.groups), lambda v: opts.groups[v])
        _multiselect("platform", lang, sorted(opts.platforms), lambda v: opts.platforms[v][0])
        _multiselect("product", lang, list(opts.products), lambda v: t(f"product.{v}", lang))
        _multiselect("area", lang, list(opts.areas), lambda v: t(f"area.{v}", lang))
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

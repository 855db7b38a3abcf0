"""The frame around every page: language, first-start demo build, the page context."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from lendwatch import db, demo
from lendwatch.filters import FilterContext, Notice
from lendwatch.ingest import ingest
from lendwatch.labels import LANGS, Lang, t
from lendwatch.settings import load_settings
from lendwatch.store import StoreBusy
from lendwatch.ui import data, filters, state, url

_LANG_WIDGET = "ui_lang"
_CONTEXT = "_page_context"
_URL_VALUES = "_url_values"


@dataclass(frozen=True)
class PageContext:
    """What every page needs: language, filters, the data's as-of month and store version."""

    lang: Lang
    filters: FilterContext
    as_of: date  # latest month end in the store
    notices: tuple[Notice, ...] = ()

    def t(self, key: str, **kwargs: Any) -> str:
        """Label `key` in the page's language."""
        return t(key, self.lang, **kwargs)

    def load(self, name: str, *args: Any) -> pd.DataFrame:
        """Cached result of metric `name` with `args`; a store that cannot answer (e.g. built by
        an older version) stops the page with a message saying how to rebuild it."""
        try:
            return data.load(name, *args)
        except db.Error as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            st.error(self.t("app.query_failed", error=first_line), icon=":material/error:")
            st.stop()

    @property
    def filters_text(self) -> str:
        """The active filters in one line, in the page's language."""
        return filters.describe(self.filters, self.lang)


def language() -> Lang:
    """Render the language switch (kept in the URL as `lang`); the chosen language."""
    if url.first_run():
        wanted = url.read()[url.LANG_KEY]
        default = load_settings().language
        st.session_state[_LANG_WIDGET] = wanted[0] if wanted and wanted[0] in LANGS else default
    with st.sidebar:
        st.radio(
            "Language / 语言",
            options=list(LANGS),
            format_func=lambda v: {"en": "English", "zh": "中文"}[v],
            key=_LANG_WIDGET,
            horizontal=True,
        )
    return st.session_state[_LANG_WIDGET]


def ensure_store(lang: Lang) -> None:
    """Build the demo store on first start when no store is published yet (with progress)."""
    if data.version() is not None:
        return
    settings = load_settings()
    as_of = demo.default_as_of(date.today())
    with st.status(t("app.building_demo", lang), expanded=True) as status:
        bar = st.progress(0.0)

        def step(label: str, fraction: float) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0) * 0.5, text=label)

        try:
            with tempfile.TemporaryDirectory(prefix="lendwatch-demo-") as tmp:
                demo.generate(
                    Path(tmp),
                    loans=settings.demo_loans,
                    seed=settings.demo_seed,
                    as_of=as_of,
                    file_format="parquet",
                    progress=step,
                )
                ingest(
                    Path(tmp),
                    data.store(),
                    kind="demo",
                    source=f"demo: {settings.demo_loans} loans, seed {settings.demo_seed}",
                    keep_versions=settings.keep_versions,
                    progress=lambda label: bar.progress(0.75, text=label),
                )
        except StoreBusy:
            # Another process (e.g. `make run`) is building it: wait for it to publish.
            while data.version() is None:
                time.sleep(2)
        bar.progress(1.0)
        status.update(label=t("app.demo_ready", lang), state="complete", expanded=False)


def navigation_links(box: Any, pages: list[Any], lang: Lang) -> None:
    """The page menu in `box`: links that carry the current view's URL values, so switching
    pages keeps language and filters in the address (Streamlit's own menu drops them)."""
    values = current_url_values()
    with box:
        for page in pages:
            st.page_link(page, query_params=values)
        st.divider()


def current_url_values() -> dict[str, list[str]]:
    """The URL query values of this run's view (filters and language)."""
    return st.session_state.get(_URL_VALUES, {})


def build_context(lang: Lang) -> PageContext:
    """Render the sidebar filters, write the view back to the URL; the page context."""
    resolved = filters.sidebar(lang)
    months = filters.options().months
    context = PageContext(
        lang=lang, filters=resolved.context, as_of=months[-1], notices=resolved.notices
    )
    values = filters.url_values(resolved.context)
    if lang != load_settings().language:
        values[url.LANG_KEY] = [lang]
    for key in url.PAGE_KEYS:
        if st.query_params.get_all(key):
            values[key] = st.query_params.get_all(key)
    url.write(values)
    url.mark_seeded()
    st.session_state[_URL_VALUES] = values
    st.session_state[_CONTEXT] = context
    return context


def url_choice(key: str, options: list[str], label: str, lang: Lang, **radio: Any) -> str:
    """A page-local choice (a horizontal radio) kept in the URL as `key` when it is not the
    first option, so a shared link reopens the same view; the chosen option."""
    name = f"url_{key}"
    if name not in st.session_state:
        wanted = st.query_params.get_all(key)
        st.session_state[name] = wanted[0] if wanted and wanted[0] in options else options[0]
    choice = st.radio(label, options, horizontal=True, **radio, **state.kept(name, lang, options))
    values = {k: v for k, v in current_url_values().items() if k != key}
    if choice != options[0]:
        values[key] = [choice]
    url.write(values)
    return choice


def current() -> PageContext:
    """The page context built by the app for this run."""
    if _CONTEXT not in st.session_state:
        # Streamlit runs a fresh server's very first request in its legacy `pages/` folder
        # mode when that request names a page (e.g. /data), skipping the router. Leave that
        # mode and rerun, so app.py routes to the same page with the sidebar and context.
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state[_CONTEXT]

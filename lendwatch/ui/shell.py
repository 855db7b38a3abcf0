"""The frame around every page: language, first-start demo build, the page context."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from lendwatch import db, demo, fmt
from lendwatch.filters import FilterContext, Notice
from lendwatch.ingest import ingest
from lendwatch.labels import LANGS, Lang, t
from lendwatch.settings import SettingError, load_settings
from lendwatch.store import StoreBusy
from lendwatch.ui import data, filters, state, url
from lendwatch.ui.filters import notice_text

_LANG_WIDGET = "ui_lang"
_CONTEXT = "_page_context"
_URL_VALUES = "_url_values"
_PAGE = "_url_page"
_CHOICE_NOTICES = "_url_choice_notices"


@dataclass(frozen=True)
class PageContext:
    """What every page needs: language, filters, the data's as-of month and store version."""

    lang: Lang
    filters: FilterContext
    as_of: date  # latest month end in the store
    notices: tuple[Notice, ...] = ()
    # The month point-in-time figures are at: the latest month end with data in the selection
    # (see `at_latest`); None until a page has loaded its time series.
    month: date | None = None

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

    def at_latest(self, frame: pd.DataFrame, column: str = "month_end") -> PageContext:
        """This context with `month` set to the latest month end in `frame` (a time series of
        the selection), so every point-in-time figure of the page is at one month."""
        if frame.empty:
            return self
        return replace(self, month=pd.Timestamp(frame[column].max()).date())

    @property
    def at_month(self) -> FilterContext:
        """The filters ending at `month` (the period end until it is set): for KPIs, rankings
        and other point-in-time figures."""
        return replace(self.filters, end=self.month or self.filters.end)

    @property
    def month_text(self) -> str:
        """The month point-in-time figures are at, formatted ("Aug 2026" / "2026年8月")."""
        return fmt.month(self.month or min(self.as_of, self.filters.end), self.lang)

    @property
    def is_thin(self) -> bool:
        """True when the selection's data ends before the period (and the store) does."""
        return self.month is not None and self.month < min(self.as_of, self.filters.end)

    @property
    def filters_text(self) -> str:
        """The active filters in one line, in the page's language."""
        return filters.describe(self.filters, self.lang)


def check_settings() -> None:
    """Stop the app with a message in both languages when a LENDWATCH_* variable is unusable
    (the language setting itself may be the bad one, so neither can be chosen yet)."""
    try:
        load_settings()
    except SettingError as exc:
        text = "\n\n".join(t("app.bad_setting", lang, error=str(exc)) for lang in LANGS)
        st.error(text, icon=":material/error:")
        st.stop()


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
    """The URL query values every page shares (filters and language)."""
    return st.session_state.get(_URL_VALUES, {})


def build_context(lang: Lang, page: str = "") -> PageContext:
    """Render the sidebar filters, write the view of page `page` (its url_path) back to the
    URL: filters, language and that page's remembered choices; the page context."""
    if url.first_run():
        url.seed_choices()
    resolved = filters.sidebar(lang)
    months = filters.options().months
    context = PageContext(
        lang=lang, filters=resolved.context, as_of=months[-1], notices=resolved.notices
    )
    values = filters.url_values(resolved.context)
    if lang != load_settings().language:
        values[url.LANG_KEY] = [lang]
    url.write({**values, **url.page_values(page)})
    url.mark_seeded()
    st.session_state[_URL_VALUES] = values
    st.session_state[_PAGE] = page
    st.session_state[_CONTEXT] = context
    return context


def _seeded_choice(key: str, options: Sequence[Any], label: str, lang: Lang) -> Any:
    """The first value of choice `key` in this session: the URL's id if it is an option, else
    the first option (with a notice naming the ignored id)."""
    wanted = url.choice(key)
    by_id = {str(option): option for option in options}
    if wanted is None or wanted in by_id:
        return by_id.get(wanted, options[0])
    notice = Notice(key, (wanted,), "choice")
    st.session_state.setdefault(_CHOICE_NOTICES, {})[key] = (notice, label, options[0])
    return options[0]


def url_choice(
    key: str,
    options: Sequence[Any],
    label: str,
    lang: Lang,
    *,
    widget: Literal["radio", "selectbox"] = "radio",
    **kwargs: Any,
) -> Any:
    """A page-local choice (a horizontal radio or a selectbox) kept in the URL as `key` (the
    option's id) when it is not the first option, so a shared link reopens the same view; an
    id in the link that is not an option is dropped with a notice. The chosen option (None
    when there are no options)."""
    if not options:
        return None
    name = f"url_{key}"
    if name not in st.session_state:
        st.session_state[name] = _seeded_choice(key, options, label, lang)
    if st.session_state[name] not in options:
        # options follow the data (e.g. the banks of a selection): fall back to the first
        st.session_state[name] = options[0]
    notices = st.session_state.get(_CHOICE_NOTICES, {})
    if key in notices and notices[key][2] != st.session_state[name]:
        del notices[key]  # the user has moved on from the view the link opened
    if key in notices:
        notice, named, _ = notices[key]
        st.warning(notice_text(notice, lang, named), icon=":material/link_off:")
    kept = state.kept(name, lang, list(options))
    if widget == "radio":
        choice = st.radio(label, options, horizontal=True, **kwargs, **kept)
    else:
        choice = st.selectbox(label, options, **kwargs, **kept)
    url.remember(key, None if choice == options[0] else str(choice))
    page = st.session_state.get(_PAGE, "")
    url.write({**current_url_values(), **url.page_values(page)})
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

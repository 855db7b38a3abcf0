"""The URL as the home of shareable state: language and filters, read once per session and
written back after every run so a copied link reproduces the view exactly.

Ids (bank ids, `2025-10`, `city_commercial`) go in the URL, never display labels, so a link
works in either language. Widgets keep their state in `st.session_state`; this module seeds
that state from the URL when a session starts and mirrors it back into the URL.
"""

from __future__ import annotations

import streamlit as st

from lendwatch.filters import URL_KEYS

LANG_KEY = "lang"
# Page-local view choices that also live in the URL (e.g. the Concentration page's level).
PAGE_KEYS = ("level",)
_SEEDED = "_url_seeded"


def read() -> dict[str, list[str]]:
    """Raw URL values of the language and every filter key (lists; empty when absent)."""
    return {key: st.query_params.get_all(key) for key in (LANG_KEY, *URL_KEYS)}


def first_run() -> bool:
    """True on the first run of a browser session (a fresh load or reload of a URL)."""
    return not st.session_state.get(_SEEDED, False)


def mark_seeded() -> None:
    """Record that this session's widget state has been seeded from its URL."""
    st.session_state[_SEEDED] = True


def write(values: dict[str, list[str]]) -> None:
    """Replace the URL's query string by `values` (keys with empty lists are left out)."""
    clean = {key: value for key, value in values.items() if value}
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != clean:
        st.query_params.from_dict(clean)

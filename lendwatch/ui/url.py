"""The URL as the home of shareable state: language, filters and each page's view choices, read
once per session and written back after every run so a copied link reproduces the view exactly.

Ids (bank ids, `2025-10`, `city_commercial`, `tier`) go in the URL, never display labels, so a
link works in either language. Widgets keep their state in `st.session_state`; this module seeds
that state from the URL when a session starts and mirrors it back into the URL.
"""

from __future__ import annotations

import streamlit as st

from lendwatch.filters import URL_KEYS

LANG_KEY = "lang"
# Page-local view choices kept in the URL, by page url_path. A page's keys appear only in its
# own address: they mean nothing elsewhere, and the session remembers them for the way back.
PAGE_KEYS: dict[str, tuple[str, ...]] = {
    "concentration": ("level", "exit", "exposure_bank"),
    "asset_quality": (
        "breakdown", "measure", "cohort", "vintage_loans", "roll_window", "roll_loans",
    ),
}  # fmt: skip
_SEEDED = "_url_seeded"
_CHOICES = "_url_choices"  # page key → chosen id; absent or None = the page's default


def known_keys() -> tuple[str, ...]:
    """Every URL parameter the app understands."""
    return (LANG_KEY, *URL_KEYS, *(key for keys in PAGE_KEYS.values() for key in keys))


def read() -> dict[str, list[str]]:
    """Raw URL values of the language and every filter key (lists; empty when absent)."""
    return {key: st.query_params.get_all(key) for key in (LANG_KEY, *URL_KEYS)}


def unknown_keys() -> list[str]:
    """The URL's parameters the app does not understand (e.g. a mistyped `bank_ids`)."""
    known = known_keys()
    return [key for key in st.query_params if key not in known]


def first_run() -> bool:
    """True on the first run of a browser session (a fresh load or reload of a URL)."""
    return not st.session_state.get(_SEEDED, False)


def mark_seeded() -> None:
    """Record that this session's widget state has been seeded from its URL."""
    st.session_state[_SEEDED] = True


def seed_choices() -> None:
    """Remember the URL's page choices (raw ids, checked by the page that offers them)."""
    keys = (key for keys in PAGE_KEYS.values() for key in keys)
    st.session_state[_CHOICES] = {
        key: st.query_params.get_all(key)[0] for key in keys if st.query_params.get_all(key)
    }


def choice(key: str) -> str | None:
    """The remembered id of page choice `key` (None when it is at its default)."""
    return st.session_state.get(_CHOICES, {}).get(key)


def remember(key: str, value: str | None) -> None:
    """Remember page choice `key` (None = its default, left out of the URL)."""
    st.session_state.setdefault(_CHOICES, {})[key] = value


def page_values(page: str) -> dict[str, list[str]]:
    """URL values of page `page`'s remembered choices."""
    return {key: [value] for key in PAGE_KEYS.get(page, ()) if (value := choice(key))}


def write(values: dict[str, list[str]]) -> None:
    """Replace the URL's query string by `values` (keys with empty lists are left out)."""
    clean = {key: value for key, value in values.items() if value}
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != clean:
        st.query_params.from_dict(clean)

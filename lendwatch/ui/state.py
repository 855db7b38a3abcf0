"""Page-local widget values that survive a language switch.

A widget whose option labels are translated is keyed per language (Streamlit's frontend keeps
the old labels, or shows nothing selected, when a keyed widget's labels change). Its value is
kept under a language-free name and seeded into whichever language's widget renders.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from lendwatch.labels import Lang


def _keep(name: str, widget: str) -> None:
    st.session_state[name] = st.session_state[widget]


def kept(name: str, lang: Lang, options: Sequence[Any]) -> dict[str, Any]:
    """Keyword arguments (key, on_change, args) for a widget whose value is kept as `name`."""
    widget = f"{name}__{lang}"
    if name in st.session_state and st.session_state[name] in options:
        st.session_state[widget] = st.session_state[name]
    return {"key": widget, "on_change": _keep, "args": (name, widget)}

"""Cached access to the published store for pages: one read-only connection per version,
query results cached per (metric, version, arguments)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from lendwatch import db, metrics
from lendwatch.settings import load_settings
from lendwatch.store import Store


def store() -> Store:
    """The store this app serves (LENDWATCH_STORE or the default under data/)."""
    return Store(load_settings().store)


def version() -> str | None:
    """The resolved file of the published version, re-read on every rerun so a new load is
    picked up by the next interaction; None when nothing is published yet."""
    current = store().current()
    return None if current is None else str(current)


@st.cache_resource(max_entries=3, show_spinner=False)
def _connection(version_path: str) -> db.Connection:
    # Keyed by the version file, not the symlink: after a new load the next rerun opens the
    # new version while sessions mid-run finish on the old one without lock errors.
    return db.connect(Path(version_path), read_only=True)


@st.cache_data(max_entries=2048, show_spinner=False)
def _load(name: str, version_path: str, args: tuple[Any, ...]) -> pd.DataFrame:
    return metrics.METRICS[name](_connection(version_path), *args)


def load(name: str, *args: Any) -> pd.DataFrame:
    """The result of metric `name` (see lendwatch.metrics.METRICS) for `args`, cached."""
    current = version()
    if current is None:
        raise RuntimeError("No published store: run `lendwatch demo` or `lendwatch ingest DIR`.")
    return _load(name, current, args)

"""Shared fixtures."""

from __future__ import annotations

import pytest

from lendwatch import labels
from tests.support import SAMPLE


@pytest.fixture(autouse=True, scope="session")
def strict_labels():
    """A missing label or placeholder fails the test instead of showing the key."""
    labels.set_strict(True)
    yield
    labels.set_strict(False)


@pytest.fixture(autouse=True, scope="session")
def router_not_legacy_pages():
    """Run AppTest through app.py's st.navigation, as the served app does.

    AppTest re-detects Streamlit's legacy `pages/` folder mode before every run, which would
    run a switched-to page without the router (no sidebar, stale context). The real server
    leaves that mode after its first run (see lendwatch.ui.shell.current), so tests do too.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    patch = pytest.MonkeyPatch()
    patch.setattr(PagesManager, "__init__", init)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def sample_dataset():
    """The public sample dataset folder (copied from the design folder into fixtures)."""
    return SAMPLE / "dataset"


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """A small calibrated demo store (12 000 loans, as of 2026-06), built once per test session.

    Returns the store path (the published symlink); read it only (open read-only)."""
    from datetime import date

    from lendwatch import demo
    from lendwatch.ingest import ingest
    from lendwatch.store import Store

    root = tmp_path_factory.mktemp("demo_store")
    folder = root / "dataset"
    demo.generate(folder, loans=12_000, seed=7, as_of=date(2026, 6, 30), file_format="parquet")
    store = Store(root / "store" / "lendwatch.duckdb")
    ingest(folder, store, kind="demo", source="test demo: 12000 loans, seed 7")
    return store.path


@pytest.fixture(scope="session")
def demo_default_folder(tmp_path_factory):
    """The demo dataset at the default size and seed (the settings' defaults), as of 2026-06,
    written once per test session as Parquet files (about a second). Returns the folder; read
    it only."""
    from datetime import date

    from lendwatch import demo
    from lendwatch.settings import load_settings

    defaults = load_settings({})
    folder = tmp_path_factory.mktemp("demo_default") / "dataset"
    demo.generate(
        folder,
        loans=defaults.demo_loans,
        seed=defaults.demo_seed,
        as_of=date(2026, 6, 30),
        file_format="parquet",
    )
    return folder

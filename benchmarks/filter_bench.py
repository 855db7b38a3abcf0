"""Time a filter change on each page: a full script rerun (queries uncached + charts) in
Streamlit's AppTest against a store, for a set of filter combinations never seen before.

Usage: .venv/bin/python benchmarks/filter_bench.py [--store data/lendwatch.duckdb]
Prints p50 and max seconds per page. Run `lendwatch demo` first for the default store.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["pages/overview.py", "pages/concentration.py", "pages/asset_quality.py"]
# (bank types, products, areas, period) — each combination is new to the caches.
COMBINATIONS = [
    ([], [], [], None),
    (["city_commercial"], [], [], None),
    (["private"], ["consumer"], [], None),
    (["joint_stock", "private"], [], ["urban"], None),
    ([], ["business"], [], None),
    (["rural_commercial"], [], ["county", "rural"], None),
    ([], [], [], ("2024-01", "2024-12")),
    (["city_commercial", "rural_commercial"], ["consumer"], [], ("2023-01", "2025-09")),
    ([], [], ["rural"], ("2022-01", "2026-06")),
    (["state_owned", "joint_stock"], [], [], None),
    (["foreign"], [], [], None),
]


def _route_through_app() -> None:
    # As in tests/conftest.py: AppTest would otherwise run pages in the legacy pages/ mode.
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


def bench_page(page: str) -> list[float]:
    """Seconds of each filter-change rerun on `page`."""
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    app.run()
    app.switch_page(page).run()
    months = app.session_state["flt_period"]
    timings = []
    for bank_types, products, areas, period in COMBINATIONS:
        app.session_state["flt_bank_type"] = bank_types
        app.session_state["flt_product"] = products
        app.session_state["flt_area"] = areas
        app.session_state["flt_period"] = period or months
        started = time.perf_counter()
        app.run()
        timings.append(time.perf_counter() - started)
        assert not app.exception, app.exception
    return timings


def main() -> None:
    """Print p50 and max rerun time per page."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", default=str(ROOT / "data" / "lendwatch.duckdb"))
    args = parser.parse_args()
    os.environ["LENDWATCH_STORE"] = args.store
    _route_through_app()
    print("| page | p50 s | max s | changes |\n|---|---:|---:|---:|")
    for page in PAGES:
        timings = bench_page(page)
        print(
            f"| {Path(page).stem} | {statistics.median(timings):.2f} | {max(timings):.2f} "
            f"| {len(timings)} |"
        )


if __name__ == "__main__":
    main()

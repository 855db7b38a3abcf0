"""Time the load pipeline on demo datasets: generate, validate, stage, build marts, full ingest.

Usage: .venv/bin/python benchmarks/pipeline_bench.py [--loans 150000 1000000] [--markdown]
Each size is generated (CSV, as `lendwatch demo --out` writes it), validated and loaded into a
temporary store; marts are also built separately on a staged copy to time them alone.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import date
from pathlib import Path

from lendwatch import build, dataset, db, demo, validate
from lendwatch.ingest import ingest
from lendwatch.store import Store

AS_OF = date(2026, 10, 31)


def _timed(label: str, results: dict[str, float], action):
    started = time.perf_counter()
    value = action()
    results[label] = time.perf_counter() - started
    return value


def bench(loans: int, seed: int = 20251001) -> dict[str, float]:
    """Seconds per step for one dataset size, plus row counts."""
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="lendwatch-bench-") as tmp:
        root = Path(tmp)
        counts = _timed(
            "generate_csv_s",
            results,
            lambda: demo.generate(root / "csv", loans=loans, seed=seed, as_of=AS_OF),
        )
        results["loans"] = counts["loans"]
        results["performance_rows"] = counts["loan_performance"]
        report = _timed(
            "validate_csv_s", results, lambda: validate.validate_folder(root / "csv", today=AS_OF)
        )
        assert report.ok, report.to_text()
        con = db.connect(root / "staged.duckdb")
        dataset.read_folder(con, root / "csv")
        _timed("stage_s", results, lambda: dataset.stage_all(con))
        derived = _timed("build_marts_s", results, lambda: build.build_derived(con))
        results["derived_rows"] = sum(derived.values())
        con.close()
        store = Store(root / "store" / "lendwatch.duckdb")
        _timed("ingest_csv_s", results, lambda: ingest(root / "csv", store, today=AS_OF))
        results["store_mb"] = store.current().stat().st_size / 1e6
    return results


def markdown(rows: list[dict[str, float]]) -> str:
    """The results as a Markdown table."""
    head = (
        "| loans | performance rows | generate CSV s | validate s | stage s | marts + rules s "
        "| full ingest s | store MB |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    body = "".join(
        f"| {r['loans']:,.0f} | {r['performance_rows']:,.0f} | {r['generate_csv_s']:.1f} "
        f"| {r['validate_csv_s']:.1f} | {r['stage_s']:.1f} | {r['build_marts_s']:.1f} "
        f"| {r['ingest_csv_s']:.1f} | {r['store_mb']:.0f} |\n"
        for r in rows
    )
    return head + body


def main() -> None:
    """Run the benchmark for each size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loans", type=int, nargs="+", default=[150_000, 1_000_000])
    args = parser.parse_args()
    rows = [bench(n) for n in args.loans]
    print(f"cores: {os.cpu_count()}")
    print(markdown(rows))


if __name__ == "__main__":
    main()

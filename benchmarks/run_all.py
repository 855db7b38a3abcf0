"""Run the pipeline and filter-change benchmarks and write their tables into docs/benchmarks.md
(between the `<!-- name -->` and `<!-- /name -->` markers of each section).

Usage: make bench   (or .venv/bin/python benchmarks/run_all.py [--loans 150000 1000000])
The validation benchmark (benchmarks/validate_bench.py, 10 M rows) is slower; run it by hand.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"


def _run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return "\n".join(line for line in done.stdout.splitlines() if line.startswith("|"))


def _replace(text: str, name: str, table: str) -> str:
    stamp = f"Run {date.today()} on {os.cpu_count()} cores, Python {platform.python_version()}."
    block = f"<!-- {name} -->\n{stamp}\n\n{table}\n<!-- /{name} -->"
    pattern = re.compile(rf"<!-- {name} -->.*?<!-- /{name} -->", re.S)
    if not pattern.search(text):
        raise SystemExit(f"docs/benchmarks.md has no <!-- {name} --> section")
    return pattern.sub(lambda _match: block, text)


def main() -> None:
    """Run both benchmarks and update the results in docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loans", nargs="+", default=["150000", "1000000"])
    args = parser.parse_args()
    store = ROOT / "data" / "lendwatch.duckdb"
    if not store.exists():
        subprocess.run([str(Path(sys.executable).parent / "lendwatch"), "demo"], check=True)
    text = DOC.read_text(encoding="utf-8")
    text = _replace(text, "pipeline", _run("benchmarks/pipeline_bench.py", "--loans", *args.loans))
    text = _replace(text, "filters", _run("benchmarks/filter_bench.py", "--store", str(store)))
    DOC.write_text(text, encoding="utf-8")
    print(f"updated {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

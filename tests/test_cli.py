"""The `lendwatch` console script, run as a user would: from any folder, with exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import SAMPLE

LENDWATCH = Path(sys.executable).parent / "lendwatch"


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None):
    return subprocess.run(
        [str(LENDWATCH), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_validate_accepts_the_sample_from_another_working_directory(tmp_path: Path):
    done = run_cli("validate", str(SAMPLE / "dataset"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "valid" in done.stdout


def test_validate_exits_2_for_a_missing_folder(tmp_path: Path):
    done = run_cli("validate", "no-such-folder", cwd=tmp_path)
    assert done.returncode == 2
    assert "no-such-folder" in done.stderr


def test_validate_exits_1_and_names_the_row_for_bad_data(tmp_path: Path):
    folder = tmp_path / "bad"
    shutil.copytree(SAMPLE / "dataset", folder)
    banks = (folder / "banks.csv").read_text(encoding="utf-8").replace("city_commercial", "cityish")
    (folder / "banks.csv").write_text(banks, encoding="utf-8")
    done = run_cli("validate", str(folder), cwd=tmp_path)
    assert done.returncode == 1
    assert "banks.csv row 2, column bank_type" in done.stdout


def test_ingest_with_a_relative_store_path_resolves_from_the_working_directory(tmp_path: Path):
    done = run_cli("ingest", str(SAMPLE / "dataset"), "--store", "mystore.duckdb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "mystore.duckdb").is_symlink()
    assert "as of 2026-03-31" in done.stdout


def test_ingest_reads_the_store_from_the_environment(tmp_path: Path):
    target = tmp_path / "env" / "store.duckdb"
    done = run_cli(
        "ingest", str(SAMPLE / "dataset"), cwd=tmp_path, env={"LENDWATCH_STORE": str(target)}
    )
    assert done.returncode == 0, done.stderr
    assert target.is_symlink()


def test_demo_rejects_a_malformed_as_of_month(tmp_path: Path):
    done = run_cli("demo", "--out", str(tmp_path / "d"), "--as-of", "October", cwd=tmp_path)
    assert done.returncode == 2
    assert "YYYY-MM" in done.stderr


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_demo_out_writes_a_valid_dataset(tmp_path: Path, fmt: str):
    out = tmp_path / "demo"
    done = run_cli(
        "demo",
        "--out",
        str(out),
        "--loans",
        "3000",
        "--as-of",
        "2026-06",
        "--format",
        fmt,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (out / f"loans.{fmt}").is_file()
    assert run_cli("validate", str(out), cwd=tmp_path).returncode == 0


def test_demo_builds_the_store_and_if_missing_leaves_it_alone(tmp_path: Path):
    store = tmp_path / "s.duckdb"
    args = ("demo", "--store", str(store), "--loans", "3000", "--as-of", "2026-06")
    first = run_cli(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    version = store.resolve()
    again = run_cli(*args, "--if-missing", cwd=tmp_path)
    assert again.returncode == 0
    assert store.resolve() == version

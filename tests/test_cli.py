"""The `lendwatch` console script, run as a user would: from any folder, with exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lendwatch.demo import default_as_of
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


def test_a_bad_setting_in_the_environment_is_an_error_line_not_a_traceback(tmp_path: Path):
    done = run_cli(
        "demo", "--out", str(tmp_path / "d"), cwd=tmp_path, env={"LENDWATCH_DEMO_LOANS": "0"}
    )
    assert done.returncode == 2
    assert (
        done.stderr.strip() == "lendwatch: error: LENDWATCH_DEMO_LOANS must be at least 1 (got 0)."
    )
    assert not (tmp_path / "d").exists()


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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--loans", "0"), "--loans: must be at least 1 (got 0)"),
        (("--loans", "-5"), "--loans: must be at least 1 (got -5)"),
        (("--loans", "many"), "--loans: expected a whole number"),
        (("--seed", "-1"), "--seed: must be at least 0 (got -1)"),
        (("--as-of", "2030-01"), "--as-of: 2030-01 is not a complete month yet"),
    ],
    ids=["no loans", "negative loans", "loans not a number", "negative seed", "future as-of"],
)
def test_demo_refuses_impossible_options_with_exit_2_and_writes_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    done = run_cli("demo", "--out", str(tmp_path / "d"), *args, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "d").exists()


def test_demo_refuses_the_current_incomplete_month(tmp_path: Path) -> None:
    this_month = f"{date.today():%Y-%m}"
    done = run_cli("demo", "--out", str(tmp_path / "d"), "--as-of", this_month, cwd=tmp_path)
    assert done.returncode == 2
    # The latest possible month is the last complete one, the month before this one.
    assert f"the latest possible is {default_as_of(date.today()):%Y-%m}" in done.stderr


@pytest.mark.parametrize("where", [(), ("--store", "s.duckdb")], ids=["default store", "--store"])
def test_demo_refuses_a_format_for_the_store(tmp_path: Path, where: tuple[str, ...]) -> None:
    # The environment points the default store into tmp_path, so a regression cannot touch data/.
    env = {"LENDWATCH_STORE": str(tmp_path / "env.duckdb")}
    done = run_cli("demo", *where, "--format", "csv", "--loans", "300", cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert "--format: only applies with --out" in done.stderr
    assert list(tmp_path.iterdir()) == []

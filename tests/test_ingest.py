"""Ingest: all-or-nothing publish of a dataset folder into a versioned store."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lendwatch import build, db
from lendwatch.ingest import IngestRejected, ingest
from lendwatch.store import Store, StoreBusy
from lendwatch.validation_text import render
from tests.support import SAMPLE


def published_fingerprint(store: Store) -> tuple[str, str]:
    """What a reader sees: where the store path points and the bytes of that file."""
    target = os.readlink(store.path)
    digest = hashlib.sha256(store.path.resolve().read_bytes()).hexdigest()
    return target, digest


def broken_copy(tmp_path: Path) -> Path:
    """The sample dataset with one loan's principal made negative."""
    folder = tmp_path / "broken"
    shutil.copytree(SAMPLE / "dataset", folder)
    loans = (folder / "loans.csv").read_text(encoding="utf-8").splitlines()
    fields = loans[5].split(",")
    fields[9] = "-500"  # principal_cny of data row 5
    loans[5] = ",".join(fields)
    (folder / "loans.csv").write_text("\n".join(loans) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data" / "lendwatch.duckdb")


@pytest.fixture
def loaded(store: Store) -> Store:
    ingest(SAMPLE / "dataset", store)
    return store


def test_ingest_publishes_input_and_derived_tables_behind_a_symlink(loaded: Store):
    assert loaded.path.is_symlink()
    con = db.connect(loaded.path, read_only=True)
    names = set(db.tables(con))
    assert {"banks", "loans", "loan_performance", "load_history"} <= names
    assert set(build.DERIVED_TABLES) <= names
    assert db.row_count(con, "loans") == 120
    assert not any(name.startswith("raw_") for name in names)
    con.close()


def test_ingest_records_the_load_in_load_history(loaded: Store):
    con = db.connect(loaded.path, read_only=True)
    history = db.run(con, "meta/load_history")
    con.close()
    assert len(history) == 1
    row = history.iloc[0]
    assert row["kind"] == "ingest"
    assert str(row["as_of_month"])[:10] == "2026-03-31"
    assert json.loads(row["row_counts_json"])["loans"] == 120
    assert json.loads(row["validation_json"])["errors"] == 0
    assert row["store_version"] == loaded.path.resolve().name


def test_second_ingest_appends_history_and_switches_version(loaded: Store):
    first = loaded.current()
    ingest(SAMPLE / "dataset", loaded, kind="upload", source="second")
    assert loaded.current() != first
    con = db.connect(loaded.path, read_only=True)
    history = db.run(con, "meta/load_history")
    con.close()
    assert history["load_id"].tolist() == [2, 1]
    assert history["source"].tolist()[0] == "second"


def test_a_reader_keeps_its_version_while_a_new_one_is_published(loaded: Store):
    reader = db.connect(loaded.path, read_only=True)
    ingest(SAMPLE / "dataset", loaded)
    # No lock error, and the open connection still answers from the version it opened.
    assert db.row_count(reader, "loans") == 120
    reader.close()


def test_invalid_dataset_is_rejected_and_the_store_is_byte_identical(loaded: Store, tmp_path: Path):
    before = published_fingerprint(loaded)
    with pytest.raises(IngestRejected) as caught:
        ingest(broken_copy(tmp_path), loaded)
    assert published_fingerprint(loaded) == before
    assert "loans.csv row 5, column principal_cny" in caught.value.report.to_text()
    kept = json.loads(caught.value.report_path.read_text(encoding="utf-8"))
    assert caught.value.report_path.parent == loaded.reports_dir
    assert kept["ok"] is False
    assert loaded.building_dir.exists() is False or not any(loaded.building_dir.iterdir())


def test_invalid_first_load_publishes_nothing(store: Store, tmp_path: Path):
    with pytest.raises(IngestRejected):
        ingest(broken_copy(tmp_path), store)
    assert not store.exists()
    assert store.last_report() is not None


def test_exception_half_way_leaves_the_store_byte_identical(
    loaded: Store, monkeypatch: pytest.MonkeyPatch
):
    before = published_fingerprint(loaded)

    def explode(con: db.Connection) -> dict[str, int]:
        raise RuntimeError("disk full while building marts")

    monkeypatch.setattr(build, "build_derived", explode)
    with pytest.raises(RuntimeError):
        ingest(SAMPLE / "dataset", loaded)
    assert published_fingerprint(loaded) == before
    _, report = loaded.last_report()
    assert "disk full" in report["error"]


def test_kill_9_half_way_leaves_the_store_byte_identical(loaded: Store):
    before = published_fingerprint(loaded)
    # A real process killed with SIGKILL after staging, while derived tables are being built.
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from lendwatch import build
        from lendwatch.ingest import ingest
        from lendwatch.store import Store
        def killed(con):
            os.kill(os.getpid(), signal.SIGKILL)
        build.build_derived = killed
        ingest(Path({str(SAMPLE / "dataset")!r}), Store(Path({str(loaded.path)!r})))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == -9
    assert published_fingerprint(loaded) == before
    # The next load cleans up the killed load's half-built file and succeeds.
    assert any(loaded.building_dir.iterdir())
    ingest(SAMPLE / "dataset", loaded)
    assert not any(loaded.building_dir.iterdir())


def test_a_second_concurrent_load_is_refused(loaded: Store):
    with loaded.lock(), pytest.raises(StoreBusy):
        ingest(SAMPLE / "dataset", loaded)


def test_old_versions_are_pruned_to_the_configured_number(loaded: Store):
    for _ in range(3):
        ingest(SAMPLE / "dataset", loaded, keep_versions=2)
    versions = loaded.versions()
    assert len(versions) == 2
    assert loaded.current() == versions[-1]


def test_load_history_keeps_each_message_s_fields_so_it_reads_in_either_language(
    tmp_path: Path,
):
    folder = tmp_path / "dataset"
    shutil.copytree(SAMPLE / "dataset", folder)
    (folder / "penalties.csv").unlink()  # an optional table: loaded, with one warning
    store = Store(tmp_path / "store" / "lendwatch.duckdb")
    ingest(folder, store, kind="ingest", source="no penalties")
    con = db.connect(store.path, read_only=True)
    summary = json.loads(db.run(con, "meta/load_history").iloc[0]["validation_json"])
    con.close()
    [issue] = [i for i in summary["issues"] if i["table"] == "penalties"]
    assert summary["messages"] == [i["message"] for i in summary["issues"]]
    assert render(issue, "en") == issue["message"]
    assert "penalties" in render(issue, "zh")
    assert render(issue, "zh") != issue["message"]

"""Load a dataset folder into the store: validate, stage, build derived tables, publish.

All or nothing: the new version is built in its own file and published by an atomic symlink
swap only after every step succeeded. Any failure (invalid data, an exception, a kill) leaves
the published store byte-identical; the attempt's report is kept beside the store.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from lendwatch import build, dataset, db, validate
from lendwatch.store import Store

LoadKind = Literal["ingest", "demo", "upload"]
Progress = Callable[[str], None]


class IngestRejected(Exception):
    """The dataset failed validation; `report` says why, `report_path` where it is kept."""

    def __init__(self, report: validate.ValidationReport, report_path: Path) -> None:
        super().__init__(f"{report.error_count} validation error(s); nothing was loaded.")
        self.report = report
        self.report_path = report_path


@dataclass(frozen=True)
class IngestResult:
    """What a successful load published."""

    version: Path
    as_of_month: date | None
    row_counts: dict[str, int]
    derived_counts: dict[str, int]
    report: validate.ValidationReport
    duration_s: float


def _previous_history(store: Store) -> pd.DataFrame | None:
    current = store.current()
    if current is None:
        return None
    con = db.connect(current, read_only=True)
    try:
        if "load_history" not in db.tables(con):
            return None
        return db.run(con, "meta/load_history")
    finally:
        con.close()


def _history_row(
    *,
    previous: pd.DataFrame | None,
    kind: LoadKind,
    source: str,
    as_of: date | None,
    version: Path,
    duration_s: float,
    row_counts: dict[str, int],
    derived_counts: dict[str, int],
    report: validate.ValidationReport,
) -> pd.DataFrame:
    load_id = 1 if previous is None or previous.empty else int(previous["load_id"].max()) + 1
    summary = {
        "errors": report.error_count,
        "warnings": report.warning_count,
        "messages": [issue.message for issue in report.issues],
        # the fields each message is built from, so a reader can show it in either language
        "issues": report.to_dict()["issues"],
    }
    return pd.DataFrame(
        [
            {
                "load_id": load_id,
                "loaded_at": datetime.now(UTC).replace(tzinfo=None),
                "kind": kind,
                "source": source,
                "as_of_month": as_of,
                "store_version": version.name,
                "duration_s": duration_s,
                "row_counts_json": json.dumps(row_counts, sort_keys=True),
                "derived_counts_json": json.dumps(derived_counts, sort_keys=True),
                "validation_json": json.dumps(summary, ensure_ascii=False),
            }
        ]
    )


def _failure_report(folder: Path, message: str) -> dict[str, Any]:
    return {"source": str(folder), "ok": False, "error": message, "issues": []}


def ingest(
    folder: Path,
    store: Store,
    *,
    kind: LoadKind = "ingest",
    source: str | None = None,
    keep_versions: int = 3,
    today: date | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Validate `folder` and publish it as the store's new version; raises IngestRejected for
    invalid data, dataset.DatasetUnreadable for unreadable files, StoreBusy during another load.
    """
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    with store.lock():
        built = store.new_version_path()
        con = db.connect(built)
        try:
            say("Validating the dataset")
            report = validate.validate_folder(folder, con, today=today)
            if not report.ok:
                con.close()
                store.discard(built)
                path = store.write_report(report.to_dict(), ok=False)
                raise IngestRejected(report, path)
            say("Loading typed tables")
            row_counts = dataset.stage_all(con)
            say("Building derived tables and compliance findings")
            derived_counts = build.build_derived(con)
            as_of = db.run(con, "meta/as_of_month")["as_of_month"].iloc[0]
            as_of = None if pd.isna(as_of) else pd.Timestamp(as_of).date()
            previous = _previous_history(store)
            db.execute(con, "meta/create_load_history")
            if previous is not None and not previous.empty:
                db.insert_frame(con, "load_history", previous)
            duration = time.perf_counter() - started
            row = _history_row(
                previous=previous,
                kind=kind,
                source=source or str(folder),
                as_of=as_of,
                version=built,
                duration_s=round(duration, 3),
                row_counts=row_counts,
                derived_counts=derived_counts,
                report=report,
            )
            db.insert_frame(con, "load_history", row)
            db.execute(con, "meta/checkpoint")
            con.close()
            say("Publishing the new version")
            version = store.publish(built)
            store.write_report(report.to_dict(), ok=True)
            store.prune(keep_versions)
        except IngestRejected:
            raise
        except BaseException as exc:
            con.close()
            store.discard(built)
            store.write_report(_failure_report(folder, f"{type(exc).__name__}: {exc}"), ok=False)
            raise
    return IngestResult(
        version=version,
        as_of_month=as_of,
        row_counts=row_counts,
        derived_counts=derived_counts,
        report=report,
        duration_s=time.perf_counter() - started,
    )

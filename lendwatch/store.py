"""The published store on disk: versioned DuckDB files behind one atomically swapped symlink.

Layout for a store path `data/lendwatch.duckdb`:
  data/lendwatch.duckdb            symlink → lendwatch.duckdb.versions/<version>.duckdb
  data/lendwatch.duckdb.versions/  one complete DuckDB file per successful load
  data/lendwatch.duckdb.versions/building/  versions being built (leftovers of a killed load
                                   are removed by the next load)
  data/lendwatch.duckdb.reports/   the validation report of every load attempt (JSON)
  data/.lendwatch.duckdb.lock      held while a load runs, so loads never interleave

A load builds a new version file and only then replaces the symlink (rename is atomic), so a
reader that opens the path read-only sees either the old or the new version, never a mix, and
a failed or killed load leaves the published store exactly as it was.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_VERSION = re.compile(r"^v\d{8}T\d{6}\d{6}Z-[0-9a-f]{8}\.duckdb$")


class StoreBusy(Exception):
    """Another load holds the store's lock."""


@dataclass(frozen=True)
class Store:
    """A store location and the files that sit beside it."""

    path: Path

    @property
    def versions_dir(self) -> Path:
        """Folder of complete version files."""
        return self.path.parent / f"{self.path.name}.versions"

    @property
    def reports_dir(self) -> Path:
        """Folder of validation reports, one JSON file per load attempt."""
        return self.path.parent / f"{self.path.name}.reports"

    @property
    def lock_path(self) -> Path:
        """File locked while a load runs."""
        return self.path.parent / f".{self.path.name}.lock"

    def exists(self) -> bool:
        """True when a published version exists at the store path."""
        return self.path.exists()

    def current(self) -> Path | None:
        """The resolved file of the published version, or None when nothing is published."""
        return self.path.resolve() if self.path.exists() else None

    @property
    def building_dir(self) -> Path:
        """Folder of versions being built; nothing here is ever published as is."""
        return self.versions_dir / "building"

    def new_version_path(self) -> Path:
        """A fresh path in the building folder for a version being built."""
        self.building_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        return self.building_dir / f"v{stamp}-{uuid.uuid4().hex[:8]}.duckdb"

    def publish(self, built: Path) -> Path:
        """Move a completely built version beside the others and point the store path at it
        with one atomic rename; the published version file."""
        version = self.versions_dir / built.name
        os.replace(built, version)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        target = os.path.relpath(version, self.path.parent)
        tmp = self.path.parent / f".{self.path.name}.{uuid.uuid4().hex}.tmp"
        os.symlink(target, tmp)
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)
        return version

    def versions(self) -> list[Path]:
        """Published version files, oldest first."""
        if not self.versions_dir.is_dir():
            return []
        return sorted(p for p in self.versions_dir.iterdir() if _VERSION.match(p.name))

    def discard(self, built: Path) -> None:
        """Delete a version that will not be published (and its WAL, if any)."""
        for path in (built, built.with_name(built.name + ".wal")):
            path.unlink(missing_ok=True)

    def prune(self, keep: int) -> list[Path]:
        """Delete leftovers of killed loads and all but the newest `keep` versions (never the
        current one); the files deleted. Call only while holding the lock.

        A reader that still has a deleted version open keeps reading it until it reconnects.
        """
        current = self.current()
        older = [p for p in self.versions() if p != current]
        doomed = older[: max(0, len(older) - (keep - 1))]
        if self.building_dir.is_dir():
            doomed += sorted(self.building_dir.iterdir())
        for path in doomed:
            self.discard(path)
        return doomed

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's load lock; raises StoreBusy when another load has it."""
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        with self.lock_path.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise StoreBusy(
                    f"Another load into {self.path} is running; wait for it to finish and retry."
                ) from exc
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def write_report(self, report: dict[str, Any], *, ok: bool) -> Path:
        """Keep a load attempt's report beside the store; the file written."""
        self.reports_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = self.reports_dir / f"{stamp}-{'ok' if ok else 'failed'}.json"
        tmp = path.with_suffix(".tmp")
        content = {**report, "ok": ok, "written_at": stamp}
        tmp.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)
        return path

    def reports(self) -> list[Path]:
        """Report files of all load attempts, newest first."""
        if not self.reports_dir.is_dir():
            return []
        return sorted(self.reports_dir.glob("*.json"), reverse=True)

    def last_report(self) -> tuple[Path, dict[str, Any]] | None:
        """The newest load attempt's report (path and content), or None."""
        for path in self.reports():
            try:
                return path, json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue
        return None


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

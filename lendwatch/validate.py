"""Validate a dataset folder against the data contract: every rule of DATA_CONTRACT.md runs as a
query under queries/checks/ in DuckDB (offending rows are counted there, never pulled into
Python), and the findings come back as a ValidationReport."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lendwatch import contract, db
from lendwatch.contract import STATUSES, TABLES, Column, Table
from lendwatch.dataset import DatasetFile, DatasetUnreadable, raw_table, read_folder
from lendwatch.validation_report import (
    FoundFile,
    Issue,
    Severity,
    ValidationReport,
    file_issue,
    rows_issue,
    skipped_issue,
)

__all__ = ["FoundFile", "Issue", "ValidationReport", "main", "validate_folder"]

TOLERANCE = 1e-9  # DOMAIN.md "Numbers": comparisons of rates and shares with a limit
MONEY_TOLERANCE_CNY = 0.01  # DOMAIN.md: money reconciles to 0.01 CNY
SHOWN_ROWS = 5  # rows named in a message; the rest are counted

# Column type → the check of its values (each also the key of its wording in validation.toml).
_TYPE_CHECKS = {
    "date": "type_date",
    "number": "type_number",
    "integer": "type_integer",
    "bool": "type_bool",
}

Read = tuple[str, str]  # (table, column) a check reads


@dataclass(frozen=True)
class _Check:
    """One query under queries/checks/ applied to one table, and how to word what it finds
    (`words`: a key under validation.words of lendwatch/i18n/validation.toml, and its values)."""

    query: str
    table: str
    column: str
    words: tuple[str, Mapping[str, Any]]
    identifiers: Mapping[str, str]
    params: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity = "error"
    quote: bool = True  # values are the file's text: quote them unless they are numbers
    show_values: bool = True
    unit: str = "rows"
    reads: tuple[Read, ...] = ()  # every table column the query reads, its own included


def validate_folder(
    folder: Path, con: db.Connection | None = None, today: date | None = None
) -> ValidationReport:
    """Check every contract rule on the dataset in `folder`; the raw tables stay in `con`.

    Raises DatasetUnreadable (exit code 2) when the folder or a file cannot be read at all.
    Without `con`, a temporary DuckDB file is used (so large inputs can spill to disk) and
    removed afterwards.
    """
    today = today or date.today()
    if con is not None:
        return _validate(con, folder, today)
    with tempfile.TemporaryDirectory(prefix="lendwatch-validate-") as tmp:
        own = db.connect(Path(tmp) / "validate.duckdb")
        try:
            return _validate(own, folder, today)
        finally:
            own.close()


def main(folder: Path, as_json: bool) -> int:
    """Print the report of `folder` (text or JSON) to stdout; returns the exit code 0, 1 or 2."""
    try:
        report = validate_folder(folder)
    except DatasetUnreadable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report.to_json() if as_json else report.to_text())
    return report.exit_code


def _validate(con: db.Connection, folder: Path, today: date) -> ValidationReport:
    files = read_folder(con, folder)
    labels = {s.name: files[s.name].label if s.name in files else f"{s.name}.csv" for s in TABLES}
    # Columns of the files found (absent optional columns were added empty by read_folder).
    present = {name: set(db.columns(con, raw_table(name))) - {"_row_no"} for name in files}
    issues = [issue for spec in TABLES for issue in _structure_issues(spec, files, present)]
    # A check runs when everything it reads is there; the others say what they wait for.
    available = {(name, column) for name, columns in present.items() for column in columns}
    shared = {
        "today": today,
        "tolerance": TOLERANCE,
        "money_tolerance_cny": MONEY_TOLERANCE_CNY,
        "end_statuses": [status for status in STATUSES if status != "active"],
    }
    for spec in (s for s in TABLES if s.name in files):
        for check in _table_plan(spec, present[spec.name], labels, today):
            missing = [read for read in check.reads if read not in available]
            if missing:
                issue = _skipped(check, missing, files, labels)
            else:
                issue = _run(con, check, shared, labels[spec.name])
            if issue:
                issues.append(issue)
    found = tuple(
        FoundFile(f.table, f.label, f.format, db.row_count(con, raw_table(f.table)))
        for f in files.values()
    )
    ordered = sorted(issues, key=lambda issue: issue.severity != "error")
    return ValidationReport(folder, found, tuple(ordered))


def _structure_issues(
    spec: Table, files: Mapping[str, DatasetFile], present: Mapping[str, set[str]]
) -> list[Issue]:
    """A missing file, missing required columns, columns the contract does not know."""
    if spec.name not in files:
        file = f"{spec.name}.csv"
        if spec.required:
            return [file_issue("error", file, spec.name, "missing_table", None)]
        return [file_issue("warning", file, spec.name, "missing_optional_table", None)]
    file, columns = files[spec.name].label, present[spec.name]
    missing = [c.name for c in spec.columns if not c.optional and c.name not in columns]
    unknown = sorted(columns - {c.name for c in spec.columns})
    return [file_issue("error", file, spec.name, "missing_column", name) for name in missing] + [
        file_issue("warning", file, spec.name, "unknown_column", name) for name in unknown
    ]


def _table_plan(
    spec: Table, columns: set[str], labels: Mapping[str, str], today: date
) -> list[_Check]:
    """The checks of one table in run order: column by column (type before range and
    reference), then keys, then the table-level checks. Checks of a column missing from the
    file are left out (the missing column is the error); the others list what they read."""
    plan = [
        check
        for column in spec.columns
        if column.name in columns
        for check in _column_plan(spec, column, labels, today)
    ]
    raw = raw_table(spec.name)
    for key in spec.unique:
        names = ("column",) if len(key) == 1 else ("column_a", "column_b")
        query = "checks/unique_key" if len(key) == 1 else "checks/unique_pair"
        ids = {"table": raw, **dict(zip(names, key, strict=True))}
        reads = tuple((spec.name, column) for column in key)
        words = ("unique", {})
        plan.append(_Check(query, spec.name, ", ".join(key), words, ids, quote=False, reads=reads))
    for name in spec.checks:
        header = db.load_query(f"checks/{name}").header
        severity: Severity = "warning" if header["severity"] == "warning" else "error"
        plan.append(
            _Check(
                f"checks/{name}",
                spec.name,
                header["column"],
                (name, {}),
                {},
                severity=severity,
                quote=False,
                unit=header.get("unit", "rows"),
                reads=_declared_reads(header["reads"]),
            )
        )
    return plan


def _declared_reads(text: str) -> tuple[Read, ...]:
    """A table check's `-- reads: loans.loan_id, loans.principal_cny` header as pairs."""
    return tuple((t.strip(), c.strip()) for t, _, c in (i.partition(".") for i in text.split(",")))


def _skipped(
    check: _Check,
    missing: list[Read],
    files: Mapping[str, DatasetFile],
    labels: Mapping[str, str],
) -> Issue | None:
    """A warning that `check` did not run because something it reads is missing; None when
    only the check's own column is missing (that column's error already says all)."""
    if set(missing) <= {(check.table, column) for column in check.column.split(", ")}:
        return None
    waits_for = [
        (labels[name], [c for t, c in missing if t == name] if name in files else [])
        for name in dict.fromkeys(name for name, _ in missing)
    ]
    return skipped_issue(labels[check.table], check.table, check.column, check.words, waits_for)


def _column_plan(
    spec: Table, column: Column, labels: Mapping[str, str], today: date
) -> list[_Check]:
    """The checks of one column, each kind a template under queries/checks/."""
    ids = {"table": raw_table(spec.name), "column": column.name}
    own = ((spec.name, column.name),)

    def check(kind: str, words: str | None = None, values: Any = None, **kw: Any) -> _Check:
        wording = (words or kind, values or {})
        return _Check(f"checks/{kind}", spec.name, column.name, wording, ids, reads=own, **kw)

    plan = []
    if not column.optional:
        plan.append(check("not_empty", show_values=False))
    if column.type in _TYPE_CHECKS:
        plan.append(check(_TYPE_CHECKS[column.type]))
    for kind, allowed in (("enum", column.enum), ("multi_enum", column.multi_enum)):
        if allowed:
            plan.append(check(kind, values={"allowed": list(allowed)}, params={"allowed": allowed}))
    if column.date_kind != "any":
        plan.append(check(column.date_kind))
    if column.not_future:
        plan.append(check("not_future", values={"today": today.isoformat()}))
    for kind, bound, inclusive, side in (
        ("range_min", column.min, column.min_inclusive, "min"),
        ("range_max", column.max, column.max_inclusive, "max"),
    ):
        if bound is not None:
            limit = f"{side}_{'inclusive' if inclusive else 'exclusive'}"
            values = {"bound": limit, "value": f"{bound:g}"}
            whole_only = column.type == "integer"
            params = {"bound": bound, "inclusive": inclusive, "whole_only": whole_only}
            plan.append(check(kind, "range", values, params=params))
    return plan + _reference_plan(spec, column, labels)


def _reference_plan(spec: Table, column: Column, labels: Mapping[str, str]) -> list[_Check]:
    """The reference checks of one column: the value exists there, and is of the right type."""
    ref = column.references
    if not ref:
        return []
    ids = {"table": raw_table(spec.name), "column": column.name}
    ids |= {"ref_table": raw_table(ref.table), "ref_column": ref.column}
    reads = ((spec.name, column.name), (ref.table, ref.column))
    words = ("reference", {"ref_column": ref.column, "ref_file": labels[ref.table]})
    plan = [_Check("checks/reference", spec.name, column.name, words, ids, reads=reads)]
    if ref.partner_type:
        typed = {"partner_type": ref.partner_type, "ref_file": labels[ref.table]}
        words = ("reference_type", typed)
        types = contract.table(ref.table).column("partner_type").enum
        params = {"ref_type": ref.partner_type, "ref_types": types}
        ids = {**ids, "ref_type_column": "partner_type"}
        reads = (*reads, (ref.table, "partner_type"))
        plan.append(
            _Check("checks/reference_type", spec.name, column.name, words, ids, params, reads=reads)
        )
    return plan


def _run(con: db.Connection, check: _Check, shared: Mapping[str, Any], label: str) -> Issue | None:
    """Run one check in DuckDB: an Issue naming its first rows, or None when no row offends."""
    params = {**shared, **check.params}
    count, first = db.summarize(con, check.query, params, check.identifiers, SHOWN_ROWS)
    if not count:
        return None
    shown = [
        (int(row_no), value if check.show_values and isinstance(value, str) else None)
        for row_no, value in zip(first["_row_no"], first["value"], strict=True)
    ]
    rule = check.query.removeprefix("checks/")
    return rows_issue(
        check.severity,
        label,
        check.table,
        rule,
        check.column,
        check.words,
        count,
        shown,
        quote=check.quote,
        unit=check.unit,
    )

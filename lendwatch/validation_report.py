"""What validation found, worded for people: issues, the report and its text and JSON forms."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]

LONGEST_EXAMPLE = 60  # characters of an offending value shown in a message


@dataclass(frozen=True)
class Issue:
    """One rule broken by one or more rows of one file (or a file or column missing)."""

    severity: Severity
    file: str
    table: str
    rule: str
    column: str | None
    count: int
    rows: tuple[int, ...]
    examples: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class FoundFile:
    """A table file found in the dataset folder, with its number of data rows."""

    table: str
    file: str
    format: str
    rows: int


@dataclass(frozen=True)
class ValidationReport:
    """Everything validation found in one dataset folder; errors come before warnings."""

    source: Path
    files: tuple[FoundFile, ...]
    issues: tuple[Issue, ...]

    @property
    def error_count(self) -> int:
        """Number of issues that make the dataset invalid."""
        return sum(1 for issue in self.issues if issue.severity == "error")

    @property
    def warning_count(self) -> int:
        """Number of issues reported without rejecting the dataset."""
        return sum(1 for issue in self.issues if issue.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when the dataset may be loaded (warnings allowed)."""
        return self.error_count == 0

    @property
    def exit_code(self) -> int:
        """0 valid, 1 invalid (2, unreadable input, is raised before a report exists)."""
        return 0 if self.ok else 1

    @property
    def row_count(self) -> int:
        """Data rows over all files found."""
        return sum(found.rows for found in self.files)

    @property
    def summary(self) -> str:
        """One line: `valid: 8 files, 1,234 rows, 2 warnings` or `invalid: 3 errors, 1 warning`."""
        warnings = plural(self.warning_count, "warning")
        if not self.ok:
            return f"invalid: {plural(self.error_count, 'error')}, {warnings}"
        files = plural(len(self.files), "file")
        return f"valid: {files}, {plural(self.row_count, 'row')}, {warnings}"

    def to_text(self) -> str:
        """The report for people: one line per issue, errors first, then the summary line."""
        lines = [f"{issue.severity}: {issue.message}" for issue in self.issues]
        return "\n".join([*lines, self.summary])

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data with stable keys (for --json and load_history)."""
        return {
            "source": str(self.source),
            "ok": self.ok,
            "exit_code": self.exit_code,
            "summary": self.summary,
            "error_count": self.error_count,
            "warning_count": self.warning_count,
            "row_count": self.row_count,
            "files": [vars(found).copy() for found in self.files],
            "issues": [
                {**vars(issue), "rows": list(issue.rows), "examples": list(issue.examples)}
                for issue in self.issues
            ],
        }

    def to_json(self) -> str:
        """`to_dict()` as indented JSON text (non-ASCII characters kept as they are)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def file_issue(
    severity: Severity, file: str, table: str, rule: str, column: str | None, text: str
) -> Issue:
    """An issue about a whole file or column (missing, unknown), not about rows."""
    where = f"{file}, column {column}" if column else file
    return Issue(severity, file, table, rule, column, 1, (), (), f"{where}: {text}")


def rows_issue(
    severity: Severity,
    file: str,
    table: str,
    rule: str,
    column: str,
    words: str,
    count: int,
    shown: list[tuple[int, str | None]],
    quote: bool = True,
    unit: str = "rows",
) -> Issue:
    """An issue about `count` offending rows, naming the `shown` (row number, value) pairs:
    `loans.csv rows 3, 8 and 12, column principal_cny: must be > 0 (got -500, -1, 0)`."""
    rows = tuple(row_no for row_no, _ in shown)
    examples = tuple(dict.fromkeys(show_value(v, quote) for _, v in shown if v is not None))
    got = f" (got {', '.join(examples)})" if examples else ""
    columns = "columns" if ", " in column else "column"
    message = f"{file} {where_rows(rows, count, unit)}, {columns} {column}: {words}{got}"
    return Issue(severity, file, table, rule, column, count, rows, examples, message)


def skipped_issue(
    file: str, table: str, column: str, words: str, waits_for: list[tuple[str, list[str]]]
) -> Issue:
    """A warning that one rule of `column` was not checked because files or columns it reads
    are missing (`waits_for`: file and its missing columns, none when the whole file is):
    `loans.csv, column credit_line_cny: rule "must be ≥ principal_cny" not checked until
    loans.csv, column principal_cny is added`."""
    parts = [
        f"{name}, {'column' if len(names) == 1 else 'columns'} {', '.join(names)}"
        if names
        else name
        for name, names in waits_for
    ]
    things = sum(max(1, len(names)) for _, names in waits_for)
    verb = "is" if things == 1 else "are"
    columns = "columns" if ", " in column else "column"
    message = (
        f'{file}, {columns} {column}: rule "{words}" not checked until '
        f"{' and '.join(parts)} {verb} added"
    )
    return Issue("warning", file, table, "check_skipped", column, 1, (), (), message)


def where_rows(rows: tuple[int, ...], count: int, unit: str = "rows") -> str:
    """`row 7`, `rows 3, 8 and 12`, or `rows 1, 2, 3, 4, 5 and 7 more (12 rows)`."""
    if count == 1:
        return f"row {rows[0]}"
    listed = ", ".join(str(row_no) for row_no in rows)
    if count > len(rows):
        return f"rows {listed} and {count - len(rows):,} more ({count:,} {unit})"
    head, _, last = listed.rpartition(", ")
    return f"rows {head} and {last}"


def show_value(value: str, quote: bool) -> str:
    """An offending value as a message shows it: cut to length, text quoted, numbers bare."""
    if len(value) > LONGEST_EXAMPLE:
        value = value[: LONGEST_EXAMPLE - 1] + "…"
    return f"'{value}'" if quote and not _is_number(value) else value


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def plural(count: int, noun: str) -> str:
    """`1 warning`, `2 warnings`, `1,234 rows`."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"

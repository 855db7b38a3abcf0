"""What validation found: issues, the report and its text and JSON forms. Messages are built
from an issue's structured fields (`words`, `values`, rows, examples) by
lendwatch.validation_text, in English here (the command line, the JSON `message`)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from lendwatch.validation_text import render, report_text, summary_text

Severity = Literal["error", "warning"]

LONGEST_EXAMPLE = 60  # characters of an offending value shown in a message
WORDING = ("words", "values")  # the fields a message is built from, beyond the issue's own


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
    message: str  # in English; `render` words it in either language
    words: str  # key under validation.words (validation.file for a file issue) of the wording
    values: Mapping[str, Any]  # the wording's values: bound, vocabulary, what a skip waits for

    def to_dict(self) -> dict[str, Any]:
        """The issue as JSON-ready data (lists for tuples)."""
        return {
            **vars(self),
            "rows": list(self.rows),
            "examples": list(self.examples),
            "values": dict(self.values),
        }


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
        return summary_text(self._counts(), "en")

    def to_text(self) -> str:
        """The report for people: one line per issue, errors first, then the summary line."""
        return report_text(self.to_dict(), "en")

    def to_dict(self, wording: bool = True) -> dict[str, Any]:
        """The report as JSON-ready data with stable keys (for --json and the stored reports);
        with `wording`, each issue also keeps the fields its message is built from."""
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
                {k: v for k, v in issue.to_dict().items() if wording or k not in WORDING}
                for issue in self.issues
            ],
        }

    def to_json(self) -> str:
        """The command line's JSON: `to_dict()` without the wording fields, indented, non-ASCII
        characters kept as they are."""
        return json.dumps(self.to_dict(wording=False), ensure_ascii=False, indent=2)

    def _counts(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "error_count": self.error_count,
            "warning_count": self.warning_count,
            "row_count": self.row_count,
            "files": self.files,
        }


def file_issue(severity: Severity, file: str, table: str, rule: str, column: str | None) -> Issue:
    """An issue about a whole file or column (`rule` one of FILE_RULES), not about rows."""
    return _issue(severity, file, table, rule, column, words=rule, values={})


def rows_issue(
    severity: Severity,
    file: str,
    table: str,
    rule: str,
    column: str,
    words: tuple[str, Mapping[str, Any]],
    count: int,
    shown: list[tuple[int, str | None]],
    quote: bool = True,
    unit: str = "rows",
) -> Issue:
    """An issue about `count` offending rows, naming the `shown` (row number, value) pairs:
    `loans.csv rows 3, 8 and 12, column principal_cny: must be > 0 (got -500, -1, 0)`;
    `words` is the key and values of what the rule asks."""
    rows = tuple(row_no for row_no, _ in shown)
    examples = tuple(dict.fromkeys(show_value(v, quote) for _, v in shown if v is not None))
    key, values = words
    return _issue(
        severity,
        file,
        table,
        rule,
        column,
        count=count,
        rows=rows,
        examples=examples,
        words=key,
        values={**values, "unit": unit},
    )


def skipped_issue(
    file: str,
    table: str,
    column: str,
    words: tuple[str, Mapping[str, Any]],
    waits_for: list[tuple[str, list[str]]],
) -> Issue:
    """A warning that one rule of `column` was not checked because files or columns it reads
    are missing (`waits_for`: file and its missing columns, none when the whole file is):
    `loans.csv, column credit_line_cny: rule "must be ≥ principal_cny" not checked until
    loans.csv, column principal_cny is added`."""
    key, values = words
    waits = [[name, list(names)] for name, names in waits_for]
    values = {**values, "waits_for": waits}
    return _issue("warning", file, table, "check_skipped", column, words=key, values=values)


def _issue(
    severity: Severity,
    file: str,
    table: str,
    rule: str,
    column: str | None,
    *,
    words: str,
    values: Mapping[str, Any],
    count: int = 1,
    rows: tuple[int, ...] = (),
    examples: tuple[str, ...] = (),
) -> Issue:
    """The issue with its English message built from the other fields."""
    record = {
        "severity": severity,
        "file": file,
        "table": table,
        "rule": rule,
        "column": column,
        "count": count,
        "rows": rows,
        "examples": examples,
        "words": words,
        "values": values,
    }
    return Issue(**record, message=render(record, "en"))


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

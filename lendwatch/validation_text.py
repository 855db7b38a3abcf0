"""Validation messages in words, in English or Chinese, from the structured fields of an issue
or report as stored in JSON (lendwatch.validation_report): the templates are those of
lendwatch/i18n/validation.toml. English is the command line's text; a stored issue without
the structured fields (reports written before they existed) keeps its English `message`."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from lendwatch.labels import Lang, catalogue, has, t

Record = Mapping[str, Any]  # an issue or a report as JSON-ready data (`ValidationReport.to_dict`)

MANY_VALUES = 8  # a longer vocabulary is named by its size and two of its values
FILE_RULES = ("missing_table", "missing_optional_table", "missing_column", "unknown_column")
_EXAMPLE_KEYS = {"unique_key": "unique", "unique_pair": "unique"}
_UNREADABLE = "DatasetUnreadable: "  # how a failed ingest's report names an unreadable dataset


def render(issue: Record, lang: Lang) -> str:
    """An issue's message in `lang`, from its structured fields; an issue stored without them
    (reports written before they existed) keeps its English `message`."""
    if "words" not in issue:
        return str(issue["message"])
    file, rule, values = issue["file"], issue["rule"], issue["values"]
    column = _columns(issue["column"], lang) if issue["column"] else ""
    if rule in FILE_RULES:
        return t(f"validation.file.{rule}", lang, file=file, table=issue["table"], column=column)
    words = words_text(issue["words"], values, lang)
    if rule == "check_skipped":
        waits = [
            t("validation.waits_columns", lang, file=name, column=_columns(names, lang))
            if names
            else name
            for name, names in values["waits_for"]
        ]
        things = sum(max(1, len(names)) for _, names in values["waits_for"])
        key = "validation.skipped_one" if things == 1 else "validation.skipped_many"
        waiting = t("validation.waits_separator", lang).join(waits)
        return t(key, lang, file=file, column=column, words=words, waits=waiting)
    examples = [_example(rule, example, lang) for example in issue["examples"]]
    separator = "example_separator" if _example_key(rule) else "list_separator"
    got = t("validation.got", lang, examples=t(f"validation.{separator}", lang).join(examples))
    unit = values.get("unit", "rows")
    where = where_rows(tuple(issue["rows"]), issue["count"], unit, lang)
    return t(
        "validation.rows_message",
        lang,
        file=file,
        rows=where,
        column=column,
        words=words,
        got=got if examples else "",
    )


def words_text(words: str, values: Mapping[str, Any], lang: Lang) -> str:
    """What a rule asks, in `lang`: `must be > 0`, `必须大于 0`."""
    filled = dict(values)
    if "allowed" in values:
        filled["one_of"] = one_of(values["allowed"], lang)
    if "bound" in values:
        filled["bound"] = t(f"column_rule.{values['bound']}", lang, value=values["value"])
    return t(f"validation.words.{words}", lang, **filled)


def one_of(allowed: Sequence[str], lang: Lang) -> str:
    """`one of a, b, c`; a long vocabulary points to the data dictionary instead."""
    if len(allowed) <= MANY_VALUES:
        values = t("validation.list_separator", lang).join(allowed)
        return t("column_rule.one_of", lang, values=values)
    return t(
        "validation.one_of_many", lang, count=len(allowed), first=allowed[0], second=allowed[1]
    )


def where_rows(rows: tuple[int, ...], count: int, unit: str = "rows", lang: Lang = "en") -> str:
    """`row 7`, `rows 3, 8 and 12`, or `rows 1, 2, 3, 4, 5 and 7 more (12 rows)`."""
    if count == 1:
        return t("validation.rows.one", lang, row=rows[0])
    listed = t("validation.list_separator", lang).join(str(row_no) for row_no in rows)
    if count > len(rows):
        units = t(f"validation.unit.{unit}", lang)
        more = f"{count - len(rows):,}"
        return t(
            "validation.rows.more", lang, listed=listed, more=more, count=f"{count:,}", unit=units
        )
    head = t("validation.list_separator", lang).join(str(row_no) for row_no in rows[:-1])
    return t("validation.rows.some", lang, head=head, last=rows[-1])


def summary_text(report: Record, lang: Lang) -> str:
    """A report's summary line in `lang`: `invalid: 3 errors, 1 warning`, `通过校验：…`."""
    warnings = plural(report["warning_count"], "warning", lang)
    if not report["ok"]:
        errors = plural(report["error_count"], "error", lang)
        return t("validation.summary_invalid", lang, errors=errors, warnings=warnings)
    files, rows = (
        plural(len(report["files"]), "file", lang),
        plural(report["row_count"], "row", lang),
    )
    return t("validation.summary_valid", lang, files=files, rows=rows, warnings=warnings)


def report_text(report: Record, lang: Lang) -> str:
    """A report in `lang`: one `error: …` or `warning: …` line per issue, then its summary."""
    lines = [
        t(f"validation.line_{issue['severity']}", lang, message=render(issue, lang))
        for issue in report.get("issues", [])
    ]
    return "\n".join([*lines, summary_text(report, lang)])


def unreadable_text(error: str, lang: Lang) -> str:
    """Why a dataset could not be read (lendwatch.dataset's message, or a failed ingest's
    `DatasetUnreadable: …`) in `lang`; any other error is shown as it is."""
    if lang == "en":
        return error
    message = error.removeprefix(_UNREADABLE)
    for key in (k for k in catalogue() if k.startswith("validation.unreadable.")):
        parts = _read_back(key, message)
        if parts is not None:
            return t(key, lang, **parts)
    return error


def plural(count: int, noun: str, lang: Lang = "en") -> str:
    """`1 warning`, `2 warnings`, `1,234 rows` (`1个警告` in Chinese)."""
    form = "one" if count == 1 else "many"
    return t(f"validation.count.{noun}_{form}", lang, count=f"{count:,}")


def _columns(column: str | Sequence[str], lang: Lang) -> str:
    """`column a`, `columns a, b` (a key of two columns is stored as `a, b`)."""
    names = column.split(", ") if isinstance(column, str) else list(column)
    key = "validation.column_one" if len(names) == 1 else "validation.column_many"
    return t(key, lang, column=t("validation.list_separator", lang).join(names))


def _example_key(rule: str) -> str | None:
    key = f"validation.example.{_EXAMPLE_KEYS.get(rule, rule)}"
    return key if has(key) else None


def _example(rule: str, example: str, lang: Lang) -> str:
    """A table check's example worded in `lang` (its query writes it in English); a value
    cut to length no longer reads back and is shown as it is."""
    key = _example_key(rule)
    parts = None if key is None or lang == "en" else _read_back(key, example)
    return example if key is None or parts is None else t(key, lang, **parts)


def _read_back(key: str, text: str) -> dict[str, str] | None:
    """The placeholder values that make the English text of `key` equal `text`, or None."""
    match = _pattern(catalogue()[key]["en"]).fullmatch(text)
    return None if match is None else match.groupdict()


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts, seen = [], set()
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
    return re.compile("".join(parts), re.DOTALL)

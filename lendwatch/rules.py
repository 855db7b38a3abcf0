"""The compliance engine: one rule per `queries/rules/*.sql` file, described by its header.

A rule file's header is the single source of what the app shows (titles, source, texts) and of
the values the SQL is run with (`$rule_id`, `$effective`, `$limit` are bound from it), so the
text users read and the check that runs cannot drift apart. Adding a rule is adding a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Literal

from lendwatch import db

AppliesTo = Literal["originations", "month_ends"]
Subject = Literal["platform", "enhancer", "group", "bank"]
Kind = Literal["loan", "ratio"]

FINDINGS_TABLE = "compliance_findings"
FINDINGS_COLUMNS = (
    "rule_id",
    "bank_id",
    "subject_id",
    "month_end",
    "measured",
    "limit_value",
    "status",
)
HEADER_KEYS = (
    "rule_id",
    "title",
    "title_zh",
    "source",
    "effective",
    "applies_to",
    "subject",
    "kind",
    "limit",
    "text",
    "text_zh",
    "purpose",
    "grain",
    "params",
)
_CHOICES = {
    "applies_to": ("originations", "month_ends"),
    "subject": ("platform", "enhancer", "group", "bank"),
    "kind": ("loan", "ratio"),
}
_RULE_ID = re.compile(r"^R\d{2}$")
_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Rule:
    """One compliance rule as its SQL file's header describes it."""

    rule_id: str
    title: str
    title_zh: str
    source: str
    effective: date
    applies_to: AppliesTo
    subject: Subject
    kind: Kind
    limit: float | None
    limit_text: str
    text: str
    text_zh: str
    query: str

    def params(self) -> dict[str, Any]:
        """The values bound into the rule's SQL, all taken from its header."""
        return {"rule_id": self.rule_id, "effective": self.effective, "limit": self.limit}


@dataclass(frozen=True)
class ChecklistItem:
    """A requirement that the data cannot show, listed beside the findings as context."""

    item_id: str
    text: str
    text_zh: str


NOT_CHECKABLE_FROM_DATA: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "head_office_management",
        "Internet lending with partners is managed centrally by the head office "
        "(partner approval, limits, risk policy).",
        "互联网贷款业务由总行统一管理（合作机构准入、限额与风险政策由总行审批）。",
    ),
    ChecklistItem(
        "core_risk_control_in_house",
        "Core risk control (credit approval, limits, pricing) is not outsourced to partners.",
        "核心风控环节（授信审批、额度与定价）不得外包给合作机构。",
    ),
    ChecklistItem(
        "funds_paid_to_borrower",
        "Loan funds are paid directly into the borrower's own account, not through a partner.",
        "贷款资金直接发放至借款人本人账户，不得经由合作机构转付。",
    ),
)


def _header_error(name: str, problem: str) -> ValueError:
    return ValueError(
        f"queries/{name}.sql: {problem}. Every rule file opens with the header lines "
        f"{', '.join(HEADER_KEYS)}."
    )


def _choice(name: str, header: dict[str, str], key: str) -> Any:
    value = header[key]
    if value not in _CHOICES[key]:
        raise _header_error(name, f"{key} {value!r} is not one of {_CHOICES[key]}")
    return value


def _rule_from_query(name: str) -> Rule:
    header = db.load_query(name).header
    missing = [key for key in HEADER_KEYS if not header.get(key)]
    if missing:
        raise _header_error(name, f"header lacks {missing}")
    if not _RULE_ID.match(header["rule_id"]):
        raise _header_error(name, f"rule_id {header['rule_id']!r} is not R followed by 2 digits")
    try:
        effective = date.fromisoformat(header["effective"])
    except ValueError as exc:
        raise _header_error(name, f"effective {header['effective']!r} is not YYYY-MM-DD") from exc
    number = _LEADING_NUMBER.match(header["limit"])
    return Rule(
        rule_id=header["rule_id"],
        title=header["title"],
        title_zh=header["title_zh"],
        source=header["source"],
        effective=effective,
        applies_to=_choice(name, header, "applies_to"),
        subject=_choice(name, header, "subject"),
        kind=_choice(name, header, "kind"),
        limit=float(number.group(1)) if number else None,
        limit_text=header["limit"],
        text=header["text"],
        text_zh=header["text_zh"],
        query=name,
    )


@cache
def rule_catalogue() -> tuple[Rule, ...]:
    """Every rule found in queries/rules/, one per file, sorted by rule_id."""
    found = sorted((_rule_from_query(n) for n in db.list_queries("rules")), key=lambda r: r.rule_id)
    ids = [rule.rule_id for rule in found]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"queries/rules/: rule ids {duplicated} appear in more than one file.")
    return tuple(found)


RULES: tuple[Rule, ...] = rule_catalogue()


# What several rules share, written once in queries/macros/ and created before the rules run.
RULE_MACROS: tuple[str, ...] = ("loans_originated_in_range", "is_listed_on")


def build_rule_macros(con: db.Connection) -> None:
    """Create (or replace) the macros the rule files call (RULE_MACROS)."""
    for macro in RULE_MACROS:
        db.execute(con, f"macros/{macro}")


def build_compliance_findings(con: db.Connection) -> int:
    """Materialize `compliance_findings` (one row per rule, bank, subject and month end, ordered
    by them; measured as a count of offending loans or rows, or as a ratio); its row count."""
    build_rule_macros(con)
    first, *rest = rule_catalogue()
    # Each file sorts its own rows by bank, subject and month end and the rules come in rule_id
    # order, so appending in sequence leaves the table in the documented order.
    db.materialize(con, FINDINGS_TABLE, first.query, first.params())
    for rule in rest:
        db.insert_frame(con, FINDINGS_TABLE, db.run(con, rule.query, rule.params()))
    return db.row_count(con, FINDINGS_TABLE)

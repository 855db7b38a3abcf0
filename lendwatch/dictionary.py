"""The data dictionary, generated from the same sources the validator and builder use:
the data contract for input tables, the SQL headers of the derived tables and the rule files'
headers for the compliance rules. Chinese texts come from label templates filled with the same
structured data (contract columns) or from labels checked against the headers (derived tables,
rule sources), so a language never falls back to the other."""

from __future__ import annotations

import json

import pandas as pd

from lendwatch import build, db, fmt, rules, validation_text
from lendwatch.contract import TABLES, Column, Table
from lendwatch.labels import Lang, t
from lendwatch.validation_text import Record

_LIST_SEP: dict[Lang, str] = {"en": ", ", "zh": "、"}


def input_tables(lang: Lang) -> pd.DataFrame:
    """One row per input table: name, grain, required or optional, number of columns."""
    return pd.DataFrame(
        {
            t("dictionary.table", lang): [spec.name for spec in TABLES],
            t("dictionary.grain", lang): [
                spec.grain if lang == "en" else spec.description_zh for spec in TABLES
            ],
            t("dictionary.required", lang): [
                t("common.yes" if spec.required else "common.no", lang) for spec in TABLES
            ],
            t("dictionary.columns", lang): [len(spec.columns) for spec in TABLES],
        }
    )


def _check(key: str, lang: Lang, **values: object) -> str:
    return t(f"dictionary.check.{key}", lang, **values)


def _shared(key: str, lang: Lang, **values: object) -> str:
    # The wording validation messages use too ("≥ 0" here, "must be ≥ 0" there).
    return t(f"column_rule.{key}", lang, **values)


def column_rules(column: Column, lang: Lang) -> str:
    """A column's validation rules in words (in English exactly `Column.rule_text`)."""
    parts: list[str] = []
    if not column.optional:
        parts.append(_check("required", lang))
    if column.enum:
        parts.append(_shared("one_of", lang, values=_LIST_SEP[lang].join(column.enum)))
    if column.multi_enum:
        parts.append(_check("multi_enum", lang))
    if column.references:
        target = f"{column.references.table}.{column.references.column}"
        if column.references.partner_type:
            typed = column.references.partner_type
            parts.append(_check("references_typed", lang, target=target, partner_type=typed))
        else:
            parts.append(_check("references", lang, target=target))
    if column.min is not None:
        key = "min_inclusive" if column.min_inclusive else "min_exclusive"
        parts.append(_shared(key, lang, value=f"{column.min:g}"))
    if column.max is not None:
        key = "max_inclusive" if column.max_inclusive else "max_exclusive"
        parts.append(_shared(key, lang, value=f"{column.max:g}"))
    if column.date_kind != "any":
        parts.append(_check(column.date_kind, lang))
    if column.not_future:
        parts.append(_check("not_future", lang))
    return _check("separator", lang).join(parts)


def input_columns(spec: Table, lang: Lang) -> pd.DataFrame:
    """One row per column of an input table: type, whether optional, rules, meaning."""
    return pd.DataFrame(
        {
            t("dictionary.column", lang): [c.name for c in spec.columns],
            t("dictionary.type", lang): [t(f"column_type.{c.type}", lang) for c in spec.columns],
            t("dictionary.optional", lang): [
                t("common.yes" if c.optional else "common.no", lang) for c in spec.columns
            ],
            t("dictionary.rules", lang): [column_rules(c, lang) for c in spec.columns],
            t("dictionary.meaning", lang): [
                c.description if lang == "en" else c.description_zh for c in spec.columns
            ],
        }
    )


def unique_keys(spec: Table) -> str:
    """The table's unique keys and table-level checks, for the dictionary's notes."""
    keys = ["(" + ", ".join(key) + ")" for key in spec.unique]
    return "; ".join(keys)


def _derived_text(name: str, key: str, lang: Lang) -> str:
    # English reads the mart's own header; Chinese (and the findings table, which has no mart
    # file) read labels whose English is checked against the header by the tests.
    if lang == "en" and name != rules.FINDINGS_TABLE:
        return db.load_query(f"marts/{name}").header.get(key, "")
    return t(f"derived.{name}.{key}", lang)


def derived_tables(con: db.Connection, lang: Lang) -> pd.DataFrame:
    """One row per public derived table: name, grain, purpose and columns in the store."""
    present = set(db.tables(con))
    return pd.DataFrame(
        [
            {
                t("dictionary.table", lang): name,
                t("dictionary.grain", lang): _derived_text(name, "grain", lang),
                t("dictionary.meaning", lang): _derived_text(name, "purpose", lang),
                t("dictionary.columns", lang): ", ".join(db.columns(con, name))
                if name in present
                else "",
            }
            for name in build.DERIVED_TABLES
        ]
    )


_INPUT = {spec.name for spec in TABLES}


def history_view(history: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Load history for people: when, what, from where, as of, rows, warnings, seconds."""
    if history.empty:
        return pd.DataFrame()
    counts = history["row_counts_json"].map(lambda s: sum(json.loads(s).values()))
    warnings = history["validation_json"].map(lambda s: json.loads(s).get("warnings", 0))
    return pd.DataFrame(
        {
            t("data.col_load", lang): history["load_id"],
            t("data.col_loaded_at", lang): pd.to_datetime(history["loaded_at"]).dt.strftime(
                "%Y-%m-%d %H:%M:%S UTC"
            ),
            t("data.col_kind", lang): history["kind"].map(lambda k: t(f"data.kind_{k}", lang)),
            t("data.col_source", lang): history["source"],
            t("data.col_as_of", lang): pd.to_datetime(history["as_of_month"]).dt.strftime("%Y-%m"),
            t("data.col_rows", lang): counts,
            t("data.col_warnings", lang): warnings,
            t("data.col_seconds", lang): history["duration_s"].round(1),
            t("data.col_version", lang): history["store_version"],
        }
    )


def counts_view(counts: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Row counts for people, each table marked input, derived (public) or internal."""

    def kind(name: str) -> str:
        if name in _INPUT:
            return t("data.table_input", lang)
        if name in build.DERIVED_TABLES:
            return t("data.table_derived", lang)
        return t("data.table_internal", lang)

    return pd.DataFrame(
        {
            t("dictionary.table", lang): counts["table_name"],
            t("data.col_table_kind", lang): counts["table_name"].map(kind),
            t("data.col_rows", lang): counts["row_count"],
            t("dictionary.columns", lang): counts["column_count"],
        }
    )


def issues_view(issues: list[Record], lang: Lang) -> pd.DataFrame:
    """A stored validation report's issues for people: severity, file, column, rule, count and
    the message in `lang` (an issue stored without its wording fields keeps its English one)."""
    return pd.DataFrame(
        {
            t("data.col_severity", lang): [
                t(f"data.severity_{i['severity']}", lang) for i in issues
            ],
            t("data.col_file", lang): [i["file"] for i in issues],
            t("dictionary.column", lang): [i["column"] or "" for i in issues],
            t("data.col_rule", lang): [i["rule"] for i in issues],
            t("data.col_count", lang): [i["count"] for i in issues],
            t("data.col_message", lang): [validation_text.render(i, lang) for i in issues],
        }
    )


def rule_source(rule: rules.Rule, lang: Lang) -> str:
    """The regulation a rule comes from: its file's `source` header, or that in Chinese."""
    return rule.source if lang == "en" else t(f"rule_source.{rule.rule_id}", lang)


def rule_limit(rule: rules.Rule, lang: Lang) -> str:
    """A rule's limit for people: a percentage, yuan or months, or "no numeric limit"."""
    if rule.limit is None:
        return t("rule_table.no_limit", lang)
    # The header's note after the number names its unit: "(… CNY)", "(term in months …)";
    # any other limit is a share or ratio.
    if "CNY" in rule.limit_text:
        return t("rule_table.limit_money", lang, value=fmt.count(rule.limit, lang))
    if "month" in rule.limit_text:
        return t("rule_table.limit_months", lang, value=fmt.count(rule.limit, lang))
    return fmt.pct(rule.limit, lang, digits=0)


def rule_catalogue(lang: Lang) -> pd.DataFrame:
    """One row per compliance rule (rules.RULES): id, title, subject, limit, effective date
    (YYYY-MM-DD), requirement and source regulation, in the chosen language."""
    zh = lang == "zh"
    return pd.DataFrame(
        {
            t("rule_table.col_id", lang): [r.rule_id for r in rules.RULES],
            t("rule_table.col_title", lang): [r.title_zh if zh else r.title for r in rules.RULES],
            t("rule_table.col_subject", lang): [
                t(f"subject.{r.subject}", lang) for r in rules.RULES
            ],
            t("rule_table.col_limit", lang): [rule_limit(r, lang) for r in rules.RULES],
            t("rule_table.col_effective", lang): [r.effective.isoformat() for r in rules.RULES],
            t("rule_table.col_text", lang): [r.text_zh if zh else r.text for r in rules.RULES],
            t("rule_table.col_source", lang): [rule_source(r, lang) for r in rules.RULES],
        }
    )


def rules_in_force(lang: Lang) -> str:
    """One sentence naming every rule with its effective date (for the open-breaches help)."""
    listed = _LIST_SEP[lang].join(f"{r.rule_id} {r.effective.isoformat()}" for r in rules.RULES)
    return t("rule_table.in_force_list", lang, rules=listed)


def rule_lines(lang: Lang) -> list[str]:
    """One Markdown line per rule: id, title and effective date, in rule_id order."""
    return [
        f"**{r.rule_id}** {r.title_zh if lang == 'zh' else r.title} · "
        + t("rule.in_force_from", lang, date=r.effective.isoformat())
        for r in rules.RULES
    ]


def checklist_lines(lang: Lang) -> list[str]:
    """One line per requirement the data cannot show (rules.NOT_CHECKABLE_FROM_DATA)."""
    return [item.text_zh if lang == "zh" else item.text for item in rules.NOT_CHECKABLE_FROM_DATA]

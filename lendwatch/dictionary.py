"""The data dictionary, generated from the same sources the validator and builder use:
the data contract for input tables, the SQL headers of the derived tables."""

from __future__ import annotations

import json

import pandas as pd

from lendwatch import build, db, rules
from lendwatch.contract import TABLES, Table
from lendwatch.labels import Lang, t


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


def input_columns(spec: Table, lang: Lang) -> pd.DataFrame:
    """One row per column of an input table: type, whether optional, rules, meaning."""
    return pd.DataFrame(
        {
            t("dictionary.column", lang): [c.name for c in spec.columns],
            t("dictionary.type", lang): [c.type for c in spec.columns],
            t("dictionary.optional", lang): [
                t("common.yes" if c.optional else "common.no", lang) for c in spec.columns
            ],
            t("dictionary.rules", lang): [c.rule_text for c in spec.columns],
            t("dictionary.meaning", lang): [
                c.description if lang == "en" else c.description_zh for c in spec.columns
            ],
        }
    )


def unique_keys(spec: Table) -> str:
    """The table's unique keys and table-level checks, for the dictionary's notes."""
    keys = ["(" + ", ".join(key) + ")" for key in spec.unique]
    return "; ".join(keys)


_FINDINGS_HEADER = {
    "grain": "one row per rule × bank × subject × month end",
    "purpose": "compliance findings of every rule in queries/rules/ (status breach or ok, "
    "measured value against the limit)",
}


def _mart_header(name: str) -> dict[str, str]:
    return db.load_query(f"marts/{name}").header


def derived_tables(con: db.Connection, lang: Lang) -> pd.DataFrame:
    """One row per public derived table: name, grain, purpose and columns in the store."""
    present = set(db.tables(con))
    rows = []
    for name in build.DERIVED_TABLES:
        header = _FINDINGS_HEADER if name == rules.FINDINGS_TABLE else _mart_header(name)
        rows.append(
            {
                t("dictionary.table", lang): name,
                t("dictionary.grain", lang): header.get("grain", ""),
                t("dictionary.meaning", lang): header.get("purpose", ""),
                t("dictionary.columns", lang): ", ".join(db.columns(con, name))
                if name in present
                else "",
            }
        )
    return pd.DataFrame(rows)


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


def issues_view(issues: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """A validation report's issues for people: severity, file, column, rule, count, message."""
    return pd.DataFrame(
        {
            t("data.col_severity", lang): issues["severity"].map(
                lambda s: t(f"data.severity_{s}", lang)
            ),
            t("data.col_file", lang): issues["file"],
            t("dictionary.column", lang): issues["column"].fillna(""),
            t("data.col_rule", lang): issues["rule"],
            t("data.col_count", lang): issues["count"],
            t("data.col_message", lang): issues["message"],
        }
    )

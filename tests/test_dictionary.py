"""The data dictionary's input-column rules and derived tables in both languages."""

from __future__ import annotations

import re

import pytest

from lendwatch import build, db, dictionary, rules
from lendwatch.contract import TABLES, Column, Reference, table
from lendwatch.labels import t

COLUMNS = [column for spec in TABLES for column in spec.columns]
# A run of Latin letters, digits, '_', '.', '-' that starts with a letter: a word or identifier.
LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")


def _identifiers(column: Column) -> set[str]:
    """The values and names a rule may quote as they are written in the data files."""
    allowed = {*column.enum, *column.multi_enum}
    if column.references:
        ref = column.references
        allowed |= {f"{ref.table}.{ref.column}", ref.partner_type or ""}
    return allowed


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: c.name)
def test_english_column_rules_are_the_contracts_rule_text_word_for_word(column):
    assert dictionary.column_rules(column, "en") == column.rule_text


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: c.name)
def test_chinese_column_rules_have_no_english_words_only_identifiers_and_values(column):
    text = dictionary.column_rules(column, "zh")
    words = set(LATIN_TOKEN.findall(text))
    assert words <= _identifiers(column), text


@pytest.mark.parametrize(
    ("column", "en", "zh"),
    [
        (table("loans").column("loan_id"), "required", "必填"),
        (
            table("loans").column("platform_id"),
            "required; references partners.partner_id of type platform",
            "必填；须为 partners.partner_id 中类型为 platform 的值",
        ),
        (
            table("loans").column("interest_rate"),
            "required; ≥ 0; < 1",
            "必填；不小于 0；小于 1",
        ),
        (
            table("loans").column("product"),
            "required; one of consumer, business",
            "必填；取值为 consumer、business 之一",
        ),
        (
            table("bank_financials").column("period_end"),
            "required; quarter end; not in the future",
            "必填；须为季末日期；不得晚于当前日期",
        ),
        (table("partner_list").column("listed_date"), "", ""),
    ],
    ids=["required", "typed-reference", "rate-bounds", "enum", "quarter-end", "no-rule"],
)
def test_column_rules_read_as_sentences_in_both_languages(column, en, zh):
    assert dictionary.column_rules(column, "en") == en
    assert dictionary.column_rules(column, "zh") == zh


def test_a_reference_without_a_partner_type_names_only_the_target():
    column = Column("x", "text", "x", "x", optional=True, references=Reference("banks", "bank_id"))
    assert dictionary.column_rules(column, "zh") == "须为 banks.bank_id 中已有的值"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_input_columns_table_shows_types_and_rules_in_the_language(lang):
    frame = dictionary.input_columns(table("loans"), lang)
    rules_column = "Rules" if lang == "en" else "校验规则"
    type_column = "Type" if lang == "en" else "类型"
    row = frame.iloc[0]  # loan_id: text, required
    assert row[rules_column] == ("required" if lang == "en" else "必填")
    assert row[type_column] == ("Text" if lang == "en" else "文本")


@pytest.mark.parametrize("name", [n for n in build.DERIVED_TABLES if n != rules.FINDINGS_TABLE])
@pytest.mark.parametrize("key", ["grain", "purpose"])
def test_the_derived_tables_english_label_is_the_mart_header_so_the_chinese_is_not_stale(name, key):
    header = db.load_query(f"marts/{name}").header
    assert t(f"derived.{name}.{key}", "en") == header[key]


def test_derived_tables_are_described_in_chinese_with_their_columns_from_the_store():
    con = db.connect()
    con.execute("create table vintage_curve (bank_id varchar, mob integer)")
    frame = dictionary.derived_tables(con, "zh")
    assert list(frame["数据表"]) == list(build.DERIVED_TABLES)
    vintage = frame.set_index("数据表").loc["vintage_curve"]
    assert vintage["粒度"].startswith("每个银行×平台×放款月份")
    assert vintage["字段"] == "bank_id, mob"
    # a table missing from the store lists no columns
    assert frame.set_index("数据表").loc["platform_month", "字段"] == ""
    # every grain and purpose is Chinese: at least one CJK character, none empty
    cjk = re.compile(r"[\u4e00-\u9fff]")
    assert all(cjk.search(text) for text in [*frame["粒度"], *frame["含义"]])


def test_derived_tables_in_english_read_the_mart_headers():
    frame = dictionary.derived_tables(db.connect(), "en").set_index("Table")
    assert frame.loc["partner_groups", "Grain"] == "one row per partner"
    assert frame.loc["compliance_findings", "Grain"].startswith("one row per rule × bank")

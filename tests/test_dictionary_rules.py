"""The compliance rule catalogue for people: every rule of rules.RULES in both languages."""

from __future__ import annotations

import re

import pytest

from lendwatch import dictionary, rules
from lendwatch.labels import t

CJK = re.compile(r"[\u4e00-\u9fff]")
RULE_IDS = [rule.rule_id for rule in rules.RULES]


def by_id(rule_id: str) -> rules.Rule:
    return next(r for r in rules.RULES if r.rule_id == rule_id)


@pytest.mark.parametrize("rule", rules.RULES, ids=RULE_IDS)
def test_every_rule_has_its_title_text_and_source_in_english_and_chinese(rule):
    assert rule.title and rule.text and rule.source
    for text in (rule.title_zh, rule.text_zh, dictionary.rule_source(rule, "zh")):
        assert CJK.search(text), text


@pytest.mark.parametrize("rule", rules.RULES, ids=RULE_IDS)
def test_the_chinese_sources_english_twin_is_the_rule_files_header_so_it_is_not_stale(rule):
    assert t(f"rule_source.{rule.rule_id}", "en") == rule.source


@pytest.mark.parametrize(
    ("rule_id", "en", "zh"),
    [
        ("R01", "30 %", "30%"),
        ("R03", "50 %", "50%"),
        ("R04", "¥200,000", "200,000元"),
        ("R05", "12 months", "12个月"),
        ("R06", "none", "无"),
        ("R09", "24 %", "24%"),
    ],
)
def test_a_rules_limit_reads_with_its_unit(rule_id, en, zh):
    assert dictionary.rule_limit(by_id(rule_id), "en") == en
    assert dictionary.rule_limit(by_id(rule_id), "zh") == zh


@pytest.mark.parametrize(
    ("lang", "columns"),
    [
        (
            "en",
            [
                "Rule ID",
                "Rule",
                "Subject",
                "Limit",
                "Effective from",
                "Requirement",
                "Source regulation",
            ],
        ),
        ("zh", ["规则编号", "规则", "检查对象", "限额", "生效日期", "具体要求", "监管依据"]),
    ],
)
def test_the_catalogue_has_one_row_per_rule_in_rule_id_order(lang, columns):
    frame = dictionary.rule_catalogue(lang)
    assert list(frame.columns) == columns
    assert list(frame[columns[0]]) == RULE_IDS


def test_the_english_catalogue_reads_the_rule_files_headers():
    row = dictionary.rule_catalogue("en").set_index("Rule ID").loc["R02"]
    rule = by_id("R02")
    assert row["Rule"] == rule.title
    assert row["Requirement"] == rule.text
    assert row["Subject"] == "Partner group"
    assert row["Limit"] == "25 %"
    assert row["Effective from"] == "2023-06-30"
    assert row["Source regulation"] == rule.source


def test_the_chinese_catalogue_shows_chinese_titles_texts_subjects_and_sources():
    frame = dictionary.rule_catalogue("zh")
    for column in ("规则", "具体要求", "检查对象", "监管依据"):
        assert all(CJK.search(text) for text in frame[column]), column
    r08 = frame.set_index("规则编号").loc["R08"]
    assert r08["规则"] == by_id("R08").title_zh
    assert r08["检查对象"] == "增信机构"
    assert r08["生效日期"] == "2025-10-01"


@pytest.mark.parametrize(
    ("lang", "start", "r15"),
    [
        ("en", "Rules checked (in force from): R01 2022-01-01, ", "R15 2023-07-01."),
        ("zh", "核查的规则（生效日期）：R01 2022-01-01、", "R15 2023-07-01。"),
    ],
)
def test_the_open_breaches_help_names_every_rule_with_its_effective_date(lang, start, r15):
    text = dictionary.rules_in_force(lang)
    assert text.startswith(start)
    assert text.endswith(r15)
    assert all(rule_id in text for rule_id in RULE_IDS)


def test_rule_lines_give_each_rules_title_and_date_in_chinese():
    lines = dictionary.rule_lines("zh")
    assert len(lines) == len(rules.RULES)
    assert lines[-1] == f"**R15** {by_id('R15').title_zh} · 自2023-07-01起适用"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_checklist_lists_what_the_data_cannot_show(lang):
    lines = dictionary.checklist_lines(lang)
    assert len(lines) == len(rules.NOT_CHECKABLE_FROM_DATA) == 3
    assert ("核心风控" in lines[1]) if lang == "zh" else ("Core risk control" in lines[1])

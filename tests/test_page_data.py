"""The Data page under Streamlit's AppTest on the small demo store (tests/conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lendwatch import rules
from lendwatch.ingest import IngestRejected, ingest
from lendwatch.store import Store
from tests.test_validate import TODAY, dataset_with, rewrite_csv, set_value

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("LENDWATCH_STORE", str(demo_store))
    monkeypatch.delenv("LENDWATCH_LANGUAGE", raising=False)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def show(app: AppTest, lang: str) -> AppTest:
    app.query_params["lang"] = lang
    app.run()
    app.switch_page("pages/data.py").run()
    assert not app.exception, app.exception
    return app


def frame_with(app: AppTest, column: str):
    return next(f.value for f in app.dataframe if column in f.value.columns)


@pytest.mark.parametrize(
    ("lang", "label", "day", "year_time"),
    [
        ("en", "Last load", r"\d{1,2} [A-Z][a-z]{2}", r"\d{4}, \d{2}:\d{2} UTC · loads: 1"),
        ("zh", "最近导入", r"\d{1,2}月\d{1,2}日", r"\d{4}年 \d{2}:\d{2} UTC · 共导入1次"),
    ],
)
def test_the_last_load_shows_its_day_as_the_value_and_year_and_time_below(
    app, lang, label, day, year_time
):
    show(app, lang)
    card = next(m for m in app.metric if m.label == label)
    # a day and month fit a card in both languages (a timestamp or an ISO date did not)
    assert re.fullmatch(day, card.value)
    assert any(re.fullmatch(year_time, c.value) for c in app.caption)
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", card.help)


@pytest.mark.parametrize(
    ("lang", "id_column", "title_column", "subject_column", "title_of"),
    [
        ("en", "Rule ID", "Rule", "Subject", lambda r: r.title),
        ("zh", "规则编号", "规则", "检查对象", lambda r: r.title_zh),
    ],
)
def test_the_compliance_rules_tab_lists_every_rule_with_exports(
    app, lang, id_column, title_column, subject_column, title_of
):
    show(app, lang)
    catalogue = frame_with(app, id_column)
    assert list(catalogue[id_column]) == [r.rule_id for r in rules.RULES]
    assert list(catalogue[title_column]) == [title_of(r) for r in rules.RULES]
    assert catalogue.set_index(id_column).loc["R03", subject_column] in ("Bank", "银行")
    buttons = {b.key for b in app.get("download_button")}
    assert {"dl_compliance_rules_csv", "dl_compliance_rules_xlsx"} <= buttons


@pytest.mark.parametrize(
    ("lang", "heading", "item"),
    [
        ("en", "Not checkable from data", "Core risk control"),
        ("zh", "无法通过数据核查的要求", "核心风控环节"),
    ],
)
def test_the_compliance_rules_tab_lists_what_the_data_cannot_show(app, lang, heading, item):
    show(app, lang)
    assert heading in [s.value for s in app.subheader]
    assert any(item in m.value for m in app.markdown)


def test_the_chinese_data_dictionary_shows_column_rules_in_chinese(app):
    show(app, "zh")
    loans = next(
        f.value
        for f in app.dataframe
        if "字段名" in f.value.columns and "principal_cny" in set(f.value["字段名"])
    )
    rules_text = loans.set_index("字段名").loc["principal_cny", "校验规则"]
    assert rules_text == "必填；大于 0"
    # the input-tables overview has a grain column too; the derived tables come last
    derived = [f.value for f in app.dataframe if "粒度" in f.value.columns][-1]
    assert derived.set_index("数据表").loc["partner_groups", "粒度"] == "每个合作机构一行"


@pytest.fixture
def rejected_store(tmp_path: Path) -> Path:
    """A store holding the small valid dataset of test_validate, whose last load (a principal
    of -500 and a ragged penalties file) was rejected."""
    store = Store(tmp_path / "store" / "lendwatch.duckdb")
    ingest(dataset_with(tmp_path / "good"), store, today=TODAY)
    bad = dataset_with(tmp_path / "bad", set_value("loans", 2, principal_cny=-500))
    rewrite_csv(bad / "penalties.csv", add="fee_cny")
    with pytest.raises(IngestRejected):
        ingest(bad, store, today=TODAY)
    return store.path


@pytest.mark.parametrize(
    ("lang", "severity", "message", "caption"),
    [
        (
            "zh",
            ["错误", "警告"],
            [
                "loans.csv 第3行，principal_cny 列：必须大于 0（实际为 -500）",
                "penalties.csv，fee_cny 列：数据规范中没有此列，已忽略；请检查拼写或删除该列",
            ],
            "最近一次导入未通过校验被拒绝",
        ),
        (
            "en",
            ["Error", "Warning"],
            [
                "loans.csv row 3, column principal_cny: must be > 0 (got -500)",
                "penalties.csv, column fee_cny: not in the data contract and ignored; "
                "check its spelling or remove it",
            ],
            "The last ingest was rejected",
        ),
    ],
)
def test_a_rejected_loads_report_shows_its_messages_in_the_ui_language(
    rejected_store, monkeypatch, lang, severity, message, caption
):
    monkeypatch.setenv("LENDWATCH_STORE", str(rejected_store))
    monkeypatch.delenv("LENDWATCH_LANGUAGE", raising=False)
    app = show(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), lang)
    assert any(caption in e.value for e in app.error)
    column = "说明" if lang == "zh" else "Message"
    issues = frame_with(app, column)
    assert list(issues[column]) == message
    assert list(issues["级别" if lang == "zh" else "Severity"]) == severity


def test_an_unreadable_loads_report_says_why_in_chinese(rejected_store, monkeypatch):
    # what a failed ingest of a file that is not UTF-8 keeps beside the store
    error = "DatasetUnreadable: loans.csv: not UTF-8 text; save it as UTF-8 CSV."
    Store(rejected_store).write_report({"ok": False, "error": error, "issues": []}, ok=False)
    monkeypatch.setenv("LENDWATCH_STORE", str(rejected_store))
    monkeypatch.delenv("LENDWATCH_LANGUAGE", raising=False)
    app = show(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120), "zh")
    codes = [c.value for c in app.code]
    assert "loans.csv：不是 UTF-8 编码的文本；请另存为 UTF-8 编码的 CSV。" in codes
    assert "未发现问题。" in [c.value for c in app.caption]

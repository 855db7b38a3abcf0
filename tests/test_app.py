"""The whole app under Streamlit's AppTest: router, language, filters from the URL, Data page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lendwatch import db

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["pages/overview.py", "pages/concentration.py", "pages/asset_quality.py", "pages/data.py"]


def url_values(app: AppTest, key: str) -> list[str]:
    """A URL query parameter's values as a list (AppTest gives one value as a plain string)."""
    value = app.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


@pytest.fixture
def app(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("LENDWATCH_STORE", str(demo_store))
    monkeypatch.delenv("LENDWATCH_LANGUAGE", raising=False)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_renders_without_exception_in_both_languages(app: AppTest, page, lang):
    app.query_params["lang"] = lang
    app.run()
    app.switch_page(page).run()
    assert not app.exception
    assert app.title, "every page has a title"


def test_the_default_page_is_the_overview_in_english(app: AppTest):
    app.run()
    assert not app.exception
    assert app.title[0].value.startswith("Overview")


def test_language_from_the_url_translates_the_page(app: AppTest):
    app.query_params["lang"] = "zh"
    app.run()
    app.switch_page("pages/data.py").run()
    assert app.title[0].value == "数据管理"


def test_filters_are_seeded_from_the_url(app: AppTest):
    app.query_params["bank_type"] = ["private"]
    app.query_params["product"] = ["consumer"]
    app.run()
    assert not app.exception
    assert app.session_state["flt_bank_type"] == ["private"]
    assert app.session_state["flt_product"] == ["consumer"]
    assert url_values(app, "bank_type") == ["private"]


def test_invalid_url_values_are_dropped_with_a_visible_notice(app: AppTest):
    app.query_params["bank"] = ["NO-SUCH-BANK"]
    app.query_params["period"] = ["1999-01", "2026-06"]
    app.run()
    app.switch_page("pages/data.py").run()
    assert not app.exception
    notices = " ".join(w.value for w in app.warning)
    assert "NO-SUCH-BANK" in notices
    assert "1999-01" in notices
    assert "bank" not in app.query_params


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Ignored from the link — Banks: {bank} (not of the chosen bank types)"),
        ("zh", "链接中的银行已忽略（不属于所选银行类型）：{bank}"),
    ],
)
def test_a_bank_outside_the_chosen_bank_type_gets_its_own_notice(app: AppTest, lang, expected):
    app.run()
    banks = app.multiselect(key="flt_bank__en")
    city_bank = next(label for label in banks.options if label.startswith("City"))
    banks.set_value([city_bank]).run()
    (bank_id,) = url_values(app, "bank")  # a bank that exists, but is not state-owned

    linked = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    linked.query_params["lang"] = lang
    linked.query_params["bank_type"] = ["state_owned"]
    linked.query_params["bank"] = [bank_id]
    linked.run()
    assert not linked.exception
    assert [w.value for w in linked.warning] == [expected.format(bank=bank_id)]


def test_unknown_url_parameters_are_dropped_with_one_notice_naming_them(app: AppTest):
    app.query_params["bank_ids"] = ["NOPE"]
    app.query_params["colour"] = ["red"]
    app.run()
    assert not app.exception
    assert [w.value for w in app.warning] == [
        "Ignored from the link — unknown parameters: bank_ids, colour"
    ]
    assert "bank_ids" not in app.query_params and "colour" not in app.query_params


def test_banks_offered_follow_the_chosen_bank_types(app: AppTest):
    app.run()
    all_banks = app.multiselect(key="flt_bank__en").options
    app.multiselect(key="flt_bank_type__en").set_value(["private"]).run()
    private_banks = app.multiselect(key="flt_bank__en").options
    assert 0 < len(private_banks) < len(all_banks)


def test_a_chosen_bank_of_another_type_is_dropped_when_the_types_change(app: AppTest):
    app.run()
    app.multiselect(key="flt_bank_type__en").set_value(["private"]).run()
    first_label = app.multiselect(key="flt_bank__en").options[0]
    app.multiselect(key="flt_bank__en").set_value([first_label]).run()
    chosen = app.multiselect(key="flt_bank__en").value
    assert len(chosen) == 1
    assert url_values(app, "bank") == chosen
    app.multiselect(key="flt_bank_type__en").set_value(["foreign"]).run()
    assert not app.exception
    assert app.multiselect(key="flt_bank__en").value == []
    assert "bank" not in app.query_params


def test_filters_carry_across_page_switches(app: AppTest):
    app.run()
    app.multiselect(key="flt_product__en").set_value(["business"]).run()
    app.switch_page("pages/data.py").run()
    assert app.session_state["flt_product"] == ["business"]
    assert url_values(app, "product") == ["business"]


def test_data_page_shows_load_history_counts_and_dictionary(app: AppTest):
    app.run()
    app.switch_page("pages/data.py").run()
    assert not app.exception
    labels = [m.label for m in app.metric]
    assert "Loans" in labels
    tables = [frame.value for frame in app.dataframe]
    history = tables[0]
    assert history.iloc[0]["Kind"] == "Demo data"
    names = set(tables[1]["Table"])
    assert {"loans", "compliance_findings", "load_history"} <= names


def test_period_and_filters_survive_a_page_switch_and_a_language_switch(app: AppTest):
    app.query_params["period"] = ["2024-01", "2025-06"]
    app.run()
    app.multiselect(key="flt_product__en").set_value(["business"]).run()
    app.switch_page("pages/data.py").run()
    app.radio(key="ui_lang").set_value("zh").run()
    assert not app.exception
    assert app.select_slider(key="flt_period__zh").value == ("2024-01", "2025-06")
    assert app.multiselect(key="flt_product__zh").value == ["business"]
    assert url_values(app, "period") == ["2024-01", "2025-06"]
    assert url_values(app, "lang") == ["zh"]


def test_moving_the_period_slider_changes_the_url(app: AppTest):
    app.run()
    app.select_slider(key="flt_period__en").set_value(("2023-01", "2024-12")).run()
    assert url_values(app, "period") == ["2023-01", "2024-12"]


def test_the_app_builds_the_demo_store_on_first_start(tmp_path: Path, monkeypatch):
    store = tmp_path / "fresh" / "lendwatch.duckdb"
    monkeypatch.setenv("LENDWATCH_STORE", str(store))
    monkeypatch.setenv("LENDWATCH_DEMO_LOANS", "3000")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    assert not app.exception
    assert store.is_symlink()
    assert app.title[0].value.startswith("Overview")
    assert app.status[0].label == "Demo store ready"


def test_a_store_that_cannot_answer_a_page_says_how_to_rebuild_it(
    demo_store: Path, tmp_path: Path, monkeypatch
):
    old = tmp_path / "old.duckdb"
    shutil.copy(demo_store.resolve(), old)
    con = db.connect(old)
    con.execute("drop macro table book_month_selected")  # as in a store built before macros
    con.close()
    monkeypatch.setenv("LENDWATCH_STORE", str(old))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not app.exception
    assert "lendwatch demo" in app.error[0].value


def test_an_unusable_setting_stops_the_app_with_a_message_in_both_languages(
    demo_store: Path, monkeypatch
):
    monkeypatch.setenv("LENDWATCH_STORE", str(demo_store))
    monkeypatch.setenv("LENDWATCH_LANGUAGE", "fr")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not app.exception
    message = app.error[0].value
    assert "LENDWATCH_LANGUAGE must be 'en' or 'zh' (got 'fr')." in message
    assert message.startswith("LendWatch cannot start:")
    assert "LendWatch 无法启动" in message
    assert not app.title  # no page ran

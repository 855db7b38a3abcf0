"""The Concentration page under Streamlit's AppTest on the small demo store (tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lendwatch import db
from lendwatch import metrics as metric_functions
from lendwatch.filters import FilterContext
from lendwatch.labels import t
from lendwatch.store import Store

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/concentration.py"
CHARTS = 8  # shares, ranking, HHI, CRk, entries/exits, dependence, exposure, exposure history


@pytest.fixture
def app(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("LENDWATCH_STORE", str(demo_store))
    monkeypatch.delenv("LENDWATCH_LANGUAGE", raising=False)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def show(app: AppTest, lang: str = "en", **url: list[str]) -> AppTest:
    app.query_params["lang"] = lang
    for key, values in url.items():
        app.query_params[key] = values
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


def metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


@pytest.mark.parametrize(
    ("lang", "title", "hhi", "shares_title", "what_if"),
    [
        ("en", "Concentration toward leading platforms", "HHI", "Platform shares of the balance",
         "What if a platform exits?"),
        ("zh", "向头部平台集中情况", "HHI", "各平台余额份额", "假设某平台退出"),
    ],
)  # fmt: skip
def test_the_page_shows_kpis_charts_tables_and_the_what_if(
    app, lang, title, hhi, shares_title, what_if
):
    show(app, lang)
    assert app.title[0].value == title
    assert len(app.metric) == 5 + 4  # page KPIs and what-if cards
    assert app.metric[0].label == hhi
    assert shares_title in [s.value for s in app.subheader]
    assert what_if in [h.value for h in app.header]
    assert len(app.get("plotly_chart")) == CHARTS
    assert len(app.dataframe) == 3  # dependence, exposure, what-if banks


def test_kpis_and_what_if_values_are_formatted_for_people(app):
    show(app, "zh")
    values = metrics(app)
    assert values["CR5 前五大份额"].endswith("%")
    assert values["退出市场的余额"].endswith(("亿元", "万元"))


def test_the_level_switch_moves_the_page_to_partner_groups(app):
    show(app)
    platform_hhi = metrics(app)["HHI"]
    app.radio(key="url_level__en").set_value("group").run()
    assert not app.exception
    assert "Active partner groups" in metrics(app)
    assert "Partner-group shares of the balance" in [s.value for s in app.subheader]
    assert "What if a partner group exits?" in [h.value for h in app.header]
    # groups merge platforms under one controller: concentration can only rise
    assert int(metrics(app)["HHI"].replace(",", "")) >= int(platform_hhi.replace(",", ""))
    # the level is part of the view's URL, so a shared link reopens it
    assert app.query_params["level"] in ("group", ["group"])


def test_a_link_with_the_group_level_opens_the_group_view(app):
    app.query_params["level"] = "group"
    show(app)
    assert not app.exception
    assert "Active partner groups" in metrics(app)


def test_removing_another_platform_changes_the_what_if(app):
    show(app)
    leaving = {}
    for platform in ("P02", "P03"):
        app.selectbox(key="url_exit__en").set_value(platform).run()
        assert not app.exception
        leaving[platform] = metrics(app)["Balance leaving the market"]
    assert leaving["P02"] != leaving["P03"]


@pytest.mark.parametrize(
    "url",
    [
        {"bank_type": ["private"], "product": ["consumer"]},
        {"bank_type": ["city_commercial", "rural_commercial"], "area": ["rural"]},
        {"platform": ["P01"]},
        {"group": ["H02"], "period": ["2021-01", "2023-12"]},
        {"bank": ["B10"]},
    ],
    ids=["private-consumer", "regional-rural", "one-platform", "group-early-period", "one-bank"],
)
def test_filter_combinations_render_every_part(app, url):
    show(app, **url)
    assert len(app.metric) == 9
    assert len(app.get("plotly_chart")) >= CHARTS - 2  # exposure charts need co-funded loans


def test_a_platform_filter_says_it_only_highlights(app):
    show(app, platform=["P01"])
    assert any("highlighted" in c.value for c in app.caption)


@pytest.mark.parametrize(
    "url",
    [
        # the demo's foreign banks lend no urban business loans
        {"bank_type": ["foreign"], "product": ["business"], "area": ["urban"]},
        # B01 is a state-owned bank without a platform book
        {"bank": ["B01"]},
    ],
    ids=["foreign-urban-business", "bank-without-platforms"],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_empty_selection_shows_the_no_data_state(app, url, lang):
    show(app, lang, **url)
    assert [i.value for i in app.info] == [
        {"en": "No data for this selection", "zh": "所选范围内没有数据"}[lang]
    ]
    assert not app.get("plotly_chart")


def test_the_level_survives_a_language_switch(app):
    show(app)
    app.radio(key="url_level__en").set_value("group").run()
    app.radio(key="ui_lang").set_value("zh").run()
    assert not app.exception
    assert app.radio(key="url_level__zh").value == "group"
    assert any("集团" in label for label in metrics(app)), "the KPIs are about groups"


def url_values(app: AppTest, key: str) -> list[str]:
    value = app.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def exposure_banks(store: Path) -> list[str]:
    """Bank ids offered by the exposure chart's bank choice (largest ratio first)."""
    con = db.connect(Store(store).current(), read_only=True)
    try:
        months = metric_functions.METRICS["filter_months"](con)["month_end"]
        whole = FilterContext(start=months.min().date(), end=months.max().date())
        exposure = metric_functions.METRICS["single_group_exposure_by_bank"](con, whole)
        return list(exposure["bank_id"])
    finally:
        con.close()


def test_the_what_if_entity_and_exposure_bank_are_in_the_url_and_a_link_reopens_them(
    app, demo_store, monkeypatch
):
    show(app)
    second_bank = exposure_banks(demo_store)[1]
    app.selectbox(key="url_exit__en").set_value("P03")
    app.selectbox(key="url_exposure_bank__en").set_value(second_bank).run()
    assert not app.exception
    exit_id, bank_id = url_values(app, "exit"), url_values(app, "exposure_bank")
    assert (exit_id, bank_id) == (["P03"], [second_bank]), "ids, not labels, go in the URL"
    shown = metrics(app)["Balance leaving the market"]

    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    show(again, exit=exit_id, exposure_bank=bank_id)
    assert again.selectbox(key="url_exit__en").value == exit_id[0]
    assert again.selectbox(key="url_exposure_bank__en").value == bank_id[0]
    assert metrics(again)["Balance leaving the market"] == shown


def test_an_unknown_what_if_entity_in_the_link_is_dropped_with_a_notice(app):
    show(app, exit=["P-NOPE"])
    warnings = " ".join(w.value for w in app.warning)
    assert "P-NOPE" in warnings and "not an option" in warnings
    assert "exit" not in app.query_params


def test_a_thin_selection_puts_every_point_in_time_figure_at_its_last_month(app):
    # the demo's foreign banks' rural business loans end before the data does: KPIs, ranking,
    # exposure and what-if all take the selection's last month, and the page says which
    show(app, bank_type=["foreign"], product=["business"], area=["rural"])
    note = [c.value for c in app.caption if "latest month with data" in c.value]
    assert len(note) == 1
    month = note[0].split(" are at ")[1].split(",")[0]
    ranking = [s.value for s in app.subheader if s.value.startswith("Largest platforms in")]
    assert ranking == [f"Largest platforms in {month}"]
    assert "Balance leaving the market" in metrics(app), "the what-if has data at that month"
    assert any(month in c.value for c in app.caption if c.value.startswith("Assumption"))


def test_the_page_s_choices_stay_off_other_pages_urls_and_come_back_with_the_page(app):
    show(app)
    app.radio(key="url_level__en").set_value("group").run()
    app.switch_page("pages/data.py").run()
    assert "level" not in app.query_params
    app.switch_page(PAGE).run()
    assert url_values(app, "level") == ["group"]
    assert app.radio(key="url_level__en").value == "group"


def test_table_columns_show_the_decimals_their_builder_fixed(app):
    # dependence_table gives the share columns one decimal, so 100 shows as "100.0" next to
    # "87.8": Streamlit takes a column's fixed decimals from its step (0.1 → one decimal).
    show(app)
    share = t("concentration.column.top_group_share", "en")
    table = next(f for f in app.dataframe if share in f.value.columns)
    config = json.loads(table.proto.columns)[share]
    assert config["label"] == "Group %"  # the short header on screen
    assert config["type_config"]["step"] == 0.1
    assert config["type_config"]["format"] == "localized"

"""The Asset-quality page under Streamlit's AppTest on the small demo store (tests/conftest.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lendwatch import db
from lendwatch.filters import FilterContext
from lendwatch.metrics import asset_quality as aq
from lendwatch.store import Store

ROOT = Path(__file__).resolve().parent.parent
PAGE = "pages/asset_quality.py"
# The demo's foreign banks lend no urban business loans (checked in the test that uses it).
EMPTY = {"bank_type": ["foreign"], "product": ["business"], "area": ["urban"]}


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


def charts(app: AppTest) -> list:
    return app.get("plotly_chart")


@pytest.mark.parametrize(
    ("lang", "title", "first_kpi", "sections"),
    [
        ("en", "Asset quality", "Balance via platforms",
         ["Trends", "Vintages", "Roll rates", "Classification gap by bank"]),
        ("zh", "资产质量", "助贷业务贷款余额",
         ["趋势", "账龄分析", "迁徙率", "各银行风险分类偏离"]),
    ],
)  # fmt: skip
def test_the_page_shows_kpis_and_every_section(app, lang, title, first_kpi, sections):
    show(app, lang)
    assert app.title[0].value == title
    assert len(app.metric) == 6
    assert app.metric[0].label == first_kpi
    assert [h.value for h in app.header] == sections
    # ratio trend, vintage curves, cohort heatmap, roll matrix, roll trend (+ gap bars if any gap)
    assert len(charts(app)) >= 5
    assert len(app.dataframe) == 1  # the gap by bank


def test_kpis_are_formatted_with_changes_vs_the_month_before(app):
    show(app, "zh")
    values = {m.label: (m.value, m.delta) for m in app.metric}
    assert values["助贷业务贷款余额"][0].endswith(("亿元", "万元"))
    assert values["逾期90天以上贷款占比"][0].endswith("%")
    assert values["逾期90天以上贷款占比"][1].endswith("个百分点")
    assert "2026年5月" in " ".join(c.value for c in app.caption)


@pytest.mark.parametrize("dimension", aq.DIMENSIONS)
def test_each_breakdown_adds_one_chart_of_the_chosen_measure(app, dimension):
    show(app)
    before = len(charts(app))
    app.radio(key="url_breakdown__en").set_value(dimension).run()
    app.selectbox(key="url_measure__en").set_value("npl_gap").run()
    assert not app.exception, app.exception
    assert len(charts(app)) == before + 1
    assert any(s.value.startswith("Classification gap") for s in app.subheader)


@pytest.mark.parametrize(
    "url",
    [
        {"bank_type": ["private"], "product": ["consumer"]},
        {"bank_type": ["city_commercial", "rural_commercial"], "area": ["rural"]},
        {"platform": ["P01"]},
        {"period": ["2024-01", "2025-06"]},
    ],
    ids=["private-consumer", "regional-rural", "one-platform", "period"],
)
def test_filter_combinations_render_every_section(app, url):
    show(app, **url)
    assert len(app.metric) == 6
    assert len(charts(app)) >= 5


def test_vintage_and_roll_controls_recompute_their_charts(app):
    show(app)
    app.radio(key="url_cohort__en").set_value("year").run()
    app.radio(key="url_vintage_loans__en").set_value("guaranteed").run()
    app.radio(key="url_roll_window__en").set_value(12).run()
    app.radio(key="url_roll_loans__en").set_value("not_guaranteed").run()
    assert not app.exception, app.exception
    assert len(charts(app)) >= 5


def _selection_is_empty(store_path: Path) -> bool:
    con = db.connect(Store(store_path).current(), read_only=True)
    selection = FilterContext(
        start=date(2020, 1, 31),
        end=date(2026, 6, 30),
        bank_types=tuple(EMPTY["bank_type"]),
        products=tuple(EMPTY["product"]),
        areas=tuple(EMPTY["area"]),
    )
    try:
        return aq.asset_quality_trend(con, selection).empty
    finally:
        con.close()


@pytest.mark.parametrize(("lang", "message"), [("en", "No data"), ("zh", "没有数据")])
def test_an_empty_selection_shows_the_empty_state(app, demo_store, lang, message):
    assert _selection_is_empty(demo_store), "the demo changed: choose another empty selection"
    show(app, lang, **EMPTY)
    assert message in app.info[0].value
    assert not app.metric
    assert not charts(app)


def url_values(app: AppTest, key: str) -> list[str]:
    value = app.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


VIEW = {
    "breakdown": ("url_breakdown__en", "tier"),
    "measure": ("url_measure__en", "npl_gap"),
    "cohort": ("url_cohort__en", "year"),
    "vintage_loans": ("url_vintage_loans__en", "guaranteed"),
    "roll_window": ("url_roll_window__en", 12),
    "roll_loans": ("url_roll_loans__en", "not_guaranteed"),
}


def choose_view(app: AppTest) -> None:
    for key, (widget, value) in VIEW.items():
        (app.selectbox if key == "measure" else app.radio)(key=widget).set_value(value).run()
        assert not app.exception, app.exception


def test_every_view_choice_goes_to_the_url_as_an_id_and_a_reload_shows_the_same_view(app):
    show(app)
    choose_view(app)
    link = {key: url_values(app, key) for key in VIEW}
    assert link == {key: [str(value)] for key, (_, value) in VIEW.items()}
    subtitles = [s.value for s in app.subheader]

    reloaded = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    show(reloaded, **link)
    for key, (widget, value) in VIEW.items():
        shown = (reloaded.selectbox if key == "measure" else reloaded.radio)(key=widget)
        assert shown.value == value, key
    assert [s.value for s in reloaded.subheader] == subtitles
    assert not reloaded.warning


def test_a_default_choice_is_left_out_of_the_url(app):
    show(app)
    app.radio(key="url_breakdown__en").set_value("tier").run()
    app.radio(key="url_breakdown__en").set_value("none").run()
    assert "breakdown" not in app.query_params


def test_the_view_survives_a_language_switch_and_a_page_switch_without_leaking(app):
    show(app)
    app.radio(key="url_breakdown__en").set_value("tier").run()
    app.radio(key="ui_lang").set_value("zh").run()
    assert app.radio(key="url_breakdown__zh").value == "tier"
    assert url_values(app, "breakdown") == ["tier"]
    assert url_values(app, "lang") == ["zh"]
    app.switch_page("pages/concentration.py").run()
    assert "breakdown" not in app.query_params, "a page's choices stay in its own URL"
    app.switch_page(PAGE).run()
    assert url_values(app, "breakdown") == ["tier"]


@pytest.mark.parametrize(
    ("url", "value"),
    [({"breakdown": ["colour"]}, "colour"), ({"roll_window": ["7"]}, "7")],
)
def test_a_choice_that_is_not_an_option_is_dropped_with_a_notice(app, url, value):
    show(app, **url)
    warnings = [w.value for w in app.warning]
    assert len(warnings) == 1
    assert value in warnings[0] and "not an option" in warnings[0]
    assert not set(url) & set(app.query_params)
    assert len(charts(app)) >= 5, "the page shows its default view"


def test_a_thin_selection_states_the_month_of_its_kpis(app):
    show(app, bank_type=["foreign"], product=["business"], area=["rural"])
    note = [c.value for c in app.caption if "latest month with data" in c.value]
    assert len(note) == 1
    month = note[0].split(" are at ")[1].split(",")[0]
    balance = next(m for m in app.metric if m.label == "Balance via platforms")
    assert balance.value != "¥0", "KPIs are at the selection's last month with a balance"
    assert any(month in s.value for s in app.subheader if "NPL" in s.value)

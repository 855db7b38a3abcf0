"""The Overview page under Streamlit's AppTest on the small demo store (tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lendwatch import db
from lendwatch.filters import FilterContext
from lendwatch.metrics import overview
from lendwatch.store import Store

ROOT = Path(__file__).resolve().parent.parent
# The demo's foreign banks lend no urban business loans (checked in the test that uses it).
EMPTY = {"bank_type": ["foreign"], "product": ["business"], "area": ["urban"]}


@pytest.fixture
def app(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("LENDWATCH_STORE", str(demo_store))
    monkeypatch.delenv("LENDWATCH_LANGUAGE", raising=False)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def show(app: AppTest, lang: str = "en", **url: list[str]) -> AppTest:
    """Open the app at a URL: the Overview is the default page, so no page switch is needed."""
    app.query_params["lang"] = lang
    for key, values in url.items():
        app.query_params[key] = values
    app.run()
    assert not app.exception, app.exception
    return app


def charts(app: AppTest) -> list:
    return app.get("plotly_chart")


@contextmanager
def _store(store_path: Path) -> Iterator[db.Connection]:
    con = db.connect(Store(store_path).current(), read_only=True)
    try:
        yield con
    finally:
        con.close()


def _context(**selection: tuple[str, ...]) -> FilterContext:
    return FilterContext(start=date(2020, 1, 31), end=date(2026, 6, 30), **selection)


def _selection_is_empty(store_path: Path) -> bool:
    selection = {
        "bank_types": tuple(EMPTY["bank_type"]),
        "products": tuple(EMPTY["product"]),
        "areas": tuple(EMPTY["area"]),
    }
    with _store(store_path) as con:
        trend = overview.overview_trend(con, _context(**selection))
    return bool((trend.balance_cny == 0).all() and (trend.originated_cny == 0).all())


@pytest.mark.parametrize(
    ("lang", "title", "first_kpi", "panel"),
    [
        ("en", "Overview", "Balance", "Since the 2025-10-01 rules"),
        ("zh", "总览", "贷款余额", "2025年10月1日新规施行以来"),
    ],
)
def test_the_page_shows_kpis_the_rules_panel_and_two_charts(app, lang, title, first_kpi, panel):
    show(app, lang)
    assert app.title[0].value == title
    assert len(app.metric) == 9
    assert app.metric[0].label == first_kpi
    assert panel in [s.value for s in app.subheader]
    assert len(charts(app)) == 2
    assert len(app.dataframe) == 1  # the since-the-rules lines
    assert len(app.expander) == 2  # the rules checked and the checklist that data cannot show


@pytest.mark.parametrize(
    ("lang", "card", "in_help", "rules_box", "r09_line"),
    [
        (
            "en",
            "Open breaches",
            "Rules checked (in force from): R01 2022-01-01, ",
            "Rules checked and their effective dates",
            "**R09** Comprehensive APR ≤ 24 % · In force from 2025-10-01",
        ),
        (
            "zh",
            "当前违规事项",
            "核查的规则（生效日期）：R01 2022-01-01、",
            "核查的规则及生效日期",
            "**R09** 综合融资成本不超过24% · 自2025-10-01起适用",
        ),
    ],
)
def test_open_breaches_name_the_rules_and_their_effective_dates(
    app, lang, card, in_help, rules_box, r09_line
):
    show(app, lang)
    breaches = next(m for m in app.metric if m.label == card)
    assert in_help in breaches.help
    assert "R15 2023-07-01" in breaches.help
    # the other cards keep their definition alone
    assert "R01" not in app.metric[0].help
    assert rules_box in [e.label for e in app.expander]
    assert any(r09_line in m.value for m in app.markdown)


def test_the_kpi_values_are_formatted_for_people(app):
    show(app, "zh")
    values = {m.label: m.value for m in app.metric}
    assert values["贷款余额"].endswith(("亿元", "万元"))
    assert values["新发放超24%占比"].endswith("%")


@pytest.mark.parametrize(
    ("url", "selection"),
    [
        (
            {"bank_type": ["private"], "product": ["consumer"]},
            {"bank_types": ("private",), "products": ("consumer",)},
        ),
        (
            {"bank_type": ["city_commercial", "rural_commercial"], "area": ["rural"]},
            {"bank_types": ("city_commercial", "rural_commercial"), "areas": ("rural",)},
        ),
        ({"platform": ["P01"]}, {"platform_ids": ("P01",)}),
        (
            {"platform": ["P21"], "product": ["business"]},
            {"platform_ids": ("P21",), "products": ("business",)},
        ),
    ],
    ids=["private-consumer", "regional-rural", "one-platform", "tail-platform-business"],
)
def test_filter_combinations_show_the_kpis_of_their_selection(app, demo_store, url, selection):
    show(app, **url)
    assert len(charts(app)) == 2
    with _store(demo_store) as con:
        expected = overview.overview_kpis(con, _context(**selection), "en")
    assert [m.value for m in app.metric] == list(expected.value_text)


def test_a_period_ending_before_the_rules_explains_the_empty_rules_panel(app):
    show(app, period=["2023-01", "2025-06"])
    assert len(app.metric) == 9
    # the KPIs sit at the end of the period, not at the data's latest month
    assert any(c.value.startswith("KPIs at Jun 2025") for c in app.caption)
    assert "not yet in force" in " ".join(i.value for i in app.info)
    assert not app.dataframe


@pytest.mark.parametrize(("lang", "message"), [("en", "No data"), ("zh", "没有数据")])
def test_an_empty_selection_shows_the_empty_state(app, demo_store, lang, message):
    assert _selection_is_empty(demo_store), "the demo changed: choose another empty selection"
    show(app, lang, **EMPTY)
    assert message in app.info[0].value
    assert not app.metric
    assert not charts(app)

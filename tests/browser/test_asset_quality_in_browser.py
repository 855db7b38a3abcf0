"""The Asset-quality page in headless chromium: it loads, a filter and the breakdown go into the
URL, a reload shows the same view, the language switch keeps it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, settle
from tests.browser.test_app_in_browser import choose, location, metric_values, open_page

pytestmark = pytest.mark.browser


def subheaders(tab) -> list[str]:
    return tab.locator('[data-testid="stMain"] h3').all_inner_texts()


def test_the_page_loads_with_kpis_and_charts(app_url, page):
    open_page(page, f"{app_url}/asset_quality")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    assert len(metric_values(page)) == 6
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 5
    screenshot(page, "asset_quality_en")


def test_a_filter_and_the_breakdown_survive_a_reload_and_a_language_switch(app_url, page):
    open_page(page, f"{app_url}/asset_quality")
    choose(page, "Product", "Consumer loan")
    page.get_by_text("Platform tier", exact=True).click()
    settle(page)
    assert "product=consumer" in location(page)
    assert "breakdown=tier" in location(page)
    view = (metric_values(page), subheaders(page))
    assert any(title.endswith("by Platform tier") for title in view[1]), view[1]

    page.reload()
    settle(page)
    assert (metric_values(page), subheaders(page)) == view
    assert "breakdown=tier" in location(page)

    page.get_by_text("中文", exact=True).click()
    settle(page)
    assert "lang=zh" in location(page) and "breakdown=tier" in location(page)
    assert any("平台层级" in title for title in subheaders(page))
    screenshot(page, "asset_quality_zh")

"""The served app in headless chromium: pages load with charts, filters live in the URL,
a reloaded URL shows the same view, language switches, bad URL values get a notice."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser

# The default page (Overview) lives at "/", the others at their url_path.
ANALYTICAL_PAGES = {
    "overview": "",
    "concentration": "concentration",
    "asset_quality": "asset_quality",
}


def location(tab) -> str:
    """The address bar as the user sees it (Playwright's page.url misses history updates)."""
    return tab.evaluate("window.location.href")


def open_page(tab, url: str) -> None:
    tab.goto(url)
    settle(tab)
    assert tab.locator('[data-testid="stException"]').count() == 0, tab.locator(
        '[data-testid="stException"]'
    ).first.inner_text()


def choose(tab, label: str, option: str) -> None:
    """Pick `option` in the sidebar multiselect labelled `label`, as a user would."""
    box = tab.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=tab.get_by_text(label, exact=True)
    )
    box.locator("input").click()
    tab.locator('[role="option"]').filter(has_text=re.compile(f"^{option}$")).first.click()
    tab.keyboard.press("Escape")
    settle(tab)


def metric_values(tab) -> list[str]:
    return tab.locator('[data-testid="stMetricValue"]').all_inner_texts()


def test_a_fresh_servers_first_request_to_a_page_url_goes_through_the_router(app_url, page):
    open_page(page, f"{app_url}/data")
    screenshot(page, "first_request_data")
    assert page.locator("h1").first.inner_text().startswith("Data")
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Period").count() == 1


@pytest.mark.parametrize("name", ANALYTICAL_PAGES)
def test_each_analytical_page_draws_its_charts(app_url, page, name):
    open_page(page, f"{app_url}/{ANALYTICAL_PAGES[name]}")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= 2
    screenshot(page, f"{name}_en")


def test_a_filter_change_goes_to_the_url_and_a_reload_shows_the_same_view(app_url, page, browser):
    open_page(page, f"{app_url}/concentration")
    choose(page, "Bank type", "Private bank")
    assert "bank_type=private" in location(page)
    before = metric_values(page)
    shared = location(page)

    other = browser.new_context(viewport={"width": 1440, "height": 1100}).new_page()
    open_page(other, shared)
    chosen = other.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    assert "Private bank" in chosen.inner_text()
    assert metric_values(other) == before
    other.context.close()


def test_a_page_switch_keeps_the_filters_in_the_url(app_url, page):
    open_page(page, f"{app_url}/data?product=consumer&period=2024-01&period=2025-06")
    page.get_by_role("link", name="Asset quality", exact=True).click()
    page.wait_for_function("() => window.location.pathname.endsWith('/asset_quality')")
    settle(page)
    assert page.locator("h1").first.inner_text() == "Asset quality"
    assert "product=consumer" in location(page)
    assert "period=2024-01&period=2025-06" in location(page)


def test_switching_language_translates_the_page_and_keeps_the_filters(app_url, page):
    open_page(page, f"{app_url}/concentration?bank_type=city_commercial")
    page.get_by_text("中文", exact=True).click()
    settle(page)
    assert "lang=zh" in location(page)
    assert "bank_type=city_commercial" in location(page)
    assert page.get_by_role("link", name="集中度", exact=True).count() == 1
    screenshot(page, "concentration_zh")


def test_an_unknown_url_value_is_dropped_with_a_visible_notice(app_url, page):
    open_page(page, f"{app_url}/?bank=NOT-A-BANK&area=moon")
    alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
    assert "NOT-A-BANK" in alerts
    assert "moon" in alerts
    assert "NOT-A-BANK" not in location(page)

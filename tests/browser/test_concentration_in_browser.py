"""The Concentration page in headless chromium: a click on a platform's bar filters the page."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import settle
from tests.browser.test_app_in_browser import location, open_page

pytestmark = pytest.mark.browser


def click_bar(tab, chart: int, bar: int) -> None:
    # plotly's drag layer lies over the bars, so click where the bar is, as a user does
    box = tab.locator('[data-testid="stPlotlyChart"]').nth(chart).locator("g.point path").nth(bar)
    area = box.bounding_box()
    tab.mouse.click(area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
    tab.wait_for_function("() => /[?&](platform|group)=/.test(window.location.search)")
    settle(tab)


def test_clicking_a_platform_in_the_ranking_filters_the_page(app_url, page):
    open_page(page, f"{app_url}/concentration")
    # the ranking draws the largest last: the second-largest is the second-last bar
    bars = page.locator('[data-testid="stPlotlyChart"]').nth(1).locator("g.point path")
    click_bar(page, 1, bars.count() - 2)
    assert re.search(r"[?&]platform=P\d+", location(page))
    captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    assert any("highlighted" in caption for caption in captions)


def test_clicking_a_group_in_the_stacked_shares_sets_the_group_filter(app_url, page):
    open_page(page, f"{app_url}/concentration")
    page.get_by_text("Partner group", exact=True).click()
    settle(page)
    click_bar(page, 0, 0)
    assert re.search(r"[?&]group=", location(page))

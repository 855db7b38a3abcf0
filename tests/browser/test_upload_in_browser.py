"""Uploading a dataset on the Data page, in a real browser, against a store of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lendwatch.ingest import ingest
from lendwatch.store import Store
from tests.browser.conftest import screenshot, serve, settle
from tests.support import SAMPLE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def upload_url(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("upload") / "store.duckdb")
    ingest(SAMPLE / "dataset", store)
    with serve(store.path, "streamlit-upload.log") as url:
        yield url, store


def upload(tab, files: list[Path]) -> None:
    tab.get_by_role("tab", name="Upload").click()
    tab.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(
        [str(f) for f in files]
    )
    tab.wait_for_timeout(1000)
    tab.get_by_role("button", name="Validate and load").click()
    settle(tab)


def test_a_valid_upload_is_loaded_and_listed_in_the_history(upload_url, page):
    url, store = upload_url
    before = store.current()
    page.goto(f"{url}/data")
    settle(page)
    upload(page, sorted((SAMPLE / "dataset").glob("*.csv")))
    page.get_by_text("Loaded 1,178 rows.").wait_for()
    assert store.current() != before
    page.get_by_role("tab", name="Load history").click()
    assert page.get_by_text("Upload (browser)").count() >= 1
    screenshot(page, "data_upload_done")


def test_an_invalid_upload_is_rejected_with_the_row_and_the_store_unchanged(
    upload_url, page, tmp_path
):
    url, store = upload_url
    folder = tmp_path / "bad"
    shutil.copytree(SAMPLE / "dataset", folder)
    loans = (
        (folder / "loans.csv")
        .read_text(encoding="utf-8")
        .replace(",9000,27000,", ",-9000,27000,", 1)
    )
    (folder / "loans.csv").write_text(loans, encoding="utf-8")
    before = store.current()
    page.goto(f"{url}/data")
    settle(page)
    upload(page, sorted(folder.glob("*.csv")))
    page.get_by_text("Nothing was changed").wait_for()
    report = " ".join(page.locator("code").all_inner_texts())
    assert "loans.csv row 1, column principal_cny: must be > 0 (got -9000)" in report
    assert store.current() == before
    screenshot(page, "data_upload_rejected")

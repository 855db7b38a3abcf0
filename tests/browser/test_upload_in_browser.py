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


def upload(tab, files: list[Path], tab_name: str = "Upload", button: str = "Validate and load"):
    tab.get_by_role("tab", name=tab_name).click()
    tab.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(
        [str(f) for f in files]
    )
    tab.wait_for_timeout(1000)
    tab.get_by_role("button", name=button).click()
    settle(tab)


def with_negative_principal(folder: Path) -> Path:
    """The sample dataset copied into `folder`, its first loan's principal made -9000."""
    shutil.copytree(SAMPLE / "dataset", folder)
    loans = (
        (folder / "loans.csv")
        .read_text(encoding="utf-8")
        .replace(",9000,27000,", ",-9000,27000,", 1)
    )
    (folder / "loans.csv").write_text(loans, encoding="utf-8")
    return folder


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
    folder = with_negative_principal(tmp_path / "bad")
    before = store.current()
    page.goto(f"{url}/data")
    settle(page)
    upload(page, sorted(folder.glob("*.csv")))
    page.get_by_text("Nothing was changed").wait_for()
    report = " ".join(page.locator("code").all_inner_texts())
    assert "loans.csv row 1, column principal_cny: must be > 0 (got -9000)" in report
    assert store.current() == before
    screenshot(page, "data_upload_rejected")


def test_an_invalid_upload_in_chinese_says_why_in_chinese(upload_url, page, tmp_path):
    url, store = upload_url
    folder = with_negative_principal(tmp_path / "bad")
    before = store.current()
    page.goto(f"{url}/data?lang=zh")
    settle(page)
    upload(page, sorted(folder.glob("*.csv")), tab_name="上传数据", button="校验并导入")
    page.get_by_text("数据库未作任何更改").wait_for()
    report = " ".join(page.locator("code").all_inner_texts())
    assert "错误：loans.csv 第1行，principal_cny 列：必须大于 0（实际为 -9000）" in report
    assert "未通过校验：1个错误，0个警告" in report
    assert store.current() == before
    screenshot(page, "data_upload_rejected_zh")

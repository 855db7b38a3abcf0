"""Chart and table downloads: stamped export figures, rendered files, CSV and XLSX."""

from __future__ import annotations

import os
import struct
import threading
from datetime import date, datetime
from io import BytesIO

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from lendwatch import export, labels

BROWSER = export.browser_path()
HAS_BROWSER = BROWSER is not None and os.path.isfile(BROWSER)
# Without a browser the rendering tests skip on a workstation, but under CI they must run.
needs_browser = pytest.mark.skipif(
    not HAS_BROWSER and "CI" not in os.environ,
    reason="chart export needs Chromium (/usr/bin/chromium or BROWSER_PATH); "
    "install it (apt-get install chromium) to run these tests",
)
STAMP = {
    "source_note": "LendWatch store",
    "as_of": date(2026, 3, 31),
    "filters_text": "Bank type: City commercial bank",
}


@pytest.fixture(autouse=True)
def strict_labels():
    before = labels.is_strict()
    labels.set_strict(True)
    yield
    labels.set_strict(before)


@pytest.fixture(scope="module", autouse=True)
def close_browser_after_module():
    yield
    export.close_browser()


def chart() -> go.Figure:
    return go.Figure(go.Scatter(x=["2026-01-31", "2026-02-28", "2026-03-31"], y=[1, 3, 2]))


def footer(fig: go.Figure) -> str:
    (note,) = [a for a in fig.layout.annotations if a.name == "export footer"]
    return note.text


def test_export_figure_stamps_title_subtitle_and_footer_on_a_sized_copy():
    original = chart()
    out = export.export_figure(
        original, title="HHI by month", subtitle="Platforms", lang="en", **STAMP
    )
    assert (out.layout.title.text, out.layout.title.subtitle.text) == ("HHI by month", "Platforms")
    assert (out.layout.width, out.layout.height) == (1200, 675)
    assert footer(out) == (
        "Source: LendWatch store  ·  Data as of Mar 2026  ·  "
        "Filters: Bank type: City commercial bank"
    )
    assert original.layout.annotations == () and original.layout.title.text is None


def test_export_footer_speaks_chinese_and_says_when_there_are_no_filters():
    out = export.export_figure(
        chart(),
        title="集中度",
        subtitle=None,
        source_note="LendWatch 数据库",
        as_of=date(2026, 3, 31),
        filters_text="",
        lang="zh",
    )
    assert (
        footer(out) == "来源：LendWatch 数据库  ·  数据截至2026年3月  ·  筛选条件：无（全部数据）"
    )


def test_an_as_of_given_as_text_is_used_as_it_is_and_a_missing_one_is_left_out():
    as_text = export.footer_text("S", "2026年3月", None, "zh")
    assert as_text[1] == "数据截至2026年3月"
    assert export.footer_text("S", None, "x", "en") == ["Source: S", "Filters: x"]


def test_long_filters_wrap_onto_more_footer_lines_and_the_bottom_margin_grows():
    short = export.export_figure(chart(), title="T", subtitle=None, lang="en", **STAMP)
    many = ", ".join(f"Platform A{i:02d}" for i in range(40))
    long = export.export_figure(
        chart(), title="T", subtitle=None, lang="en", **{**STAMP, "filters_text": many}
    )
    assert footer(short).count("<br>") == 0
    assert footer(long).count("<br>") >= 2
    lines = footer(long).split("<br>")
    assert all(line for line in lines) and "Platform A39" in lines[-1]
    assert long.layout.margin.b > short.layout.margin.b


def test_an_unknown_image_format_is_refused_before_any_rendering():
    with pytest.raises(ValueError, match="'gif'"):
        export.figure_bytes(chart(), "gif", title="T", subtitle=None, lang="en", **STAMP)  # type: ignore[arg-type]


def test_browser_path_prefers_the_browser_path_variable(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/opt/chrome/chrome")
    assert export.browser_path() == "/opt/chrome/chrome"


def test_a_missing_browser_is_reported_with_what_to_do(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(export.ExportError, match="apt-get install chromium"):
        export._Renderer().render(chart().to_dict(), {"format": "png"})


@needs_browser
def test_png_export_is_a_png_of_width_and_height_times_scale():
    png = export.figure_bytes(chart(), "png", title="T", subtitle="S", lang="en", **STAMP)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # IHDR
    assert (width, height) == (1200 * 2, 675 * 2)
    assert len(png) > 20_000  # text, axes and a line: far from a blank image


@needs_browser
def test_svg_export_carries_the_title_footer_and_chinese_text():
    svg = export.figure_bytes(
        chart(),
        "svg",
        title="向头部平台集中情况",
        subtitle="赫芬达尔指数",
        source_note="LendWatch 数据库",
        as_of=date(2026, 3, 31),
        filters_text="银行类型：城市商业银行",
        lang="zh",
    ).decode("utf-8")
    assert svg.startswith("<svg")
    for text in ("向头部平台集中情况", "赫芬达尔指数", "数据截至2026年3月", "城市商业银行"):
        assert text in svg
    assert "Noto Sans CJK SC" in svg


@needs_browser
def test_pdf_export_is_a_pdf():
    pdf = export.figure_bytes(chart(), "pdf", title="T", subtitle=None, lang="en", **STAMP)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


@needs_browser
def test_rendering_leaves_the_figure_passed_in_untouched():
    fig = chart()
    before = fig.to_dict()
    export.figure_bytes(fig, "svg", title="T", subtitle="S", lang="en", **STAMP)
    assert fig.to_dict() == before


@needs_browser
def test_exports_from_two_threads_at_once_each_get_their_own_chart():
    results: dict[str, str] = {}

    def render(title: str) -> None:
        svg = export.figure_bytes(chart(), "svg", title=title, subtitle=None, lang="en", **STAMP)
        results[title] = svg.decode("utf-8")

    threads = [threading.Thread(target=render, args=(f"Chart {n}",)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(results) == ["Chart 0", "Chart 1", "Chart 2"]
    assert all(title in svg for title, svg in results.items())


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "bank_id": ["B01", "B02", "B03"],
            "name_zh": ["城市银行十二", "农商银行三", None],
            "balance_cny": [1234.5, 0.1 + 0.2, float("nan")],
            "loan_count": [3, 0, 12],
            "month_end": pd.to_datetime(["2026-01-31", "2026-02-28", "2026-03-31"]),
            "note": ['=HYPERLINK("x")', "ok", "-5"],
        }
    )


def test_csv_starts_with_a_byte_order_mark_so_excel_reads_chinese():
    data = export.table_csv_bytes(table())
    assert data.startswith(b"\xef\xbb\xbf")
    assert "城市银行十二".encode() in data
    assert b"\r\n" in data


def test_csv_round_trips_the_table():
    frame = table()
    back = pd.read_csv(BytesIO(export.table_csv_bytes(frame)), encoding="utf-8-sig")
    back["month_end"] = pd.to_datetime(back["month_end"])
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)


def test_xlsx_holds_title_meta_and_the_table_with_typed_cells():
    meta = {"Data as of": "Mar 2026", "Filters": "Bank type: Private bank", "Run": date(2026, 4, 2)}
    book = openpyxl.load_workbook(BytesIO(export.table_xlsx_bytes(table(), "Balances: 2026", meta)))
    sheet = book.active
    assert sheet.title == "Balances  2026"  # ":" is not allowed in a sheet name
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Balances: 2026"
    assert rows[1][:2] == ("Data as of", "Mar 2026")
    assert rows[2][:2] == ("Filters", "Bank type: Private bank")
    assert rows[3][:2] == ("Run", datetime(2026, 4, 2))
    assert rows[5] == ("bank_id", "name_zh", "balance_cny", "loan_count", "month_end", "note")
    assert rows[6] == ("B01", "城市银行十二", 1234.5, 3, datetime(2026, 1, 31), '=HYPERLINK("x")')
    assert rows[8][1:3] == (None, None)  # missing name and NaN balance stay empty
    assert sheet.freeze_panes == "A7"
    assert sheet.auto_filter.ref == "A6:F9"


def test_xlsx_keeps_formula_like_text_as_text():
    book = openpyxl.load_workbook(BytesIO(export.table_xlsx_bytes(table(), "T", {})))
    cell = book.active.cell(row=4, column=6)  # title, blank, header, first row
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")


def test_xlsx_of_an_empty_table_still_has_title_and_header():
    frame = pd.DataFrame({"bank_id": pd.Series([], dtype=str)})
    book = openpyxl.load_workbook(BytesIO(export.table_xlsx_bytes(frame, "Empty", {})))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Empty" and rows[-1] == ("bank_id",)


@pytest.mark.parametrize(
    ("title", "ext", "as_of", "name"),
    [
        ("HHI by month", "png", date(2026, 3, 31), "lendwatch_hhi_by_month_2026-03.png"),
        ("赫芬达尔指数（HHI）", "svg", None, "lendwatch_赫芬达尔指数_hhi.svg"),
        ("R02: 25 % / tier-1", "csv", None, "lendwatch_r02_25_tier_1.csv"),
        ("!!!", "pdf", None, "lendwatch_export.pdf"),
    ],
)
def test_file_names_are_safe_slugs_of_the_title(title, ext, as_of, name):
    assert export.file_name(title, ext, as_of) == name

"""Asset-quality charts: KPI texts, ratio trends, breakdown lines and the NPL gap by bank."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lendwatch import labels
from lendwatch.charts import asset_quality as charts
from lendwatch.charts import theme


@pytest.fixture(autouse=True)
def strict_labels():
    before = labels.is_strict()
    labels.set_strict(True)
    yield
    labels.set_strict(before)


MONTHS = pd.to_datetime(["2023-05-31", "2023-06-30", "2023-07-31", "2023-08-31"])


def trend() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month_end": MONTHS,
            "balance_cny": [100.0] * 4,
            "dpd30_ratio": [0.04, 0.05, 0.06, 0.05],
            "dpd90_ratio": [0.02, 0.03, 0.03, 0.02],
            "npl_reported_ratio": [0.01, 0.02, 0.02, 0.02],
            "npl_dpd_ratio": [0.02, 0.03, 0.03, 0.025],
            "npl_gap": [0.01, 0.01, 0.01, 0.005],
        }
    )


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["DPD30+ ratio", "DPD90+ ratio", "NPL ratio (reported)", "NPL ratio (DPD-implied)"]),
        ("zh", ["逾期30天以上贷款占比", "逾期90天以上贷款占比", "不良贷款率（报送口径）",
                "不良贷款率（逾期推算口径）"]),
    ],
)  # fmt: skip
def test_ratio_trend_draws_four_named_ratio_lines(lang, names):
    fig = charts.ratio_trend(trend(), lang, date(2023, 5, 31), date(2023, 8, 31))
    assert [trace.name for trace in fig.data] == names
    assert list(fig.data[1].y) == [0.02, 0.03, 0.03, 0.02]
    assert fig.layout.yaxis.tickformat == ".1%"
    assert fig.layout.template.layout.font.family == theme.FONT_FAMILY


def test_ratio_trend_marks_the_classification_rules_on_its_time_axis():
    fig = charts.ratio_trend(trend(), "en", date(2023, 5, 31), date(2023, 8, 31))
    lines = {shape.x0 for shape in fig.layout.shapes}
    assert lines == {"2023-06-30", "2023-07-01"}  # the two events inside May – Aug 2023
    assert any("5-category rules" in (a.text or "") for a in fig.layout.annotations)


def test_ratio_trend_hover_shows_formatted_percentages():
    fig = charts.ratio_trend(trend(), "zh")
    assert list(fig.data[0].text) == ["4.00%", "5.00%", "6.00%", "5.00%"]


def breakdown(dimension_keys: list, names: list | None = None) -> pd.DataFrame:
    rows = []
    for rank, key in enumerate(dimension_keys, start=1):
        name = names[rank - 1] if names else None
        for month in MONTHS[:2]:
            rows.append(
                {
                    "month_end": month,
                    "group_key": key,
                    "group_rank": rank,
                    "is_other": key is None,
                    "name": name,
                    "name_zh": f"{name}（中）" if name else None,
                    "balance_cny": 10.0,
                    "npl_dpd_ratio": 0.01 * rank,
                }
            )
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("dimension", "keys", "names", "lang", "expected"),
    [
        ("bank", ["B2", "B1", None], ["Bank Two", "Bank One", None], "en",
         ["Bank Two", "Bank One", "Other"]),
        ("bank", ["B2", "B1", None], ["Bank Two", "Bank One", None], "zh",
         ["Bank Two（中）", "Bank One（中）", "其他"]),
        ("bank_type", ["private", "city_commercial"], None, "en",
         ["Private bank", "City commercial bank"]),
        ("tier", ["leading", "tail"], None, "zh", ["头部平台（≥5%）", "尾部平台（<1%）"]),
        ("guaranteed", ["not_guaranteed", "guaranteed"], None, "en",
         ["Not guaranteed", "Guaranteed"]),
    ],
)  # fmt: skip
def test_breakdown_lines_carry_names_not_ids(dimension, keys, names, lang, expected):
    fig = charts.breakdown_trend(breakdown(keys, names), lang, dimension, "npl_dpd_ratio")
    assert [trace.name for trace in fig.data] == expected
    assert list(fig.data[1].y) == [0.02, 0.02]


def test_breakdown_draws_other_in_grey_dots_after_the_named_groups():
    fig = charts.breakdown_trend(
        breakdown(["P1", None], ["Platform One", None]), "en", "platform", "npl_dpd_ratio"
    )
    assert fig.data[-1].line.color == theme.OTHER_COLOR and fig.data[-1].line.dash == "dot"
    assert fig.data[0].line.color == theme.COLORWAY[0]


def kpis(rows: int) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "month_end": MONTHS[2:4],
            "is_as_of": [False, True],
            "balance_cny": [2.0e9, 2.5e9],
            "dpd30_ratio": [0.030, 0.0345],
            "dpd90_ratio": [0.01, 0.01],
            "npl_reported_ratio": [0.01, 0.012],
            "npl_dpd_ratio": [0.012, 0.015],
            "npl_gap": [0.002, 0.003],
        }
    )
    return frame.tail(rows)


def test_kpi_texts_give_values_and_changes_vs_the_month_before():
    cards = charts.kpi_texts(kpis(2), "en")
    assert cards[0] == ("Balance via platforms", "¥2.50 bn", "+¥500.0 m")
    assert cards[1] == ("DPD30+ ratio", "3.45 %", "+0.45 pp")
    assert cards[5] == ("Classification gap (DPD-implied − reported)", "+0.30 pp", "+0.10 pp")


def test_kpi_texts_without_an_earlier_month_have_no_change():
    cards = charts.kpi_texts(kpis(1), "zh")
    assert cards[0] == ("助贷业务贷款余额", "25.00 亿元", None)
    assert all(change is None for _, _, change in cards)


def test_kpi_texts_show_no_change_from_a_month_without_balance():
    frame = kpis(2)
    frame.loc[frame.index[0], ["balance_cny", "dpd30_ratio"]] = [0.0, float("nan")]
    cards = charts.kpi_texts(frame, "en")
    assert cards[0][2] == "+¥2.50 bn"
    assert cards[1] == ("DPD30+ ratio", "3.45 %", None)


def gaps() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "bank_id": ["B2", "B1", "B3"],
            "name": ["Bank Two", "Bank One", "Bank Three"],
            "name_zh": ["二号银行", "一号银行", "三号银行"],
            "bank_type": ["city_commercial", "joint_stock", "private"],
            "balance_cny": [2.0e8, 1.0e8, 5.0e7],
            "npl_reported_ratio": [0.010, 0.020, 0.030],
            "npl_dpd_ratio": [0.030, 0.023, 0.030],
            "npl_gap": [0.020, 0.003, 0.0],
            "is_flagged": [True, False, False],
        }
    )


def test_gap_bars_show_banks_with_a_gap_and_flag_them_in_vermillion():
    fig = charts.npl_gap_bars(gaps(), "zh", 0.005)
    bars = fig.data[0]
    assert list(bars.y) == ["二号银行", "一号银行"]  # Bank Three has no gap
    assert list(bars.x) == pytest.approx([2.0, 0.3])  # percentage points
    assert list(bars.marker.color) == [theme.VERMILLION, theme.BLUE]
    assert [s.x0 for s in fig.layout.shapes] == [0.5]
    assert fig.layout.annotations[0].text == "提示阈值0.5 个百分点"


def test_gap_table_has_translated_headers_and_numbers_in_display_units():
    table = charts.npl_gap_table(gaps(), "en", 0.005)
    assert list(table.columns) == [
        "Bank", "Bank type", "Balance (¥ m)", "NPL reported (%)", "NPL DPD-implied (%)",
        "Gap (pp)", "Flag (gap > 0.5 pp)",
    ]  # fmt: skip
    first = table.iloc[0].tolist()
    assert first == ["Bank Two", "City commercial bank", 200.0, 1.0, 3.0, 2.0, True]


def test_gap_table_in_chinese_reads_balance_in_yi_yuan():
    table = charts.npl_gap_table(gaps(), "zh", 0.005)
    assert table.columns[2] == "贷款余额（亿元）"
    assert table.iloc[:, 2].tolist() == [2.0, 1.0, 0.5]


def small_book() -> pd.DataFrame:
    """Two bank types over two month ends; the foreign book is tiny in January."""
    return pd.DataFrame(
        {
            "month_end": pd.to_datetime(["2024-01-31"] * 2 + ["2024-02-29"] * 2),
            "group_key": ["joint_stock", "foreign"] * 2,
            "group_rank": [1, 2] * 2,
            "is_other": [False] * 4,
            "name": [None] * 4,
            "name_zh": [None] * 4,
            # Jan: 400 of 100 000 = 0.4 % < 0.5 %; Feb: 500 of 100 000 = 0.5 %, kept
            "balance_cny": [99_600.0, 400.0, 99_500.0, 500.0],
            "npl_reported_ratio": [0.01, 1.0, 0.02, 0.5],
        }
    )


def test_a_group_under_half_a_percent_of_the_balance_is_not_drawn_that_month():
    fig = charts.breakdown_trend(small_book(), "en", "bank_type", "npl_reported_ratio")
    joint_stock, foreign = fig.data
    assert list(joint_stock.y) == [0.01, 0.02]
    assert foreign.y[0] != foreign.y[0] and foreign.y[1] == 0.5  # NaN: a gap in the line
    assert foreign.connectgaps is False
    note = next(a.text for a in fig.layout.annotations if a.name == "note small groups")
    assert note.startswith(
        "A group's ratio is not drawn at month ends where its balance is below 0.5 %"
    )


def test_dropping_small_groups_leaves_the_frame_passed_in_alone():
    frame = small_book()
    charts.drop_small_groups(frame, "npl_reported_ratio")
    assert frame["npl_reported_ratio"].tolist() == [0.01, 1.0, 0.02, 0.5]

"""Concentration page views: KPI card texts, what-if choices and cards, tables."""

from __future__ import annotations

import pandas as pd
import pytest

from lendwatch.charts import concentration_views as views
from tests.test_charts_concentration import shares_frame, trend_frame
from tests.test_charts_dependence import dependence_frame, exposure_frame


def test_kpi_cards_show_the_last_month_with_changes_since_the_one_before():
    cards = views.kpi_cards(trend_frame(), exposure_frame(), "platform", "en")
    assert [c["label"] for c in cards] == [
        "HHI",
        "Top-1 share (CR1)",
        "Top-5 share (CR5)",
        "Active platforms",
        "Banks over the R02 limit",
    ]
    # HHI 1 700 → 1 720: +20; CR1 0.30 → 0.31: +1.0 pp; CR5 0.83 → 0.84; one breach
    assert [(c["value"], c["delta"]) for c in cards] == [
        ("1,720", "+20"),
        ("31.0 %", "+1.0 pp"),
        ("84.0 %", "+1.0 pp"),
        ("9", "0"),
        ("1", None),
    ]
    assert "Changes are since Jun 2023." in cards[0]["help"]
    assert [c["delta_color"] for c in cards] == ["inverse", "inverse", "inverse", "off", "off"]


def test_a_change_that_rounds_to_nothing_is_not_coloured():
    flat = trend_frame().assign(hhi=1_700.2, cr5=0.83)
    cards = views.kpi_cards(flat, exposure_frame(), "platform", "en")
    assert [(c["delta"], c["delta_color"]) for c in cards[::2][:2]] == [
        ("0", "off"),
        ("0.0 pp", "off"),
    ]


def test_kpi_cards_of_a_single_month_have_no_changes():
    cards = views.kpi_cards(trend_frame().iloc[:1], exposure_frame().iloc[0:0], "group", "zh")
    assert [c["delta"] for c in cards] == [None] * 5
    assert cards[3]["label"] == "活跃合作方集团数"
    assert cards[4]["value"] == "0"


def test_what_if_choices_list_the_last_month_largest_first():
    choices = views.what_if_choices(shares_frame(), "zh")
    assert list(choices)[:3] == ["P1", "P2", "P3"]
    assert choices["P1"] == "平台1"


def scenarios(after_active: int = 8) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "scenario": ["current", "without"],
            "n_active": [9, after_active],
            "balance_cny": [1e9, 7e8 if after_active else 0.0],
            "hhi": [1_700.0, 1_550.0 if after_active else float("nan")],
            "cr5": [0.83, 0.79 if after_active else float("nan")],
        }
    )


def test_what_if_cards_compare_with_now():
    cards = views.what_if_cards(scenarios(), "en")
    assert [(c["value"], c["delta"]) for c in cards] == [
        ("1,550", "-150 (now 1,700)"),
        ("79.0 %", "-4.0 pp (now 83.0 %)"),
        ("8", "-1 (now 9)"),
        ("¥300.0 m", None),
    ]
    assert cards[3]["help"] == "Out of ¥1.00 bn in this selection now"


def test_what_if_cards_when_nothing_is_left():
    cards = views.what_if_cards(scenarios(after_active=0), "zh")
    assert [(c["value"], c["delta"]) for c in cards[:2]] == [("—", None), ("—", None)]
    assert cards[3]["value"] == "10.00 亿元"


def test_dependence_table_uses_people_s_names_percent_and_one_money_unit():
    table = views.dependence_table(dependence_frame(), "en")
    assert list(table.columns) == [
        "Bank",
        "Bank type",
        "Top partner group",
        "Top group share (%)",
        "Top platform",
        "Top platform share (%)",
        "Partner groups",
        "Platforms",
        "Platform book (¥ m)",
    ]
    assert table.iloc[0].tolist() == [
        "Bank One", "Joint-stock bank", "Holding One", 80.0, "Platform A", 60.0, 2, 3, 500.0,
    ]  # fmt: skip


def test_exposure_table_sorts_by_ratio_and_names_the_status():
    table = views.exposure_table(exposure_frame(), "zh")
    assert list(table["银行"]) == ["一号银行", "三号银行", "二号银行"]
    assert list(table["状态"]) == ["违规", "合规", "合规"]
    # one unit for both money columns: the larger (1 亿) picks 亿元 → 0.3 and 1.0
    assert list(table["联合贷款本行出资余额（亿元）"]) == pytest.approx([0.3, 0.25, 0.1])
    assert list(table["一级资本净额（亿元）"]) == pytest.approx([1.0, 1.0, 1.0])
    assert list(table["距限额（个百分点）"]) == pytest.approx([-5.0, 0.0, 15.0])


def test_exposure_table_before_the_rule_says_not_yet_in_force():
    frame = exposure_frame().assign(is_in_force=False, is_breach=False)
    assert set(views.exposure_table(frame, "en")["Status"]) == {"Not yet in force"}


def test_what_if_table_names_the_removed_entity_in_its_money_column():
    losses = pd.DataFrame(
        {
            "bank_id": ["B1", "B2"],
            "bank_name": ["Bank One", "Bank Two"],
            "bank_name_zh": ["一号银行", "二号银行"],
            "bank_type": ["joint_stock", "private"],
            "balance_cny": [5e8, 5e8],
            "entity_balance_cny": [1e8, 4e8],
            "entity_share": [0.2, 0.8],
        }
    )
    table = views.what_if_table(losses, "Platform C", "en")
    assert list(table.columns) == [
        "Bank",
        "Bank type",
        "Balance with Platform C (¥ m)",
        "Platform book (¥ m)",
        "Share of the bank's book (%)",
    ]
    assert table.iloc[0].tolist() == ["Bank Two", "Private bank", 400.0, 500.0, 80.0]

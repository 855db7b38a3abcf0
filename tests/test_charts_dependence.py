"""Bank-side charts: dependence on the top group, single-group exposure against the R02 limit."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lendwatch.charts import dependence, theme


def dependence_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "bank_id": ["B1", "B2"],
            "bank_name": ["Bank One", "Bank Two"],
            "bank_name_zh": ["一号银行", "二号银行"],
            "bank_type": ["joint_stock", "private"],
            "balance_cny": [5e8, 2e8],
            "top_group_id": ["H1", "PC"],
            "top_group_name": ["Holding One", "Platform C"],
            "top_group_name_zh": ["一号控股", "平台丙"],
            "top_group_balance_cny": [4e8, 1e8],
            "top_group_share": [0.8, 0.5],
            "top_platform_id": ["PA", "PC"],
            "top_platform_name": ["Platform A", "Platform C"],
            "top_platform_name_zh": ["平台甲", "平台丙"],
            "top_platform_balance_cny": [3e8, 1e8],
            "top_platform_share": [0.6, 0.5],
            "n_groups": [2, 3],
            "n_platforms": [3, 3],
        }
    )


def exposure_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "bank_id": ["B1", "B2", "B3"],
            "bank_name": ["Bank One", "Bank Two", "Bank Three"],
            "bank_name_zh": ["一号银行", "二号银行", "三号银行"],
            "bank_type": ["joint_stock", "private", "city_commercial"],
            "month_end": pd.to_datetime(["2024-03-31", "2024-03-31", "2024-03-31"]),
            "top_group_id": ["H1", "PC", "H1"],
            "top_group_name": ["Holding One", "Platform C", "Holding One"],
            "top_group_name_zh": ["一号控股", "平台丙", "一号控股"],
            "n_groups": [1, 2, 1],
            "cofunded_bank_funded_balance_cny": [3e7, 1e7, 2.5e7],
            "tier1_net_capital_cny": [1e8, 1e8, 1e8],
            "exposure_ratio": [0.3, 0.1, 0.25],
            "limit_value": [0.25, 0.25, 0.25],
            "headroom": [-0.05, 0.15, 0.0],
            "is_in_force": [True, True, True],
            "is_breach": [True, False, False],
        }
    )


def test_dependence_bars_sort_banks_with_the_most_dependent_on_top():
    fig = dependence.dependence_bars(dependence_frame(), "en")
    bars, markers = fig.data
    assert list(bars.y) == ["Bank Two", "Bank One"]
    assert list(bars.x) == [0.5, 0.8]
    assert list(markers.x) == [0.5, 0.6]
    assert (bars.name, markers.name) == ("Top partner group", "Top platform")
    # hover: bank type, group name, share, the money with the group and the bank's book
    assert list(bars.customdata[1]) == ["Joint-stock bank", "Holding One", "80.0 %", "¥400.0 m",
                                        "¥500.0 m"]  # fmt: skip


def test_dependence_bars_in_chinese():
    fig = dependence.dependence_bars(dependence_frame(), "zh")
    assert list(fig.data[0].y) == ["二号银行", "一号银行"]
    assert list(fig.data[0].customdata[1][:3]) == ["股份制商业银行", "一号控股", "80.0%"]
    assert fig.data[1].name == "第一大平台"


def test_exposure_bars_mark_breaches_and_draw_the_limit():
    fig = dependence.exposure_bars(exposure_frame(), "en", 0.25)
    [bars] = fig.data
    # smallest at the bottom: Bank Two 0.10, Bank Three 0.25 (at the limit), Bank One 0.30
    assert list(bars.y) == ["Bank Two", "Bank Three", "Bank One"]
    assert list(bars.marker.color) == [theme.BLUE, theme.BLUE, theme.LIMIT_COLOR]
    [limit] = [s for s in fig.layout.shapes if s.name.startswith("limit")]
    assert (limit.x0, limit.x1) == (0.25, 0.25)
    assert [a.text for a in fig.layout.annotations] == ["25 % of tier-1 net capital"]
    # axis reaches 15 % beyond the larger of the data and the limit: 0.30 × 1.15
    assert fig.layout.xaxis.range == pytest.approx((0, 0.345))
    assert list(bars.customdata[2]) == ["Holding One", "30.0 %", "¥30.0 m", "¥100.0 m", "-5.0 pp"]


def test_exposure_over_time_has_the_limit_in_the_legend_and_the_timeline():
    history = exposure_frame().assign(
        month_end=pd.to_datetime(["2023-05-31", "2023-06-30", "2023-07-31"])
    )
    fig = dependence.exposure_over_time(history, "zh", 0.25, date(2023, 1, 31), date(2023, 8, 31))
    assert [trace.name for trace in fig.data] == ["敞口/一级资本净额", "一级资本净额的25%"]
    timeline = {s.name for s in fig.layout.shapes if s.name.startswith("timeline")}
    assert timeline == {"timeline 2023-06-30", "timeline 2023-07-01"}
    assert [s.y0 for s in fig.layout.shapes if s.name.startswith("limit")] == [0.25]

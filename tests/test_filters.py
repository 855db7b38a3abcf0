"""The filter context: built from URL values, checked against the store, written back."""

from __future__ import annotations

from datetime import date

import pytest

from lendwatch.filters import (
    FilterContext,
    FilterOptions,
    Notice,
    resolve,
    to_url,
    unknown_parameters,
)

OPTIONS = FilterOptions(
    months=(date(2025, 8, 31), date(2025, 9, 30), date(2025, 10, 31), date(2025, 11, 30)),
    banks={
        "B1": ("City Bank 1", "city_commercial"),
        "B2": ("Rural Bank 2", "rural_commercial"),
        "B3": ("Private Bank 3", "private"),
    },
    platforms={"P1": ("Platform A01", "H1"), "P2": ("Platform A02", "H1")},
    groups={"H1": "Holding 1"},
)


def test_no_url_values_give_the_whole_store_and_period():
    resolved = resolve({}, OPTIONS)
    assert resolved.context == FilterContext(start=date(2025, 8, 31), end=date(2025, 11, 30))
    assert resolved.notices == ()


def test_valid_values_are_kept_in_order_without_duplicates():
    raw = {
        "period": ["2025-10", "2025-09"],
        "bank_type": ["private", "city_commercial"],
        "bank": ["B3", "B1", "B3"],
        "platform": ["P2"],
        "group": ["H1"],
        "product": ["consumer"],
        "area": ["rural", "county"],
    }
    context = resolve(raw, OPTIONS).context
    assert (context.start, context.end) == (date(2025, 9, 30), date(2025, 10, 31))
    assert context.bank_types == ("private", "city_commercial")
    assert context.bank_ids == ("B3", "B1")
    assert context.platform_ids == ("P2",)
    assert context.areas == ("rural", "county")


@pytest.mark.parametrize(
    ("raw", "notice"),
    [
        ({"bank": ["B9"]}, Notice("bank", ("B9",))),
        ({"bank_type": ["credit_union"]}, Notice("bank_type", ("credit_union",))),
        ({"platform": ["P1", "ZZ"]}, Notice("platform", ("ZZ",))),
        ({"group": ["<script>"]}, Notice("group", ("<script>",))),
        ({"product": ["mortgage"]}, Notice("product", ("mortgage",))),
        ({"area": ["moon"]}, Notice("area", ("moon",))),
        ({"period": ["2019-01", "2025-10"]}, Notice("period", ("2019-01", "2025-10"))),
        ({"period": ["last year"]}, Notice("period", ("last year",))),
        (
            {"period": ["2025-09", "2025-10", "2025-11"]},
            Notice("period", ("2025-09", "2025-10", "2025-11")),
        ),
    ],
)
def test_unknown_url_values_are_dropped_with_a_notice(raw, notice):
    resolved = resolve(raw, OPTIONS)
    assert resolved.notices == (notice,)


def test_a_bank_outside_the_chosen_bank_types_is_dropped_with_its_own_notice():
    resolved = resolve({"bank_type": ["private"], "bank": ["B1", "B3", "B9"]}, OPTIONS)
    assert resolved.context.bank_ids == ("B3",)
    # B1 exists but is a city bank; B9 is not in the data at all
    assert resolved.notices == (Notice("bank", ("B9",)), Notice("bank", ("B1",), "outside"))


@pytest.mark.parametrize(
    ("keys", "notices"),
    [
        ([], ()),
        (["bank", "lang"], ()),
        (["bank_ids", "bank", "utm", "bank_ids"], (Notice("", ("bank_ids", "utm"), "parameter"),)),
    ],
)
def test_unknown_url_parameters_are_named_in_one_notice(keys, notices):
    assert unknown_parameters(keys, ("bank", "lang")) == notices


def test_a_bad_period_falls_back_to_the_whole_period():
    context = resolve({"period": ["2030-01"]}, OPTIONS).context
    assert (context.start, context.end) == (OPTIONS.months[0], OPTIONS.months[-1])


def test_one_month_period_is_a_single_month():
    context = resolve({"period": ["2025-10"]}, OPTIONS).context
    assert context.start == context.end == date(2025, 10, 31)


def test_url_round_trip_reproduces_the_context():
    context = FilterContext(
        start=date(2025, 9, 30),
        end=date(2025, 10, 31),
        bank_types=("city_commercial",),
        bank_ids=("B1",),
        platform_ids=("P1", "P2"),
        products=("business",),
    )
    url = to_url(context, OPTIONS)
    assert url == {
        "period": ["2025-09", "2025-10"],
        "bank_type": ["city_commercial"],
        "bank": ["B1"],
        "platform": ["P1", "P2"],
        "product": ["business"],
    }
    assert resolve(url, OPTIONS).context == context


def test_default_view_has_an_empty_url():
    assert to_url(resolve({}, OPTIONS).context, OPTIONS) == {}


def test_params_bind_lists_and_universe_params_drop_the_platform_selection():
    context = FilterContext(
        start=date(2025, 9, 30), end=date(2025, 10, 31), bank_ids=("B1",), platform_ids=("P1",)
    )
    assert context.params()["bank_ids"] == ["B1"]
    assert context.params()["platform_ids"] == ["P1"]
    assert context.universe_params()["platform_ids"] == []
    assert context.universe_params()["bank_ids"] == ["B1"]


def test_banks_of_types_follow_the_chosen_types():
    assert OPTIONS.banks_of_types(()) == ("B1", "B2", "B3")
    assert OPTIONS.banks_of_types(("rural_commercial", "private")) == ("B2", "B3")

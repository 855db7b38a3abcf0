"""Numbers for people: money units, rounding at unit boundaries, percentages, months."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from lendwatch import fmt, labels

NAN = float("nan")


@pytest.fixture(autouse=True)
def strict_labels():
    before = labels.is_strict()
    labels.set_strict(True)
    yield
    labels.set_strict(before)


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        (1_234_000_000, "¥1.23 bn", "12.34 亿元"),
        (1_235_000_000, "¥1.24 bn", "12.35 亿元"),
        (456_700_000, "¥456.7 m", "4.57 亿元"),
        (45_670_000, "¥45.7 m", "4,567.0 万元"),
        (123_456, "¥123,456", "12.3 万元"),
        (12_345, "¥12,345", "12,345 元"),
        (1_234, "¥1,234", "1,234 元"),
        (3.5e12, "¥3.50 tn", "3.50 万亿元"),
        (0, "¥0", "0 元"),
        (0.4, "¥0", "0 元"),
        (-0.3, "¥0", "0 元"),  # rounds to nothing: no minus sign
        (-150_000_000, "-¥150.0 m", "-1.50 亿元"),
        (-12_345, "-¥12,345", "-12,345 元"),
        # unit boundaries: the larger unit as soon as the ROUNDED amount reaches it
        (99_999_999, "¥100.0 m", "1.00 亿元"),  # 0.99999999 亿 rounds to 1.00
        (99_499_999, "¥99.5 m", "9,950.0 万元"),  # 0.99499999 亿 rounds to 0.99
        (999_999_999, "¥1.00 bn", "10.00 亿元"),  # 999.999999 m rounds to 1,000.0
        (994_999_999, "¥995.0 m", "9.95 亿元"),  # 0.994999999 bn rounds to 0.99
        (999_999.6, "¥1.0 m", "100.0 万元"),  # 999,999.6 yuan rounds to 1,000,000
        (99_999.6, "¥100,000", "10.0 万元"),  # 9.99996 万 rounds to 10.0
        (99_949, "¥99,949", "10.0 万元"),  # 9.9949 万 rounds to 10.0
        (99_499, "¥99,499", "99,499 元"),  # 9.9499 万 rounds to 9.9 < 10
        (100_000, "¥100,000", "10.0 万元"),
        (1_000_000, "¥1.0 m", "100.0 万元"),
    ],
)
def test_money_picks_the_unit_of_the_language(value, en, zh):
    assert fmt.money(value, "en") == en
    assert fmt.money(value, "zh") == zh


@pytest.mark.parametrize(
    "missing", [None, NAN, math.inf, -math.inf, pd.NA, pd.NaT, np.float64("nan")]
)
def test_missing_values_show_an_em_dash_everywhere(missing):
    assert fmt.money(missing, "en") == "—"
    assert fmt.delta_money(missing, "zh") == "—"
    assert fmt.pct(missing, "en") == "—"
    assert fmt.pp(missing, "zh") == "—"
    assert fmt.count(missing, "en") == "—"
    assert fmt.hhi(missing) == "—"


@pytest.mark.parametrize(
    ("delta", "en", "zh"),
    [
        (1_234_000_000, "+¥1.23 bn", "+12.34 亿元"),
        (-45_670_000, "-¥45.7 m", "-4,567.0 万元"),
        (0, "¥0", "0 元"),
        (0.2, "¥0", "0 元"),
        (-0.2, "¥0", "0 元"),
    ],
)
def test_delta_money_carries_a_sign_unless_it_rounds_to_zero(delta, en, zh):
    assert fmt.delta_money(delta, "en") == en
    assert fmt.delta_money(delta, "zh") == zh


@pytest.mark.parametrize(
    ("x", "digits", "en", "zh"),
    [
        (0.123, 1, "12.3 %", "12.3%"),
        (0.24, 1, "24.0 %", "24.0%"),
        (0.2400005, 2, "24.00 %", "24.00%"),
        (0.76, 0, "76 %", "76%"),
        (1.5, 1, "150.0 %", "150.0%"),
        (0.0, 1, "0.0 %", "0.0%"),
        (-0.0004, 1, "0.0 %", "0.0%"),  # -0.04 % rounds to zero: no "-0.0"
        (-0.051, 1, "-5.1 %", "-5.1%"),
        (12.345, 1, "1,234.5 %", "1,234.5%"),
    ],
)
def test_pct_reads_a_fraction_as_a_percentage(x, digits, en, zh):
    assert fmt.pct(x, "en", digits=digits) == en
    assert fmt.pct(x, "zh", digits=digits) == zh


@pytest.mark.parametrize(
    ("delta", "en", "zh"),
    [
        (0.004, "+0.4 pp", "+0.4 个百分点"),
        (-0.012, "-1.2 pp", "-1.2 个百分点"),
        (0.0, "0.0 pp", "0.0 个百分点"),
        (0.0004, "0.0 pp", "0.0 个百分点"),  # 0.04 pp rounds to zero: no sign
        (0.25, "+25.0 pp", "+25.0 个百分点"),
    ],
)
def test_pp_reads_a_difference_of_fractions_in_percentage_points(delta, en, zh):
    assert fmt.pp(delta, "en") == en
    assert fmt.pp(delta, "zh") == zh


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "0"), (7, "7"), (1234, "1,234"), (1_234_567, "1,234,567"), (-42, "-42"), (2.6, "3")],
)
def test_count_groups_thousands_the_same_in_both_languages(n, text):
    assert fmt.count(n, "en") == text
    assert fmt.count(n, "zh") == text


@pytest.mark.parametrize(
    ("x", "text"), [(1842.4, "1,842"), (1842.6, "1,843"), (10_000, "10,000"), (0, "0")]
)
def test_hhi_is_a_whole_number_with_separators(x, text):
    assert fmt.hhi(x) == text


@pytest.mark.parametrize(
    ("d", "en", "zh"),
    [
        (date(2026, 3, 31), "Mar 2026", "2026年3月"),
        (date(2025, 10, 1), "Oct 2025", "2025年10月"),
        (datetime(2020, 1, 31, 12, 0), "Jan 2020", "2020年1月"),
        (pd.Timestamp("2024-12-31"), "Dec 2024", "2024年12月"),
        ("2023-06-30", "Jun 2023", "2023年6月"),
        (None, "—", "—"),
        (pd.NaT, "—", "—"),
    ],
)
def test_month_names_the_month_in_each_language(d, en, zh):
    assert fmt.month(d, "en") == en
    assert fmt.month(d, "zh") == zh


@pytest.mark.parametrize(
    ("lang", "max_abs", "divisor", "unit"),
    [
        ("en", 5e12, 1e12, "¥ tn"),
        ("en", 3.2e9, 1e9, "¥ bn"),
        ("en", 999e6, 1e6, "¥ m"),
        ("en", 5e5, 1.0, "¥"),
        ("zh", 3.2e9, 1e8, "亿元"),
        ("zh", 1e8, 1e8, "亿元"),
        ("zh", 5e6, 1e4, "万元"),
        ("zh", 1e5, 1e4, "万元"),
        ("zh", 99_999, 1.0, "元"),
        ("en", -3.2e9, 1e9, "¥ bn"),  # the size matters, not the sign
        ("en", None, 1e9, "¥ bn"),  # no data yet: the language's large unit
        ("zh", NAN, 1e8, "亿元"),
    ],
)
def test_money_axis_scales_to_the_largest_amount(lang, max_abs, divisor, unit):
    axis = fmt.money_axis(lang, max_abs)
    assert (axis.divisor, axis.unit) == (divisor, unit)


def test_money_axis_title_carries_the_unit_in_each_language():
    assert fmt.money_axis("en", 3.2e9).title("Balance", "en") == "Balance (¥ bn)"
    assert fmt.money_axis("zh", 3.2e9).title("贷款余额", "zh") == "贷款余额（亿元）"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="fr"):
        fmt.money(1.0, "fr")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amounts", "lang", "unit", "digits"),
    [
        # largest 2 bn → ¥ bn; 47,600 = 0.0000476 bn would need 7 decimals → ¥ m: 0.0476 needs
        # 4 (3 significant digits) ≤ 4
        ([47_600, 2e9], "en", "¥ m", 4),
        # 万元: 47,600 = 4.76 → 2 decimals
        ([47_600, 2e9], "zh", "万元", 2),
        # ¥ m: 1,700 = 0.0017 → 5 decimals > 4 → whole yuan
        ([1_700, 19_732_000], "en", "¥", 0),
        # ¥ m: 434,455 = 0.434 → 3 decimals
        ([434_455, 19_732_000], "en", "¥ m", 3),
        # ¥ bn: 1 bn = 1.00 → the 2-decimal floor
        ([5e9, 1e9], "en", "¥ bn", 2),
        # zeros and missing values do not count as the smallest amount
        ([0, float("nan"), 3e8], "zh", "亿元", 2),
    ],
)
def test_table_money_keeps_three_significant_digits_in_the_smallest_amount(
    amounts, lang, unit, digits
):
    axis, found = fmt.table_money(amounts, lang)
    assert (axis.unit, found) == (unit, digits)

"""Numbers for people: money in bn/m (English) or 亿/万 (Chinese), percentages, months.

Conventions: rates, shares and ratios come in as fractions (0.123 → "12.3 %"); money comes in
as yuan. A missing value (None, NaN, NaT, pd.NA, ±inf) shows as an em dash. Money takes the
largest unit whose threshold the ROUNDED amount reaches, so 99,999,999 yuan reads "1.00 亿元",
never "10,000.0 万元". Chinese amounts stay in whole 元 below 10 万 (as English ones stay in
whole yuan below 1 m), so a typical loan reads "8,500 元", not "0.9 万元".
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from lendwatch.labels import Lang, t

MISSING = "—"


@dataclass(frozen=True)
class _Step:
    scale: float  # yuan per unit
    digits: int  # decimals shown
    threshold: float  # smallest rounded amount, in units, shown in this unit
    key: str  # catalogue template of an amount
    axis_key: str  # catalogue name of the unit on an axis


_MONEY_STEPS: dict[str, tuple[_Step, ...]] = {
    "en": (
        _Step(1e12, 2, 1, "unit.money_huge", "unit.axis_huge"),
        _Step(1e9, 2, 1, "unit.money_large", "unit.axis_large"),
        _Step(1e6, 1, 1, "unit.money_medium", "unit.axis_medium"),
        _Step(1.0, 0, 0, "unit.money_small", "unit.axis_small"),
    ),
    "zh": (
        _Step(1e12, 2, 1, "unit.money_huge", "unit.axis_huge"),
        _Step(1e8, 2, 1, "unit.money_large", "unit.axis_large"),
        _Step(1e4, 1, 10, "unit.money_medium", "unit.axis_medium"),
        _Step(1.0, 0, 0, "unit.money_small", "unit.axis_small"),
    ),
}


def is_missing(value: object) -> bool:
    """Whether `value` has nothing to show (None, NaN, NaT, pd.NA or an infinity)."""
    if value is None:
        return True
    if isinstance(value, int | float) and not isinstance(value, bool):
        return not math.isfinite(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _step(lang: Lang, amount: float, rounded: bool) -> _Step:
    if lang not in _MONEY_STEPS:
        raise ValueError(f"Unknown language {lang!r}: expected en or zh.")
    # the last step has threshold 0, so some step always matches
    return next(
        step
        for step in _MONEY_STEPS[lang]
        if (round(amount / step.scale, step.digits) if rounded else amount / step.scale)
        >= step.threshold
    )


def money(value_cny: float | None, lang: Lang) -> str:
    """An amount in yuan as text: "¥1.23 bn" / "¥456.7 m" / "¥12,345"; "12.35 亿元" / "1,234 元"."""
    if is_missing(value_cny):
        return MISSING
    amount = abs(float(value_cny))
    step = _step(lang, amount, rounded=True)
    scaled = round(amount / step.scale, step.digits)
    sign = "-" if value_cny < 0 and scaled > 0 else ""
    return sign + t(step.key, lang, value=f"{scaled:,.{step.digits}f}")


def delta_money(delta_cny: float | None, lang: Lang) -> str:
    """A change in yuan with its sign, "+¥1.23 bn" / "-4,567.0 万元"; unsigned if it rounds to 0."""
    if is_missing(delta_cny):
        return MISSING
    text = money(abs(float(delta_cny)), lang)
    rounds_to_zero = money(0.0, lang) == text
    if rounds_to_zero:
        return text
    return ("+" if delta_cny > 0 else "-") + text


def _number(value: float, digits: int, signed: bool) -> str:
    rounded = round(value, digits)
    if rounded == 0:
        return f"{0:.{digits}f}"  # never "-0.0" nor "+0.0"
    return f"{rounded:{'+' if signed else ''},.{digits}f}"


def pct(x: float | None, lang: Lang, digits: int = 1) -> str:
    """A fraction as a percentage: 0.123 → "12.3 %" (en) / "12.3%" (zh)."""
    if is_missing(x):
        return MISSING
    return t("unit.pct", lang, value=_number(float(x) * 100, digits, signed=False))


def pp(delta: float | None, lang: Lang, digits: int = 1) -> str:
    """A difference of two fractions in percentage points: 0.004 → "+0.4 pp" / "+0.4 个百分点"."""
    if is_missing(delta):
        return MISSING
    return t("unit.pp", lang, value=_number(float(delta) * 100, digits, signed=True))


def count(n: float | None, lang: Lang) -> str:
    """A whole number with thousands separators, "1,234" (the same grouping in both languages)."""
    if is_missing(n):
        return MISSING
    return _number(float(n), 0, signed=False)


def hhi(x: float | None) -> str:
    """An HHI value (0–10 000) rounded to a whole number: "1,842"."""
    if is_missing(x):
        return MISSING
    return _number(float(x), 0, signed=False)


def month(d: date | str | None, lang: Lang) -> str:
    """The month of a date: "Mar 2026" / "2026年3月" (a string is read as an ISO date)."""
    if is_missing(d):
        return MISSING
    day = date.fromisoformat(d[:10]) if isinstance(d, str) else d
    return t("unit.month", lang, month=t(f"month.{day.month}", lang), year=day.year)


@dataclass(frozen=True)
class MoneyAxis:
    """How to show yuan on a chart axis: divide values by `divisor`, label the axis `unit`."""

    divisor: float
    unit: str
    tickformat: str = ",.2~f"  # thousands separators, at most 2 decimals, no trailing zeros

    def title(self, name: str, lang: Lang) -> str:
        """The axis title with its unit: "Balance (¥ bn)" / "贷款余额（亿元）"."""
        return t("unit.axis_title", lang, name=name, unit=self.unit)


def money_axis(lang: Lang, max_abs_cny: float | None = None) -> MoneyAxis:
    """Axis scale for amounts up to `max_abs_cny`: bn/m in English, 亿元/万元 in Chinese.

    Without a maximum the axis reads in the language's large unit (¥ bn / 亿元).
    """
    if is_missing(max_abs_cny):
        step = _step(lang, 1e9, rounded=False)
    else:
        step = _step(lang, abs(float(max_abs_cny)), rounded=False)
    return MoneyAxis(step.scale, t(step.axis_key, lang))


# Money in a table column keeps at least this many significant digits in its smallest amount.
_TABLE_SIG_DIGITS = 3
_TABLE_MAX_DIGITS = 4  # beyond this many decimals the column drops to a smaller unit


def table_money(values: Iterable[float], lang: Lang) -> tuple[MoneyAxis, int]:
    """Unit and decimals for money columns in a table: the unit of the largest amount with at
    least 2 decimals and enough for 3 significant digits in the smallest non-zero amount
    (47,600 yuan: "0.0476" in ¥ m, not "0.05"); a smaller unit when that takes more than 4
    decimals, down to whole yuan."""
    amounts = [abs(float(v)) for v in values if not is_missing(v)]
    nonzero = [a for a in amounts if a > 0]
    steps = _MONEY_STEPS.get(lang)
    if steps is None:
        raise ValueError(f"Unknown language {lang!r}: expected en or zh.")
    first = _step(lang, max(amounts), rounded=False) if amounts else _step(lang, 1e9, False)
    for step in steps[steps.index(first) : -1]:
        digits = 2
        if nonzero:
            magnitude = math.floor(math.log10(min(nonzero) / step.scale))
            digits = max(2, _TABLE_SIG_DIGITS - 1 - magnitude)
        if digits <= _TABLE_MAX_DIGITS:
            return MoneyAxis(step.scale, t(step.axis_key, lang)), digits
    return MoneyAxis(1.0, t(steps[-1].axis_key, lang)), 0  # whole yuan

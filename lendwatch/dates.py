"""Month arithmetic on calendar dates."""

from __future__ import annotations

import calendar
from datetime import date


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def parse_month(text: str) -> date:
    """The month end of a `YYYY-MM` string; ValueError with a readable message otherwise."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return month_end(date(year, month, 1))
    except ValueError as exc:
        raise ValueError(f"expected a month as YYYY-MM, e.g. 2026-10 (got {text!r})") from exc

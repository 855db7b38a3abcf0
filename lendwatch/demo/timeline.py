"""The demo's calendar: month ends from 2020-01 to the as-of month, as numpy day arrays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

FIRST_MONTH = np.datetime64("2020-01", "M")
# Months simulated past the as-of month, so lifecycles drawn near the end stay in range.
TAIL_MONTHS = 60


def default_as_of(today: date) -> date:
    """Month end of the last complete month before `today` (a date)."""
    return today.replace(day=1) - timedelta(days=1)


def day(text: str) -> np.datetime64:
    """An ISO date as a numpy day."""
    return np.datetime64(text, "D")


@dataclass(frozen=True)
class Timeline:
    """Month index t = 0 … n_months - 1 is 2020-01 … the as-of month; arrays run further."""

    as_of: np.datetime64  # month end of the last month, datetime64[D]
    n_months: int
    month_start: np.ndarray  # datetime64[D], length n_months + TAIL_MONTHS
    month_end: np.ndarray  # datetime64[D], same length
    days_in_month: np.ndarray  # int64, same length

    @property
    def quarter_ends(self) -> np.ndarray:
        """Month indexes (within the data) of the quarter ends, ascending."""
        months = np.arange(self.n_months)
        return months[(months % 3) == 2]

    def month_of(self, days: np.ndarray) -> np.ndarray:
        """Month index of each day (datetime64[D] array)."""
        months = days.astype("datetime64[M]")
        return (months - FIRST_MONTH).astype(np.int64)

    def index(self, text: str) -> int:
        """Month index of an ISO month or date string."""
        return int((np.datetime64(text[:7], "M") - FIRST_MONTH).astype(np.int64))


def build_timeline(as_of: date) -> Timeline:
    """The calendar from 2020-01 to `as_of`'s month (any day of it)."""
    last = np.datetime64(as_of, "D").astype("datetime64[M]")
    n_months = int((last - FIRST_MONTH).astype(np.int64)) + 1
    if n_months < 1:
        raise ValueError(f"as_of must be in 2020-01 or later (got {as_of:%Y-%m}).")
    months = FIRST_MONTH + np.arange(n_months + TAIL_MONTHS)
    starts = months.astype("datetime64[D]")
    ends = (months + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    return Timeline(
        as_of=ends[n_months - 1],
        n_months=n_months,
        month_start=starts,
        month_end=ends,
        days_in_month=(ends - starts).astype(np.int64) + 1,
    )

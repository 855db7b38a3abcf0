"""Asset-quality page metrics: DPD and NPL ratios of the selected book, breakdowns, ever-90
vintages, roll rates between DPD buckets and the reported-vs-implied NPL gap by bank.

Every filter restricts the book here, the platform and group selection too: on this page a
ratio is the selected platforms' book's own ratio (DOMAIN.md "Filters" leaves shares' denominators
alone, but a ratio has no share to keep). Ratios are fractions; money is yuan.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

import pandas as pd

from lendwatch import db
from lendwatch.filters import FilterContext

Dimension = Literal["bank_type", "bank", "platform", "tier", "guaranteed"]
Measure = Literal["dpd30_ratio", "dpd90_ratio", "npl_reported_ratio", "npl_dpd_ratio", "npl_gap"]
CohortGrain = Literal["month", "quarter", "year"]
Guarantee = Literal["all", "guaranteed", "not_guaranteed"]

DIMENSIONS: tuple[Dimension, ...] = get_args(Dimension)
MEASURES: tuple[Measure, ...] = get_args(Measure)
COHORT_GRAINS: tuple[CohortGrain, ...] = get_args(CohortGrain)
GUARANTEES: tuple[Guarantee, ...] = get_args(Guarantee)
ROLL_WINDOWS: tuple[int, ...] = (1, 3, 6, 12)  # transitions pooled into the roll-rate matrix

# Groups drawn as their own line in a breakdown; the rest are summed into "Other". Seven keeps
# the lines within the palette's strong colours (its eighth, yellow, is weak on white).
TOP_GROUPS = 7
# A bank's DPD-implied NPL ratio more than 0.5 pp above its reported one is flagged: large enough
# to be more than rounding or a single late reclassification in a mid-sized book.
GAP_FLAG_THRESHOLD = 0.005


def _choice(name: str, value: Any, allowed: tuple[Any, ...]) -> None:
    if value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"Unknown {name} {value!r}: expected one of {choices}.")


def asset_quality_kpis(con: db.Connection, ctx: FilterContext) -> pd.DataFrame:
    """KPIs at the as-of month and the month end before it (≤ 2 rows, is_as_of marks the first):
    balance_cny, DPD and NPL balances, ratios (fractions, NULL without balance), npl_gap."""
    return db.run(con, "reports/asset_quality_at_as_of_and_previous_month", ctx.params())


def asset_quality_trend(con: db.Connection, ctx: FilterContext) -> pd.DataFrame:
    """DPD30+/DPD90+/NPL ratios (fractions) of the selected book, one row per month end of the
    period with balance; balances in yuan, npl_gap = DPD-implied − reported."""
    return db.run(con, "reports/asset_quality_by_month", ctx.params())


def asset_quality_breakdown(
    con: db.Connection, ctx: FilterContext, dimension: Dimension, top_n: int = TOP_GROUPS
) -> pd.DataFrame:
    """Ratios by breakdown group, one row per month end × group (the top `top_n` groups by
    balance over the period, the rest as one is_other row); group_key is the bank type, bank id,
    platform id, tier or guaranteed/not_guaranteed code, with names for banks and platforms."""
    _choice("breakdown", dimension, DIMENSIONS)
    params = {**ctx.params(), "dimension": dimension, "top_n": top_n}
    return db.run(con, "reports/asset_quality_by_breakdown_group_month", params)


def vintage_curves(
    con: db.Connection,
    ctx: FilterContext,
    cohort_grain: CohortGrain,
    guarantee: Guarantee = "all",
) -> pd.DataFrame:
    """Ever-90 curves by cohort group, one row per cohort_start (first day of the month, quarter
    or year) × mob: originated_cny, ever90_cny (yuan) and ever90_rate (fraction)."""
    _choice("cohort grain", cohort_grain, COHORT_GRAINS)
    _choice("guarantee", guarantee, GUARANTEES)
    params = {**ctx.params(), "cohort_grain": cohort_grain, "guarantee": guarantee}
    return db.run(con, "reports/ever90_by_cohort_group_mob", params)


def roll_rate_matrix(
    con: db.Connection,
    ctx: FilterContext,
    window_months: int = 1,
    guarantee: Guarantee = "all",
) -> pd.DataFrame:
    """Roll rates pooled over the last `window_months` transitions up to the as-of month, one row
    per from_bucket × to_bucket (each from-bucket's roll_rate sums to 1; balances in yuan)."""
    _choice("roll-rate window", window_months, ROLL_WINDOWS)
    _choice("guarantee", guarantee, GUARANTEES)
    params = {**ctx.params(), "window_months": window_months, "guarantee": guarantee}
    return db.run(con, "reports/roll_rates_by_from_to_bucket", params)


def roll_rate_trend(
    con: db.Connection, ctx: FilterContext, guarantee: Guarantee = "all"
) -> pd.DataFrame:
    """Roll rates month by month, one row per month_end (m) × from_bucket × to_bucket, from the
    period start to the month before the as-of month (roll_rate a fraction)."""
    _choice("guarantee", guarantee, GUARANTEES)
    params = {**ctx.params(), "guarantee": guarantee}
    return db.run(con, "reports/roll_rates_by_month_from_to_bucket", params)


def npl_gap_by_bank(
    con: db.Connection, ctx: FilterContext, threshold: float = GAP_FLAG_THRESHOLD
) -> pd.DataFrame:
    """Each bank's NPL ratio reported and DPD-implied at the as-of month (one row per bank with
    balance, largest gap first), npl_gap (fraction) and is_flagged when the gap > `threshold`."""
    params = {**ctx.params(), "gap_threshold": threshold}
    return db.run(con, "reports/npl_gap_by_bank", params)


METRICS = {
    f.__name__: f
    for f in (
        asset_quality_kpis,
        asset_quality_trend,
        asset_quality_breakdown,
        vintage_curves,
        roll_rate_matrix,
        roll_rate_trend,
        npl_gap_by_bank,
    )
}

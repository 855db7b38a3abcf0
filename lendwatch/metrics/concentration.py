"""Concentration page: shares, HHI and CRk within the filtered universe, entries and exits,
each bank's dependence on its top partner group, single-group exposure (R02) and a what-if exit.

Bank, bank-type, product and area filters restrict the universe, so shares are recomputed within
it; platform and group filters only mark entities as selected (DOMAIN.md, Filters).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any, Literal, get_args

import pandas as pd

from lendwatch import db, rules
from lendwatch.filters import FilterContext

Level = Literal["platform", "group"]
LEVELS: tuple[Level, ...] = get_args(Level)
SCENARIOS = ("current", "without")


def _params(ctx: FilterContext, level: Level | None = None, **extra: Any) -> dict[str, Any]:
    if level is not None and level not in LEVELS:
        raise ValueError(f"Unknown concentration level {level!r}: expected platform or group.")
    return {**ctx.params(), "level": level, **extra}


@cache
def _r02() -> rules.Rule:
    return next(rule for rule in rules.rule_catalogue() if rule.rule_id == "R02")


def r02_limit() -> float:
    """R02's single-group limit as a fraction of tier-1 net capital (0.25), from its rule file."""
    return float(_r02().limit)


def market_shares_by_entity_month(
    con: db.Connection, ctx: FilterContext, level: Level
) -> pd.DataFrame:
    """Share of the universe's balance per entity and month end (fraction), rank, is_selected."""
    return db.run(con, "reports/market_shares_by_entity_month", _params(ctx, level))


def concentration_by_month(con: db.Connection, ctx: FilterContext, level: Level) -> pd.DataFrame:
    """HHI (0–10 000), CR1/CR3/CR5 (fractions), active entities, balance per month end."""
    return db.run(con, "reports/concentration_by_month", _params(ctx, level, exclude_ids=[]))


def entries_exits_by_quarter(con: db.Connection, ctx: FilterContext, level: Level) -> pd.DataFrame:
    """Entities entering and exiting per quarter, with the number active at the quarter's end."""
    return db.run(con, "reports/entries_exits_by_quarter", _params(ctx, level))


def top_group_dependence_by_bank(con: db.Connection, ctx: FilterContext) -> pd.DataFrame:
    """Per bank at the as-of month: share of its book with its top group and top platform."""
    return db.run(con, "reports/top_group_dependence_by_bank", _params(ctx))


def single_group_exposure_by_bank_month(con: db.Connection, ctx: FilterContext) -> pd.DataFrame:
    """Per bank and month end: R02 ratio with its largest group vs the limit, headroom, breach."""
    rule = _r02()
    params = _params(ctx, effective=rule.effective, limit=rule.limit)
    return db.run(con, "reports/single_group_exposure_by_bank_month", params)


def single_group_exposure_by_bank(con: db.Connection, ctx: FilterContext) -> pd.DataFrame:
    """Per bank at the as-of month (the filter's end): the R02 single-group exposure row."""
    return single_group_exposure_by_bank_month(con, replace(ctx, start=ctx.end)).reset_index(
        drop=True
    )


def what_if_exit(
    con: db.Connection, ctx: FilterContext, level: Level, entity_id: str
) -> pd.DataFrame:
    """HHI, CRk and active entities at the as-of month now and without `entity_id` (its balance
    leaves the market, the rest renormalised): one row per scenario ('current', 'without')."""
    as_of = replace(ctx, start=ctx.end)
    current, without = (
        db.run(con, "reports/concentration_by_month", _params(as_of, level, exclude_ids=excluded))
        for excluded in ([], [entity_id])
    )
    if current.empty:
        return current.assign(scenario=pd.Series(dtype=str))
    if without.empty:
        # the entity was the whole market: nothing is left to be concentrated
        without = current[["month_end"]].assign(n_active=0, balance_cny=0.0)
    both = pd.concat([current, without], ignore_index=True)
    return both.assign(scenario=list(SCENARIOS))


def entity_exposure_by_bank(
    con: db.Connection, ctx: FilterContext, level: Level, entity_id: str
) -> pd.DataFrame:
    """Per bank at the as-of month: its balance with `entity_id` and that share of its book."""
    return db.run(con, "reports/entity_exposure_by_bank", _params(ctx, level, entity_id=entity_id))


METRICS = {
    f.__name__: f
    for f in (
        market_shares_by_entity_month,
        concentration_by_month,
        entries_exits_by_quarter,
        top_group_dependence_by_bank,
        single_group_exposure_by_bank_month,
        single_group_exposure_by_bank,
        what_if_exit,
        entity_exposure_by_bank,
    )
}

"""Planted loan-level breaches, so every rule has something to find inside its window.

Each plant picks a few loans at random among those the rule applies to and changes one field;
the count scales with the data but never falls below a handful, so small demos find them too.
"""

from __future__ import annotations

import numpy as np

from lendwatch.contract import PROVINCES
from lendwatch.demo.entities import ENHANCERS, UNLICENSED_ENHANCERS, Entities
from lendwatch.demo.loans import POPULATION, Loans
from lendwatch.demo.timeline import day

CROSS_REGION_BANKS = 4  # local banks that keep lending out of province after 2022


def _choose(rng: np.random.Generator, mask: np.ndarray, rate: float, minimum: int) -> np.ndarray:
    candidates = np.flatnonzero(mask)
    count = min(len(candidates), max(minimum, round(rate * len(candidates))))
    return np.sort(rng.choice(candidates, size=count, replace=False))


def local_lending(ent: Entities, loans: Loans) -> np.ndarray:
    """Loans of city and rural commercial banks that are not online-only (the R06 universe)."""
    types = ent.banks["bank_type"].to_numpy()[loans.bank]
    online = ent.banks["is_online_only"].to_numpy()[loans.bank]
    return np.isin(types, ["city_commercial", "rural_commercial"]) & ~online


def plant(ent: Entities, loans: Loans, rng: np.random.Generator) -> None:
    """Change a few loans in place so R01, R04, R05, R06 and R08 have breaches."""
    from_2022 = loans.date >= day("2022-01-01")
    from_2022_07 = loans.date >= day("2022-07-17")
    from_rule = loans.date >= day("2025-10-01")
    consumer = ~loans.business

    # R01: partner share below 30 % on a co-funded loan.
    chosen = _choose(rng, (loans.bank_share < 1) & from_2022, 0.01, 5)
    loans.bank_share[chosen] = (100 - rng.integers(10, 26, len(chosen))) / 100

    # R04: consumer credit line over ¥200 000.
    chosen = _choose(rng, consumer & from_2022_07, 0.0005, 5)
    loans.credit_line[chosen] = rng.integers(21, 51, len(chosen)) * 10_000.0

    # R05: bullet consumer loan over 12 months.
    chosen = _choose(rng, consumer & from_2022_07, 0.0005, 5)
    loans.term[chosen] = np.where(loans.term[chosen] > 12, loans.term[chosen], 24)
    loans.bullet[chosen] = True

    # R06: a few local banks keep lending out of their home province.
    local = local_lending(ent, loans) & from_2022
    volume = np.bincount(loans.bank[local], minlength=len(ent.banks)).astype(float)
    if volume.sum() > 0:
        banks = rng.choice(
            len(volume),
            size=min(CROSS_REGION_BANKS, int((volume > 0).sum())),
            replace=False,
            p=volume / volume.sum(),
        )
        chosen = _choose(rng, local & np.isin(loans.bank, banks), 0.03, 6)
        mainland = np.array([PROVINCES.index(code) for code in sorted(POPULATION)])
        shift = rng.integers(1, len(mainland), len(chosen))
        at = np.searchsorted(mainland, loans.province[chosen])
        loans.province[chosen] = mainland[(at + shift) % len(mainland)]

    # R08: unlicensed enhancers on loans made after the 2025-10-01 rules.
    chosen = _choose(rng, (loans.enhancer >= 0) & from_rule, 0.01, 5)
    ids = [e[0] for e in ENHANCERS]
    unlicensed = np.array([ids.index(e) for e in UNLICENSED_ENHANCERS])
    loans.enhancer[chosen] = rng.choice(unlicensed, len(chosen))

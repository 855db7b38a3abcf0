"""Quarterly tier-1 capital and total loans of each bank, scaled from its synthetic platform
book so that the platform-book ratios and the co-funding limits come out as planned."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lendwatch.demo.entities import R02_BANK_PLATFORM, R03_BANK, Entities
from lendwatch.demo.loans import Loans
from lendwatch.demo.performance import ACTIVE, Performance
from lendwatch.demo.timeline import Timeline

# Platform book / total loans by bank type (DOMAIN.md, "Scale").
BOOK_RATIO = {
    "state_owned": (0.003, 0.02),
    "joint_stock": (0.05, 0.20),
    "city_commercial": (0.05, 0.40),
    "rural_commercial": (0.01, 0.15),
    "private": (0.30, 0.80),
    "foreign": (0.005, 0.05),
}
TIER1_RATIO = (0.10, 0.14)
QUARTERLY_GROWTH = 1.018
# Banks without a planted breach stay this far inside the limits (R02 0.25, R03 0.50).
R02_CEILING, R03_CEILING = 0.20, 0.40
EMPTY_MARKET_SIZE = 1e9  # total loans (CNY) of a bank when no bank has a platform book yet
REFERENCE = ("2023-03", "2024-12")  # quarters whose average book sets the bank's size
R03_REFERENCE = ("2023-06", "2023-12")  # the planted bank is sized on its co-funding peak


@dataclass(frozen=True)
class Exposures:
    """Month-end sums over active rows: book (bank × month), bank-funded co-funded balance by
    bank × month and by bank × partner group × month."""

    book: np.ndarray
    cofunded: np.ndarray
    cofunded_by_group: np.ndarray


def exposures(tl: Timeline, ent: Entities, loans: Loans, perf: Performance) -> Exposures:
    """The balances the R02/R03 ratios and the book ratios are computed from."""
    n_banks, n_groups, months = len(ent.banks), len(ent.group_ids), tl.n_months
    active = perf.status == ACTIVE
    bank = loans.bank[perf.loan]
    book = np.bincount(
        bank * months + perf.month, weights=perf.balance * active, minlength=n_banks * months
    ).reshape(n_banks, months)
    share = loans.bank_share[perf.loan]
    funded = perf.balance * share * (active & (share < 1))
    cofunded = np.bincount(
        bank * months + perf.month, weights=funded, minlength=n_banks * months
    ).reshape(n_banks, months)
    group = ent.platform_group[loans.platform[perf.loan]]
    key = (bank * n_groups + group) * months + perf.month
    by_group = np.bincount(key, weights=funded, minlength=n_banks * n_groups * months)
    return Exposures(book, cofunded, by_group.reshape(n_banks, n_groups, months))


def _reference_book(tl: Timeline, book: np.ndarray, window: tuple[str, str]) -> float:
    quarters = tl.quarter_ends
    inside = quarters[(quarters >= tl.index(window[0])) & (quarters <= tl.index(window[1]))]
    for candidates in (inside, quarters):
        values = book[candidates]
        if len(values) and values.mean() > 0:
            return float(values.mean())
    return 0.0


def _ceiling(
    exp: Exposures,
    b: int,
    unit: np.ndarray,
    tier1: np.ndarray,
    latest: np.ndarray,
    window: np.ndarray,
) -> float:
    """Largest book ratio that keeps bank b's R02 and R03 ratios under their ceilings in the
    rules' window, given total loans = unit / ratio per quarter."""
    denominator = unit[latest[window]]
    by_group = exp.cofunded_by_group[b][:, window].max(axis=0, initial=0.0)
    worst2 = (by_group / (denominator * tier1[latest[window]])).max(initial=0.0)
    worst3 = (exp.cofunded[b, window] / denominator).max(initial=0.0)
    return min(R02_CEILING / max(worst2, 1e-12), R03_CEILING / max(worst3, 1e-12))


def build_financials(
    tl: Timeline, ent: Entities, exp: Exposures, rng: np.random.Generator
) -> pd.DataFrame:
    """bank_financials rows (bank × quarter end) with tier-1 capital and total loans, CNY."""
    quarters = tl.quarter_ends
    n_banks, n_q = len(ent.banks), len(quarters)
    bank_ids = ent.banks["bank_id"].to_numpy()
    types = ent.banks["bank_type"].to_numpy()
    planted = set(R02_BANK_PLATFORM) | {R03_BANK}
    # Latest quarter end on or before each month (-1 before the first one).
    latest = np.searchsorted(quarters, np.arange(tl.n_months), side="right") - 1
    window = np.flatnonzero((np.arange(tl.n_months) >= tl.index("2023-06")) & (latest >= 0))
    centre = np.searchsorted(quarters, tl.index("2024-03"))
    growth = QUARTERLY_GROWTH ** (np.arange(n_q) - centre) * rng.lognormal(0, 0.01, (n_banks, n_q))
    tier1 = np.clip(
        rng.uniform(*TIER1_RATIO, n_banks)[:, None] + rng.normal(0, 0.003, (n_banks, n_q)),
        *TIER1_RATIO,
    )
    draw = rng.random(n_banks)
    total = np.zeros((n_banks, n_q))
    sized = np.zeros(n_banks, dtype=bool)
    for b in range(n_banks):
        reference = R03_REFERENCE if bank_ids[b] == R03_BANK else REFERENCE
        ref_book = _reference_book(tl, exp.book[b], reference)
        if ref_book == 0:
            continue
        lo, hi = BOOK_RATIO[types[b]]
        unit = ref_book * growth[b]  # total loans × book ratio, per quarter
        if bank_ids[b] in planted:
            tier1[b] = TIER1_RATIO[0] if bank_ids[b] != R03_BANK else 0.12
            ratio = hi
        else:
            cap = _ceiling(exp, b, unit, tier1[b], latest, window)
            if cap < lo:  # a lumpy small book: hold more capital before leaving the range
                tier1[b] = TIER1_RATIO[1]
                cap = _ceiling(exp, b, unit, tier1[b], latest, window)
            cap = min(hi, cap)
            ratio = lo + draw[b] * (cap - lo) if cap >= lo else cap
        # The platform book never exceeds the type's ceiling share of total loans.
        total[b] = np.maximum(unit / ratio, exp.book[b, quarters] / hi)
        sized[b] = True
    for b in np.flatnonzero(~sized):
        peers = sized & (types == types[b])
        peers = peers if peers.any() else sized
        size = np.median(total[peers] / growth[peers], axis=0) if peers.any() else EMPTY_MARKET_SIZE
        total[b] = size * growth[b]
    frame = pd.DataFrame(
        {
            "bank_id": np.repeat(bank_ids, n_q),
            "period_end": np.tile(tl.month_end[quarters], n_banks),
            "tier1_net_capital_cny": np.round((total * tier1).ravel(), 2),
            "total_loans_cny": np.round(total.ravel(), 2),
        }
    )
    return frame

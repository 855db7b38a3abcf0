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

# Platform book / total loans by bank type (DOMAIN.md, "Scale"), a hair inside the bands so
# that rounding to the fen never leaves them.
BOOK_RATIO = {
    "state_owned": (0.003, 0.0199),
    "joint_stock": (0.0502, 0.199),
    "city_commercial": (0.0502, 0.398),
    "rural_commercial": (0.01, 0.149),
    "private": (0.3012, 0.796),
    "foreign": (0.005, 0.0498),
}
TIER1_RATIO = (0.1001, 0.1399)
QUARTERLY_GROWTH = 1.018
BAND_FROM = "2021-03"  # first quarter end whose book ratio must lie inside the band
SMOOTHING = 3  # quarters either side in a bank's smoothed book
# Banks without a planted breach stay this far inside the limits (R02 0.25, R03 0.50).
R02_CEILING, R03_CEILING = 0.20, 0.40
EMPTY_MARKET_SIZE = 1e9  # total loans (CNY) of a bank when no bank has a platform book yet


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


def _smoothed(book: np.ndarray, first: int) -> np.ndarray:
    """The book's slow path: geometric mean over a centred window of quarters with a book, from
    quarter `first` on; earlier quarters extend the first value back at QUARTERLY_GROWTH."""
    n_q = len(book)
    logs = np.where(book > 0, np.log(np.where(book > 0, book, 1.0)), np.nan)
    path = np.full(n_q, np.nan)
    for q in range(first, n_q):
        window = logs[max(first, q - SMOOTHING) : q + SMOOTHING + 1]
        if np.isfinite(window).any():
            path[q] = np.exp(np.nanmean(window))
    known = np.flatnonzero(np.isfinite(path))
    if not len(known):
        return np.zeros(n_q)
    path[: known[0]] = path[known[0]] * QUARTERLY_GROWTH ** (np.arange(known[0]) - known[0])
    for q in range(known[0] + 1, n_q):  # a quarter without book keeps the previous level
        if not np.isfinite(path[q]):
            path[q] = path[q - 1]
    return path


def _limit_floor(
    exp: Exposures, b: int, quarters: np.ndarray, latest: np.ndarray, window: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per quarter, the least total loans that keep bank b's R03 ratio, and the least
    total loans × tier-1 ratio that keep its R02 ratio, under their ceilings in the rules'
    window (zero where nothing is co-funded)."""
    by_group = exp.cofunded_by_group[b][:, window].max(axis=0, initial=0.0)
    r03, r02 = np.zeros(len(quarters)), np.zeros(len(quarters))
    np.maximum.at(r03, latest[window], exp.cofunded[b, window] / R03_CEILING)
    np.maximum.at(r02, latest[window], by_group / R02_CEILING)
    return r03, r02


def build_financials(
    tl: Timeline, ent: Entities, exp: Exposures, rng: np.random.Generator
) -> pd.DataFrame:
    """bank_financials rows (bank × quarter end) with tier-1 capital and total loans, CNY.

    Total loans follow each bank's platform book so that book / total loans stays inside the
    band of the bank's type in every quarter from 2021-03-31 on. The 2020 quarters only hold
    loans made since 2020-01, so the book ratio ramps up from zero through 2020."""
    quarters = tl.quarter_ends
    n_banks, n_q = len(ent.banks), len(quarters)
    bank_ids = ent.banks["bank_id"].to_numpy()
    types = ent.banks["bank_type"].to_numpy()
    planted = set(R02_BANK_PLATFORM) | {R03_BANK}
    # Latest quarter end on or before each month (-1 before the first one).
    latest = np.searchsorted(quarters, np.arange(tl.n_months), side="right") - 1
    window = np.flatnonzero((np.arange(tl.n_months) >= tl.index("2023-06")) & (latest >= 0))
    first = int(np.searchsorted(quarters, tl.index(BAND_FROM)))
    noise = rng.lognormal(0, 0.01, (n_banks, n_q))
    tier1 = np.clip(
        rng.uniform(*TIER1_RATIO, n_banks)[:, None] + rng.normal(0, 0.003, (n_banks, n_q)),
        *TIER1_RATIO,
    )
    draw = rng.random(n_banks)
    total = np.zeros((n_banks, n_q))
    sized = np.zeros(n_banks, dtype=bool)
    for b in range(n_banks):
        book = exp.book[b, quarters]
        path = _smoothed(book, first) * noise[b]
        if not path.any():
            continue
        lo, hi = BOOK_RATIO[types[b]]
        banded = np.arange(n_q) >= first
        swing = np.where(banded & (book > 0), book / path, 1.0)
        # The constant ratio that keeps book / total inside the band despite the swings.
        low, high = lo / swing.min(), hi / swing.max()
        if bank_ids[b] in planted:
            tier1[b] = TIER1_RATIO[0] if bank_ids[b] != R03_BANK else 0.12
            ratio = hi
        else:
            ratio = low + draw[b] * (high - low) if high > low else np.sqrt(low * high)
        total[b] = path / ratio
        if bank_ids[b] == R03_BANK:  # its co-funding peak sits at the top of its band
            total[b] = np.where(book > 0, book / hi, total[b])
        total[b] = np.maximum(total[b], book / hi)
        total[b, banded] = np.where(
            book[banded] > 0, np.minimum(total[b, banded], book[banded] / lo), total[b, banded]
        )
        if bank_ids[b] not in planted:
            # Only the planted banks breach R02 and R03: the limits win over the band (they
            # can only clash on a small, lumpy demo).
            r03, r02 = _limit_floor(exp, b, quarters, latest, window)
            if (np.maximum(r03, r02 / tier1[b]) > total[b]).any():
                tier1[b] = TIER1_RATIO[1]  # a lumpy co-funded book: hold more capital first
            total[b] = np.maximum(total[b], np.maximum(r03, r02 / tier1[b]))
        sized[b] = True
    growth = QUARTERLY_GROWTH ** np.arange(n_q)
    for b in np.flatnonzero(~sized):
        peers = sized & (types == types[b])
        peers = peers if peers.any() else sized
        size = np.median(total[peers] / growth, axis=0) if peers.any() else EMPTY_MARKET_SIZE
        total[b] = size * growth * noise[b]
    frame = pd.DataFrame(
        {
            "bank_id": np.repeat(bank_ids, n_q),
            "period_end": np.tile(tl.month_end[quarters], n_banks),
            "tier1_net_capital_cny": np.round((total * tier1).ravel(), 2),
            "total_loans_cny": np.round(total.ravel(), 2),
        }
    )
    return frame

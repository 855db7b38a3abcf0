"""Borrowing cost: the comprehensive APR of each loan, who guarantees it, and the APR's split
into bank interest, platform fee, enhancement fee and other fees (all in basis points)."""

from __future__ import annotations

import numpy as np

from lendwatch.demo.entities import ENHANCERS, FINTECH, GIANT, TAIL, Entities
from lendwatch.demo.loans import Loans
from lendwatch.demo.timeline import Timeline

CAP_BP = 2400  # the 24 % comprehensive-cost ceiling
# Principal share of each month's originations priced above 24 %: about a fifth until 2025-03,
# falling through 2025-04…09, then 2 % (violations) from 2025-10.
HIGH_SHARE = (("2020-01", 0.24), ("2022-12", 0.22), ("2024-01", 0.205), ("2024-12", 0.20),
              ("2025-03", 0.19), ("2025-09", 0.06))  # fmt: skip
HIGH_SHARE_AFTER_RULE = 0.02
SCORE_BASE = np.array([0.0, 1.8, 2.8])  # propensity of a kind's loans to be priced high
GUARANTEE_FROM_TO = np.array([[0.28, 0.12], [0.50, 0.30], [0.50, 0.40]])
HIGH_COST_GUARANTEE = np.array([0.70, 0.55, 0.75])  # loans above 20 %: mostly guaranteed
POOL = np.array([6, 7, 8])  # E07, E08 (credit insurers), E09 (independent guarantor)
POOL_P = np.array([0.4, 0.4, 0.2])
RISK_SERVICE = 9  # E10: unlicensed, used by a few tail platforms


def monthly_high_share(tl: Timeline) -> np.ndarray:
    """Target principal share of originations above 24 % for each month (fraction)."""
    anchors, values = zip(*HIGH_SHARE, strict=True)
    share = np.interp(np.arange(tl.n_months), [tl.index(a) for a in anchors], values)
    share[np.arange(tl.n_months) >= tl.index("2025-10")] = HIGH_SHARE_AFTER_RULE
    return share


def _select_high(loans: Loans, tl: Timeline, score: np.ndarray) -> np.ndarray:
    """Within each month, the highest-scoring loans until their principal reaches the target."""
    order = np.lexsort((-score, loans.month))
    month, principal = loans.month[order], loans.principal[order]
    running = np.cumsum(principal)
    before = np.concatenate([[0.0], running])[np.searchsorted(month, month, side="left")]
    inside = running - before - principal / 2  # principal ranked ahead, plus half of this loan
    totals = np.bincount(loans.month, weights=loans.principal, minlength=tl.n_months)
    high = np.empty(len(order), dtype=bool)
    high[order] = inside < monthly_high_share(tl)[month] * totals[month]
    return high


def _apr(loans: Loans, high: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    n, kind = len(high), loans.kind
    u = rng.random(n)
    low = np.select(
        [loans.business, kind == GIANT, kind == FINTECH],
        [rng.triangular(450, 800, 1400, n), rng.triangular(700, 1200, 1800, n), 1200 + u * 1200],
        1800 + u * 600,
    )
    top = np.select(
        [kind == GIANT, kind == FINTECH], [2401 + u * 600, 2401 + u * 1199], 2601 + u * 999
    )
    return np.where(high, np.floor(top), np.minimum(np.round(low), CAP_BP)).astype(np.int64)


def _enhancer(
    ent: Entities, tl: Timeline, loans: Loans, apr: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    n, kind = len(apr), loans.kind
    progress = np.clip(loans.month / max(tl.index("2026-06"), 1), 0, 1)
    base = (
        GUARANTEE_FROM_TO[kind, 0]
        + (GUARANTEE_FROM_TO[kind, 1] - GUARANTEE_FROM_TO[kind, 0]) * progress
    )
    p = np.where(apr < 900, 0.0, np.where(apr > 2000, HIGH_COST_GUARANTEE[kind], base))
    guaranteed = rng.random(n) < p
    affiliate = np.full(len(ent.platform_ids), -1)
    for position, (_, _, _, _, platform_id) in enumerate(ENHANCERS):
        if platform_id:
            affiliate[list(ent.platform_ids).index(platform_id)] = position
    own = affiliate[loans.platform]
    pool = POOL[np.minimum(np.searchsorted(np.cumsum(POOL_P), rng.random(n), side="right"), 2)]
    u = rng.random(n)
    chosen = np.where((own >= 0) & (u < 0.75), own, pool)
    chosen = np.where((own < 0) & (kind == TAIL) & (u < 0.15), RISK_SERVICE, chosen)
    return np.where(guaranteed, chosen, -1)


def price(ent: Entities, tl: Timeline, loans: Loans, rng: np.random.Generator) -> None:
    """Fill the loans' fee rates (basis points) and enhancer in place."""
    n = len(loans.month)
    score = SCORE_BASE[loans.kind] + rng.standard_normal(n) - 0.6 * loans.business
    apr = _apr(loans, _select_high(loans, tl, score), rng)
    enhancer = _enhancer(ent, tl, loans, apr, rng)
    guaranteed = enhancer >= 0
    # Platforms shift from guarantee fees to technology and service fees after the 2025 notice.
    late = loans.month >= tl.index("2025-07")
    enh_part = np.where(late, rng.uniform(0.35, 0.60, n), rng.uniform(0.60, 0.90, n))
    plain = np.where(late, rng.uniform(0.45, 0.80, n), rng.uniform(0.55, 0.95, n))
    int_part = np.where(guaranteed, rng.uniform(0.40, 0.60, n), plain)
    interest = np.clip(np.round(apr * int_part), 400, 1500).astype(np.int64)
    interest = np.minimum(interest, np.where(guaranteed, apr - 300, apr))
    rest = apr - interest
    enhancement = np.where(
        guaranteed, np.minimum(np.clip(np.round(rest * enh_part), 300, 1200), rest), 0
    )
    enhancement = enhancement.astype(np.int64)
    platform_fee = np.minimum(rest - enhancement, 800)
    other = rest - enhancement - platform_fee
    moved = np.clip(np.minimum(other, 1500 - interest), 0, None)
    loans.interest_bp = interest + moved
    loans.platform_fee_bp = platform_fee
    loans.enhancement_fee_bp = enhancement
    loans.other_fee_bp = other - moved
    loans.enhancer = enhancer

"""Originations: how many loans a month, through which platform and bank, and their terms."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lendwatch.contract import PROVINCES
from lendwatch.demo.entities import R02_BANK_PLATFORM, R03_BANK, Entities
from lendwatch.demo.partnerships import Cooperation
from lendwatch.demo.timeline import Timeline

# Relative monthly origination volume (linear between anchors; COVID dip, 2025-10 retreat).
VOLUME = (("2020-01", 1.0), ("2020-02", 0.55), ("2020-03", 0.75), ("2020-06", 1.0),
          ("2020-12", 1.2), ("2021-12", 1.45), ("2022-12", 1.6), ("2023-12", 1.8),
          ("2024-12", 1.9), ("2025-09", 1.9), ("2025-10", 1.65), ("2026-06", 1.7))  # fmt: skip
SEASON = np.array([1.0, 0.88, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.08, 1.04])
# Kind weight drift: giants gain, the tail shrinks, most sharply after the 2025-10 rules.
KIND_DRIFT_MONTHS = ("2020-01", "2024-06", "2025-09", "2025-12")
KIND_DRIFT = ((0.93, 1.0, 1.0, 1.06), (1.08, 1.0, 1.0, 0.9), (1.3, 1.0, 1.0, 0.85))

CONSUMER_TERMS = np.array([3, 6, 12, 24, 36])
CONSUMER_TERM_P = np.array(
    [[0.30, 0.32, 0.32, 0.05, 0.01], [0.35, 0.33, 0.28, 0.04, 0.0], [0.50, 0.33, 0.16, 0.01, 0.0]]
)
BUSINESS_TERMS = np.array([6, 12, 24, 36])
BUSINESS_TERM_P = np.array([0.3, 0.5, 0.15, 0.05])
CONSUMER_MEDIAN = np.array([7500.0, 6500.0, 4500.0])  # ticket by platform kind, CNY
CONSUMER_SIGMA, BUSINESS_MEDIAN, BUSINESS_SIGMA = 0.75, 20000.0, 0.8
# Business-loan share by platform kind: the long tail is mostly small cash loans, which also keeps
# its small book from swinging with a few large business defaults.
BUSINESS_P, PRIVATE_BANK_BUSINESS = np.array([0.10, 0.10, 0.03]), 0.05
CONSUMER_BULLET_P, BUSINESS_BULLET_P = 0.12, 0.35
CONSUMER_LINE_CAP = 200_000.0
OPEN_ENDED = 10_000  # run-off month index of a platform that stays in the market
# Co-funding: chance a loan is co-funded, by platform kind; falling after the 2021-02 notice.
COFUND_MONTHS = ("2020-01", "2021-02", "2021-12", "2022-01")
COFUND_P = ((0.35, 0.35, 0.15, 0.10), (0.25, 0.25, 0.10, 0.07), (0.10, 0.10, 0.03, 0.0))
COFUND_BANK = {"state_owned": 0.0, "joint_stock": 1.0, "city_commercial": 0.8,
               "rural_commercial": 0.5, "private": 1.0, "foreign": 0.0}  # fmt: skip
# Rough population weights of the 31 mainland provinces, for national lenders' borrowers.
POPULATION = {"CN-GD": 127, "CN-SD": 102, "CN-HA": 99, "CN-JS": 85, "CN-SC": 84, "CN-HE": 74,
              "CN-HN": 66, "CN-ZJ": 66, "CN-AH": 61, "CN-HB": 58, "CN-GX": 50, "CN-YN": 47,
              "CN-JX": 45, "CN-LN": 42, "CN-FJ": 42, "CN-SN": 40, "CN-GZ": 39, "CN-SX": 35,
              "CN-CQ": 32, "CN-HL": 31, "CN-XJ": 26, "CN-GS": 25, "CN-NM": 24, "CN-SH": 25,
              "CN-JL": 24, "CN-BJ": 22, "CN-TJ": 14, "CN-HI": 10, "CN-NX": 7, "CN-QH": 6,
              "CN-XZ": 4}  # fmt: skip


@dataclass
class Loans:
    """One entry per loan, in loan_id order (origination date, then a random tie-break)."""

    month: np.ndarray  # month index of origination
    date: np.ndarray  # datetime64[D]
    bank: np.ndarray
    platform: np.ndarray
    kind: np.ndarray
    business: np.ndarray  # bool
    bullet: np.ndarray  # bool
    term: np.ndarray
    principal: np.ndarray
    credit_line: np.ndarray
    bank_share: np.ndarray
    province: np.ndarray  # index into contract.PROVINCES
    area: np.ndarray  # 0 urban, 1 county, 2 rural
    borrower: np.ndarray
    run_off: np.ndarray  # month index by which the loan is closed (its platform's run-off)
    partner_end: np.ndarray  # month index in which its partnership ends (or OPEN_ENDED)
    # Filled by pricing: rates in basis points and the enhancer (-1: none).
    interest_bp: np.ndarray | None = None
    platform_fee_bp: np.ndarray | None = None
    enhancement_fee_bp: np.ndarray | None = None
    other_fee_bp: np.ndarray | None = None
    enhancer: np.ndarray | None = None

    @property
    def apr_bp(self) -> np.ndarray:
        """Comprehensive APR of each loan in basis points."""
        return self.interest_bp + self.platform_fee_bp + self.enhancement_fee_bp + self.other_fee_bp


def _interp(tl: Timeline, anchors: tuple[str, ...], values: tuple[float, ...]) -> np.ndarray:
    return np.interp(np.arange(tl.n_months), [tl.index(a) for a in anchors], values)


def expected_balance_months(kind: int) -> float:
    """Expected Σ of month-end balances of one loan of a platform kind, CNY-months (approx.)."""
    consumer_p = float(CONSUMER_TERM_P[kind] @ ((CONSUMER_TERMS + 1) / 2))
    business_p = float(
        BUSINESS_TERM_P
        @ ((BUSINESS_TERMS + 1) / 2 * (1 - BUSINESS_BULLET_P) + BUSINESS_TERMS * BUSINESS_BULLET_P)
    )
    consumer = CONSUMER_MEDIAN[kind] * np.exp(CONSUMER_SIGMA**2 / 2) * consumer_p
    business = BUSINESS_MEDIAN * np.exp(BUSINESS_SIGMA**2 / 2) * business_p
    return float((1 - BUSINESS_P[kind]) * consumer + BUSINESS_P[kind] * business)


def run_off_months(ent: Entities, tl: Timeline) -> np.ndarray:
    """Month index of each platform's run-off end (OPEN_ENDED for platforms that stay)."""
    ends = ent.platform_run_off
    return np.where(np.isnat(ends), OPEN_ENDED, tl.month_of(ends))


def monthly_counts(tl: Timeline, loans: int) -> np.ndarray:
    """Loans originated in each month, summing exactly to `loans` (largest remainders)."""
    anchors, values = zip(*VOLUME, strict=True)
    months = np.arange(tl.n_months)
    volume = _interp(tl, anchors, values) * SEASON[months % 12]
    exact = loans * volume / volume.sum()
    counts = np.floor(exact).astype(np.int64)
    extra = np.argsort(-(exact - counts), kind="stable")[: loans - counts.sum()]
    counts[extra] += 1
    return counts


def pair_weights(ent: Entities, coop: Cooperation, tl: Timeline) -> np.ndarray:
    """Probability of each cooperation pair for a loan of each month: shape (months, pairs)."""
    starts, ends = tl.month_start[: tl.n_months, None], tl.month_end[: tl.n_months, None]
    active = (coop.start[None, :] <= starts) & (np.isnat(coop.end)[None, :] | (coop.end >= ends))
    pull = active * coop.weight[None, :]
    # Summed pair by pair (not a matrix product), so the result never depends on BLAS threads.
    platform_pull = np.zeros((tl.n_months, len(ent.platform_ids)))
    np.add.at(platform_pull, (slice(None), coop.partner), pull)
    within = np.divide(
        pull, platform_pull[:, coop.partner], out=np.zeros_like(pull), where=pull > 0
    )
    kind = ent.platform_kind
    drift = np.stack([_interp(tl, KIND_DRIFT_MONTHS, d) for d in KIND_DRIFT], axis=1)[:, kind]
    ebm = np.array([expected_balance_months(k) for k in range(3)])[kind]
    platform_w = (platform_pull > 0) * ent.platform_share[None, :] * drift / ebm[None, :]
    platform_w /= platform_w.sum(axis=1, keepdims=True)
    return platform_w[:, coop.partner] * within


def _sample_pairs(weights: np.ndarray, month: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    n_pairs = weights.shape[1]
    cumulative = np.cumsum(weights.ravel())
    month_hi = cumulative[(np.arange(weights.shape[0]) + 1) * n_pairs - 1]
    month_lo = np.concatenate([[0.0], month_hi[:-1]])
    target = month_lo[month] + rng.random(len(month)) * (month_hi[month] - month_lo[month])
    cell = np.searchsorted(cumulative, target, side="right")
    last_positive = np.array([np.flatnonzero(row > 0)[-1] for row in weights])
    cell = np.minimum(cell, month * n_pairs + last_positive[month])
    return cell - month * n_pairs


def originate(
    ent: Entities, coop: Cooperation, tl: Timeline, loans: int, rng: np.random.Generator
) -> Loans:
    """Every loan's origination month, day, bank, platform and contract terms."""
    month = np.repeat(np.arange(tl.n_months), monthly_counts(tl, loans))
    pair = _sample_pairs(pair_weights(ent, coop, tl), month, rng)
    dates = tl.month_start[month] + (rng.random(loans) * tl.days_in_month[month]).astype(np.int64)
    order = np.lexsort((rng.random(loans), dates))
    month, pair, dates = month[order], pair[order], dates[order]
    bank, platform = coop.bank[pair], coop.partner[pair]
    kind = ent.platform_kind[platform]
    bank_types = ent.banks["bank_type"].to_numpy()[bank]
    business = rng.random(loans) < BUSINESS_P[kind] + PRIVATE_BANK_BUSINESS * (
        bank_types == "private"
    )
    term, bullet = _terms(kind, business, rng)
    # A leaving platform's last loans are written to mature by its run-off month.
    run_off = run_off_months(ent, tl)[platform]
    term = np.minimum(term, np.maximum(run_off - month, 1))
    principal, line = _tickets(kind, business, rng)
    province, area = _borrowers(ent, tl, bank, month, rng)
    return Loans(
        month=month,
        date=dates,
        bank=bank,
        platform=platform,
        kind=kind,
        business=business,
        bullet=bullet,
        term=term,
        principal=principal,
        credit_line=line,
        bank_share=_bank_share(ent, tl, bank, platform, kind, month, rng),
        province=province,
        area=area,
        borrower=rng.integers(1, int(loans * 0.7) + 2, loans),
        run_off=run_off,
        partner_end=np.where(np.isnat(coop.end[pair]), OPEN_ENDED, tl.month_of(coop.end[pair])),
    )


def _terms(
    kind: np.ndarray, business: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    u = rng.random(len(kind))
    consumer_cdf = np.cumsum(CONSUMER_TERM_P, axis=1)[kind]
    consumer_term = CONSUMER_TERMS[np.minimum((u[:, None] > consumer_cdf).sum(axis=1), 4)]
    business_term = BUSINESS_TERMS[
        np.searchsorted(np.cumsum(BUSINESS_TERM_P), u, side="right").clip(max=3)
    ]
    term = np.where(business, business_term, consumer_term)
    v = rng.random(len(kind))
    # Before the 2022-07-17 rule some consumer bullets ran over 12 months; planting adds later ones.
    bullet = np.where(business, v < BUSINESS_BULLET_P, (term <= 12) & (v < CONSUMER_BULLET_P))
    return term, bullet


def _tickets(
    kind: np.ndarray, business: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    z = rng.standard_normal(len(kind))
    consumer = np.clip(CONSUMER_MEDIAN[kind] * np.exp(CONSUMER_SIGMA * z), 500, 150_000)
    biz = np.clip(BUSINESS_MEDIAN * np.exp(BUSINESS_SIGMA * z), 2_000, 800_000)
    principal = np.round(np.where(business, biz, consumer), -2)
    multiple = rng.uniform(1.0, np.where(business, 3.0, 5.0))
    line = np.ceil(principal * multiple / 1000) * 1000
    line = np.where(business, line, np.minimum(line, CONSUMER_LINE_CAP))
    return principal, np.maximum(line, principal)


def _bank_share(
    ent: Entities,
    tl: Timeline,
    bank: np.ndarray,
    platform: np.ndarray,
    kind: np.ndarray,
    month: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Bank-funded share: < 1 for co-funded loans (partner share in whole percent)."""
    n = len(bank)
    bank_ids = ent.banks["bank_id"].to_numpy()[bank]
    type_mult = np.array([COFUND_BANK[t] for t in ent.banks["bank_type"]])[bank]
    after = month >= tl.index("2022-01")
    by_kind = np.stack([_interp(tl, COFUND_MONTHS, values) for values in COFUND_P])
    p = by_kind[kind, month] * type_mult
    partner_pct = rng.integers(30, 51, n)
    low = ~after & (rng.random(n) < 0.55)  # below 30 % was common before 2022
    partner_pct = np.where(low, rng.integers(5, 30, n), partner_pct)
    planted_window = after & (month < tl.index("2024-01"))
    group = ent.platform_group[platform]
    for bank_id, (platform_id, planted_p) in R02_BANK_PLATFORM.items():
        target = ent.platform_group[list(ent.platform_ids).index(platform_id)]
        mine = (bank_ids == bank_id) & (group == target) & after
        p = np.where(mine, np.where(planted_window, planted_p, 0.03), p)
        partner_pct = np.where(mine, rng.integers(30, 41, n), partner_pct)
    r03 = (bank_ids == R03_BANK) & after
    p = np.where(r03, np.where(planted_window, 1.0, 0.04), p)
    partner_pct = np.where(r03 & planted_window, 30, partner_pct)
    cofunded = rng.random(n) < p
    return np.where(cofunded, (100 - partner_pct) / 100, 1.0)


def _borrowers(
    ent: Entities, tl: Timeline, bank: np.ndarray, month: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    n = len(bank)
    weights = np.array([POPULATION.get(code, 0) for code in PROVINCES], dtype=float)
    national = np.searchsorted(np.cumsum(weights / weights.sum()), rng.random(n), side="right")
    national = np.minimum(national, len(PROVINCES) - 1)
    position = {code: i for i, code in enumerate(PROVINCES)}
    home = np.array([position[code] for code in ent.banks["province"]])[bank]
    types = ent.banks["bank_type"].to_numpy()[bank]
    online = ent.banks["is_online_only"].to_numpy()[bank]
    local = np.isin(types, ["city_commercial", "rural_commercial"]) & ~online
    home_p = np.where(local, np.where(month >= tl.index("2022-01"), 1.0, 0.8), 0.0)
    home_p = np.where((types == "private") & ~online, 0.7, home_p)
    province = np.where(rng.random(n) < home_p, home, national)
    years = month / 12
    reach = np.minimum(0.20 + 0.025 * years, 0.40) + 0.2 * (types == "rural_commercial")
    reach += 0.05 * (types == "city_commercial")
    u = rng.random(n)
    area = np.where(u < reach * 0.6, 1, np.where(u < reach, 2, 0))
    return province, area

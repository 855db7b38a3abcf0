"""Monthly performance: each loan's life from its origination month end to pay-off, charge-off,
compensation by its guarantor, or the as-of month, as one row per month end.

A loan falls behind at most twice: once in a cured episode (one to three months behind, then
current again) and once for good (charged off 6–13 months later, or compensated by its
guarantor before 90 DPD). The mix of the two sets the roll rates between DPD buckets. Every
loan ends: at maturity, by prepayment, in default, or when its leaving platform's book is
closed at the run-off month."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lendwatch.demo.entities import EMPTY_CLASSIFICATION_BANKS, UNDER_REPORTING_BANKS, Entities
from lendwatch.demo.loans import Loans
from lendwatch.demo.timeline import Timeline

ACTIVE, PAID_OFF, CHARGED_OFF, COMPENSATED = 0, 1, 2, 3
STATUS_NAMES = ("active", "paid_off", "charged_off", "compensated")
NO_CLASS = -1
# Monthly hazard of a performing loan starting to roll to default, by platform kind.
BASE_HAZARD = np.array([0.0032, 0.0085, 0.0340])
# (first month, last month or "", multiplier): COVID bump, 2024–25 deterioration. The COVID
# multipliers are steep because the 2020 books are young (the data start in 2020-01): they
# lift DPD30+ and DPD90+ in 2020 to about 1.5 times their 2021 level. The long tail's further
# rise after the 2025-10 rules needs no multiplier of its own: its book shrinks (exits, cut
# partnerships, fewer new loans) while the arrears already in it stay.
HAZARD_PERIODS = (("2020-02", "2020-07", 3.0), ("2020-08", "2020-12", 1.6),
                  ("2024-01", "2024-12", 1.2), ("2025-01", "", 1.3))  # fmt: skip
CHARGE_OFF_MONTHS = np.array([6, 7, 8, 9, 10, 12, 13])  # months delinquent until written off
CHARGE_OFF_P = np.array([0.30, 0.25, 0.15, 0.10, 0.08, 0.07, 0.05])
# Months behind before a cured episode ends: cured from 1–30, 31–60 or 61–90 DPD.
EPISODE_MONTHS_P = np.array([0.66, 0.27, 0.07])
# Months from a guaranteed loan's first missed instalment to the guarantor's payment (before the
# loan would reach 90 DPD).
COMPENSATION_MONTHS_P = np.array([0.10, 0.60, 0.30])
NEVER = 10_000
DPD90_MONTHS = 3  # months from a first missed instalment until the loan is more than 90 DPD


@dataclass(frozen=True)
class Performance:
    """One entry per loan and month end, ordered by loan then month."""

    loan: np.ndarray
    month: np.ndarray
    balance: np.ndarray  # CNY, rounded to 0.01
    dpd: np.ndarray
    classification: np.ndarray  # 0 normal … 4 loss, NO_CLASS when not reported
    status: np.ndarray  # ACTIVE, PAID_OFF, CHARGED_OFF, COMPENSATED


def cumulative_hazard(tl: Timeline) -> np.ndarray:
    """Σ of monthly hazards up to each calendar month, by platform kind: shape (3, months)."""
    length = len(tl.month_end)
    months = np.arange(length)
    factor = np.ones(length)
    for first, last, multiplier in HAZARD_PERIODS:
        until = tl.index(last) if last else length
        factor[(months >= tl.index(first)) & (months <= until)] = multiplier
    return np.cumsum(BASE_HAZARD[:, None] * factor[None, :], axis=1)


def _default_month(
    tl: Timeline, ent: Entities, loans: Loans, rng: np.random.Generator
) -> np.ndarray:
    """Months after origination of the first missed instalment that never cures (or NEVER)."""
    apr = loans.apr_bp / 10_000
    types = ent.banks["bank_type"].to_numpy()[loans.bank]
    scale = np.exp(2.5 * (apr - 0.15)) * np.where(loans.business, 1.2, 1.0)
    scale *= np.where(np.isin(types, ["city_commercial", "rural_commercial"]), 1.2, 1.0)
    cumulative = cumulative_hazard(tl)
    k_default = np.full(len(apr), NEVER)
    draws = rng.exponential(1.0, len(apr)) / scale
    for kind in range(3):
        mine = np.flatnonzero(loans.kind == kind)
        curve = cumulative[kind]
        target = curve[loans.month[mine]] + draws[mine]
        hit = np.searchsorted(curve, target, side="left")
        k_default[mine] = np.where(hit < len(curve), np.maximum(hit - loans.month[mine], 1), NEVER)
    return k_default


def _months(p: np.ndarray, u: np.ndarray) -> np.ndarray:
    """1, 2, … len(p) months with probabilities p, from uniform draws u."""
    return 1 + np.minimum(np.searchsorted(np.cumsum(p), u, side="right"), len(p) - 1)


def _annuity_balance(
    principal: np.ndarray, monthly_rate: np.ndarray, term: np.ndarray, paid: np.ndarray
) -> np.ndarray:
    """Outstanding principal of an annuity loan after `paid` of its `term` instalments."""
    growth_term = (1 + monthly_rate) ** term
    return principal * (growth_term - (1 + monthly_rate) ** paid) / (growth_term - 1)


def simulate(tl: Timeline, ent: Entities, loans: Loans, rng: np.random.Generator) -> Performance:
    """Every loan's month-end rows up to its end or the as-of month."""
    n = len(loans.month)
    term = loans.term
    k_default = _default_month(tl, ent, loans, rng)
    prepay_p = np.where(loans.business, 0.02, np.where(loans.bullet, 0.05, 0.03))
    k_prepay = rng.geometric(prepay_p)
    defaults = (k_default <= term) & (k_default <= k_prepay)
    guaranteed = loans.enhancer >= 0
    work_out = np.where(
        guaranteed,
        _months(COMPENSATION_MONTHS_P, rng.random(n)),
        rng.choice(CHARGE_OFF_MONTHS, size=n, p=CHARGE_OFF_P),
    )
    k_end = np.where(defaults, k_default + work_out, np.minimum(k_prepay, term))
    # A leaving platform's book is closed by its run-off month; a loan closed before it falls
    # behind is repaid, one already behind is written off (or paid by its guarantor).
    k_end = np.minimum(k_end, loans.run_off - loans.month)
    # A bank that has ended a partnership disposes of that partner's loans past 90 DPD (written
    # off or sold in a batch) at the partnership's end, and of later ones as they pass 90 DPD,
    # instead of carrying them to the usual charge-off: otherwise the book left to run off
    # would soon be mostly arrears.
    disposal = np.maximum(k_default + DPD90_MONTHS, loans.partner_end - loans.month)
    k_end = np.where(defaults & ~guaranteed, np.minimum(k_end, disposal), k_end)
    defaults &= k_default < k_end
    end_status = np.where(defaults, np.where(guaranteed, COMPENSATED, CHARGED_OFF), PAID_OFF)
    # A cured episode: one to three months behind, then back to current.
    cure_p = np.minimum(0.5, 2.5 * BASE_HAZARD[loans.kind])
    k_episode = rng.geometric(cure_p)
    episode_len = _months(EPISODE_MONTHS_P, rng.random(n))
    stop = np.where(defaults, k_default, k_end)
    has_episode = k_episode + episode_len - 1 < stop
    due_day = (loans.date - tl.month_start[loans.month]).astype(np.int64) + 1

    def first_dpd(k: np.ndarray) -> np.ndarray:
        """Days past due at the month end of a first missed instalment k months in."""
        days = tl.days_in_month[np.minimum(loans.month + k, len(tl.days_in_month) - 1)]
        return np.clip(days - np.minimum(due_day, days) + 1, 1, 30)

    dpd_default, dpd_episode = first_dpd(np.minimum(k_default, term)), first_dpd(k_episode)

    k_last = np.minimum(k_end, tl.n_months - 1 - loans.month)
    rows = k_last + 1
    loan = np.repeat(np.arange(n), rows)
    k = np.arange(rows.sum()) - np.repeat(np.cumsum(rows) - rows, rows)

    late = defaults[loan] & (k >= k_default[loan])
    dpd = np.where(late, dpd_default[loan] + 30 * (k - k_default[loan]), 0)
    behind = has_episode[loan] & (k >= k_episode[loan]) & (k < k_episode[loan] + episode_len[loan])
    dpd = np.where(behind, dpd_episode[loan] + 30 * (k - k_episode[loan]), dpd)
    terminal = k == k_end[loan]
    status = np.where(terminal, end_status[loan], ACTIVE).astype(np.int8)
    dpd = np.where(status == PAID_OFF, 0, dpd)

    paid = np.where(late, k_default[loan] - 1, k)
    principal = loans.principal[loan]
    amortised = _annuity_balance(principal, loans.interest_bp[loan] / 120_000, term[loan], paid)
    balance = np.where(loans.bullet[loan], principal, amortised)
    balance = np.where(terminal, 0.0, np.round(np.minimum(balance, principal), 2))

    floor = (dpd > 0).astype(np.int8) + (dpd > 90) + (dpd > 270) + (dpd > 360)
    reported = _reported(
        ent,
        loans,
        tl,
        loan,
        loan_month=loans.month[loan] + k,
        floor=floor,
        active=status == ACTIVE,
        rng=rng,
    )
    return Performance(loan, loans.month[loan] + k, balance, dpd, reported, status)


def _reported(
    ent: Entities,
    loans: Loans,
    tl: Timeline,
    loan: np.ndarray,
    *,
    loan_month: np.ndarray,
    floor: np.ndarray,
    active: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """The bank's reported classification: the floor, except where a few banks under-report
    non-performing loans as special mention or leave the field empty."""
    bank_ids = ent.banks["bank_id"].to_numpy()
    bank = loans.bank[loan]
    under = np.isin(bank, np.flatnonzero(np.isin(bank_ids, UNDER_REPORTING_BANKS)))
    reported = np.where(under & active & (floor >= 2) & (rng.random(len(loan)) < 0.65), 1, floor)
    gap = np.isin(bank, np.flatnonzero(np.isin(bank_ids, EMPTY_CLASSIFICATION_BANKS)))
    empty = (gap & (loan_month < tl.index("2022-01")) & (rng.random(len(loan)) < 0.4)) | (
        rng.random(len(loan)) < 0.0005
    )
    return np.where(empty, NO_CLASS, reported).astype(np.int8)

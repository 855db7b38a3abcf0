"""Which bank works with which platform, from when to when, and when each pair was put on the
bank's published list around the 2025-10-01 deadline."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lendwatch.demo.entities import FINTECH, GIANT, R02_BANK_PLATFORM, TAIL, Entities
from lendwatch.demo.timeline import day

NAT = np.datetime64("NaT", "D")
DEADLINE = day("2025-10-01")
# Bank's appetite for platform business by type (relative volume of its platform book).
APPETITE = {
    "state_owned": 3.0,
    "joint_stock": 8.0,
    "city_commercial": 2.5,
    "rural_commercial": 0.8,
    "private": 4.0,
    "foreign": 0.5,
}
ONLINE_APPETITE = 12.0
# (giants, fintechs, tail platforms) a bank of each type works with: inclusive ranges.
PARTNER_COUNTS = {
    "joint_stock": ((6, 6), (6, 12), (0, 2)),
    "city_commercial": ((2, 4), (2, 5), (1, 3)),
    "rural_commercial": ((1, 2), (1, 3), (1, 3)),
    "private": ((3, 6), (3, 8), (0, 2)),
}
STATE_AND_FOREIGN = {"B03": ("P01",), "B04": ("P01", "P02"), "B05": ("P02",), "B44": ("P03",)}
LATE_LISTED = {("B08", "P02"): "2025-10-20"}  # a big pair listed after the deadline (R07)
NEVER_LISTED_BANK = "B09"  # keeps lending through its largest fintech without listing it
CUT_BANKS = 5  # of the 22 city and rural banks, retreat to at most 3 platforms after 2025-10
KEPT_BY_OTHERS = 4  # the other city and rural banks keep at least this many platforms


@dataclass(frozen=True)
class Cooperation:
    """Bank–partner pairs, one per partner_list row of one role."""

    bank: np.ndarray  # bank index
    partner: np.ndarray  # index into platform_ids (role platform) or ENHANCERS (role enhancer)
    weight: np.ndarray  # the bank's relative pull on the platform's volume
    start: np.ndarray  # datetime64[D]
    end: np.ndarray  # datetime64[D] or NaT
    listed: np.ndarray  # datetime64[D] or NaT
    delisted: np.ndarray  # datetime64[D] or NaT


def _pick(rng: np.random.Generator, pool: np.ndarray, bounds: tuple[int, int]) -> list[int]:
    count = min(int(rng.integers(bounds[0], bounds[1] + 1)), len(pool))
    return sorted(rng.choice(pool, size=count, replace=False).tolist())


def _pairs(ent: Entities, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    kinds = ent.platform_kind
    pools = [np.flatnonzero(kinds == kind) for kind in (GIANT, FINTECH, TAIL)]
    index = {pid: i for i, pid in enumerate(ent.platform_ids)}
    banks, platforms = [], []
    for b, (bank_id, bank_type) in enumerate(ent.banks[["bank_id", "bank_type"]].to_numpy()):
        if bank_type in PARTNER_COUNTS:
            chosen = [
                p
                for pool, n in zip(pools, PARTNER_COUNTS[bank_type], strict=True)
                for p in _pick(rng, pool, n)
            ]
        else:
            chosen = [index[pid] for pid in STATE_AND_FOREIGN.get(bank_id, ())]
        planted, _ = R02_BANK_PLATFORM.get(bank_id, (None, 0.0))
        if planted is not None and index[planted] not in chosen:
            chosen.append(index[planted])
        banks += [b] * len(chosen)
        platforms += chosen
    bank, platform = np.array(banks), np.array(platforms)
    # Every platform needs a partner bank: an orphan goes to a random city or rural bank.
    local = np.flatnonzero(ent.banks["bank_type"].isin(["city_commercial", "rural_commercial"]))
    orphans = np.setdiff1d(np.arange(len(kinds)), platform)
    bank = np.concatenate([bank, rng.choice(local, size=len(orphans))])
    platform = np.concatenate([platform, orphans])
    order = np.lexsort((platform, bank))
    return bank[order], platform[order]


def _random_days(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    span = np.maximum((hi - lo).astype(np.int64), 0)
    return lo + (rng.random(len(lo)) * (span + 1)).astype(np.int64)


def build_cooperation(ent: Entities, rng: np.random.Generator) -> Cooperation:
    """Partner pairs with cooperation dates and listing dates (before any as-of truncation)."""
    bank, platform = _pairs(ent, rng)
    n = len(bank)
    types = ent.banks["bank_type"].to_numpy()
    appetite = np.array([APPETITE[t] for t in types])
    appetite[ent.banks["is_online_only"].to_numpy()] = ONLINE_APPETITE
    appetite *= rng.lognormal(0.0, 0.3, len(types))
    weight = appetite[bank] * rng.lognormal(0.0, 0.6, n)
    bank_ids = ent.banks["bank_id"].to_numpy()
    planted_pairs = {(b, p) for b, (p, _) in R02_BANK_PLATFORM.items()}
    planted = np.array(
        [
            (b, p) in planted_pairs
            for b, p in zip(bank_ids[bank], ent.platform_ids[platform], strict=True)
        ]
    )
    weight[planted] *= 10.0

    entry, end = ent.platform_entry[platform], ent.platform_exit[platform].copy()
    # A pair starts at least 90 days before its platform leaves the market.
    latest = np.where(np.isnat(end), day("2024-06-30"), end - np.timedelta64(90, "D"))
    latest = np.minimum(latest, day("2024-06-30"))
    early = (rng.random(n) < 0.7) | planted | (types[bank] == "state_owned")
    start = np.where(
        (early & (entry < day("2019-12-01"))) | (latest < day("2020-01-01")),
        _random_days(rng, entry, np.minimum(latest, day("2019-12-31"))),
        _random_days(rng, np.maximum(entry, day("2020-01-01")), latest),
    )
    churn = (rng.random(n) < 0.08) & ~planted & (ent.platform_kind[platform] != GIANT)
    churn_end = _random_days(rng, np.full(n, day("2021-01-01")), np.full(n, day("2024-12-31")))
    churn &= churn_end > start + np.timedelta64(180, "D")
    end[churn] = churn_end[churn]
    cut = _cut_pairs(ent, rng, bank, platform, weight, start, end)
    cut_days = _random_days(rng, np.full(n, day("2025-09-20")), np.full(n, day("2025-11-30")))
    end[cut] = np.where(np.isnat(end[cut]), cut_days[cut], np.minimum(end[cut], cut_days[cut]))
    bank, platform, weight, start, end = _top_up(
        ent, rng, appetite, bank, platform, weight, start, end, cut
    )
    listed, delisted = _listing(ent, rng, bank, platform, weight, end)
    return Cooperation(bank, platform, weight, start, end, listed, delisted)


def _top_up(
    ent: Entities,
    rng: np.random.Generator,
    appetite: np.ndarray,
    bank: np.ndarray,
    platform: np.ndarray,
    weight: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    cut: np.ndarray,
) -> tuple[np.ndarray, ...]:
    """Give each city or rural bank that is not retreating at least KEPT_BY_OTHERS open
    platform partnerships (new ones with giants or fintechs, started 2020–2024), so only the
    retreating banks end with three or fewer."""
    types = ent.banks["bank_type"].to_numpy()
    steady = np.isin(types, ["city_commercial", "rural_commercial"])
    steady[np.unique(bank[cut])] = False
    lasting = np.flatnonzero((ent.platform_kind != TAIL) & np.isnat(ent.platform_exit))
    added_bank, added_platform = [], []
    for b in np.flatnonzero(steady):
        open_now = platform[(bank == b) & np.isnat(end)]
        missing = KEPT_BY_OTHERS - len(open_now)
        if missing > 0:
            pool = np.setdiff1d(lasting, platform[bank == b])
            added_platform += rng.choice(pool, size=missing, replace=False).tolist()
            added_bank += [b] * missing
    k = len(added_bank)
    bank = np.concatenate([bank, np.array(added_bank, dtype=int)])
    platform = np.concatenate([platform, np.array(added_platform, dtype=int)])
    weight = np.concatenate([weight, appetite[added_bank] * rng.lognormal(0.0, 0.6, k)])
    start = np.concatenate(
        [start, _random_days(rng, np.full(k, day("2020-01-01")), np.full(k, day("2024-06-30")))]
    )
    end = np.concatenate([end, np.full(k, NAT)])
    order = np.lexsort((platform, bank))
    return bank[order], platform[order], weight[order], start[order], end[order]


def _cut_pairs(
    ent: Entities,
    rng: np.random.Generator,
    bank: np.ndarray,
    platform: np.ndarray,
    weight: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
) -> np.ndarray:
    """Pairs ended after 2025-09 because their small bank retreats to its top 3 platforms."""
    alive = (start < DEADLINE) & (np.isnat(end) | (end > DEADLINE))
    types = ent.banks["bank_type"].to_numpy()[bank]
    local = np.isin(types, ["city_commercial", "rural_commercial"]) & alive
    counts = np.bincount(bank[local], minlength=len(ent.banks))
    candidates = np.flatnonzero(counts >= 5)
    chosen = rng.choice(candidates, size=min(CUT_BANKS, len(candidates)), replace=False)
    cut = np.zeros(len(bank), dtype=bool)
    pull = weight * ent.platform_share[platform]
    for b in chosen:
        mine = np.flatnonzero(local & (bank == b))
        cut[mine[np.argsort(-pull[mine])[3:]]] = True
    return cut


def _listing(
    ent: Entities,
    rng: np.random.Generator,
    bank: np.ndarray,
    platform: np.ndarray,
    weight: np.ndarray,
    end: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Listing and delisting days; pairs that end after the deadline (cut by a small bank or
    an exiting platform) are mostly never listed."""
    n = len(bank)
    alive = np.isnat(end) | (end >= DEADLINE - np.timedelta64(10, "D"))
    leaving = alive & ~np.isnat(end)
    u = rng.random(n)
    early_day = day("2025-07-01") + rng.integers(0, 93, n)
    late_day = DEADLINE + rng.integers(6, 80, n)
    listed = np.where(u < 0.88, early_day, np.where(u < 0.96, late_day, NAT))
    listed = np.where(leaving, np.where(u < 0.35, early_day, NAT), listed)
    listed = np.where(alive, listed, NAT)
    bank_ids = ent.banks["bank_id"].to_numpy()[bank]
    for (bank_id, platform_id), when in LATE_LISTED.items():
        listed[(bank_ids == bank_id) & (ent.platform_ids[platform] == platform_id)] = day(when)
    fintech = np.flatnonzero(
        (bank_ids == NEVER_LISTED_BANK)
        & alive
        & np.isnat(end)
        & (ent.platform_kind[platform] == FINTECH)
    )
    if len(fintech):
        listed[fintech[np.argmax(weight[fintech] * ent.platform_share[platform[fintech]])]] = NAT
    delisted = np.where(~np.isnat(listed) & ~np.isnat(end) & (end >= listed), end, NAT)
    listed = np.where(~np.isnat(listed) & ~np.isnat(end) & (end < listed), NAT, listed)
    return listed, delisted


def enhancer_cooperation(
    bank: np.ndarray,
    enhancer: np.ndarray,
    dates: np.ndarray,
    as_of: np.datetime64,
    rng: np.random.Generator,
) -> Cooperation:
    """Bank–enhancer pairs as the loans use them: cooperation from shortly before the first
    guaranteed loan; ended soon after the last one when that was long before the as-of day and
    before mid-2025; listed like platforms."""
    used = np.flatnonzero(enhancer >= 0)
    key = bank[used] * 100 + enhancer[used]
    order = used[np.lexsort((dates[used], key))]
    sorted_key = bank[order] * 100 + enhancer[order]
    pairs, first = np.unique(sorted_key, return_index=True)
    last = np.append(first[1:], len(order)) - 1
    first_day, last_day = dates[order[first]], dates[order[last]]
    n = len(pairs)
    start = first_day - rng.integers(0, 90, n)
    ended = last_day < min(day("2025-06-30"), as_of - np.timedelta64(120, "D"))
    end = np.where(ended, last_day + rng.integers(1, 60, n), NAT)
    u = rng.random(n)
    listed = np.where(
        u < 0.88,
        day("2025-07-01") + rng.integers(0, 93, n),
        np.where(u < 0.95, DEADLINE + rng.integers(6, 80, n), NAT),
    )
    listed = np.where(ended, NAT, np.maximum(listed, start))
    return Cooperation(
        bank=pairs // 100,
        partner=pairs % 100,
        weight=np.zeros(n),
        start=start,
        end=end,
        listed=listed,
        delisted=np.full(n, NAT),
    )

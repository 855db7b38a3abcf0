"""The calibrated demo dataset end to end: institutions → loans → performance → financials →
penalties → files. Each stage draws from its own generator seeded from (seed, stage)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

from lendwatch.contract import PROVINCES
from lendwatch.demo import tables
from lendwatch.demo.entities import (
    R02_BANK_PLATFORM,
    R03_BANK,
    UNDER_REPORTING_BANKS,
    Entities,
    build_entities,
)
from lendwatch.demo.financials import build_financials, exposures
from lendwatch.demo.loans import Loans, originate
from lendwatch.demo.partnerships import (
    DEADLINE,
    Cooperation,
    build_cooperation,
    enhancer_cooperation,
)
from lendwatch.demo.penalties import build_penalties
from lendwatch.demo.performance import simulate
from lendwatch.demo.plants import local_lending, plant
from lendwatch.demo.pricing import CAP_BP, price
from lendwatch.demo.timeline import build_timeline, day
from lendwatch.demo.writer import FileFormat, write_table

Progress = Callable[[str, float], None]
STAGES = ("cooperation", "loans", "pricing", "plants", "performance", "financials", "penalties",
          "enhancers")  # fmt: skip
# Share of the run spent before writing each table (writing the performance file dominates).
WRITE_STEPS = (("banks", 0.70), ("bank_financials", 0.70), ("partners", 0.70),
               ("ownership", 0.70), ("partner_list", 0.70), ("loans", 0.72),
               ("loan_performance", 0.80), ("penalties", 0.98))  # fmt: skip


def _silent(label: str, fraction: float) -> None:
    """No progress display."""


def _rng(seed: int, stage: str) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([seed, STAGES.index(stage)]))


def _finding_boosts(ent: Entities, coop: Cooperation, loans: Loans) -> dict[int, dict[str, float]]:
    """Banks with planted findings and the penalty causes those findings make likely."""
    boosts: dict[int, dict[str, float]] = {}
    bank_ids = list(ent.banks["bank_id"])

    def add(banks: np.ndarray | list[int], category: str, factor: float) -> None:
        """Make `category` likelier (× factor) in penalties of each of `banks`."""
        for b in np.unique(np.asarray(banks, dtype=int)):
            boosts.setdefault(int(b), {})[category] = factor

    for bank_id in [*R02_BANK_PLATFORM, R03_BANK]:
        add([bank_ids.index(bank_id)], "imprudent_internet_lending", 2.0)
        add([bank_ids.index(bank_id)], "partner_management", 2.0)
    add([bank_ids.index(b) for b in UNDER_REPORTING_BANKS], "misclassification", 5.0)
    home = ent.banks["province"].to_numpy()
    local = local_lending(ent, loans) & (loans.date >= day("2022-01-01"))
    out_of_province = local & (np.array(PROVINCES)[loans.province] != home[loans.bank])
    add(loans.bank[out_of_province], "cross_region", 5.0)
    consumer_late = ~loans.business & (loans.date >= day("2022-07-17"))
    long_bullet = consumer_late & loans.bullet & (loans.term > 12)
    add(
        loans.bank[(consumer_late & (loans.credit_line > 200_000)) | long_bullet],
        "credit_limit_term",
        4.0,
    )
    after_rule = loans.date >= DEADLINE
    over_cap = np.bincount(
        loans.bank[after_rule & (loans.apr_bp > CAP_BP)], minlength=len(bank_ids)
    )
    worst = np.argsort(-over_cap, kind="stable")[:5]
    add(worst[over_cap[worst] > 0], "excessive_cost", 3.0)
    unlisted = np.isnat(coop.listed) | (coop.listed > DEADLINE)
    alive = np.isnat(coop.end) | (coop.end > DEADLINE)
    add(coop.bank[unlisted & alive], "list_not_published", 3.0)
    return boosts


def generate(
    out: Path,
    *,
    loans: int,
    seed: int,
    as_of: date,
    file_format: FileFormat = "csv",
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the 8 contract tables of the demo market to `out`; row counts by table name.

    `as_of` is any day of the last month of data. The same seed and as-of month give
    byte-identical files. A file of the other format for the same table is replaced.
    """
    if loans < 1:
        raise ValueError(f"loans must be at least 1 (got {loans}).")
    if seed < 0:
        raise ValueError(f"seed must be zero or more (got {seed}).")
    report = progress or _silent
    tl = build_timeline(as_of)
    report("Building banks, platforms and partner lists", 0.0)
    ent = build_entities()
    coop = build_cooperation(ent, _rng(seed, "cooperation"))
    report("Originating loans", 0.05)
    book = originate(ent, coop, tl, loans, _rng(seed, "loans"))
    price(ent, tl, book, _rng(seed, "pricing"))
    plant(ent, book, _rng(seed, "plants"))
    report("Simulating monthly loan performance", 0.25)
    perf = simulate(tl, ent, book, _rng(seed, "performance"))
    report("Sizing bank financials and penalties", 0.55)
    financials = build_financials(tl, ent, exposures(tl, ent, book, perf), _rng(seed, "financials"))
    partners_of = {
        int(b): sorted({ent.platform_ids[p] for p in coop.partner[coop.bank == b]})
        for b in np.unique(coop.bank)
    }
    penalties = build_penalties(
        tl, ent, _finding_boosts(ent, coop, book), partners_of, _rng(seed, "penalties")
    )
    enhancer_pairs = enhancer_cooperation(
        book.bank, book.enhancer, book.date, tl.as_of, _rng(seed, "enhancers")
    )
    report("Preparing tables", 0.65)
    all_tables = tables.reference_tables(ent, financials)
    all_tables["partner_list"] = tables.partner_list(tl, ent, coop, enhancer_pairs)
    all_tables["loans"] = tables.loans_table(ent, book)
    all_tables["loan_performance"] = tables.performance_table(
        tl, all_tables["loans"]["loan_id"], perf
    )
    all_tables["penalties"] = tables.penalties_table(penalties)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, fraction in WRITE_STEPS:
        report(f"Writing {name}.{file_format}", fraction)
        counts[name] = write_table(out, name, all_tables.pop(name), file_format)
    report("Demo dataset written", 1.0)
    return counts

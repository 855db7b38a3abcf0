"""The generator's arrays as the eight contract tables (arrow columns by contract name), with
every date after the as-of month end left out."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from lendwatch.contract import BORROWER_AREAS, CLASSIFICATIONS, PROVINCES
from lendwatch.demo.entities import ENHANCERS, Entities
from lendwatch.demo.loans import Loans
from lendwatch.demo.partnerships import NAT, Cooperation
from lendwatch.demo.performance import STATUS_NAMES, Performance
from lendwatch.demo.timeline import Timeline
from lendwatch.demo.writer import days, ids, labels

Columns = dict[str, pa.Array]
PENALTY_TEXT = (
    "penalty_id",
    "doc_no",
    "regulator",
    "regulator_level",
    "bank_id",
    "institution_name",
    "cause",
    "cause_categories",
    "partner_id",
    "source_url",
)


def _frame(frame: pd.DataFrame, dates: tuple[str, ...] = ()) -> Columns:
    columns: Columns = {}
    for name in frame.columns:
        values = frame[name]
        if name in dates:
            columns[name] = days(values.to_numpy(dtype="datetime64[D]"))
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            text = values.astype(object).to_numpy()
            columns[name] = pa.array([v if v else None for v in text], pa.string())
        else:
            columns[name] = pa.array(values.to_numpy())
    return columns


def reference_tables(ent: Entities, financials: pd.DataFrame) -> dict[str, Columns]:
    """banks, partners, ownership and bank_financials."""
    return {
        "banks": _frame(ent.banks),
        "bank_financials": _frame(financials, dates=("period_end",)),
        "partners": _frame(ent.partners),
        "ownership": _frame(ent.ownership),
    }


def partner_list(
    tl: Timeline, ent: Entities, coop: Cooperation, enhancer_pairs: Cooperation
) -> Columns:
    """partner_list: platform pairs then enhancer pairs, as known at the as-of month end."""
    partner_ids = np.concatenate([ent.platform_ids, [e[0] for e in ENHANCERS]])
    n_platforms = len(ent.platform_ids)
    bank = np.concatenate([coop.bank, enhancer_pairs.bank])
    partner = np.concatenate([coop.partner, enhancer_pairs.partner + n_platforms])
    role = np.concatenate([np.zeros(len(coop.bank), int), np.ones(len(enhancer_pairs.bank), int)])
    dates = {
        field: np.concatenate([getattr(coop, field), getattr(enhancer_pairs, field)])
        for field in ("start", "end", "listed", "delisted")
    }
    keep = dates["start"] <= tl.as_of
    for field in ("end", "listed", "delisted"):
        dates[field] = np.where(dates[field] > tl.as_of, NAT, dates[field])
    bank_ids = ent.banks["bank_id"].to_numpy()
    order = np.lexsort((role, partner_ids[partner], bank_ids[bank]))
    order = order[keep[order]]
    return {
        "bank_id": labels(bank_ids, bank[order]),
        "partner_id": labels(partner_ids, partner[order]),
        "role": labels(("platform", "enhancer"), role[order]),
        "cooperation_start": days(dates["start"][order]),
        "cooperation_end": days(dates["end"][order]),
        "listed_date": days(dates["listed"][order]),
        "delisted_date": days(dates["delisted"][order]),
    }


def loans_table(ent: Entities, loans: Loans) -> Columns:
    """loans, in loan_id order."""
    n = len(loans.month)
    return {
        "loan_id": ids("L", np.arange(1, n + 1), 8),
        "bank_id": labels(ent.banks["bank_id"].to_numpy(), loans.bank),
        "platform_id": labels(ent.platform_ids, loans.platform),
        "enhancer_id": labels([e[0] for e in ENHANCERS], loans.enhancer),
        "borrower_id": ids("U", loans.borrower, 8),
        "product": labels(("consumer", "business"), loans.business.astype(int)),
        "repayment": labels(("amortising", "bullet"), loans.bullet.astype(int)),
        "origination_date": days(loans.date),
        "term_months": pa.array(loans.term.astype(np.int32)),
        "principal_cny": pa.array(loans.principal),
        "credit_line_cny": pa.array(loans.credit_line),
        "bank_funded_share": pa.array(np.round(loans.bank_share, 2)),
        "interest_rate": pa.array(np.round(loans.interest_bp / 10_000, 4)),
        "platform_fee_rate": pa.array(np.round(loans.platform_fee_bp / 10_000, 4)),
        "enhancement_fee_rate": pa.array(np.round(loans.enhancement_fee_bp / 10_000, 4)),
        "other_fee_rate": pa.array(np.round(loans.other_fee_bp / 10_000, 4)),
        "borrower_province": labels(PROVINCES, loans.province),
        "borrower_area": labels(BORROWER_AREAS, loans.area),
    }


def performance_table(tl: Timeline, loan_ids: pa.Array, perf: Performance) -> Columns:
    """loan_performance, ordered by loan then month end."""
    return {
        "loan_id": loan_ids.take(pa.array(perf.loan)),
        "month_end": days(tl.month_end[perf.month]),
        "balance_cny": pa.array(perf.balance),
        "dpd": pa.array(perf.dpd.astype(np.int32)),
        "classification": labels(CLASSIFICATIONS, perf.classification),
        "status": labels(STATUS_NAMES, perf.status),
    }


def penalties_table(frame: pd.DataFrame) -> Columns:
    """penalties, in penalty_id order (empty columns when there are none)."""
    if frame.empty:
        columns: Columns = {name: pa.array([], pa.string()) for name in PENALTY_TEXT}
        columns["decision_date"] = pa.array([], pa.date32())
        columns["fine_cny"] = pa.array([], pa.float64())
        columns["individuals_penalised"] = pa.array([], pa.int64())
        return columns
    return _frame(frame, dates=("decision_date",))

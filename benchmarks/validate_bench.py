"""Time `validate_folder` on a synthetic dataset with N loan_performance rows.

Usage: .venv/bin/python benchmarks/validate_bench.py --rows 10000000 [--format parquet]
[--all-bad]. Writes a valid dataset (10 monthly rows per loan) to a temporary folder, or one
whose every balance is negative with --all-bad, validates it and prints rows per second.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from lendwatch import contract
from lendwatch.validate import validate_folder

MONTHS_PER_LOAN = 10
TODAY = date(2026, 1, 15)  # every synthetic date lies before it
BANKS = [f"B{i:02d}" for i in range(1, 46)]
PLATFORMS = [f"P{i:02d}" for i in range(1, 31)]


def _month_ends(month_index: np.ndarray) -> np.ndarray:
    """Last day of each month, months counted from 1970-01 (numpy datetime64[D])."""
    return (month_index + 1).astype("datetime64[M]").astype("datetime64[D]") - np.timedelta64(
        1, "D"
    )


def _tables(performance_rows: int, all_bad: bool, rng: np.random.Generator) -> dict[str, pa.Table]:
    """The synthetic dataset's tables; every value valid unless `all_bad`."""
    n_loans = performance_rows // MONTHS_PER_LOAN
    loan_ids = np.char.add("L", np.arange(n_loans).astype(str))
    first_month = rng.integers(12 * 50, 12 * 55, n_loans)  # 2020-01 … 2024-12
    day = rng.integers(0, 28, n_loans)
    origination = first_month.astype("datetime64[M]").astype("datetime64[D]") + day
    principal = np.round(rng.lognormal(9, 0.6, n_loans), 2)
    loans = {
        "loan_id": loan_ids,
        "bank_id": rng.choice(BANKS, n_loans),
        "platform_id": rng.choice(PLATFORMS, n_loans),
        "borrower_id": np.char.add("U", rng.integers(0, n_loans, n_loans).astype(str)),
        "product": rng.choice(["consumer", "business"], n_loans),
        "repayment": rng.choice(["amortising", "bullet"], n_loans),
        "origination_date": origination,
        "term_months": np.full(n_loans, 12),
        "principal_cny": principal,
        "credit_line_cny": principal * 3,
        "bank_funded_share": rng.choice([1.0, 0.7, 0.6], n_loans),
        "interest_rate": np.round(rng.uniform(0.04, 0.15, n_loans), 4),
        "platform_fee_rate": np.round(rng.uniform(0, 0.08, n_loans), 4),
        "enhancement_fee_rate": np.round(rng.uniform(0, 0.1, n_loans), 4),
        "other_fee_rate": np.zeros(n_loans),
        "borrower_province": rng.choice(contract.PROVINCES, n_loans),
        "borrower_area": rng.choice(contract.BORROWER_AREAS, n_loans),
    }
    loan_of_row = np.repeat(np.arange(n_loans), MONTHS_PER_LOAN)
    month_no = np.tile(np.arange(MONTHS_PER_LOAN), n_loans)
    balance = np.round(principal[loan_of_row] * (1 - month_no / MONTHS_PER_LOAN), 2)
    status = np.where(month_no == MONTHS_PER_LOAN - 1, "paid_off", "active")
    performance = {
        "loan_id": loan_ids[loan_of_row],
        "month_end": _month_ends(first_month[loan_of_row] + month_no),
        "balance_cny": -1 - balance if all_bad else balance,
        "dpd": np.zeros(len(loan_of_row), dtype=np.int64),
        "classification": np.full(len(loan_of_row), "normal"),
        "status": status,
    }
    banks = {
        "bank_id": BANKS,
        "name": [f"Bank {b}" for b in BANKS],
        "bank_type": ["joint_stock"] * len(BANKS),
        "province": ["CN-SH"] * len(BANKS),
        "is_online_only": [False] * len(BANKS),
    }
    partners = {
        "partner_id": PLATFORMS,
        "name": [f"Platform {p}" for p in PLATFORMS],
        "partner_type": ["platform"] * len(PLATFORMS),
        "license": ["none"] * len(PLATFORMS),
    }
    partner_list = {
        "bank_id": [b for b in BANKS for _ in PLATFORMS],
        "partner_id": [p for _ in BANKS for p in PLATFORMS],
        "role": ["platform"] * (len(BANKS) * len(PLATFORMS)),
        "cooperation_start": [date(2019, 1, 1)] * (len(BANKS) * len(PLATFORMS)),
    }
    raw = {
        "banks": banks,
        "partners": partners,
        "partner_list": partner_list,
        "loans": loans,
        "loan_performance": performance,
    }
    return {name: pa.table(columns) for name, columns in raw.items()}


def main() -> None:
    """Generate, validate, print timings and throughput."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="loan_performance rows")
    parser.add_argument("--format", choices=["csv", "parquet"], default="csv")
    parser.add_argument("--all-bad", action="store_true", help="every balance_cny negative")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lendwatch-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        for name, table in _tables(args.rows, args.all_bad, np.random.default_rng(7)).items():
            if args.format == "csv":
                pa_csv.write_csv(table, folder / f"{name}.csv")
            else:
                pq.write_table(table, folder / f"{name}.parquet")
        generated = time.perf_counter() - started
        started = time.perf_counter()
        report = validate_folder(folder, today=TODAY)
        seconds = time.perf_counter() - started
    print(f"generated in {generated:.1f} s")
    print(report.to_text())
    print(
        f"{args.format}, {args.rows:,} loan_performance rows, {report.row_count:,} rows in all: "
        f"validated in {seconds:.1f} s = {report.row_count / seconds:,.0f} rows/s"
    )


if __name__ == "__main__":
    main()

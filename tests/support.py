"""Helpers for tests: write small datasets in the contract format and stage them."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from lendwatch import contract, dataset, db

SAMPLE = Path(__file__).parent / "fixtures" / "sample"

# A value for every required column, so a test row only spells out what matters to it.
DEFAULTS: dict[str, dict[str, Any]] = {
    "banks": {
        "name": "Test Bank",
        "bank_type": "joint_stock",
        "province": "CN-SH",
        "is_online_only": "false",
    },
    "bank_financials": {"tier1_net_capital_cny": 1_000_000, "total_loans_cny": 10_000_000},
    "partners": {"name": "Test Partner", "partner_type": "platform", "license": "none"},
    "ownership": {},
    "partner_list": {"role": "platform", "cooperation_start": "2020-01-01"},
    "loans": {
        "borrower_id": "U1",
        "product": "consumer",
        "repayment": "amortising",
        "term_months": 12,
        "credit_line_cny": 1_000_000,
        "bank_funded_share": 1.0,
        "interest_rate": 0.10,
        "platform_fee_rate": 0.0,
        "enhancement_fee_rate": 0.0,
        "borrower_province": "CN-SH",
        "borrower_area": "urban",
    },
    "loan_performance": {"dpd": 0, "status": "active"},
    "penalties": {
        "doc_no": "DOC-1",
        "regulator": "Test Bureau",
        "regulator_level": "provincial",
        "institution_name": "Test Bank",
        "cause": "test cause",
        "cause_categories": "other",
        "fine_cny": 100_000,
        "individuals_penalised": 0,
    },
}


def write_dataset(folder: Path, tables: dict[str, list[dict[str, Any]]]) -> Path:
    """Write `tables` as contract CSV files in `folder` (defaults fill unspecified columns)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        spec = contract.table(name)
        header = [c.name for c in spec.columns]
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            for row in rows:
                unknown = set(row) - set(header)
                if unknown:
                    raise KeyError(f"{name}: unknown columns {sorted(unknown)}")
                full = {**DEFAULTS.get(name, {}), **row}
                writer.writerow({c: "" if full.get(c) is None else full.get(c, "") for c in header})
    return folder


def staged(folder: Path) -> db.Connection:
    """An in-memory store holding the typed contract tables of `folder` (no validation)."""
    con = db.connect()
    dataset.read_folder(con, folder)
    dataset.stage_all(con)
    return con


# A run of Latin letters, digits, '_', '.', '-' that starts with a letter: a word or identifier.
LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")
QUOTED = re.compile(r"'[^']*'")  # a value from the data file, quoted as it was written
# Names a Chinese message may use as they are: tables, files, columns, codes, formats.
NAMES = (
    {spec.name for spec in contract.TABLES}
    | {f"{spec.name}.{ext}" for spec in contract.TABLES for ext in ("csv", "parquet")}
    | {column.name for spec in contract.TABLES for column in spec.columns}
    | {v for spec in contract.TABLES for c in spec.columns for v in (*c.enum, *c.multi_enum)}
    | {"YYYY-MM-DD", "true", "false", "csv", "parquet", "CSV", "Parquet", "UTF-8"}
    | {"pandas", "pyarrow"}
)
IDENTIFIER = re.compile(r"[A-Z]{1,2}\d+")  # B1, P1, H1, L2: ids of the planted rows
HAN = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character


def english_words(text: str) -> set[str]:
    """The Latin words of `text` that are neither quoted values, names nor identifiers."""
    tokens = LATIN_TOKEN.findall(QUOTED.sub("", text))
    return {w for w in tokens if w not in NAMES and not IDENTIFIER.fullmatch(w)}

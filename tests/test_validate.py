"""Validation of dataset folders: one defect in an otherwise valid dataset → one exact message."""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pytest

from lendwatch import contract, db
from lendwatch.contract import TABLES
from lendwatch.dataset import DatasetUnreadable
from lendwatch.validate import ValidationReport, main, validate_folder
from tests.support import write_dataset

TODAY = date(2025, 6, 15)

# Valid: L1 has three month ends, the last paid_off; L2 one; L3 none yet (allowed).
BASE: dict[str, list[dict[str, Any]]] = {
    "banks": [{"bank_id": "B1"}],
    "bank_financials": [
        {"bank_id": "B1", "period_end": "2024-03-31"},
        {"bank_id": "B1", "period_end": "2024-06-30"},
    ],
    "partners": [
        {"partner_id": "H1", "partner_type": "holding"},
        {"partner_id": "P1", "partner_type": "platform"},
        {"partner_id": "E1", "partner_type": "enhancer", "license": "financing_guarantee"},
        {"partner_id": "H2", "partner_type": "holding"},
    ],
    "ownership": [{"owner_id": "H1", "owned_id": "P1", "equity_share": 0.6}],
    "partner_list": [
        {"bank_id": "B1", "partner_id": "P1", "listed_date": "2020-01-01"},
        {"bank_id": "B1", "partner_id": "E1", "role": "enhancer", "listed_date": "2020-01-01"},
    ],
    "loans": [
        {
            "loan_id": "L1",
            "bank_id": "B1",
            "platform_id": "P1",
            "enhancer_id": "E1",
            "origination_date": "2024-01-15",
            "principal_cny": 10000,
            "credit_line_cny": 20000,
        },
        {
            "loan_id": "L2",
            "bank_id": "B1",
            "platform_id": "P1",
            "origination_date": "2024-02-10",
            "principal_cny": 5000,
            "credit_line_cny": 5000,
        },
        {
            "loan_id": "L3",
            "bank_id": "B1",
            "platform_id": "P1",
            "origination_date": "2024-03-05",
            "principal_cny": 2000,
            "credit_line_cny": 2000,
        },
    ],
    "loan_performance": [
        {"loan_id": "L1", "month_end": "2024-01-31", "balance_cny": 10000},
        {"loan_id": "L1", "month_end": "2024-02-29", "balance_cny": 5000},
        {"loan_id": "L1", "month_end": "2024-03-31", "balance_cny": 0, "status": "paid_off"},
        {"loan_id": "L2", "month_end": "2024-02-29", "balance_cny": 5000},
    ],
    "penalties": [
        {
            "penalty_id": "X1",
            "decision_date": "2024-05-01",
            "bank_id": "B1",
            "partner_id": "P1",
            "cause_categories": "cross_region|other",
        }
    ],
}

Mutation = Callable[[dict[str, list[dict[str, Any]]]], object]


def dataset_with(folder: Path, *mutations: Mutation) -> Path:
    """The base dataset with `mutations` applied, written as CSV files into `folder`."""
    tables = copy.deepcopy(BASE)
    for mutate in mutations:
        mutate(tables)
    return write_dataset(folder, tables)


def set_value(table: str, index: int, **values: Any) -> Mutation:
    """Set columns of row `index` (0-based; file row index + 1) of `table`."""
    return lambda tables: tables[table][index].update(values)


def add_row(table: str, **row: Any) -> Mutation:
    """Append a row to `table`."""
    return lambda tables: tables[table].append(row)


def set_table(table: str, rows: list[dict[str, Any]]) -> Mutation:
    """Replace all rows of `table`."""
    return lambda tables: tables.__setitem__(table, rows)


def issues(report: ValidationReport) -> list[tuple[str, str]]:
    return [(issue.severity, issue.message) for issue in report.issues]


def test_base_dataset_is_valid(tmp_path):
    report = validate_folder(dataset_with(tmp_path), today=TODAY)
    assert issues(report) == []
    assert report.exit_code == 0


# One defect per contract rule, with its exact message: tests/test_validate_contract_rules.py.


def test_missing_months_are_a_warning_that_keeps_the_dataset_valid(tmp_path):
    # L2: 2024-02 and 2024-05 present, 03 and 04 missing → 2 of 4 month ends missing
    mutation = add_row("loan_performance", loan_id="L2", month_end="2024-05-31", balance_cny=4000)
    report = validate_folder(dataset_with(tmp_path, mutation), today=TODAY)
    assert issues(report) == [
        (
            "warning",
            "loan_performance.csv row 4, column month_end: loans skip month ends between their "
            "first and last row (allowed; a loan counts only where it has a row) "
            "(got 'L2' misses 2 of 4)",
        )
    ]
    assert report.exit_code == 0


VALID_EDGES = [
    ("bool_in_capitals", set_value("banks", 0, is_online_only="TRUE")),
    ("integer_written_with_point_zero", set_value("loan_performance", 0, dpd="30.0")),
    ("date_of_today", set_value("penalties", 0, decision_date="2025-06-15")),
    ("share_within_tolerance_of_one", set_value("loans", 0, bank_funded_share="1.0000000001")),
    ("rate_just_below_one", set_value("loans", 0, interest_rate="0.999")),
    ("credit_line_short_by_exactly_a_cent", set_value("loans", 1, credit_line_cny="4999.99")),
    ("balance_over_principal_by_a_cent", set_value("loan_performance", 3, balance_cny="5000.01")),
    ("row_in_the_origination_month", set_value("loan_performance", 3, month_end="2024-02-29")),
    ("cooperation_ends_on_its_start", set_value("partner_list", 0, cooperation_end="2020-01-01")),
    ("empty_optional_values", set_value("loans", 0, enhancer_id="", other_fee_rate="")),
    ("values_padded_with_spaces", set_value("loans", 0, bank_id=" B1 ", product="consumer ")),
    (
        # 0.5 + 0.3 + 0.2 in floating point is 1.0 (or within 1e-9 of it)
        "shares_summing_to_exactly_one",
        set_table(
            "ownership",
            [
                {"owner_id": "H1", "owned_id": "H2", "equity_share": 0.5},
                {"owner_id": "P1", "owned_id": "H2", "equity_share": 0.3},
                {"owner_id": "E1", "owned_id": "H2", "equity_share": 0.2},
            ],
        ),
    ),
    (
        # a chain H1 → P1 → E1 of control, closed only by a 0.4 (non-control) link
        "control_chain_without_cycle",
        set_table(
            "ownership",
            [
                {"owner_id": "H1", "owned_id": "P1", "equity_share": 0.6},
                {"owner_id": "P1", "owned_id": "E1", "equity_share": 0.6},
                {"owner_id": "E1", "owned_id": "H1", "equity_share": 0.4},
            ],
        ),
    ),
    (
        # exactly 0.5 is not control, so a 0.5 cross-holding is no cycle
        "half_shares_both_ways",
        set_table(
            "ownership",
            [
                {"owner_id": "H1", "owned_id": "P1", "equity_share": 0.5},
                {"owner_id": "P1", "owned_id": "H1", "equity_share": 0.5},
            ],
        ),
    ),
]


@pytest.mark.parametrize(
    "mutation", [case[1] for case in VALID_EDGES], ids=[case[0] for case in VALID_EDGES]
)
def test_edges_that_are_valid(tmp_path, mutation):
    report = validate_folder(dataset_with(tmp_path, mutation), today=TODAY)
    assert issues(report) == []
    assert report.exit_code == 0


def rewrite_csv(path: Path, drop: str | None = None, add: str | None = None) -> None:
    """Drop the column `drop` from, or add an empty column `add` to, a CSV file."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = [c for c in rows[0] if c != drop] + ([add] if add else [])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def test_a_missing_column_holds_back_only_the_checks_that_read_it(tmp_path):
    # loans.csv lacks borrower_area; the ownership checks read nothing of loans.csv and run
    folder = dataset_with(
        tmp_path,
        add_row("ownership", owner_id="P1", owned_id="P1", equity_share=0.1),
        add_row("ownership", owner_id="P1", owned_id="H1", equity_share=0.6),
    )
    rewrite_csv(folder / "loans.csv", drop="borrower_area")
    report = validate_folder(folder, today=TODAY)
    assert issues(report) == [
        ("error", "loans.csv, column borrower_area: missing; add the column"),
        (
            "error",
            "ownership.csv row 2, column owned_id: must differ from owner_id "
            "(an entity cannot own itself) (got 'P1')",
        ),
        (
            "error",
            "ownership.csv rows 1 and 3, column equity_share: control links (equity_share > 0.5) "
            "must not form a cycle (got H1 → P1 → H1)",
        ),
    ]
    assert report.exit_code == 1


def test_a_check_held_back_by_a_missing_column_says_what_it_waits_for(tmp_path):
    folder = dataset_with(tmp_path, set_value("loan_performance", 3, balance_cny=9900))
    rewrite_csv(folder / "loans.csv", drop="principal_cny")
    report = validate_folder(folder, today=TODAY)
    assert report.to_text().splitlines() == [
        "error: loans.csv, column principal_cny: missing; add the column",
        'warning: loans.csv, column credit_line_cny: rule "must be ≥ principal_cny '
        '(0.01 CNY tolerance)" not checked until loans.csv, column principal_cny is added',
        "warning: loan_performance.csv, column balance_cny: rule \"must be ≤ the loan's "
        'principal_cny (0.01 CNY tolerance)" not checked until loans.csv, column principal_cny '
        "is added",
        "invalid: 1 error, 2 warnings",
    ]
    balance = report.issues[2]
    assert (balance.severity, balance.rule, balance.file, balance.column) == (
        "warning",
        "check_skipped",
        "loan_performance.csv",
        "balance_cny",
    )


def test_a_check_waiting_for_several_columns_names_them_all(tmp_path):
    folder = dataset_with(tmp_path)
    rewrite_csv(folder / "loans.csv", drop="loan_id")
    rewrite_csv(folder / "loans.csv", drop="principal_cny")
    report = validate_folder(folder, today=TODAY)
    assert (
        "warning",
        "loan_performance.csv, column balance_cny: rule \"must be ≤ the loan's principal_cny "
        '(0.01 CNY tolerance)" not checked until loans.csv, columns loan_id, principal_cny '
        "are added",
    ) in issues(report)


# One bad value, one message: checks that compare two values leave a value that already
# broke its own rule to that rule.
ONE_MESSAGE_CASES = [
    (
        # L1's rows have balances 10000 and 5000 > -500, not reported again
        "negative_principal",
        set_value("loans", 0, principal_cny=-500),
        "loans.csv row 1, column principal_cny: must be > 0 (got -500)",
    ),
    (
        # credit line -1 < principal -500 would be a second message
        "negative_principal_and_credit_line",
        set_value("loans", 2, principal_cny=-500, credit_line_cny=-1000),
        "loans.csv row 3, column principal_cny: must be > 0 (got -500)",
    ),
    (
        # L2's row 2024-02-29 would otherwise precede an origination in the future
        "origination_in_the_future",
        set_value("loans", 1, origination_date="2025-07-01"),
        "loans.csv row 2, column origination_date: must not be later than today, 2025-06-15 "
        "(got '2025-07-01')",
    ),
    (
        # the loans of P1 are not each reported as lacking a platform
        "partner_type_typo",
        set_value("partners", 1, partner_type="Platform"),
        "partners.csv row 2, column partner_type: must be one of platform, enhancer, collector, "
        "holding (got 'Platform')",
    ),
    (
        # 1.5 is neither added into H1's total nor read as a control link closing H1 → P1 → H1
        "share_above_one",
        add_row("ownership", owner_id="P1", owned_id="H1", equity_share=1.5),
        "ownership.csv row 2, column equity_share: must be ≤ 1 (got 1.5)",
    ),
    (
        # the self link's 0.5 is not added to H1's 0.6 in P1
        "self_link",
        add_row("ownership", owner_id="P1", owned_id="P1", equity_share=0.5),
        "ownership.csv row 2, column owned_id: must differ from owner_id "
        "(an entity cannot own itself) (got 'P1')",
    ),
]


@pytest.mark.parametrize(
    ("mutation", "message"),
    [case[1:] for case in ONE_MESSAGE_CASES],
    ids=[case[0] for case in ONE_MESSAGE_CASES],
)
def test_one_bad_value_gives_one_message(tmp_path, mutation, message):
    report = validate_folder(dataset_with(tmp_path, mutation), today=TODAY)
    assert issues(report) == [("error", message)]


def test_missing_optional_column_is_fine(tmp_path):
    folder = dataset_with(tmp_path)
    rewrite_csv(folder / "loans.csv", drop="other_fee_rate")
    report = validate_folder(folder, today=TODAY)
    assert issues(report) == []


def test_unknown_column_is_a_warning(tmp_path):
    folder = dataset_with(tmp_path)
    rewrite_csv(folder / "loans.csv", add="fee_cny")
    report = validate_folder(folder, today=TODAY)
    assert issues(report) == [
        (
            "warning",
            "loans.csv, column fee_cny: not in the data contract and ignored; "
            "check its spelling or remove it",
        )
    ]
    assert report.exit_code == 0


def test_repeated_violations_are_counted_with_the_first_five_rows_shown(tmp_path):
    penalty = {**BASE["penalties"][0], "fine_cny": -1}
    rows = [{**penalty, "penalty_id": f"X{n}"} for n in range(1, 13)]
    report = validate_folder(dataset_with(tmp_path, set_table("penalties", rows)), today=TODAY)
    assert issues(report) == [
        (
            "error",
            "penalties.csv rows 1, 2, 3, 4, 5 and 7 more (12 rows), column fine_cny: "
            "must be ≥ 0 (got -1)",
        )
    ]
    (issue,) = report.issues
    assert (issue.count, issue.rows, issue.examples) == (12, (1, 2, 3, 4, 5), ("-1",))


def test_errors_come_before_warnings_and_the_summary_counts_both(tmp_path):
    folder = dataset_with(tmp_path, set_value("loans", 0, product="x"))
    rewrite_csv(folder / "banks.csv", add="extra")
    report = validate_folder(folder, today=TODAY)
    assert [issue.severity for issue in report.issues] == ["error", "warning"]
    assert report.to_text().splitlines() == [
        "error: loans.csv row 1, column product: must be one of consumer, business (got 'x')",
        "warning: banks.csv, column extra: not in the data contract and ignored; "
        "check its spelling or remove it",
        "invalid: 1 error, 1 warning",
    ]


def test_sample_dataset_is_valid(sample_dataset):
    report = validate_folder(sample_dataset, today=date(2026, 4, 30))
    assert issues(report) == []
    assert report.exit_code == 0
    assert report.summary == "valid: 8 files, 1,178 rows, 0 warnings"


def to_parquet(folder: Path) -> None:
    """Replace every CSV in `folder` with a Parquet file of typed columns."""
    for path in folder.glob("*.csv"):
        pq.write_table(pa_csv.read_csv(path), path.with_suffix(".parquet"))
        path.unlink()


def test_parquet_input_validates_like_csv(tmp_path):
    valid = dataset_with(tmp_path / "valid")
    to_parquet(valid)
    assert issues(validate_folder(valid, today=TODAY)) == []
    broken = dataset_with(tmp_path / "broken", set_value("loans", 2, principal_cny=-500))
    from_csv = validate_folder(broken, today=TODAY)
    to_parquet(broken)
    from_parquet = validate_folder(broken, today=TODAY)
    assert issues(from_csv) == [
        ("error", "loans.csv row 3, column principal_cny: must be > 0 (got -500)")
    ]
    assert issues(from_parquet) == [
        ("error", "loans.parquet row 3, column principal_cny: must be > 0 (got -500)")
    ]
    assert [found.format for found in from_parquet.files] == ["parquet"] * 8


def test_unparsable_file_exits_2_with_one_line_on_stderr(tmp_path, capsys):
    folder = dataset_with(tmp_path)
    (folder / "loans.csv").unlink()
    (folder / "loans.parquet").write_bytes(b"this is not a parquet file")
    with pytest.raises(DatasetUnreadable):
        validate_folder(folder, today=TODAY)
    assert main(folder, as_json=False) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: loans.parquet: cannot be read as PARQUET")
    assert captured.err.count("\n") == 1


def test_missing_folder_exits_2(tmp_path, capsys):
    assert main(tmp_path / "nowhere", as_json=True) == 2
    assert "no such folder" in capsys.readouterr().err


def test_main_prints_text_and_returns_1_for_an_invalid_dataset(tmp_path, capsys):
    folder = dataset_with(tmp_path, set_value("loans", 0, interest_rate=-0.1))
    assert main(folder, as_json=False) == 1
    assert capsys.readouterr().out.splitlines() == [
        "error: loans.csv row 1, column interest_rate: must be ≥ 0 (got -0.1)",
        "invalid: 1 error, 0 warnings",
    ]


def test_main_prints_json_with_stable_keys(tmp_path, capsys):
    folder = dataset_with(tmp_path, set_value("loans", 0, interest_rate=-0.1))
    assert main(folder, as_json=True) == 1
    data = json.loads(capsys.readouterr().out)
    assert list(data) == [
        "source",
        "ok",
        "exit_code",
        "summary",
        "error_count",
        "warning_count",
        "row_count",
        "files",
        "issues",
    ]
    assert data["files"][0] == {"table": "banks", "file": "banks.csv", "format": "csv", "rows": 1}
    assert data["issues"] == [
        {
            "severity": "error",
            "file": "loans.csv",
            "table": "loans",
            "rule": "range_min",
            "column": "interest_rate",
            "count": 1,
            "rows": [1],
            "examples": ["-0.1"],
            "message": "loans.csv row 1, column interest_rate: must be ≥ 0 (got -0.1)",
        }
    ]


def test_raw_tables_stay_in_the_given_connection(tmp_path):
    con = db.connect()
    validate_folder(dataset_with(tmp_path), con=con, today=TODAY)
    assert db.row_count(con, "raw_loan_performance") == 4
    assert db.row_count(con, "raw_loans") == 3


# The generic templates, one per rule kind; every other file under checks/ is a table check.
TEMPLATES = {
    "not_empty",
    "type_date",
    "type_number",
    "type_integer",
    "type_bool",
    "enum",
    "multi_enum",
    "month_end",
    "quarter_end",
    "not_future",
    "range_min",
    "range_max",
    "reference",
    "reference_type",
    "unique_key",
    "unique_pair",
}


def test_every_check_file_is_a_template_or_a_table_check_of_the_contract():
    declared = {name for spec in TABLES for name in spec.checks}
    assert {name.removeprefix("checks/") for name in db.list_queries("checks")} == (
        TEMPLATES | declared
    )


@pytest.mark.parametrize(
    ("table", "name"), [(spec.name, name) for spec in TABLES for name in spec.checks]
)
def test_table_check_header_names_its_table_column_severity_and_message(table, name):
    header = db.load_query(f"checks/{name}").header
    assert {"purpose", "grain", "params"} <= set(header)
    assert header["table"] == table
    assert header["column"] in [column.name for column in contract.table(table).columns]
    assert header["severity"] in ("error", "warning")
    assert header["message"]
    # what it reads decides when it runs: contract columns, its own column among them
    reads = [item.strip().split(".") for item in header["reads"].split(",")]
    assert [table, header["column"]] in reads
    for read_table, read_column in reads:
        assert read_column in [column.name for column in contract.table(read_table).columns]
        assert f"raw_{read_table}" in db.load_query(f"checks/{name}").sql

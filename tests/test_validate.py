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


LOAN_PERF = "loan_performance.csv"
CAUSES = (
    "one of the 13 values in the data dictionary (e.g. imprudent_internet_lending, cross_region)"
)
CONTROL = "control links (equity_share > 0.5) must not form a cycle"
SHARES = "the shares held in one entity must add up to at most 1"

# One row per rule: (rule, defect, severity, exact message). Row numbers: 1 = first data row.
RULE_CASES = [
    (
        "not_empty",
        set_value("loans", 1, bank_id=""),
        "error",
        "loans.csv row 2, column bank_id: must not be empty",
    ),
    (
        "type_date",
        set_value("loan_performance", 0, month_end="2024-1-31"),
        "error",
        f"{LOAN_PERF} row 1, column month_end: must be a date written YYYY-MM-DD (got '2024-1-31')",
    ),
    (
        "type_date_not_a_real_day",
        set_value("loans", 2, origination_date="2024-02-30"),
        "error",
        "loans.csv row 3, column origination_date: must be a date written YYYY-MM-DD "
        "(got '2024-02-30')",
    ),
    (
        "type_number",
        set_value("loan_performance", 3, balance_cny="5,000"),
        "error",
        f"{LOAN_PERF} row 4, column balance_cny: must be a number (a '.' decimal point, "
        "no thousands separators) (got '5,000')",
    ),
    (
        "type_integer",
        set_value("loans", 0, term_months="12.5"),
        "error",
        "loans.csv row 1, column term_months: must be a whole number (got 12.5)",
    ),
    (
        "type_integer_negative_fraction_gets_one_message",
        set_value("loan_performance", 1, dpd="-0.5"),
        "error",
        f"{LOAN_PERF} row 2, column dpd: must be a whole number (got -0.5)",
    ),
    (
        "type_bool",
        set_value("banks", 0, is_online_only="yes"),
        "error",
        "banks.csv row 1, column is_online_only: must be true or false (got 'yes')",
    ),
    (
        "enum",
        set_value("loans", 0, product="Consumer"),
        "error",
        "loans.csv row 1, column product: must be one of consumer, business (got 'Consumer')",
    ),
    (
        "enum_long_vocabulary",
        set_value("banks", 0, province="ZJ"),
        "error",
        "banks.csv row 1, column province: must be one of the 34 values in the data dictionary "
        "(e.g. CN-AH, CN-BJ) (got 'ZJ')",
    ),
    (
        "multi_enum",
        set_value("penalties", 0, cause_categories="cross_region|fraud"),
        "error",
        f"penalties.csv row 1, column cause_categories: must be '|'-separated values, each {CAUSES}"
        " (got 'cross_region|fraud')",
    ),
    (
        "multi_enum_empty_part",
        set_value("penalties", 0, cause_categories="cross_region||other"),
        "error",
        f"penalties.csv row 1, column cause_categories: must be '|'-separated values, each {CAUSES}"
        " (got 'cross_region||other')",
    ),
    (
        "month_end",
        set_value("loan_performance", 1, month_end="2024-02-28"),  # 2024 is a leap year
        "error",
        f"{LOAN_PERF} row 2, column month_end: must be the last day of a month (got '2024-02-28')",
    ),
    (
        "quarter_end",
        set_value("bank_financials", 0, period_end="2024-02-29"),
        "error",
        "bank_financials.csv row 1, column period_end: must be a quarter end "
        "(03-31, 06-30, 09-30 or 12-31) (got '2024-02-29')",
    ),
    (
        "not_future",
        set_value("penalties", 0, decision_date="2025-06-16"),
        "error",
        "penalties.csv row 1, column decision_date: must not be later than today, 2025-06-15 "
        "(got '2025-06-16')",
    ),
    (
        "range_min_exclusive",
        set_value("loans", 2, principal_cny=0),
        "error",
        "loans.csv row 3, column principal_cny: must be > 0 (got 0)",
    ),
    (
        "range_min_inclusive",
        set_value("loan_performance", 1, dpd=-1),
        "error",
        f"{LOAN_PERF} row 2, column dpd: must be ≥ 0 (got -1)",
    ),
    (
        "range_min_integer",
        set_value("loans", 0, term_months=0),
        "error",
        "loans.csv row 1, column term_months: must be ≥ 1 (got 0)",
    ),
    (
        "range_max_inclusive",
        set_value("loans", 0, bank_funded_share="1.000001"),
        "error",
        "loans.csv row 1, column bank_funded_share: must be ≤ 1 (got 1.000001)",
    ),
    (
        "range_max_exclusive",
        set_value("loans", 0, interest_rate=1),
        "error",
        "loans.csv row 1, column interest_rate: must be < 1 (got 1)",
    ),
    (
        "reference",
        set_value("loans", 0, bank_id="B9"),
        "error",
        "loans.csv row 1, column bank_id: must be a bank_id listed in banks.csv (got 'B9')",
    ),
    (
        "reference_unknown_partner",
        set_value("loans", 0, platform_id="ZZ"),
        "error",
        "loans.csv row 1, column platform_id: must be a partner_id listed in partners.csv "
        "(got 'ZZ')",
    ),
    (
        "reference_type",
        set_value("loans", 0, platform_id="E1"),
        "error",
        "loans.csv row 1, column platform_id: must be a partner of partner_type platform "
        "in partners.csv (got 'E1')",
    ),
    (
        "unique_key",
        add_row("loans", **BASE["loans"][0]),
        "error",
        "loans.csv row 4, column loan_id: must be unique (got 'L1' again, first on row 1)",
    ),
    (
        "unique_pair",
        add_row("loan_performance", loan_id="L2", month_end="2024-02-29", balance_cny=5000),
        "error",
        f"{LOAN_PERF} row 5, columns loan_id, month_end: must be unique "
        "(got 'L2', '2024-02-29' again, first on row 4)",
    ),
    (
        "ownership_self_link",
        add_row("ownership", owner_id="P1", owned_id="P1", equity_share=0.1),
        "error",
        "ownership.csv row 2, column owned_id: must differ from owner_id "
        "(an entity cannot own itself) (got 'P1')",
    ),
    (
        "ownership_shares_over_one",
        set_table(
            "ownership",
            [
                {"owner_id": "H1", "owned_id": "H2", "equity_share": 0.5},
                {"owner_id": "P1", "owned_id": "H2", "equity_share": 0.3},
                {"owner_id": "E1", "owned_id": "H2", "equity_share": 0.200001},
            ],
        ),
        "error",
        f"ownership.csv rows 1, 2 and 3, column equity_share: {SHARES} (got 'H2' totals 1.000001)",
    ),
    (
        "ownership_control_cycle_of_two",
        add_row("ownership", owner_id="P1", owned_id="H1", equity_share=0.6),
        "error",
        f"ownership.csv rows 1 and 2, column equity_share: {CONTROL} (got H1 → P1 → H1)",
    ),
    (
        "ownership_control_cycle_of_three",
        set_table(
            "ownership",
            [
                {"owner_id": "H1", "owned_id": "P1", "equity_share": 0.6},
                {"owner_id": "P1", "owned_id": "E1", "equity_share": 0.6},
                {"owner_id": "E1", "owned_id": "H1", "equity_share": 0.6},
            ],
        ),
        "error",
        f"ownership.csv rows 1, 2 and 3, column equity_share: {CONTROL} (got H1 → P1 → E1 → H1)",
    ),
    (
        "partner_list_end_before_start",
        set_value("partner_list", 0, cooperation_end="2019-12-31"),
        "error",
        "partner_list.csv row 1, column cooperation_end: must be on or after cooperation_start "
        "(got 2019-12-31 before start 2020-01-01)",
    ),
    (
        "partner_list_delisted_before_listed",
        set_value("partner_list", 1, delisted_date="2019-06-30"),
        "error",
        "partner_list.csv row 2, column delisted_date: must be on or after listed_date "
        "(got 2019-06-30 before listing 2020-01-01)",
    ),
    (
        "loans_credit_line_below_principal",
        set_value("loans", 1, credit_line_cny="4999.98"),  # 0.02 short of 5000
        "error",
        "loans.csv row 2, column credit_line_cny: must be ≥ principal_cny (0.01 CNY tolerance) "
        "(got 4999.98 < principal 5000)",
    ),
    (
        "loan_performance_before_origination",
        add_row("loan_performance", loan_id="L2", month_end="2024-01-31", balance_cny=5000),
        "error",
        f"{LOAN_PERF} row 5, column month_end: must not precede the loan's origination month "
        "(got 2024-01-31, originated 2024-02-10)",
    ),
    (
        "loan_performance_balance_over_principal",
        set_value("loan_performance", 3, balance_cny="5000.02"),  # principal 5000
        "error",
        f"{LOAN_PERF} row 4, column balance_cny: must be ≤ the loan's principal_cny "
        "(0.01 CNY tolerance) (got 5000.02 > principal 5000)",
    ),
    (
        "loan_performance_row_after_end",
        add_row("loan_performance", loan_id="L1", month_end="2024-04-30", balance_cny=0),
        "error",
        f"{LOAN_PERF} row 5, column status: no row may follow a row whose status is not active "
        "(got 2024-04-30 after paid_off on 2024-03-31)",
    ),
    (
        "loan_performance_missing_months",
        # L2: 2024-02 and 2024-05 present, 03 and 04 missing → 2 of 4 month ends missing
        add_row("loan_performance", loan_id="L2", month_end="2024-05-31", balance_cny=4000),
        "warning",
        f"{LOAN_PERF} row 4, column month_end: loans skip month ends between their first and "
        "last row (allowed; a loan counts only where it has a row) (got 'L2' misses 2 of 4)",
    ),
]


@pytest.mark.parametrize(
    ("mutation", "severity", "message"),
    [case[1:] for case in RULE_CASES],
    ids=[case[0] for case in RULE_CASES],
)
def test_each_rule_reports_one_exact_message(tmp_path, mutation, severity, message):
    report = validate_folder(dataset_with(tmp_path, mutation), today=TODAY)
    assert issues(report) == [(severity, message)]
    assert report.exit_code == (1 if severity == "error" else 0)


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


def test_missing_required_table_is_an_error(tmp_path):
    folder = dataset_with(tmp_path)
    (folder / "partner_list.csv").unlink()
    report = validate_folder(folder, today=TODAY)
    assert issues(report) == [
        (
            "error",
            "partner_list.csv: missing; add partner_list.csv or partner_list.parquet "
            "(a required table)",
        )
    ]
    assert report.exit_code == 1


def test_missing_optional_table_is_a_warning_not_an_error(tmp_path):
    folder = dataset_with(tmp_path)
    (folder / "penalties.csv").unlink()
    report = validate_folder(folder, today=TODAY)
    assert issues(report) == [
        (
            "warning",
            "penalties.csv: absent (no penalties.parquet either); this optional table loads empty",
        )
    ]
    assert report.exit_code == 0
    # banks 1 + bank_financials 2 + partners 4 + ownership 1 + partner_list 2 + loans 3
    # + loan_performance 4 = 17 rows
    assert report.summary == "valid: 7 files, 17 rows, 1 warning"


def test_missing_required_column_is_an_error(tmp_path):
    folder = dataset_with(tmp_path)
    rewrite_csv(folder / "loans.csv", drop="principal_cny")
    report = validate_folder(folder, today=TODAY)
    assert issues(report) == [("error", "loans.csv, column principal_cny: missing; add the column")]
    assert report.exit_code == 1


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

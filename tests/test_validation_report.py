"""Validation messages in both languages: every issue the per-rule table plants reads in
Chinese without English words, reads in English exactly as the command line prints it (also
after a JSON round trip), and a report stored before the wording fields existed still shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lendwatch import contract, db
from lendwatch.dataset import DatasetUnreadable
from lendwatch.labels import catalogue
from lendwatch.validate import validate_folder
from lendwatch.validation_report import ValidationReport, file_issue, rows_issue
from lendwatch.validation_text import FILE_RULES, render, report_text, unreadable_text
from tests.support import HAN, english_words
from tests.test_validate import TODAY, add_row, dataset_with, rewrite_csv
from tests.test_validate_contract_rules import CASES, Plant, without_table

OPTIONAL_TABLES = [spec.name for spec in contract.TABLES if not spec.required]
# Warnings the per-rule table does not plant: an optional table, a gap in a loan's months,
# an unknown column, and a rule broken more often than the rows a message names.
WARNING_CASES: list[tuple[str, Plant]] = [
    *((f"{table}_table_optional", without_table(table)) for table in OPTIONAL_TABLES),
    (
        "loan_performance_missing_months",
        lambda folder: dataset_with(
            folder,
            add_row("loan_performance", loan_id="L2", month_end="2024-05-31", balance_cny=4000),
        ),
    ),
]


def stored(report: ValidationReport) -> list[dict]:
    """The report's issues as a stored report holds them (written to JSON and read back)."""
    return json.loads(json.dumps(report.to_dict(), ensure_ascii=False))["issues"]


def test_the_cases_cover_every_rule_and_every_file_issue():
    rules = {rule for _, _, expected in CASES for _, rule, _ in expected}
    checks = {name.removeprefix("checks/") for name in db.list_queries("checks")}
    expected = checks | set(FILE_RULES) | {"check_skipped"}
    # planted here, not in the per-rule table: warnings that do not reject a load
    assert expected - rules == {
        "loan_performance_missing_months",
        "missing_optional_table",
        "unknown_column",
    }


# Every case of the per-rule table is read in both languages where it is planted
# (test_validate_contract_rules); these are the warnings that table does not plant.
@pytest.mark.parametrize(
    "plant", [case[1] for case in WARNING_CASES], ids=[c[0] for c in WARNING_CASES]
)
def test_every_warning_reads_in_chinese_and_in_english_as_the_command_line_prints_it(
    tmp_path: Path, plant: Plant
):
    report = validate_folder(plant(tmp_path / "dataset"), today=TODAY)
    assert report.issues
    for issue, record in zip(report.issues, stored(report), strict=True):
        assert render(record, "en") == issue.message
        chinese = render(record, "zh")
        assert english_words(chinese) == set(), chinese
        assert HAN.search(chinese), chinese


def test_an_unknown_column_and_counted_repeats_read_in_chinese(tmp_path: Path):
    penalty = {"fine_cny": -1, "decision_date": "2024-05-01", "bank_id": "B1"}
    folder = dataset_with(
        tmp_path,
        *(add_row("penalties", penalty_id=f"Y{n}", **penalty) for n in range(1, 8)),
    )
    rewrite_csv(folder / "loans.csv", add="fee_cny")
    report = validate_folder(folder, today=TODAY)
    assert [render(record, "zh") for record in stored(report)] == [
        # the base row X1 (row 1) is fine; Y1 … Y7 are rows 2 … 8: 5 named, 7 - 5 = 2 more
        "penalties.csv 第2、3、4、5、6行及另外2行（共7行），fine_cny 列：必须不小于 0（实际为 -1）",
        "loans.csv，fee_cny 列：数据规范中没有此列，已忽略；请检查拼写或删除该列",
    ]


PRINCIPAL = ("range", {"bound": "min_exclusive", "value": "0"})


@pytest.mark.parametrize(
    ("issue", "en", "zh"),
    [
        (
            rows_issue("error", "loans.csv", "loans", "range_min", "principal_cny", PRINCIPAL,
                       1, [(1042, "-500")]),
            "loans.csv row 1042, column principal_cny: must be > 0 (got -500)",
            "loans.csv 第1042行，principal_cny 列：必须大于 0（实际为 -500）",
        ),
        (
            # 20 offending rows, the first 5 named: 20 - 5 = 15 more
            rows_issue("error", "loans.csv", "loans", "range_min", "principal_cny", PRINCIPAL,
                       20, [(row, "-500") for row in range(2000, 2005)]),
            "loans.csv rows 2000, 2001, 2002, 2003, 2004 and 15 more (20 rows), "
            "column principal_cny: must be > 0 (got -500)",
            "loans.csv 第2000、2001、2002、2003、2004行及另外15行（共20行），"
            "principal_cny 列：必须大于 0（实际为 -500）",
        ),
        (
            rows_issue("error", "banks.csv", "banks", "unique_key", "bank_id", ("unique", {}),
                       2, [(2, "'B1' again, first on row 1"), (3, "'B1' again, first on row 1")],
                       quote=False),
            "banks.csv rows 2 and 3, column bank_id: must be unique "
            "(got 'B1' again, first on row 1)",
            "banks.csv 第2、3行，bank_id 列：不得重复（实际为 'B1' 重复，首次出现在第1行）",
        ),
        (
            rows_issue("error", "banks.csv", "banks", "enum", "bank_type",
                       ("enum", {"allowed": ["private", "foreign"]}), 1, [(1, "cooperative")]),
            "banks.csv row 1, column bank_type: must be one of private, foreign "
            "(got 'cooperative')",
            "banks.csv 第1行，bank_type 列：必须取值为 private、foreign 之一"
            "（实际为 'cooperative'）",
        ),
        (
            file_issue("error", "loans.csv", "loans", "missing_table", None),
            "loans.csv: missing; add loans.csv or loans.parquet (a required table)",
            "loans.csv：文件缺失；请添加 loans.csv 或 loans.parquet（必需的数据表）",
        ),
        (
            file_issue("error", "loans.parquet", "loans", "missing_column", "loan_id"),
            "loans.parquet, column loan_id: missing; add the column",
            "loans.parquet，loan_id 列：缺少此列；请补充该列",
        ),
        (
            file_issue("warning", "penalties.csv", "penalties", "missing_optional_table", None),
            "penalties.csv: absent (no penalties.parquet either); this optional table loads empty",
            "penalties.csv：文件不存在（也没有 penalties.parquet）；此可选数据表将导入为空表",
        ),
    ],
)  # fmt: skip
def test_exact_messages_in_both_languages(issue, en, zh):
    assert issue.message == en
    assert render(issue.to_dict(), "en") == en
    assert render(issue.to_dict(), "zh") == zh


def test_a_skipped_check_and_missing_months_read_in_chinese(tmp_path: Path):
    # L2 has rows for 2024-02 and 2024-05: 03 and 04 missing, 2 of 4 month ends
    gap = add_row("loan_performance", loan_id="L2", month_end="2024-05-31", balance_cny=4000)
    folder = dataset_with(tmp_path, gap)
    rewrite_csv(folder / "loans.csv", drop="principal_cny")
    report = validate_folder(folder, today=TODAY)
    assert report_text(report.to_dict(), "zh").splitlines() == [
        "错误：loans.csv，principal_cny 列：缺少此列；请补充该列",
        "警告：loans.csv，credit_line_cny 列：规则“必须不小于 principal_cny（容差 0.01 元）”"
        "尚未校验，须先补充 loans.csv 的 principal_cny 列",
        "警告：loan_performance.csv，balance_cny 列：规则“必须不大于该笔贷款的 principal_cny"
        "（容差 0.01 元）”尚未校验，须先补充 loans.csv 的 principal_cny 列",
        "警告：loan_performance.csv 第4行，month_end 列：贷款在首条与末条记录之间缺少月末记录"
        "（允许；贷款仅在有记录的月末计入）（实际为 'L2' 的 4 个月末中缺少 2 个）",
        "未通过校验：1个错误，3个警告",
    ]
    assert report_text(report.to_dict(), "en") == report.to_text()


def test_a_valid_reports_summary_reads_in_chinese(tmp_path: Path):
    report = validate_folder(dataset_with(tmp_path), today=TODAY)
    # BASE: 1 bank + 2 financials + 4 partners + 1 link + 2 listings + 3 loans + 4 rows
    # + 1 penalty = 18 rows in 8 files
    assert report.summary == "valid: 8 files, 18 rows, 0 warnings"
    assert report_text(report.to_dict(), "zh") == "通过校验：8个文件，18行，0个警告"


def test_the_command_lines_json_keeps_its_keys_and_the_stored_report_the_wording(tmp_path):
    folder = dataset_with(tmp_path, add_row("banks", bank_id=""))
    report = validate_folder(folder, today=TODAY)
    (cli,) = json.loads(report.to_json())["issues"]
    (kept,) = report.to_dict()["issues"]
    assert set(kept) - set(cli) == {"words", "values"}
    assert (kept["words"], kept["values"]) == ("not_empty", {"unit": "rows"})


def test_a_report_stored_before_the_wording_fields_shows_its_english_message():
    old = {
        "severity": "error",
        "file": "loans.csv",
        "table": "loans",
        "rule": "range_min",
        "column": "principal_cny",
        "count": 1,
        "rows": [3],
        "examples": ["-500"],
        "message": "loans.csv row 3, column principal_cny: must be > 0 (got -500)",
    }
    assert render(old, "zh") == old["message"]
    assert render(old, "en") == old["message"]


@pytest.mark.parametrize(
    "name", [spec_check for spec in contract.TABLES for spec_check in spec.checks]
)
def test_a_table_checks_english_wording_is_its_query_header_word_for_word(name):
    header = db.load_query(f"checks/{name}").header
    assert catalogue()[f"validation.words.{name}"]["en"] == header["message"]


def _write(folder: Path, name: str, content: bytes) -> Path:
    """The base dataset with the file `name` replaced by `content`."""
    dataset_with(folder)
    (folder / "loans.csv").unlink()
    (folder / name).write_bytes(content)
    return folder


def _both(folder: Path) -> Path:
    """The base dataset with loans both as CSV and as Parquet."""
    (folder / "loans.parquet").write_bytes(b"PAR1")
    return folder


UNREADABLE = [
    ("not_utf8", lambda f: _write(f, "loans.csv", "贷款编号,银行\n".encode("gbk")),
     "loans.csv：不是 UTF-8 编码的文本；请另存为 UTF-8 编码的 CSV。"),
    ("empty_file", lambda f: _write(f, "loans.csv", b""),
     "loans.csv：文件为空；第一行须列出各列名称。"),
    ("blank_header", lambda f: _write(f, "loans.csv", b"loan_id,,bank_id\n"),
     "loans.csv：表头第2个字段为空；请为每一列命名。"),
    ("repeated_header", lambda f: _write(f, "loans.csv", b"loan_id,loan_id\n"),
     "loans.csv：列 'loan_id' 在表头中出现了两次。"),
    ("bad_parquet", lambda f: _write(f, "loans.parquet", b"this is not a parquet file"),
     None),
    ("ragged_csv", lambda f: _write(f, "loans.csv", b"loan_id,bank_id\nL1,B1\nL2,B1,x,y\n"),
     None),
    ("both_formats", lambda f: _both(dataset_with(f)),
     "{folder}：loans.csv 与 loans.parquet 同时存在；请只保留一个。"),
    ("no_folder", lambda f: f / "nowhere",
     "{folder}/nowhere：文件夹不存在。请提供数据集文件夹的路径。"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("plant", "zh"), [case[1:] for case in UNREADABLE], ids=[case[0] for case in UNREADABLE]
)
def test_an_unreadable_dataset_reads_in_chinese_with_its_hint(tmp_path, plant, zh):
    folder = plant(tmp_path / "dataset")
    with pytest.raises(DatasetUnreadable) as caught:
        validate_folder(folder, today=TODAY)
    english = str(caught.value)
    # a failed ingest's report keeps it as `DatasetUnreadable: …`; the upload shows it bare
    for error in (english, f"DatasetUnreadable: {english}"):
        chinese = unreadable_text(error, "zh")
        assert unreadable_text(error, "en") == error
        # DuckDB's own reason is quoted as it is; everything around it is Chinese
        around = re.sub(r"（读取错误：.*）。", "", chinese.replace(str(folder), ""))
        assert english_words(around) == set(), chinese
        if zh is not None:
            assert chinese == zh.format(folder=tmp_path / "dataset")


def test_an_unreadable_parquet_file_keeps_the_reason_and_gives_the_parquet_hint(tmp_path):
    folder = _write(tmp_path, "loans.parquet", b"this is not a parquet file")
    with pytest.raises(DatasetUnreadable) as caught:
        validate_folder(folder, today=TODAY)
    chinese = unreadable_text(str(caught.value), "zh")
    assert chinese.startswith("loans.parquet：无法按 Parquet 格式读取（读取错误：")
    assert chinese.endswith("而不是改名为 .parquet 的 CSV 或其他文件。")


def test_any_other_error_is_shown_as_it_is():
    error = "RuntimeError: disk full"
    assert unreadable_text(error, "zh") == error

"""Reading a dataset folder: file discovery and CSV/Parquet files that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from lendwatch import contract, dataset, db


def read(folder: Path, name: str) -> None:
    con = db.connect()
    files = dataset.find_files(folder)
    dataset.load_raw(con, files[name], contract.table(name))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("bank_id,name\nB1,One\nB2,Two,extra\n", "CSV Error on Line: 3"),
        ("bank_id,name\nB1,One,extra\n", "CSV Error on Line: 2"),
        ("", "empty file"),
        ("bank_id,,name\nB1,x,One\n", "header field 2 is empty"),
        ("bank_id,bank_id\nB1,B1\n", "'bank_id' appears twice"),
    ],
)
def test_a_malformed_csv_is_unreadable_with_the_reason(tmp_path: Path, content, message):
    (tmp_path / "banks.csv").write_text(content, encoding="utf-8")
    with pytest.raises(dataset.DatasetUnreadable, match=message):
        read(tmp_path, "banks")


CSV_HINT = (
    "Check that it is a UTF-8, comma-separated file with a header row and the same number of "
    "fields on every line."
)
PARQUET_HINT = (
    "Check that it is a valid Parquet file (e.g. written by pandas or pyarrow), not a CSV or "
    "other file renamed to .parquet."
)


@pytest.mark.parametrize(
    ("file_name", "content", "reason", "hint"),
    [
        (
            "banks.csv",
            "bank_id,name\nB1,One,extra\n",
            "CSV Error on Line: 2; Original Line: B1,One,extra; "
            "Expected Number of Columns: 2 Found: 3",
            CSV_HINT,
        ),
        (
            "banks.parquet",
            "bank_id,name\nB1,One\n",
            "No magic bytes found at end of file",
            PARQUET_HINT,
        ),
    ],
    ids=["csv", "parquet"],
)
def test_an_unreadable_file_gets_a_hint_for_its_format_and_no_sql(
    tmp_path: Path, file_name, content, reason, hint
):
    (tmp_path / file_name).write_text(content, encoding="utf-8")
    with pytest.raises(dataset.DatasetUnreadable) as caught:
        read(tmp_path, "banks")
    message = str(caught.value)
    fmt = file_name.split(".")[1].upper()
    assert message.startswith(f"{file_name}: cannot be read as {fmt} ({reason}")
    assert message.endswith(f"). {hint}")
    # DuckDB's echo of the statement that failed means nothing to the person who wrote the file
    assert "LINE" not in message and "read_parquet" not in message and "^" not in message
    assert "\n" not in message


def test_a_csv_that_is_not_utf8_is_unreadable(tmp_path: Path):
    (tmp_path / "banks.csv").write_bytes("bank_id,name\nB1,城商银行\n".encode("gb18030"))
    with pytest.raises(dataset.DatasetUnreadable, match="not UTF-8"):
        read(tmp_path, "banks")


def test_a_utf8_bom_and_quoted_commas_are_read_as_written(tmp_path: Path):
    (tmp_path / "banks.csv").write_bytes('\ufeffbank_id,name\nB1,"Bank, One"\n'.encode())
    con = db.connect()
    dataset.load_raw(con, dataset.find_files(tmp_path)["banks"], contract.table("banks"))
    frame = db.run(
        con,
        "staging/read_csv",
        {"path": str(tmp_path / "banks.csv"), "columns": {"bank_id": "VARCHAR", "name": "VARCHAR"}},
    )
    assert frame[["bank_id", "name"]].values.tolist() == [["B1", "Bank, One"]]
    assert frame["_row_no"].tolist() == [1]


def test_both_csv_and_parquet_of_one_table_is_ambiguous(tmp_path: Path):
    (tmp_path / "banks.csv").write_text("bank_id\n", encoding="utf-8")
    (tmp_path / "banks.parquet").write_bytes(b"")
    with pytest.raises(dataset.DatasetUnreadable, match="keep only one"):
        dataset.find_files(tmp_path)


def test_a_missing_folder_is_unreadable(tmp_path: Path):
    with pytest.raises(dataset.DatasetUnreadable, match="no such folder"):
        dataset.find_files(tmp_path / "nope")

"""The layering of STYLE.md, held by parsing imports and SQL headers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lendwatch import db

ROOT = Path(__file__).resolve().parent.parent
PY_FILES = sorted(
    [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "lendwatch").rglob("*.py")]
)
SQL_FILES = sorted((ROOT / "queries").rglob("*.sql"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", [p for p in PY_FILES if p.exists()], ids=relative)
def test_only_the_db_module_imports_duckdb(path: Path):
    uses_duckdb = any(m.split(".")[0] == "duckdb" for m in imported_modules(path))
    assert not uses_duckdb or relative(path) == "lendwatch/db.py"


@pytest.mark.parametrize("path", [p for p in PY_FILES if p.exists()], ids=relative)
def test_only_the_app_pages_and_ui_import_streamlit(path: Path):
    uses_streamlit = any(m.split(".")[0] == "streamlit" for m in imported_modules(path))
    allowed = relative(path) == "app.py" or relative(path).startswith(("pages/", "lendwatch/ui/"))
    assert not uses_streamlit or allowed


@pytest.mark.parametrize("path", [p for p in PY_FILES if p.exists()], ids=relative)
def test_dependencies_point_one_way(path: Path):
    rel = relative(path)
    modules = imported_modules(path)
    if rel.startswith("lendwatch/"):
        assert not any(m.startswith("pages") for m in modules), "the package never imports pages"
    if rel.startswith("lendwatch/") and not rel.startswith("lendwatch/ui/"):
        assert "lendwatch.ui" not in {".".join(m.split(".")[:2]) for m in modules}


@pytest.mark.parametrize("path", SQL_FILES, ids=relative)
def test_every_sql_file_states_purpose_grain_and_params(path: Path):
    name = path.relative_to(ROOT / "queries").with_suffix("").as_posix()
    query = db.load_query(name)
    assert {"purpose", "grain", "params"} <= set(query.header), f"{name}: incomplete header"
    declared = query.header["params"]
    for param in query.params:
        assert f"${param}" in declared, f"{name}: ${param} used but not declared in its header"
    if declared.strip() != "none":
        for token in declared.replace(",", " ").split():
            if token.startswith("$"):
                assert token.strip("().;")[1:] in query.params, f"{name}: {token} never used"


@pytest.mark.parametrize("path", SQL_FILES, ids=relative)
def test_every_sql_file_holds_one_statement(path: Path):
    body = (
        "\n".join(line.split("--", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())
        .strip()
        .rstrip(";")
    )
    assert ";" not in body, f"{relative(path)} holds more than one statement"

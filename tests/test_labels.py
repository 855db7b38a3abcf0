"""The label catalogue: complete in both languages, consistent, and strict where asked."""

from __future__ import annotations

import ast
import logging
import re
import string
from pathlib import Path
from typing import get_args

import pytest

from lendwatch import contract, labels
from lendwatch.charts.annotate import TIMELINE
from lendwatch.labels import MissingLabelError, catalogue, choices, load_catalogue, t

ROOT = Path(__file__).resolve().parent.parent
# Keys whose Chinese text is rightly the same as the English one (abbreviations used in both).
SAME_IN_BOTH = {"metric.hhi_short", "metric.cr1_short", "metric.cr3_short", "metric.cr5_short"}


@pytest.fixture(autouse=True)
def strict_labels():
    before = labels.is_strict()
    labels.set_strict(True)
    yield
    labels.set_strict(before)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_entry_has_exactly_an_english_and_a_chinese_text():
    wrong = [key for key, texts in catalogue().items() if set(texts) != {"en", "zh"}]
    assert wrong == []


def test_both_languages_use_the_same_placeholders():
    mismatched = [
        (key, _fields(texts["en"]), _fields(texts["zh"]))
        for key, texts in catalogue().items()
        if _fields(texts["en"]) != _fields(texts["zh"])
    ]
    assert mismatched == []


def test_no_chinese_text_is_just_the_english_one_outside_the_allow_list():
    same = {key for key, texts in catalogue().items() if texts["en"] == texts["zh"]}
    assert same == SAME_IN_BOTH


def test_no_text_is_empty():
    empty = [
        (key, lang) for key, texts in catalogue().items() for lang, v in texts.items() if not v
    ]
    assert empty == []


def test_t_fills_placeholders_in_the_chosen_language():
    assert t("common.as_of_line", "en", month="Mar 2026") == "Data as of Mar 2026"
    assert t("common.as_of_line", "zh", month="2026年3月") == "数据截至2026年3月"
    assert t("common.no_data", "zh") == "所选范围内没有数据"


def test_unknown_key_raises_when_strict():
    with pytest.raises(MissingLabelError, match="kpi.no_such_label"):
        t("kpi.no_such_label", "en")


def test_unknown_key_shows_the_key_and_logs_when_not_strict(caplog):
    labels.set_strict(False)
    with caplog.at_level(logging.WARNING, logger="lendwatch.labels"):
        assert t("kpi.no_such_label", "zh") == "kpi.no_such_label"
    assert "kpi.no_such_label" in caplog.text


def test_missing_placeholder_value_raises_when_strict():
    with pytest.raises(MissingLabelError, match="month"):
        t("common.as_of_line", "en")


def test_missing_placeholder_value_shows_the_raw_text_when_not_strict():
    labels.set_strict(False)
    assert t("common.as_of_line", "en") == "Data as of {month}"


def test_unknown_language_is_refused_whatever_the_mode():
    with pytest.raises(ValueError, match="fr"):
        t("common.no_data", "fr")  # type: ignore[arg-type]


def test_choices_lists_codes_in_catalogue_order_without_nested_sections():
    assert tuple(choices("bank_type", "en")) == contract.BANK_TYPES
    assert choices("area", "zh") == {"urban": "城市", "county": "县域", "rural": "农村"}
    assert "section" not in choices("nav", "en")


@pytest.mark.parametrize(
    ("prefix", "codes"),
    [
        ("bank_type", contract.BANK_TYPES),
        ("partner_type", contract.PARTNER_TYPES),
        ("license", contract.LICENSES),
        ("list_role", contract.LIST_ROLES),
        ("product", contract.PRODUCTS),
        ("repayment", contract.REPAYMENTS),
        ("area", contract.BORROWER_AREAS),
        ("classification", contract.CLASSIFICATIONS),
        ("loan_status", contract.STATUSES),
        ("regulator_level", contract.REGULATOR_LEVELS),
        ("cause", contract.CAUSE_CATEGORIES),
        ("table", contract.TABLE_NAMES),
        ("column_type", get_args(contract.ColumnType)),
        ("tier", ("leading", "mid", "tail", "exited")),
        ("status", ("breach", "ok")),
        ("bucket", ("current", "1_30", "31_60", "61_90", "90_plus")),
        ("timeline", tuple(day.isoformat() for day in TIMELINE)),
        ("timeline_detail", tuple(day.isoformat() for day in TIMELINE)),
        ("month", tuple(str(m) for m in range(1, 13))),
    ],
)
def test_every_code_of_a_vocabulary_has_a_label(prefix, codes):
    missing = [code for code in codes if f"{prefix}.{code}" not in catalogue()]
    assert missing == []


@pytest.mark.parametrize(
    "page",
    [
        "overview",
        "concentration",
        "asset_quality",
        "compliance",
        "penalties",
        "bank_profile",
        "platform_profile",
        "business_model",
        "data",
    ],
)
def test_every_page_has_a_navigation_name_title_and_intro(page):
    for key in (f"nav.{page}", f"page.{page}.title", f"page.{page}.intro"):
        assert key in catalogue(), key


def _literal_keys(path: Path) -> list[tuple[int, str]]:
    namespaces = {key.split(".")[0] for key in catalogue()}
    looks_like_key = re.compile(r"^[a-z_]+(\.[a-z0-9_\-]+)+$")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # pieces of f-strings (f"bank_type.{code}") are prefixes, not keys
    in_fstrings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in in_fstrings
        and looks_like_key.match(node.value)
        and node.value.split(".")[0] in namespaces
    ]


def test_every_label_key_written_in_the_code_is_in_the_catalogue():
    sources = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "lendwatch").rglob("*.py")]
    unknown = [
        f"{path.relative_to(ROOT)}:{line} {key}"
        for path in sources
        if path.is_file()
        for line, key in _literal_keys(path)
        if key not in catalogue()
    ]
    assert unknown == []


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ('[kpi]\nbalance = { en = "Balance" }\n', "exactly the texts en and zh"),
        ('[kpi]\nbalance = { en = "Balance", zh = "余额", fr = "Solde" }\n', "exactly"),
        ('[kpi]\nbalance = "Balance"\n', "must be a table"),
    ],
)
def test_a_malformed_entry_is_refused_with_file_and_key(tmp_path, toml, problem):
    (tmp_path / "bad.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"bad\.toml: kpi\.balance .*{problem}"):
        load_catalogue(tmp_path)


def test_a_key_defined_in_two_files_is_refused(tmp_path):
    entry = '[kpi]\nbalance = { en = "Balance", zh = "余额" }\n'
    (tmp_path / "a.toml").write_text(entry, encoding="utf-8")
    (tmp_path / "b.toml").write_text(entry, encoding="utf-8")
    with pytest.raises(ValueError, match="kpi.balance is defined twice"):
        load_catalogue(tmp_path)


def test_sections_nest_into_dotted_keys(tmp_path):
    (tmp_path / "a.toml").write_text(
        '[page.overview]\ntitle = { en = "Overview", zh = "总览" }\n', encoding="utf-8"
    )
    assert load_catalogue(tmp_path) == {"page.overview.title": {"en": "Overview", "zh": "总览"}}

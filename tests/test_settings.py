"""Settings: one declared table, read from the environment, every one documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from lendwatch.settings import PROJECT_ROOT, SETTINGS, load_settings


def test_defaults_apply_when_nothing_is_set():
    settings = load_settings({})
    assert settings.store == PROJECT_ROOT / "data" / "lendwatch.duckdb"
    assert settings.keep_versions == 3
    assert settings.language == "en"


def test_environment_overrides_defaults(tmp_path: Path):
    settings = load_settings(
        {"LENDWATCH_STORE": str(tmp_path / "s.duckdb"), "LENDWATCH_LANGUAGE": "zh"}
    )
    assert settings.store == tmp_path / "s.duckdb"
    assert settings.language == "zh"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"LENDWATCH_LANGUAGE": "fr"}, "must be 'en' or 'zh'"),
        ({"LENDWATCH_KEEP_VERSIONS": "0"}, "at least 1"),
        ({"LENDWATCH_DEMO_LOANS": "many"}, "whole number"),
        ({"LENDWATCH_DEMO_LOANS": "0"}, "DEMO_LOANS must be at least 1"),
        ({"LENDWATCH_DEMO_SEED": "-1"}, "DEMO_SEED must be 0 or more"),
    ],
)
def test_bad_values_are_refused_with_a_readable_message(env: dict[str, str], message: str):
    with pytest.raises(ValueError, match=message):
        load_settings(env)


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_documented_in_the_readme(setting):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert setting.env in readme

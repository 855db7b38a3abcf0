"""Every user-facing string in English and Chinese, looked up by dotted key (`t`).

The catalogue is the TOML files under `lendwatch/i18n/`: each entry is a table
`name = { en = "…", zh = "…" }` whose key is its dotted path (`[kpi] balance` → `kpi.balance`).
Both languages carry the same `{placeholder}` fields (tests/test_labels.py holds this).

Failure policy: a missing key or a missing placeholder value is a programming error. By default
`t` logs it and shows something visible instead of breaking the page (the key itself, or the
unformatted text); after `set_strict(True)` — as tests do — it raises `MissingLabelError`.
"""

from __future__ import annotations

import logging
import tomllib
from functools import cache
from pathlib import Path
from typing import Literal, get_args

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = get_args(Lang)
CATALOGUE_DIR = Path(__file__).resolve().parent / "i18n"

_log = logging.getLogger(__name__)
_strict = False


class MissingLabelError(KeyError):
    """A label key is not in the catalogue, or its text needs a value the caller did not give."""


def set_strict(on: bool) -> None:
    """Make `t` raise on unknown keys and missing placeholders (tests) instead of falling back."""
    global _strict
    _strict = on


def is_strict() -> bool:
    """Whether `t` currently raises instead of falling back."""
    return _strict


def load_catalogue(folder: Path) -> dict[str, dict[Lang, str]]:
    """The entries of every `*.toml` file in `folder`: dotted key → {"en": …, "zh": …}."""
    entries: dict[str, dict[Lang, str]] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            _collect(tomllib.load(handle), "", path.name, entries)
    return entries


@cache
def catalogue() -> dict[str, dict[Lang, str]]:
    """The app's catalogue (lendwatch/i18n/), read once: dotted key → {"en": …, "zh": …}."""
    return load_catalogue(CATALOGUE_DIR)


def _collect(node: dict, prefix: str, file: str, out: dict[str, dict[Lang, str]]) -> None:
    for name, value in node.items():
        key = f"{prefix}{name}"
        if not isinstance(value, dict):
            raise ValueError(f"{file}: {key} must be a table {{ en = …, zh = … }}, not a value.")
        # A table with an en or zh text is an entry; any other table is a section.
        if any(isinstance(value.get(lang), str) for lang in LANGS):
            if set(value) != set(LANGS) or not all(isinstance(v, str) for v in value.values()):
                raise ValueError(f"{file}: {key} must have exactly the texts en and zh.")
            if key in out:
                raise ValueError(f"{file}: {key} is defined twice in the catalogue.")
            out[key] = value
        else:
            _collect(value, f"{key}.", file, out)


def t(key: str, lang: Lang, **kwargs: object) -> str:
    """The text of `key` in `lang`, with `{placeholders}` filled from kwargs."""
    if lang not in LANGS:
        raise ValueError(f"Unknown language {lang!r}: expected one of {', '.join(LANGS)}.")
    entry = catalogue().get(key)
    if entry is None:
        return _fail(f"No label {key!r} in the catalogue (lendwatch/i18n/*.toml).", key)
    text = entry[lang]
    try:
        return text.format(**kwargs)
    except (KeyError, IndexError) as exc:
        return _fail(f"Label {key!r} needs the value {exc} (got {sorted(kwargs)}).", text)


def _fail(message: str, fallback: str) -> str:
    if _strict:
        raise MissingLabelError(message)
    _log.warning(message)
    return fallback


def has(key: str) -> bool:
    """Whether `key` is in the catalogue."""
    return key in catalogue()


def choices(prefix: str, lang: Lang) -> dict[str, str]:
    """Code → text for the entries directly under `prefix` (`bank_type` → {"private": …})."""
    start = f"{prefix}."
    return {
        key.removeprefix(start): texts[lang]
        for key, texts in catalogue().items()
        if key.startswith(start) and "." not in key.removeprefix(start)
    }

"""Every setting in one declared table: environment variable, default, description."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class SettingError(ValueError):
    """A LENDWATCH_* environment variable holds a value the app cannot use."""


@dataclass(frozen=True)
class Setting:
    """One configurable value: its environment variable, default and one-line description."""

    name: str
    env: str
    default: str
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        "LENDWATCH_STORE",
        "data/lendwatch.duckdb",
        "Path of the published DuckDB store (a symlink to the current version). "
        "The default lives in the project's data/ folder; other relative paths are "
        "taken from the working directory.",
    ),
    Setting(
        "keep_versions",
        "LENDWATCH_KEEP_VERSIONS",
        "3",
        "How many published store versions to keep beside the store (older ones are deleted).",
    ),
    Setting(
        "language",
        "LENDWATCH_LANGUAGE",
        "en",
        "Default interface language when the URL does not choose one: en or zh.",
    ),
    Setting(
        "demo_loans",
        "LENDWATCH_DEMO_LOANS",
        "150000",
        "Number of loans in the embedded demo store built by `lendwatch demo`.",
    ),
    Setting(
        "demo_seed",
        "LENDWATCH_DEMO_SEED",
        "20251001",
        "Random seed of the demo generator (same seed and as-of month give identical files).",
    ),
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """The resolved configuration of this process."""

    store: Path
    keep_versions: int
    language: str
    demo_loans: int
    demo_seed: int


def _raw(name: str, environ: dict[str, str]) -> str:
    setting = next(s for s in SETTINGS if s.name == name)
    value = environ.get(setting.env, "").strip()
    return value or setting.default


def _default_base() -> Path:
    # In a source checkout the default store sits in the project's data/ folder whatever the
    # working directory; an installed wheel has no project folder, so it uses the working one.
    return PROJECT_ROOT if (PROJECT_ROOT / "pyproject.toml").is_file() else Path.cwd()


def resolve_store(value: str | os.PathLike[str] | None) -> Path:
    """Absolute store path: None means the default; `~` is expanded; relative means from cwd."""
    if value is None or str(value).strip() == "":
        default = next(s for s in SETTINGS if s.name == "store").default
        return _default_base() / default
    path = Path(value).expanduser()
    return path if path.is_absolute() else Path.cwd() / path


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Settings from the environment (or the given mapping), with defaults for what is unset."""
    env = dict(os.environ if environ is None else environ)
    language = _raw("language", env)
    if language not in ("en", "zh"):
        raise SettingError(f"LENDWATCH_LANGUAGE must be 'en' or 'zh' (got {language!r}).")
    try:
        keep = int(_raw("keep_versions", env))
        loans = int(_raw("demo_loans", env))
        seed = int(_raw("demo_seed", env))
    except ValueError as exc:
        raise SettingError(f"A LENDWATCH_* setting must be a whole number: {exc}") from exc
    if keep < 1:
        raise SettingError("LENDWATCH_KEEP_VERSIONS must be at least 1.")
    if loans < 1:
        raise SettingError(f"LENDWATCH_DEMO_LOANS must be at least 1 (got {loans}).")
    if seed < 0:
        raise SettingError(f"LENDWATCH_DEMO_SEED must be 0 or more (got {seed}).")
    return Settings(
        store=resolve_store(env.get("LENDWATCH_STORE")),
        keep_versions=keep,
        language=language,
        demo_loans=loans,
        demo_seed=seed,
    )

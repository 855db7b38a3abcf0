"""What the store holds: load history, table sizes, filter options (Data page, sidebar)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from lendwatch import db, dictionary, fmt
from lendwatch.labels import Lang, t


def load_history(con: db.Connection) -> pd.DataFrame:
    """Every successful load, newest first (one row per load)."""
    return db.run(con, "meta/load_history")


def row_counts(con: db.Connection) -> pd.DataFrame:
    """Exact row and column counts of every table in the store (one row per table)."""
    names = db.tables(con)
    return pd.DataFrame(
        {
            "table_name": names,
            "row_count": [db.row_count(con, name) for name in names],
            "column_count": [len(db.columns(con, name)) for name in names],
        }
    )


def filter_banks(con: db.Connection) -> pd.DataFrame:
    """Banks with names and type (one row per bank)."""
    return db.run(con, "reports/filter_banks")


def filter_platforms(con: db.Connection) -> pd.DataFrame:
    """Platforms with their group (one row per platform)."""
    return db.run(con, "reports/filter_platforms")


def filter_months(con: db.Connection) -> pd.DataFrame:
    """Month ends with data, ascending (one row per month end)."""
    return db.run(con, "reports/filter_months")


def derived_dictionary(con: db.Connection, lang: Lang) -> pd.DataFrame:
    """The public derived tables with grain, purpose and columns (one row per table)."""
    return dictionary.derived_tables(con, lang)


def store_cards(
    history: pd.DataFrame, counts: pd.DataFrame, as_of: date, lang: Lang
) -> list[dict[str, str | None]]:
    """The Data page's KPI cards (label, value, delta_base, help): as-of month, loans,
    performance rows, banks and the last load."""
    rows = dict(zip(counts["table_name"], counts["row_count"], strict=True))
    cards: list[dict[str, str | None]] = [
        {"label": t("data.kpi_as_of", lang), "value": f"{as_of:%Y-%m}"},
        *(
            {"label": t(f"data.kpi_{key}", lang), "value": fmt.count(rows.get(table, 0), lang)}
            for key, table in (("loans", "loans"), ("rows", "loan_performance"), ("banks", "banks"))
        ),
    ]
    last_load = {"label": t("data.kpi_last_load", lang), "value": "—"}
    if not history.empty:
        # A card holds about eight digits: the day is the value, year and time go below.
        last = pd.Timestamp(history.iloc[0]["loaded_at"])
        month = t(f"month.{last.month}", lang)
        last_load["value"] = t("data.kpi_last_load_day", lang, day=last.day, month=month)
        last_load["delta_base"] = t(
            "data.kpi_last_load_time",
            lang,
            year=last.year,
            time=f"{last:%H:%M}",
            loads=fmt.count(len(history), lang),
        )
        last_load["help"] = t("data.kpi_last_load_help", lang, time=f"{last:%Y-%m-%d %H:%M:%S}")
    return [*cards, last_load]


METRICS = {
    f.__name__: f
    for f in (
        load_history,
        row_counts,
        filter_banks,
        filter_platforms,
        filter_months,
        derived_dictionary,
    )
}

"""What the store holds: load history, table sizes, filter options (Data page, sidebar)."""

from __future__ import annotations

import pandas as pd

from lendwatch import db, dictionary
from lendwatch.labels import Lang


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

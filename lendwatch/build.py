"""Build the derived tables of a freshly staged store: the marts, then the compliance findings.

Each mart is one `queries/marts/<name>.sql` file materialized as the table `<name>`. Later marts
read earlier ones (platform_month sums book_month, concentration_month ranks platform_month), so
`MARTS` is the build order, and every total reconciles across tables by construction.

Each macro is one `queries/macros/<name>.sql` file: a DuckDB macro that the report queries call
with their bound filter values, so a filter context (DOMAIN.md, Filters) is written once. Macros
live in the store file, so a read-only connection to the published store can call them.
"""

from __future__ import annotations

from lendwatch import db, rules

# Public interface (DATA_CONTRACT.md, Derived tables): names and columns are a promise to
# anyone querying the store with SQL.
DERIVED_TABLES: tuple[str, ...] = (
    "partner_groups",
    "platform_month",
    "concentration_month",
    "asset_quality_month",
    "vintage_curve",
    "compliance_findings",
)

# Build order: each mart reads only the staged input tables and marts listed before it.
MARTS: tuple[str, ...] = (
    "partner_groups",
    "month_ends",
    "loan_segments",
    "segments",
    "book_month",
    "platform_month",
    "asset_quality_month",
    "concentration_month",
    "platform_tiers",
    "vintage_events",
    "vintage_curve",
    "roll_month",
    "apr_band_month",
)


# Creation order: DuckDB binds a macro's tables and macros when it is created, so each macro
# reads only marts and macros listed before it; the findings' macros wait for the findings.
MART_MACROS: tuple[str, ...] = (
    "is_in_universe",
    "is_selected_platform",
    "book_month_in_universe",
    "book_month_selected",
    "roll_month_selected",
    "roll_buckets",
    "vintage_events_selected",
)
FINDINGS_MACROS: tuple[str, ...] = ("breaches_selected",)
MACROS: tuple[str, ...] = MART_MACROS + rules.RULE_MACROS + FINDINGS_MACROS


def build_macros(con: db.Connection, names: tuple[str, ...] = MACROS) -> None:
    """Create (or replace) the macros `names` of queries/macros/, in the given order."""
    for name in names:
        db.execute(con, f"macros/{name}")


def build_marts(con: db.Connection) -> dict[str, int]:
    """Materialize every mart of `MARTS` in order, then create the macros over them; row counts
    by table name."""
    counts = {name: db.materialize(con, name, f"marts/{name}") for name in MARTS}
    build_macros(con, MART_MACROS)
    return counts


def build_derived(con: db.Connection) -> dict[str, int]:
    """Build every mart, then the compliance findings and their macros; row counts by table
    name."""
    counts = build_marts(con)
    counts[rules.FINDINGS_TABLE] = rules.build_compliance_findings(con)
    build_macros(con, FINDINGS_MACROS)
    return counts

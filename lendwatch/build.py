"""Build the derived tables of a freshly staged store: the marts, then the compliance findings.

Each mart is one `queries/marts/<name>.sql` file materialized as the table `<name>`. Later marts
read earlier ones (platform_month sums book_month, concentration_month ranks platform_month), so
`MARTS` is the build order, and every total reconciles across tables by construction.
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


def build_marts(con: db.Connection) -> dict[str, int]:
    """Materialize every mart of `MARTS` in order; row counts by table name."""
    return {name: db.materialize(con, name, f"marts/{name}") for name in MARTS}


def build_derived(con: db.Connection) -> dict[str, int]:
    """Build every mart, then the compliance findings; row counts by table name."""
    counts = build_marts(con)
    counts[rules.FINDINGS_TABLE] = rules.build_compliance_findings(con)
    return counts

"""Overview: the KPIs at the as-of month with their comparison months, penalties this year, the
monthly trend of the selected book and the banks in breach since the 2025-10-01 rules.

Filter semantics (DOMAIN.md "Filters"): balance, NPL ratios, the share of new loans above 24 %
and their average APR are measured on the selection (a platform or group filter picks those
platforms); active platforms, CR5 and HHI are computed within the universe restricted by bank,
bank type, product and area, so a platform selection never changes them. Open breaches and
penalties follow the bank and bank-type filters (breaches also the platform selection, for
rules whose subject is a platform or a partner group); they have no product or area.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from lendwatch import db, rules
from lendwatch.filters import FilterContext
from lendwatch.labels import Lang
from lendwatch.metrics import overview_view

# The last month end before the 2025-10-01 rules: the fixed comparison point of the Overview.
BASELINE_MONTH_END = date(2025, 9, 30)
# The first month end under the rules; R07 findings since then count in the rules panel.
RULES_FIRST_MONTH_END = date(2025, 10, 31)

_BOOK_COLUMNS = (
    "balance_cny",
    "npl_reported_ratio",
    "npl_dpd_ratio",
    "originated_cny",
    "share_above_24",
    "avg_comprehensive_apr",
)


def _rule_ids(**match: str) -> list[str]:
    return [r.rule_id for r in rules.RULES if all(getattr(r, k) == v for k, v in match.items())]


def _subject_params(ctx: FilterContext) -> dict[str, Any]:
    params = ctx.params()
    return {
        "platform_rule_ids": _rule_ids(subject="platform"),
        "group_rule_ids": _rule_ids(subject="group"),
        "bank_types": params["bank_types"],
        "bank_ids": params["bank_ids"],
        "platform_ids": params["platform_ids"],
        "group_ids": params["group_ids"],
    }


def reference_months(con: db.Connection, ctx: FilterContext) -> pd.DataFrame:
    """One row: as_of_month_end (latest month end ≤ the filter end), previous_month_end and
    baseline_month_end (2025-09-30), each NaT when not a month end of the data (the baseline also
    when not before the as-of month)."""
    frame = db.run(
        con, "reports/reference_month_ends", {"end": ctx.end, "baseline": BASELINE_MONTH_END}
    )
    return frame.apply(lambda column: pd.to_datetime(column).dt.date)


def overview_trend(con: db.Connection, ctx: FilterContext) -> pd.DataFrame:
    """The selected book per month end of the filter period: balance_cny, npl_reported_ratio,
    npl_dpd_ratio (fractions of balance), originated_cny, share_above_24 and
    avg_comprehensive_apr (principal-weighted fractions of the month's originations)."""
    frame = db.run(con, "reports/selected_book_by_month", ctx.params())
    frame["month_end"] = pd.to_datetime(frame["month_end"]).dt.date
    return frame[["month_end", *_BOOK_COLUMNS]]


def _book_at(con: db.Connection, ctx: FilterContext, month_ends: list[date]) -> pd.DataFrame:
    params = {**ctx.params(), "start": min(month_ends), "end": max(month_ends)}
    frame = db.run(con, "reports/selected_book_by_month", params)
    frame["month_end"] = pd.to_datetime(frame["month_end"]).dt.date
    return frame.loc[frame["month_end"].isin(month_ends), ["month_end", *_BOOK_COLUMNS]]


def _concentration_at(
    con: db.Connection, ctx: FilterContext, month_ends: list[date]
) -> pd.DataFrame:
    universe = ctx.universe_params()
    params = {
        "month_ends": month_ends,
        "baseline": BASELINE_MONTH_END,
        **{k: universe[k] for k in ("bank_types", "bank_ids", "products", "areas")},
    }
    frame = db.run(con, "reports/universe_concentration_at_month_ends", params)
    frame["month_end"] = pd.to_datetime(frame["month_end"]).dt.date
    return frame


def _open_breaches_at(
    con: db.Connection, ctx: FilterContext, month_ends: list[date]
) -> pd.DataFrame:
    params = {
        "month_ends": month_ends,
        "window_rule_ids": _rule_ids(applies_to="originations"),
        **_subject_params(ctx),
    }
    frame = db.run(con, "reports/open_breaches_at_month_ends", params)
    frame["month_end"] = pd.to_datetime(frame["month_end"]).dt.date
    return frame


def overview_points(con: db.Connection, ctx: FilterContext) -> pd.DataFrame:
    """The KPIs at the as-of month and its comparison months: one row per point ('as_of',
    'previous', 'baseline') that is a month end of the data, with month_end, the selected book's
    balance_cny, npl_reported_ratio, npl_dpd_ratio, originated_cny, share_above_24,
    avg_comprehensive_apr, the universe's n_active, hhi, cr5, exited_since_baseline_count and
    open_breach_count."""
    refs = reference_months(con, ctx).iloc[0]
    points = {
        name: refs[f"{name}_month_end"]
        for name in ("as_of", "previous", "baseline")
        if not pd.isna(refs[f"{name}_month_end"])
    }
    frame = pd.DataFrame({"point": list(points), "month_end": list(points.values())})
    if frame.empty:
        return frame
    month_ends = sorted(set(points.values()))
    for part in (
        _book_at(con, ctx, month_ends),
        _concentration_at(con, ctx, month_ends),
        _open_breaches_at(con, ctx, month_ends),
    ):
        frame = frame.merge(part, on="month_end", how="left")
    return frame


def overview_penalties(con: db.Connection, ctx: FilterContext) -> pd.DataFrame:
    """One row: year (of the as-of month), penalty_count, fines_cny and individuals_penalised of
    the decisions dated in that calendar year, for the filtered banks."""
    as_of = reference_months(con, ctx).iloc[0]["as_of_month_end"]
    year = (as_of if not pd.isna(as_of) else ctx.end).year
    params = ctx.params()
    frame = db.run(
        con,
        "reports/penalty_totals_in_year",
        {"year": year, "bank_types": params["bank_types"], "bank_ids": params["bank_ids"]},
    )
    frame.insert(0, "year", year)
    return frame


def breaching_banks_since_rules(con: db.Connection, ctx: FilterContext) -> pd.DataFrame:
    """Banks in breach of each rule from 2025-10 to the as-of month: one row per rule with a
    breach (rule_id, bank_count); empty when the as-of month is before 2025-10."""
    as_of = reference_months(con, ctx).iloc[0]["as_of_month_end"]
    if pd.isna(as_of) or as_of < RULES_FIRST_MONTH_END:
        return pd.DataFrame({"rule_id": [], "bank_count": []})
    params = {
        "from_month_end": RULES_FIRST_MONTH_END,
        "to_month_end": as_of,
        **_subject_params(ctx),
    }
    return db.run(con, "reports/breaching_banks_by_rule_between_month_ends", params)


def overview_kpis(con: db.Connection, ctx: FilterContext, lang: Lang) -> pd.DataFrame:
    """The KPI cards in display order (one row per KPI), texts in `lang`: see
    overview_view.kpi_cards for the columns."""
    return overview_view.kpi_cards(overview_points(con, ctx), overview_penalties(con, ctx), lang)


def overview_since_rules(con: db.Connection, ctx: FilterContext, lang: Lang) -> pd.DataFrame:
    """The "since the 2025-10-01 rules" lines (one row per line), texts in `lang`: see
    overview_view.since_rules_lines; empty without both 2025-09 and a later as-of month."""
    return overview_view.since_rules_lines(
        overview_points(con, ctx), breaching_banks_since_rules(con, ctx), lang
    )


METRICS = {
    f.__name__: f
    for f in (
        reference_months,
        overview_trend,
        overview_points,
        overview_penalties,
        breaching_banks_since_rules,
        overview_kpis,
        overview_since_rules,
    )
}

"""The Overview's numbers as text for people: KPI cards with their deltas and the lines of the
"since the 2025-10-01 rules" panel, formatted with lendwatch.fmt in the page's language.

Pure functions from the overview metrics' frames to display frames, so the page only lays them
out and tests can read every text without a running app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

import pandas as pd

from lendwatch import fmt
from lendwatch.labels import Lang, t

Kind = Literal["money", "count", "ratio", "hhi"]
KPI_COLUMNS = (
    "kpi",
    "label",
    "value_text",
    "delta_text",
    "delta_color",
    "delta_base_text",
    "delta_base_color",
    "help",
)


@dataclass(frozen=True)
class KpiSpec:
    """One KPI card (label overview.card.<kpi>, definition overview.help.<kpi>): the
    overview_points column it shows, how to format it, which way is bad."""

    kpi: str
    column: str
    kind: Kind
    up_is_bad: bool


KPIS: tuple[KpiSpec, ...] = (
    KpiSpec("balance", "balance_cny", "money", False),
    KpiSpec("active_platforms", "n_active", "count", False),
    KpiSpec("cr5", "cr5", "ratio", True),
    KpiSpec("hhi", "hhi", "hhi", True),
    KpiSpec("npl_reported", "npl_reported_ratio", "ratio", True),
    KpiSpec("npl_dpd", "npl_dpd_ratio", "ratio", True),
    KpiSpec("share_above_24", "share_above_24", "ratio", True),
    KpiSpec("open_breaches", "open_breach_count", "count", True),
)


def value_text(kind: Kind, value: object, lang: Lang) -> str:
    """A KPI value as text: money in bn/亿, counts, percentages, HHI points; "—" if missing."""
    if kind == "money":
        return fmt.money(value, lang)
    if kind == "ratio":
        return fmt.pct(value, lang)
    if kind == "hhi":
        return fmt.hhi(value)
    return fmt.count(value, lang)


def _change_formatter(kind: Kind, lang: Lang) -> Callable[[float], str]:
    if kind == "ratio":
        return lambda d: fmt.pp(d, lang)
    if kind == "hhi":
        return fmt.hhi
    if kind == "money":
        return lambda d: fmt.pct(d, lang)  # relative change of an amount
    return lambda d: fmt.count(d, lang)


def change(kind: Kind, value: object, reference: object, lang: Lang) -> tuple[str, int] | None:
    """The change from `reference` to `value` as signed text (percentage points for ratios,
    points for HHI, percent change for money, units for counts) and its rounded sign (-1, 0,
    1); None when either side is missing or a relative change has no base."""
    if fmt.is_missing(value) or fmt.is_missing(reference):
        return None
    delta = float(value) - float(reference)
    if kind == "money":
        if float(reference) == 0:
            return None
        delta /= float(reference)
    formatter = _change_formatter(kind, lang)
    text = formatter(delta)
    if text == formatter(0.0):
        return text, 0
    sign = -1 if delta < 0 else 1
    return (text if sign < 0 or text.startswith("+") else f"+{text}"), sign


def _tone(sign: int, up_is_bad: bool) -> str:
    if sign == 0:
        return "gray"
    return "red" if (sign > 0) == up_is_bad else "green"


def _point(points: pd.DataFrame, name: str) -> pd.Series | None:
    rows = points.loc[points["point"] == name]
    return None if rows.empty else rows.iloc[0]


def _versus(text: str, point: pd.Series, lang: Lang) -> str:
    return t(
        "overview.delta_vs", lang, delta=text, month=fmt.month(_as_date(point["month_end"]), lang)
    )


def _card(spec: KpiSpec, points: pd.DataFrame, lang: Lang) -> dict[str, object]:
    now, previous, baseline = (_point(points, p) for p in ("as_of", "previous", "baseline"))
    value = None if now is None else now[spec.column]
    card: dict[str, object] = {
        "kpi": spec.kpi,
        "label": t(f"overview.card.{spec.kpi}", lang),
        "value_text": value_text(spec.kind, value, lang),
        "delta_text": None,
        "delta_color": "off",
        "delta_base_text": None,
        "delta_base_color": "gray",
        "help": t(f"overview.help.{spec.kpi}", lang),
    }
    found = None if previous is None else change(spec.kind, value, previous[spec.column], lang)
    if found is not None:
        text, sign = found
        card["delta_text"] = t("overview.delta_prev", lang, delta=text)
        # st.metric colours by the sign; "off" keeps a delta that rounds to zero grey
        card["delta_color"] = "off" if sign == 0 else ("inverse" if spec.up_is_bad else "normal")
    found = None if baseline is None else change(spec.kind, value, baseline[spec.column], lang)
    if found is not None:
        text, sign = found
        card["delta_base_text"] = _versus(text, baseline, lang)
        card["delta_base_color"] = _tone(sign, spec.up_is_bad)
    return card


def kpi_cards(points: pd.DataFrame, penalties: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One row per KPI card in display order: kpi, label, value_text, delta_text (vs the previous
    month end) with delta_color for st.metric ('normal', 'inverse' where up is bad, 'off' when it
    rounds to zero), delta_base_text (vs 2025-09) with delta_base_color ('green', 'red',
    'gray'), help. The penalties card is a calendar-year total: no delta, its caption gives the
    year's fines instead."""
    cards = [_card(spec, points, lang) for spec in KPIS]
    row = penalties.iloc[0]
    cards.append(
        {
            "kpi": "penalties",
            "label": t("overview.card.penalties", lang),
            "value_text": fmt.count(row["penalty_count"], lang),
            "delta_text": None,
            "delta_color": "off",
            "delta_base_text": t(
                "overview.fines_in_year",
                lang,
                fines=fmt.money(row["fines_cny"], lang),
                year=int(row["year"]),
            ),
            "delta_base_color": "gray",
            "help": t("overview.help.penalties", lang),
        }
    )
    frame = pd.DataFrame(cards, columns=list(KPI_COLUMNS)).astype(object)
    return frame.where(frame.notna(), None)


# (line, label key, overview_points column, kind)
_SINCE_LINES: tuple[tuple[str, str, str, Kind], ...] = (
    ("share_above_24", "overview.since.share_above_24", "share_above_24", "ratio"),
    ("avg_apr", "overview.since.avg_apr", "avg_comprehensive_apr", "ratio"),
    ("active_platforms", "overview.since.active_platforms", "n_active", "count"),
    ("exited_platforms", "overview.since.exited_platforms", "exited_since_baseline_count", "count"),
    ("cr5", "overview.since.cr5", "cr5", "ratio"),
)
_AS_OF_ONLY = frozenset({"exited_platforms"})


def since_rules_lines(
    points: pd.DataFrame, banks_by_rule: pd.DataFrame, lang: Lang
) -> pd.DataFrame:
    """The as-of month against 2025-09, one row per line with localized column headers: the
    measure, its value in Sep 2025, at the as-of month and the change. Empty without both
    points."""
    now, baseline = _point(points, "as_of"), _point(points, "baseline")
    if now is None or baseline is None:
        return pd.DataFrame()
    rows = []
    for line, label_key, column, kind in _SINCE_LINES:
        as_of_only = line in _AS_OF_ONLY
        found = None if as_of_only else change(kind, now[column], baseline[column], lang)
        rows.append(
            (
                t(label_key, lang),
                fmt.MISSING if as_of_only else value_text(kind, baseline[column], lang),
                value_text(kind, now[column], lang),
                fmt.MISSING if found is None else found[0],
            )
        )
    r07 = banks_by_rule.loc[banks_by_rule["rule_id"] == "R07", "bank_count"]
    rows.append(
        (
            t("overview.since.r07_banks", lang),
            fmt.MISSING,
            fmt.count(int(r07.iloc[0]) if not r07.empty else 0, lang),
            fmt.MISSING,
        )
    )
    headers = [
        t("overview.since.col_measure", lang),
        fmt.month(_as_date(baseline["month_end"]), lang),
        fmt.month(_as_date(now["month_end"]), lang),
        t("overview.since.col_change", lang),
    ]
    return pd.DataFrame(rows, columns=headers)


def _as_date(value: object) -> date:
    return pd.Timestamp(value).date()

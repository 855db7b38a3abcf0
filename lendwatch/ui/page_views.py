"""Small views the Asset-quality page shows as they are: KPI cards, the changes caption, the
roll-rate window and whether any bank has a classification gap. Pure functions (no `st.*`)."""

from __future__ import annotations

import pandas as pd

from lendwatch import fmt
from lendwatch.charts import asset_quality as charts
from lendwatch.labels import Lang, t
from lendwatch.ui.widgets import Kpi


def asset_quality_kpis(kpis: pd.DataFrame, lang: Lang) -> list[Kpi]:
    """KPI cards of asset_quality_kpis: balance (uncoloured change), then the ratios and the gap
    (a rise is bad, so coloured inversely)."""
    return [
        Kpi(label, value, change, delta_color="off" if position == 0 else "inverse")
        for position, (label, value, change) in enumerate(charts.kpi_texts(kpis, lang))
    ]


def changes_note(kpis: pd.DataFrame, lang: Lang) -> str | None:
    """ "Changes vs <month>" for the KPI cards, None without an earlier month."""
    earlier = kpis[~kpis["is_as_of"].astype(bool)]
    if earlier.empty:
        return None
    return t("aq.changes_vs", lang, month=fmt.month(earlier["month_end"].iloc[0], lang))


def roll_span(matrix: pd.DataFrame, lang: Lang) -> dict[str, str]:
    """The first and last month of the roll-rate window ({first}, {last}) of roll_rate_matrix."""
    return {
        "first": fmt.month(matrix["first_from_month_end"].iloc[0], lang),
        "last": fmt.month(matrix["last_to_month_end"].iloc[0], lang),
    }


def has_gap(gaps: pd.DataFrame) -> bool:
    """True when any bank's DPD-implied NPL ratio is above its reported one (beyond rounding)."""
    return bool((gaps["npl_gap"] > charts.GAP_TOLERANCE).any())

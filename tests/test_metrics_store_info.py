"""The Data page's store cards, from a load history and table sizes built by hand."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from lendwatch.metrics.store_info import store_cards

COUNTS = pd.DataFrame(
    {
        "table_name": ["loans", "loan_performance", "banks", "compliance_findings"],
        "row_count": [150_000, 1_144_231, 45, 58_282],
    }
)
HISTORY = pd.DataFrame(  # newest first, as meta/load_history returns it
    {"loaded_at": [datetime(2026, 11, 29, 3, 25, 33), datetime(2026, 11, 28, 2, 48, 54)]}
)


def test_cards_show_the_as_of_month_the_sizes_and_the_last_load_in_english():
    cards = store_cards(HISTORY, COUNTS, date(2026, 10, 31), "en")
    assert [(c["label"], c["value"]) for c in cards] == [
        ("Data as of", "2026-10"),
        ("Loans", "150,000"),
        ("Performance rows", "1,144,231"),
        ("Banks", "45"),
        ("Last load", "29 Nov"),  # the newest load's day; year, time and count go below
    ]
    assert cards[-1]["delta_base"] == "2026, 03:25 UTC · loads: 2"
    assert "2026-11-29 03:25:33" in cards[-1]["help"]


def test_cards_read_in_chinese():
    cards = store_cards(HISTORY, COUNTS, date(2026, 10, 31), "zh")
    assert cards[-1]["value"] == "11月29日"
    assert cards[0]["label"] == "数据截至"


def test_a_store_without_loads_or_a_table_shows_a_dash_and_zero():
    cards = store_cards(
        HISTORY.iloc[0:0], COUNTS[COUNTS.table_name != "banks"], date(2026, 10, 31), "en"
    )
    assert cards[3]["value"] == "0"  # no banks table: nothing to count
    assert cards[-1] == {"label": "Last load", "value": "—"}

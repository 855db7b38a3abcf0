"""Page-facing metrics: functions `(connection, *args) → DataFrame` over the store's report
queries, one module per page, collected in one registry the UI caches by name."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from lendwatch.metrics import asset_quality, concentration, overview, store_info

Metric = Callable[..., pd.DataFrame]

METRICS: dict[str, Metric] = {
    **store_info.METRICS,
    **concentration.METRICS,
    **asset_quality.METRICS,
    **overview.METRICS,
}

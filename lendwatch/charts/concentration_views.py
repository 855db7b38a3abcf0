"""Views for the Concentration page: KPI card texts, what-if choices, and tables with people's
column names in the page's language, money in one unit per column (named in its header) and
shares in percent, so tables sort by number and their CSV/XLSX downloads read as shown."""

from __future__ import annotations

import pandas as pd

from lendwatch import fmt
from lendwatch.charts.concentration import names
from lendwatch.labels import Lang, t

# One KPI card: label, value, delta, help and delta colour, as widgets.Kpi takes them.
Card = dict[str, str | None]


# Decimals of a table's percent and percentage-point columns.
PCT_DIGITS = 1
MoneyUnit = tuple[fmt.MoneyAxis, int]


def _money_axis(*columns: pd.Series, lang: Lang) -> MoneyUnit:
    # one unit for every money column of a table, so they compare at a glance
    return fmt.table_money(pd.concat(columns, ignore_index=True), lang)


def _money(
    values: pd.Series, unit: MoneyUnit, lang: Lang, key: str, **kwargs: str
) -> tuple[str, pd.Series]:
    axis, digits = unit
    label = t(f"concentration.column.{key}", lang, unit=axis.unit, **kwargs)
    return label, (values / axis.divisor).round(digits)


def _percent(values: pd.Series) -> pd.Series:
    return (values * 100).round(PCT_DIGITS)


def _with_decimals(table: pd.DataFrame, decimals: dict[str, int]) -> pd.DataFrame:
    # ui.widgets.table fixes these decimals per column: "100.0" next to "87.8", not "100"
    table.attrs["decimals"] = decimals
    return table


def _bank_columns(frame: pd.DataFrame, lang: Lang) -> dict[str, object]:
    return {
        t("concentration.column.bank", lang): names(frame, "bank_name", lang).to_numpy(),
        t("concentration.column.bank_type", lang): [
            t(f"bank_type.{v}", lang) for v in frame["bank_type"]
        ],
    }


def dependence_table(dependence: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One row per bank: its top group and platform, their shares (%), groups used, book."""
    unit = _money_axis(dependence["balance_cny"], lang=lang)
    balance_label, balance = _money(dependence["balance_cny"], unit, lang, "balance")
    column = {key: t(f"concentration.column.{key}", lang) for key in (
        "top_group", "top_group_share", "top_platform", "top_platform_share", "n_groups",
        "n_platforms",
    )}  # fmt: skip
    table = pd.DataFrame(
        {
            **_bank_columns(dependence, lang),
            column["top_group"]: names(dependence, "top_group_name", lang).to_numpy(),
            column["top_group_share"]: _percent(dependence["top_group_share"]).to_numpy(),
            column["top_platform"]: names(dependence, "top_platform_name", lang).to_numpy(),
            column["top_platform_share"]: _percent(dependence["top_platform_share"]).to_numpy(),
            column["n_groups"]: dependence["n_groups"].to_numpy(),
            column["n_platforms"]: dependence["n_platforms"].to_numpy(),
            balance_label: balance.to_numpy(),
        }
    )
    shares = {column["top_group_share"]: PCT_DIGITS, column["top_platform_share"]: PCT_DIGITS}
    return _with_decimals(table, {**shares, balance_label: unit[1]})


def exposure_table(exposure: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One row per bank: largest group, R02 numerator and tier-1 capital, ratio (%), headroom
    (percentage points) and status, largest ratio first."""
    rows = exposure.sort_values(["exposure_ratio", "bank_id"], ascending=[False, True])
    cofunded, tier1 = rows["cofunded_bank_funded_balance_cny"], rows["tier1_net_capital_cny"]
    unit = _money_axis(cofunded, tier1, lang=lang)
    cofunded_label, cofunded = _money(cofunded, unit, lang, "cofunded")
    tier1_label, tier1 = _money(tier1, unit, lang, "tier1")
    ratio_label = t("concentration.column.ratio", lang)
    headroom_label = t("concentration.column.headroom", lang)
    status = [
        t("status.breach" if breach else "status.ok" if in_force else "status.not_applicable", lang)
        for breach, in_force in zip(rows["is_breach"], rows["is_in_force"], strict=True)
    ]
    table = pd.DataFrame(
        {
            **_bank_columns(rows, lang),
            t("concentration.column.largest_group", lang): names(
                rows, "top_group_name", lang
            ).to_numpy(),
            cofunded_label: cofunded.to_numpy(),
            tier1_label: tier1.to_numpy(),
            ratio_label: _percent(rows["exposure_ratio"]).to_numpy(),
            headroom_label: _percent(rows["headroom"]).to_numpy(),
            t("concentration.column.status", lang): status,
        }
    )
    money_digits = {cofunded_label: unit[1], tier1_label: unit[1]}
    return _with_decimals(
        table, {**money_digits, ratio_label: PCT_DIGITS, headroom_label: PCT_DIGITS}
    )


def what_if_table(exposure: pd.DataFrame, entity_name: str, lang: Lang) -> pd.DataFrame:
    """One row per bank with balance with the removed entity: that balance, the bank's book and
    the share of the book it represents (%), largest share first."""
    rows = exposure.sort_values(["entity_share", "bank_id"], ascending=[False, True])
    unit = _money_axis(rows["entity_balance_cny"], rows["balance_cny"], lang=lang)
    lost_label, lost = _money(
        rows["entity_balance_cny"], unit, lang, "entity_balance", name=entity_name
    )
    book_label, book = _money(rows["balance_cny"], unit, lang, "balance")
    share_label = t("concentration.column.entity_share", lang)
    table = pd.DataFrame(
        {
            **_bank_columns(rows, lang),
            lost_label: lost.to_numpy(),
            book_label: book.to_numpy(),
            share_label: _percent(rows["entity_share"]).to_numpy(),
        }
    )
    return _with_decimals(
        table, {lost_label: unit[1], book_label: unit[1], share_label: PCT_DIGITS}
    )


def _signed(value: float) -> str:
    if fmt.is_missing(value):
        return fmt.MISSING
    return fmt.count(value, "en") if round(value) == 0 else f"{value:+,.0f}"


def _card(
    label: str,
    value: str,
    delta: str | None = None,
    help: str | None = None,
    delta_color: str = "off",
) -> Card:
    # a change that rounds to nothing carries no sign and gets no colour
    unsigned = delta is not None and not delta.startswith(("+", "-"))
    return {
        "label": label,
        "value": value,
        "delta": delta,
        "help": help,
        "delta_color": "off" if unsigned else delta_color,
    }


def kpi_cards(trend: pd.DataFrame, exposure: pd.DataFrame, level: str, lang: Lang) -> list[Card]:
    """Cards for the last month of `trend`: HHI, CR1, CR5, active entities (with changes since
    the month before) and the number of banks over the single-group limit."""
    now = trend.iloc[-1]
    before = trend.iloc[-2] if len(trend) > 1 else None

    def delta(text: str) -> str | None:
        # the change alone: Streamlit reads the arrow's direction from the text's first sign
        return None if before is None else text

    def change(column: str) -> float:
        return 0.0 if before is None else float(now[column] - before[column])

    since = (
        ""
        if before is None
        else t("concentration.delta_help", lang, month=fmt.month(before["month_end"], lang))
    )
    breaches = int(exposure["is_breach"].sum()) if len(exposure) else 0
    help_breaches = t(
        "concentration.kpi_breaches_help", lang, month=fmt.month(now["month_end"], lang)
    )
    return [
        _card(
            t("metric.hhi_short", lang),
            fmt.hhi(now["hhi"]),
            delta(_signed(change("hhi"))),
            f"{t('band.hhi_note', lang)} {since}",
            "inverse",
        ),
        _card(
            t("concentration.kpi_cr1", lang),
            fmt.pct(now["cr1"], lang),
            delta(fmt.pp(change("cr1"), lang)),
            since or None,
            "inverse",
        ),
        _card(
            t("concentration.kpi_cr5", lang),
            fmt.pct(now["cr5"], lang),
            delta(fmt.pp(change("cr5"), lang)),
            since or None,
            "inverse",
        ),
        _card(
            t(f"concentration.active_{level}", lang),
            fmt.count(now["n_active"], lang),
            delta(_signed(change("n_active"))),
            since or None,
        ),
        _card(t("concentration.kpi_breaches", lang), fmt.count(breaches, lang), help=help_breaches),
    ]


def what_if_choices(shares: pd.DataFrame, lang: Lang) -> dict[str, str]:
    """Entity id → display name of the entities active at the last month, largest first."""
    latest = shares[shares["month_end"] == shares["month_end"].max()].sort_values("rank")
    return dict(zip(latest["entity_id"], names(latest, "entity_name", lang), strict=True))


def bank_choices(exposure: pd.DataFrame, lang: Lang) -> dict[str, str]:
    """Bank id → display name, in the order of `exposure` (largest ratio first)."""
    return dict(zip(exposure["bank_id"], names(exposure, "bank_name", lang), strict=True))


def what_if_cards(scenarios: pd.DataFrame, lang: Lang) -> list[Card]:
    """Cards comparing the market without the removed entity to now: HHI, CR5, active entities
    and the balance that leaves (changes shown only when something is left)."""
    now, after = scenarios.iloc[0], scenarios.iloc[1]
    left = bool(after["n_active"])

    def was(change: str, value: str) -> str | None:
        return t("concentration.what_if_delta", lang, delta=change, value=value) if left else None

    return [
        _card(
            t("concentration.what_if_hhi", lang),
            fmt.hhi(after["hhi"]),
            was(_signed(after["hhi"] - now["hhi"]), fmt.hhi(now["hhi"])),
            delta_color="inverse",
        ),
        _card(
            t("concentration.what_if_cr5", lang),
            fmt.pct(after["cr5"], lang),
            was(fmt.pp(after["cr5"] - now["cr5"], lang), fmt.pct(now["cr5"], lang)),
            delta_color="inverse",
        ),
        _card(
            t("concentration.what_if_active", lang),
            fmt.count(after["n_active"], lang),
            t(
                "concentration.what_if_delta",
                lang,
                delta=_signed(after["n_active"] - now["n_active"]),
                value=fmt.count(now["n_active"], lang),
            ),
        ),
        _card(
            t("concentration.what_if_leaving", lang),
            fmt.money(now["balance_cny"] - after["balance_cny"], lang),
            help=t("concentration.what_if_of", lang, value=fmt.money(now["balance_cny"], lang)),
        ),
    ]

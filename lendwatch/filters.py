"""The filter context shared by every page: one frozen object, built and checked in one place.

Its values travel in the URL (the sidebar widgets are bound to query parameters), so a view
can be bookmarked and shared. Values that do not exist in the store, or that contradict each
other (a bank outside the chosen bank types), are dropped with a notice instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from lendwatch.contract import BANK_TYPES, BORROWER_AREAS, PRODUCTS

# URL query-parameter names, one per filter.
URL_KEYS = ("period", "bank_type", "bank", "platform", "group", "product", "area")


@dataclass(frozen=True)
class FilterOptions:
    """What the store offers to filter on."""

    months: tuple[date, ...]  # month ends with data, ascending
    banks: dict[str, tuple[str, str]]  # bank_id → (name, bank_type)
    platforms: dict[str, tuple[str, str]]  # platform_id → (name, group_id)
    groups: dict[str, str]  # group_id → name
    bank_types: tuple[str, ...] = BANK_TYPES
    products: tuple[str, ...] = PRODUCTS
    areas: tuple[str, ...] = BORROWER_AREAS

    def banks_of_types(self, bank_types: tuple[str, ...]) -> tuple[str, ...]:
        """Bank ids of the chosen types (all banks when no type is chosen), sorted."""
        return tuple(
            sorted(b for b, (_, kind) in self.banks.items() if not bank_types or kind in bank_types)
        )


@dataclass(frozen=True)
class FilterContext:
    """The active filters; empty tuples mean "all"."""

    start: date
    end: date
    bank_types: tuple[str, ...] = ()
    bank_ids: tuple[str, ...] = ()
    platform_ids: tuple[str, ...] = ()
    group_ids: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()

    def params(self) -> dict[str, Any]:
        """Bound parameters for report queries (`$start`, `$end`, `$bank_types`, …)."""
        return {
            "start": self.start,
            "end": self.end,
            "bank_types": list(self.bank_types),
            "bank_ids": list(self.bank_ids),
            "platform_ids": list(self.platform_ids),
            "group_ids": list(self.group_ids),
            "products": list(self.products),
            "areas": list(self.areas),
        }

    def universe_params(self) -> dict[str, Any]:
        """The parameters that restrict the universe (denominators): no platform selection."""
        params = self.params()
        params["platform_ids"] = []
        params["group_ids"] = []
        return params

    @property
    def has_selection(self) -> bool:
        """True when platforms or partner groups are selected (highlighted on share charts)."""
        return bool(self.platform_ids or self.group_ids)

    def with_banks(self, *bank_ids: str) -> FilterContext:
        """These filters narrowed to `bank_ids` (e.g. one bank's history)."""
        return replace(self, bank_ids=bank_ids)

    @property
    def is_filtered(self) -> bool:
        """True when any filter other than the period is set."""
        return any(
            (self.bank_types, self.bank_ids, self.platform_ids, self.group_ids, self.products,
             self.areas)
        )  # fmt: skip


# Why URL values were dropped: not in the data, outside the other filters (a bank of another
# bank type), not an option of a page's choice, or the parameter itself is unknown.
Reason = Literal["unknown", "outside", "choice", "parameter"]


@dataclass(frozen=True)
class Notice:
    """URL values of one key that were dropped, and why."""

    key: str  # one of URL_KEYS, a page's choice key, or "" for unknown parameters
    dropped: tuple[str, ...]
    reason: Reason = "unknown"


@dataclass(frozen=True)
class Resolved:
    """A filter context and the notices about URL values that were dropped."""

    context: FilterContext
    notices: tuple[Notice, ...] = field(default=())


def month_key(day: date) -> str:
    """The URL form of a month end: `YYYY-MM`."""
    return f"{day:%Y-%m}"


def _keep(
    key: str, raw: dict[str, list[str]], allowed: set[str] | tuple[str, ...]
) -> tuple[tuple[str, ...], list[Notice]]:
    values = [v for v in raw.get(key, []) if v]
    kept = tuple(dict.fromkeys(v for v in values if v in allowed))
    dropped = tuple(v for v in values if v not in allowed)
    return kept, [Notice(key, dropped)] if dropped else []


def resolve(raw: dict[str, list[str]], options: FilterOptions) -> Resolved:
    """The filter context for raw URL values; unknown or contradictory values are dropped."""
    notices: list[Notice] = []
    months = {month_key(m): m for m in options.months}
    period = [p for p in raw.get("period", []) if p]
    start, end = options.months[0], options.months[-1]
    if period:
        valid = [months[p] for p in period if p in months]
        if len(valid) == len(period) and len(valid) in (1, 2):
            start, end = min(valid), max(valid)
        else:
            notices.append(Notice("period", tuple(period)))
    bank_types, n = _keep("bank_type", raw, options.bank_types)
    notices += n
    bank_ids, n = _keep("bank", raw, set(options.banks_of_types(bank_types)))
    # a bank of the data outside the chosen bank types is a contradiction, not a typo
    outside = tuple(b for d in n for b in d.dropped if b in options.banks)
    unknown = tuple(b for d in n for b in d.dropped if b not in options.banks)
    notices += [Notice("bank", unknown)] if unknown else []
    notices += [Notice("bank", outside, "outside")] if outside else []
    platform_ids, n = _keep("platform", raw, set(options.platforms))
    notices += n
    group_ids, n = _keep("group", raw, set(options.groups))
    notices += n
    products, n = _keep("product", raw, options.products)
    notices += n
    areas, n = _keep("area", raw, options.areas)
    notices += n
    context = FilterContext(
        start=start,
        end=end,
        bank_types=bank_types,
        bank_ids=bank_ids,
        platform_ids=platform_ids,
        group_ids=group_ids,
        products=products,
        areas=areas,
    )
    return Resolved(context, tuple(notices))


def unknown_parameters(keys: list[str], known: tuple[str, ...]) -> tuple[Notice, ...]:
    """One notice naming the URL parameters that are not in `known` (none when all are)."""
    unknown = tuple(dict.fromkeys(k for k in keys if k not in known))
    return (Notice("", unknown, "parameter"),) if unknown else ()


def to_url(context: FilterContext, options: FilterOptions) -> dict[str, list[str]]:
    """URL query values for `context` (only what differs from the default view)."""
    url: dict[str, list[str]] = {}
    if (context.start, context.end) != (options.months[0], options.months[-1]):
        url["period"] = [month_key(context.start), month_key(context.end)]
    for key, values in (
        ("bank_type", context.bank_types),
        ("bank", context.bank_ids),
        ("platform", context.platform_ids),
        ("group", context.group_ids),
        ("product", context.products),
        ("area", context.areas),
    ):
        if values:
            url[key] = list(values)
    return url

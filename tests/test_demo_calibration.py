"""The demo at its default size (150 000 loans, default seed, as of 2026-06) against the
calibration of DOMAIN.md: asset quality by platform kind, the COVID bump, the banks' platform
book and capital ratios, concentration, pricing and a breach of every rule in its window.

The files are staged (typed, not validated) into an in-memory DuckDB and measured with SQL;
platform kind is the letter of the pseudonymous name (A giants, B listed fintechs, C long tail).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from lendwatch import dataset, db, rules

EPS = 1e-9
BALANCES_BY_KIND_MONTH = """
select
    pl.month_end,
    regexp_extract(p.name, '^Platform ([ABC])', 1) as kind,
    l.enhancer_id is not null as is_guaranteed,
    sum(pl.balance_cny) as balance,
    sum(case when pl.dpd > 30 then pl.balance_cny else 0 end) as dpd30,
    sum(case when pl.dpd > 90 then pl.balance_cny else 0 end) as dpd90
from loan_performance as pl
inner join loans as l using (loan_id)
inner join partners as p on p.partner_id = l.platform_id
where pl.status = 'active'
group by all
"""
BOOK_RATIOS_BY_BANK_QUARTER = """
with book as (
    select l.bank_id, pl.month_end, sum(pl.balance_cny) as book
    from loan_performance as pl
    inner join loans as l using (loan_id)
    where pl.status = 'active'
    group by all
)
select
    f.bank_id,
    b.bank_type,
    f.period_end,
    f.tier1_net_capital_cny,
    f.total_loans_cny,
    coalesce(book.book, 0) / f.total_loans_cny as book_ratio,
    f.tier1_net_capital_cny / f.total_loans_cny as tier1_ratio
from bank_financials as f
inner join banks as b using (bank_id)
left join book on book.bank_id = f.bank_id and book.month_end = f.period_end
"""
CR5_BY_MONTH_2024 = """
with balances as (
    select pl.month_end, l.platform_id, sum(pl.balance_cny) as balance
    from loan_performance as pl
    inner join loans as l using (loan_id)
    where pl.status = 'active' and year(pl.month_end) = 2024
    group by all
),
ranked as (
    select
        month_end,
        balance / sum(balance) over (partition by month_end) as share,
        row_number() over (partition by month_end order by balance desc, platform_id) as rank
    from balances
)
select month_end, sum(share) as cr5 from ranked where rank <= 5 group by month_end
"""
SHARE_ABOVE_24_PCT = """
select
    sum(case when interest_rate + coalesce(platform_fee_rate, 0)
        + coalesce(enhancement_fee_rate, 0) + coalesce(other_fee_rate, 0) - 0.24 > $eps
        then principal_cny else 0 end) / sum(principal_cny) as share
from loans
where origination_date >= $first and origination_date < $until
"""
# Platform book / total loans by bank type (DOMAIN.md, Scale).
BOOK_BANDS = {
    "state_owned": (0.0, 0.02),
    "joint_stock": (0.05, 0.20),
    "city_commercial": (0.05, 0.40),
    "rural_commercial": (0.0, 0.15),
    "private": (0.30, 0.80),
    "foreign": (0.0, 0.05),
}


def query(con: db.Connection, sql: str, **params: object) -> pd.DataFrame:
    """Run one SELECT on a fresh cursor with bound params."""
    cursor = con.cursor()
    try:
        return cursor.execute(sql, params).df()
    finally:
        cursor.close()


@pytest.fixture(scope="module")
def con(demo_default_folder: Path):
    """The default-size demo staged into typed tables, with partner groups and the findings."""
    connection = db.connect()
    dataset.read_folder(connection, demo_default_folder)
    dataset.stage_all(connection)
    db.materialize(connection, "partner_groups", "marts/partner_groups")
    rules.build_compliance_findings(connection)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def balances(con: db.Connection) -> pd.DataFrame:
    """Active balance, DPD30+ and DPD90+ balance by month end, platform kind and guarantee."""
    frame = query(con, BALANCES_BY_KIND_MONTH)
    return frame.assign(month_end=pd.to_datetime(frame["month_end"]))


@pytest.fixture(scope="module")
def financials(con: db.Connection) -> pd.DataFrame:
    """Each bank's book ratio and tier-1 ratio at each quarter end."""
    frame = query(con, BOOK_RATIOS_BY_BANK_QUARTER)
    return frame.assign(period_end=pd.to_datetime(frame["period_end"]))


def pooled_90_ratio(rows: pd.DataFrame) -> float:
    """DPD90+ balance over balance, both summed over the month ends of `rows`."""
    return rows["dpd90"].sum() / rows["balance"].sum()


def between(rows: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    return rows[rows["month_end"].between(pd.Timestamp(first), pd.Timestamp(last))]


# Asset quality by platform kind


@pytest.mark.parametrize(
    ("kind", "years", "low", "high"),
    [
        ("A", range(2021, 2027), 0.01, 0.02),
        ("B", range(2021, 2027), 0.02, 0.04),
        ("C", range(2021, 2025), 0.04, 0.08),
    ],
    ids=["giants 2021-2026", "listed fintechs 2021-2026", "long tail 2021-2024"],
)
def test_dpd90_ratio_of_each_platform_kind_stays_in_its_band_every_year(
    balances: pd.DataFrame, kind: str, years: range, low: float, high: float
) -> None:
    mine = balances[balances["kind"] == kind]
    by_year = {y: pooled_90_ratio(mine[mine["month_end"].dt.year == y]) for y in years}
    assert all(low <= ratio <= high for ratio in by_year.values()), by_year


def test_long_tail_dpd90_ratio_after_the_2025_10_rules_rises_by_at_most_3_points(
    balances: pd.DataFrame,
) -> None:
    tail = balances[balances["kind"] == "C"]
    before = pooled_90_ratio(between(tail, "2024-10-31", "2025-09-30"))
    after = pooled_90_ratio(between(tail, "2025-10-31", "2026-06-30"))
    assert 0.0 <= after - before <= 0.03, (before, after)


def test_guaranteed_loans_carry_no_dpd90_balance_at_the_bank(balances: pd.DataFrame) -> None:
    guaranteed = balances[balances["is_guaranteed"]]
    assert guaranteed["balance"].sum() > 0
    assert guaranteed["dpd90"].sum() == 0


@pytest.mark.parametrize("column", ["dpd30", "dpd90"])
def test_covid_bump_peaks_in_2020_at_1_3_to_2_times_the_2021_level(
    balances: pd.DataFrame, column: str
) -> None:
    monthly = balances.groupby("month_end")[[column, "balance"]].sum()
    ratio = monthly[column] / monthly["balance"]
    peak_2020 = ratio[ratio.index.year == 2020].max()
    mean_2021 = ratio[ratio.index.year == 2021].mean()
    assert 1.3 <= peak_2020 / mean_2021 <= 2.0, (peak_2020, mean_2021)


# Bank financials


def test_every_bank_quarter_from_2021_has_its_book_ratio_inside_its_type_band(
    financials: pd.DataFrame,
) -> None:
    rows = financials[financials["period_end"] >= pd.Timestamp("2021-03-31")]
    low = rows["bank_type"].map(lambda t: BOOK_BANDS[t][0])
    high = rows["bank_type"].map(lambda t: BOOK_BANDS[t][1])
    outside = rows[(rows["book_ratio"] < low) | (rows["book_ratio"] > high)]
    assert rows["bank_type"].nunique() == len(BOOK_BANDS)
    assert outside.empty, outside[["bank_id", "bank_type", "period_end", "book_ratio"]]


def test_tier1_capital_is_10_to_14_pct_of_total_loans_and_both_are_positive(
    financials: pd.DataFrame,
) -> None:
    assert (financials["total_loans_cny"] > 0).all()
    assert (financials["tier1_net_capital_cny"] > 0).all()
    assert financials["tier1_ratio"].between(0.10, 0.14).all()


# Concentration and pricing


def test_cr5_of_platform_balance_averages_between_70_and_82_pct_over_2024(con) -> None:
    cr5 = query(con, CR5_BY_MONTH_2024)["cr5"]
    assert len(cr5) == 12
    assert 0.70 <= cr5.mean() <= 0.82


@pytest.mark.parametrize(
    ("first", "until", "low", "high"),
    [(date(2024, 1, 1), date(2025, 1, 1), 0.15, 0.25), (date(2025, 10, 1), None, 0.01, 0.03)],
    ids=["calendar 2024", "from 2025-10-01"],
)
def test_principal_share_priced_above_24_pct(
    con, first: date, until: date | None, low: float, high: float
) -> None:
    share = query(con, SHARE_ABOVE_24_PCT, eps=EPS, first=first, until=until or date(2099, 1, 1))[
        "share"
    ].iloc[0]
    assert low <= share <= high


# Planted breaches


@pytest.fixture(scope="module")
def breaches(con: db.Connection) -> pd.DataFrame:
    """Compliance findings in breach, with month ends as timestamps."""
    frame = query(con, "select * from compliance_findings where status = 'breach'")
    return frame.assign(month_end=pd.to_datetime(frame["month_end"]))


@pytest.mark.parametrize("rule", rules.rule_catalogue(), ids=lambda r: r.rule_id)
def test_every_rule_has_a_breach_inside_its_effective_window(
    breaches: pd.DataFrame, rule: rules.Rule
) -> None:
    mine = breaches[breaches["rule_id"] == rule.rule_id]
    assert not mine.empty
    assert (mine["month_end"].dt.date >= rule.effective).all()


def test_r02_two_to_four_banks_breach_and_fewer_still_do_at_the_end_of_2024(
    breaches: pd.DataFrame,
) -> None:
    r02 = breaches[breaches["rule_id"] == "R02"]
    assert 2 <= r02["bank_id"].nunique() <= 4
    at = r02.groupby("month_end")["bank_id"].nunique()
    assert at.get(pd.Timestamp("2024-12-31"), 0) < at.get(pd.Timestamp("2024-01-31"), 0)


def test_r03_exactly_one_bank_breaches(breaches: pd.DataFrame) -> None:
    assert breaches.loc[breaches["rule_id"] == "R03", "bank_id"].nunique() == 1

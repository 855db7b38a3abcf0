"""The demo generator: contract-shaped, deterministic files whose numbers hit the calibration
targets of DOMAIN.md and hold planted breaches of every rule inside its window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from lendwatch import contract
from lendwatch.demo import default_as_of, generate
from lendwatch.validate import validate_folder

AS_OF = date(2026, 3, 31)
LATE_AS_OF = date(2026, 10, 31)  # a year into the 2025-10 rules: the leaving platforms are gone
LOANS = 20_000
SEED = 7
EPS = 1e-9


@pytest.fixture(scope="module")
def csv_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 20 000-loan demo written as CSV."""
    folder = tmp_path_factory.mktemp("demo_csv")
    generate(folder, loans=LOANS, seed=SEED, as_of=AS_OF)
    return folder


@pytest.fixture(scope="module")
def data(csv_folder: Path) -> dict[str, pd.DataFrame]:
    """The CSV tables read with pandas; dates parsed, empty text as NaN."""
    dates = {
        "bank_financials": ["period_end"],
        "partner_list": ["cooperation_start", "cooperation_end", "listed_date", "delisted_date"],
        "loans": ["origination_date"],
        "loan_performance": ["month_end"],
        "penalties": ["decision_date"],
    }
    return {
        name: pd.read_csv(
            csv_folder / f"{name}.csv",
            dtype={"classification": str, "enhancer_id": str, "partner_id": str, "bank_id": str},
            parse_dates=dates.get(name, []),
        )
        for name in contract.TABLE_NAMES
    }


@pytest.fixture(scope="module")
def performance(data: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Performance rows joined with their loan's bank, platform, group and funding share."""
    groups = _groups(data["ownership"])
    loans = data["loans"][["loan_id", "bank_id", "platform_id", "bank_funded_share"]]
    rows = data["loan_performance"].merge(loans, on="loan_id")
    return rows.assign(group_id=rows["platform_id"].map(lambda p: groups.get(p, p)))


def _parquet_demo(folder: Path, as_of: date) -> dict[str, pd.DataFrame]:
    """A 20 000-loan Parquet demo as of `as_of`: partners, partner_list, loans and the
    performance rows with their loan's platform and enhancer; dates as timestamps."""
    generate(folder, loans=LOANS, seed=SEED, as_of=as_of, file_format="parquet")
    dates = {
        "partner_list": ["cooperation_end"],
        "loans": ["origination_date"],
        "loan_performance": ["month_end"],
    }
    tables = {}
    for name in ("partners", "partner_list", "loans", "loan_performance"):
        frame = pd.read_parquet(folder / f"{name}.parquet")
        tables[name] = frame.assign(**{c: pd.to_datetime(frame[c]) for c in dates.get(name, [])})
    loans = tables["loans"][["loan_id", "platform_id", "enhancer_id"]]
    tables["loan_performance"] = tables["loan_performance"].merge(loans, on="loan_id")
    return tables


@pytest.fixture(scope="module")
def late(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """The Parquet demo as of 2026-10, a year into the rules."""
    return _parquet_demo(tmp_path_factory.mktemp("demo_late"), LATE_AS_OF)


def _groups(ownership: pd.DataFrame) -> dict[str, str]:
    controller = dict(
        ownership.loc[ownership["equity_share"] > 0.5, ["owned_id", "owner_id"]].to_numpy()
    )
    result = {}
    for partner in set(ownership["owned_id"]) | set(ownership["owner_id"]):
        top = partner
        while top in controller:
            top = controller[top]
        result[partner] = top
    return result


def _apr(loans: pd.DataFrame) -> pd.Series:
    fees = ["interest_rate", "platform_fee_rate", "enhancement_fee_rate", "other_fee_rate"]
    return loans[fees].fillna(0).sum(axis=1)


def _listed(loans: pd.DataFrame, lists: pd.DataFrame, role: str, column: str) -> pd.Series:
    """Whether each loan's partner in `column` was listed (role) at the bank on its day."""
    pairs = loans[["loan_id", "bank_id", column, "origination_date"]].merge(
        lists[lists["role"] == role],
        left_on=["bank_id", column],
        right_on=["bank_id", "partner_id"],
        how="left",
    )
    on_list = (pairs["listed_date"] <= pairs["origination_date"]) & (
        pairs["delisted_date"].isna() | (pairs["delisted_date"] > pairs["origination_date"])
    )
    listed_ids = set(pairs.loc[on_list, "loan_id"])
    return loans["loan_id"].isin(listed_ids)


def _ratio_by_month(rows: pd.DataFrame, financials: pd.DataFrame, column: str) -> pd.DataFrame:
    """Month-end sums in `rows` (bank, month_end, value) over the bank's latest quarter's
    `column`."""
    rows = rows.sort_values("month_end")
    quarters = financials.sort_values("period_end")
    joined = pd.merge_asof(rows, quarters, left_on="month_end", right_on="period_end", by="bank_id")
    return joined.assign(ratio=joined["value"] / joined[column])


def _exit_months(rows: pd.DataFrame) -> pd.Series:
    """Exit month end by platform (DOMAIN.md): the month after its last month end with active
    balance, for platforms whose last one is before the latest month end."""
    active = rows[rows["status"] == "active"]
    balance = active.groupby(["platform_id", "month_end"])["balance_cny"].sum()
    last = balance[balance > 0].reset_index().groupby("platform_id")["month_end"].max()
    return last[last < rows["month_end"].max()] + pd.offsets.MonthEnd(1)


def _recent_exits(rows: pd.DataFrame) -> pd.Series:
    exits = _exit_months(rows)
    return exits[exits >= pd.Timestamp("2025-11-30")]


def _roll_rates(rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """Balance-weighted roll rates (from bucket × to bucket, rows sum to 1) from the month ends
    of `year` to the next, over loans active at m with a row at m + 1 (DOMAIN.md)."""
    rows = rows.sort_values(["loan_id", "month_end"])
    dpd, status = rows["dpd"], rows["status"]
    bucket = pd.Series(
        np.select(
            [status != "active", dpd == 0, dpd <= 30, dpd <= 60, dpd <= 90],
            [status, "current", "1_30", "31_60", "61_90"],
            "90_plus",
        ),
        index=rows.index,
    )
    by_loan = rows.groupby("loan_id")
    paired = rows.assign(
        from_bucket=bucket,
        to_bucket=bucket.groupby(rows["loan_id"]).shift(-1),
        next_month_end=by_loan["month_end"].shift(-1),
    )
    paired = paired[
        (paired["status"] == "active")
        & (paired["next_month_end"] == paired["month_end"] + pd.offsets.MonthEnd(1))
        & (paired["month_end"].dt.year == year)
    ]
    flows = paired.groupby(["from_bucket", "to_bucket"])["balance_cny"].sum().unstack(fill_value=0)
    return flows.div(flows.sum(axis=1), axis=0)


def _cofunded(performance: pd.DataFrame) -> pd.DataFrame:
    active = performance[
        (performance["status"] == "active")
        & (performance["bank_funded_share"] < 1)
        & (performance["month_end"] >= "2023-06-30")
    ]
    return active.assign(value=active["balance_cny"] * active["bank_funded_share"])


# Determinism and shape


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_same_seed_and_as_of_give_byte_identical_files(tmp_path: Path, file_format: str) -> None:
    for run in ("first", "second"):
        generate(tmp_path / run, loans=3_000, seed=SEED, as_of=AS_OF, file_format=file_format)
    first = sorted((tmp_path / "first").iterdir())
    assert [p.name for p in first] == sorted(f"{t}.{file_format}" for t in contract.TABLE_NAMES)
    for path in first:
        assert path.read_bytes() == (tmp_path / "second" / path.name).read_bytes(), path.name


def test_another_seed_gives_other_loans(tmp_path: Path, csv_folder: Path) -> None:
    generate(tmp_path, loans=LOANS, seed=SEED + 1, as_of=AS_OF)
    assert (tmp_path / "loans.csv").read_bytes() != (csv_folder / "loans.csv").read_bytes()


def test_csv_headers_are_the_contract_columns_in_order(csv_folder: Path) -> None:
    for spec in contract.TABLES:
        header = (csv_folder / f"{spec.name}.csv").open(encoding="utf-8").readline().strip()
        assert header.split(",") == [c.name for c in spec.columns], spec.name


def test_parquet_schemas_are_the_contract_columns_in_order(tmp_path: Path) -> None:
    generate(tmp_path, loans=500, seed=SEED, as_of=AS_OF, file_format="parquet")
    for spec in contract.TABLES:
        names = pq.read_schema(tmp_path / f"{spec.name}.parquet").names
        assert names == [c.name for c in spec.columns], spec.name


def test_writing_one_format_replaces_the_other(tmp_path: Path) -> None:
    generate(tmp_path, loans=200, seed=SEED, as_of=AS_OF, file_format="parquet")
    generate(tmp_path, loans=200, seed=SEED, as_of=AS_OF, file_format="csv")
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".csv"] * len(contract.TABLES)


def test_returned_row_counts_match_the_files(tmp_path: Path) -> None:
    counts = generate(tmp_path, loans=1_000, seed=SEED, as_of=AS_OF)
    for name, count in counts.items():
        assert len(pd.read_csv(tmp_path / f"{name}.csv")) == count, name
    assert counts["loans"] == 1_000


def test_progress_is_reported_in_order_up_to_done(tmp_path: Path) -> None:
    steps: list[tuple[str, float]] = []
    generate(
        tmp_path, loans=200, seed=SEED, as_of=AS_OF, progress=lambda s, f: steps.append((s, f))
    )
    fractions = [f for _, f in steps]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(label for label, _ in steps)


def test_generated_dataset_passes_validation_without_warnings(csv_folder: Path) -> None:
    report = validate_folder(csv_folder, today=date(2026, 4, 1))
    assert report.error_count == 0 and report.warning_count == 0, report.to_text()


def test_no_date_is_after_the_as_of_month_end(data: dict[str, pd.DataFrame]) -> None:
    end = pd.Timestamp(AS_OF)
    assert data["loan_performance"]["month_end"].max() == end
    assert data["loans"]["origination_date"].max() <= end
    assert data["bank_financials"]["period_end"].max() == end
    assert data["penalties"]["decision_date"].max() <= end
    lists = data["partner_list"]
    for column in ("cooperation_start", "cooperation_end", "listed_date", "delisted_date"):
        assert not (lists[column] > end).any(), column


@pytest.mark.parametrize(
    ("as_of", "loans"), [(date(2019, 12, 31), 100), (AS_OF, 0)], ids=["before 2020", "no loans"]
)
def test_impossible_requests_are_refused(tmp_path: Path, as_of: date, loans: int) -> None:
    with pytest.raises(ValueError):
        generate(tmp_path, loans=loans, seed=SEED, as_of=as_of)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 29), date(2026, 10, 31)),
        (date(2026, 11, 1), date(2026, 10, 31)),
        (date(2026, 3, 31), date(2026, 2, 28)),
        (date(2025, 1, 15), date(2024, 12, 31)),
    ],
)
def test_default_as_of_is_the_last_complete_month(today: date, expected: date) -> None:
    assert default_as_of(today) == expected


# Calibration


def test_banks_by_type_are_5_9_14_8_7_2(data: dict[str, pd.DataFrame]) -> None:
    counts = data["banks"]["bank_type"].value_counts().to_dict()
    assert counts == {
        "state_owned": 5,
        "joint_stock": 9,
        "city_commercial": 14,
        "rural_commercial": 8,
        "private": 7,
        "foreign": 2,
    }


@pytest.mark.parametrize(
    ("period", "low", "high"),
    [(("2024-01-01", "2025-01-01"), 0.15, 0.25), (("2025-10-01", "2099-01-01"), 0.01, 0.03)],
    ids=["calendar 2024", "from 2025-10-01"],
)
def test_principal_share_priced_above_24_pct(
    data: dict[str, pd.DataFrame], period: tuple[str, str], low: float, high: float
) -> None:
    loans = data["loans"]
    inside = loans["origination_date"].between(period[0], period[1], inclusive="left")
    over = (_apr(loans) - 0.24 > EPS) & inside
    share = loans.loc[over, "principal_cny"].sum() / loans.loc[inside, "principal_cny"].sum()
    assert low <= share <= high


def test_top_five_platforms_hold_70_to_82_pct_of_balance_in_2024(
    performance: pd.DataFrame,
) -> None:
    active = performance[
        (performance["status"] == "active") & (performance["month_end"].dt.year == 2024)
    ]
    balance = active.groupby(["month_end", "platform_id"])["balance_cny"].sum()
    shares = balance / balance.groupby(level="month_end").transform("sum")
    cr5 = shares.groupby(level="month_end").apply(lambda s: s.nlargest(5).sum())
    assert len(cr5) == 12
    assert 0.70 <= cr5.mean() <= 0.82


def test_every_bank_has_positive_capital_and_loans_every_quarter(
    data: dict[str, pd.DataFrame],
) -> None:
    quarters = pd.date_range("2020-03-31", AS_OF, freq="QE")
    financials = data["bank_financials"]
    expected = pd.MultiIndex.from_product([data["banks"]["bank_id"], quarters])
    present = pd.MultiIndex.from_frame(financials[["bank_id", "period_end"]])
    assert present.sort_values().equals(expected.sort_values())
    assert (financials["tier1_net_capital_cny"] > 0).all()
    assert (financials["total_loans_cny"] > 0).all()
    tier1_ratio = financials["tier1_net_capital_cny"] / financials["total_loans_cny"]
    assert tier1_ratio.between(0.10 - 1e-6, 0.14 + 1e-6).all()


def test_penalties_per_year_stay_in_the_calibrated_ranges(data: dict[str, pd.DataFrame]) -> None:
    per_year = data["penalties"]["decision_date"].dt.year.value_counts().to_dict()
    ranges = {2020: (2, 4), 2021: (5, 10), 2022: (8, 15), 2023: (15, 25), 2024: (15, 25)}
    ranges |= {2025: (25, 40), 2026: (6, 10)}  # 2026: Q1 only, 25–40 × 3/12
    for year, (low, high) in ranges.items():
        assert low <= per_year.get(year, 0) <= high, year


def test_penalty_fields_follow_the_calibration(data: dict[str, pd.DataFrame]) -> None:
    penalties = data["penalties"]
    assert penalties["fine_cny"].between(200_000, 8_500_000).all()
    assert 500_000 <= penalties["fine_cny"].median() <= 2_000_000
    assert penalties["individuals_penalised"].between(0, 5).all()
    levels = penalties["regulator_level"].value_counts(normalize=True)
    assert levels.get("provincial", 0) + levels.get("prefecture", 0) >= 0.6
    categories = penalties["cause_categories"].str.split("|")
    assert categories.map(len).between(1, 3).all()
    assert set(categories.explode()) <= set(contract.CAUSE_CATEGORIES)
    assert penalties["bank_id"].isna().any() and penalties["partner_id"].notna().any()


def test_a_fifth_to_three_tenths_of_city_and_rural_banks_keep_three_platforms_or_fewer(
    data: dict[str, pd.DataFrame],
) -> None:
    banks = data["banks"]
    local = banks.loc[banks["bank_type"].isin(["city_commercial", "rural_commercial"]), "bank_id"]
    lists = data["partner_list"]
    platforms = lists[(lists["role"] == "platform") & lists["bank_id"].isin(local)]
    before = platforms[platforms["cooperation_start"] < "2025-09-01"]
    still_open = platforms[platforms["cooperation_end"].isna()]
    count_before = before.groupby("bank_id").size().reindex(local, fill_value=0)
    count_now = still_open.groupby("bank_id").size().reindex(local, fill_value=0)
    retreated = (count_before > 3) & (count_now <= 3)
    assert 0.20 <= retreated.mean() <= 0.30
    assert (count_now[~retreated] > 3).all()


# Planted breaches: candidates for every rule inside its window


def test_r01_co_funded_loans_with_partner_share_below_30_pct_after_2022(
    data: dict[str, pd.DataFrame],
) -> None:
    loans = data["loans"]
    share = loans["bank_funded_share"]
    offending = (share < 1) & (0.30 - (1 - share) > EPS) & (loans["origination_date"] >= "2022")
    assert offending.sum() >= 5


def test_r02_two_to_four_banks_exceed_a_quarter_of_tier1_with_one_group(
    data: dict[str, pd.DataFrame], performance: pd.DataFrame
) -> None:
    by_group = _cofunded(performance).groupby(["bank_id", "group_id", "month_end"])["value"]
    ratios = _ratio_by_month(
        by_group.sum().reset_index(), data["bank_financials"], "tier1_net_capital_cny"
    )
    breaching = ratios[ratios["ratio"] - 0.25 > EPS]
    assert 2 <= breaching["bank_id"].nunique() <= 4
    # Converging during 2024: fewer banks breach at the end of 2024 than at its start.
    at = breaching.groupby("month_end")["bank_id"].nunique()
    assert at.get(pd.Timestamp("2024-12-31"), 0) < at.get(pd.Timestamp("2024-01-31"), 0)


def test_r03_one_bank_exceeds_half_of_total_loans(
    data: dict[str, pd.DataFrame], performance: pd.DataFrame
) -> None:
    by_bank = _cofunded(performance).groupby(["bank_id", "month_end"])["value"].sum()
    ratios = _ratio_by_month(by_bank.reset_index(), data["bank_financials"], "total_loans_cny")
    assert ratios.loc[ratios["ratio"] - 0.5 > EPS, "bank_id"].nunique() == 1


@pytest.mark.parametrize(
    "rule",
    ["R04 credit line over 200 000", "R05 bullet over 12 months"],
)
def test_r04_r05_consumer_loans_breach_after_2022_07_17(
    data: dict[str, pd.DataFrame], rule: str
) -> None:
    loans = data["loans"]
    window = (loans["product"] == "consumer") & (loans["origination_date"] >= "2022-07-17")
    if rule.startswith("R04"):
        offending = window & (loans["credit_line_cny"] > 200_000)
    else:
        offending = window & (loans["repayment"] == "bullet") & (loans["term_months"] > 12)
    assert offending.sum() >= 5


def test_r06_local_banks_lend_out_of_province_after_2022(data: dict[str, pd.DataFrame]) -> None:
    loans = data["loans"].merge(data["banks"], on="bank_id")
    offending = (
        loans["bank_type"].isin(["city_commercial", "rural_commercial"])
        & ~loans["is_online_only"]
        & (loans["borrower_province"] != loans["province"])
        & (loans["origination_date"] >= "2022-01-01")
    )
    assert offending.sum() >= 6


def test_r07_loans_through_unlisted_platforms_after_2025_10_01(
    data: dict[str, pd.DataFrame],
) -> None:
    loans = data["loans"][data["loans"]["origination_date"] >= "2025-10-01"]
    unlisted = ~_listed(loans, data["partner_list"], "platform", "platform_id")
    assert 0 < unlisted.sum() < 0.2 * len(loans)


def test_r08_unlicensed_or_unlisted_enhancers_after_2025_10_01(
    data: dict[str, pd.DataFrame],
) -> None:
    loans = data["loans"]
    loans = loans[(loans["origination_date"] >= "2025-10-01") & loans["enhancer_id"].notna()]
    licence = data["partners"].set_index("partner_id")["license"]
    unlicensed = ~loans["enhancer_id"].map(licence).isin(
        ["financing_guarantee", "credit_insurance"]
    )
    unlisted = ~_listed(loans, data["partner_list"], "enhancer", "enhancer_id")
    assert unlicensed.sum() >= 5 and unlisted.sum() > 0


def test_r09_loans_over_24_pct_after_2025_10_01(data: dict[str, pd.DataFrame]) -> None:
    loans = data["loans"]
    offending = (_apr(loans) - 0.24 > EPS) & (loans["origination_date"] >= "2025-10-01")
    assert offending.sum() >= 5


def test_r15_banks_report_milder_than_the_dpd_floor_from_2023_07_31(
    performance: pd.DataFrame,
) -> None:
    severity = {name: i for i, name in enumerate(contract.CLASSIFICATIONS)}
    dpd = performance["dpd"]
    floor = np.select([dpd == 0, dpd <= 90, dpd <= 270, dpd <= 360], [0, 1, 2, 3], 4)
    reported = performance["classification"].map(severity)
    offending = (
        (performance["status"] == "active")
        & reported.notna()
        & (reported < floor)
        & (performance["month_end"] >= "2023-07-31")
    )
    assert performance.loc[offending, "bank_id"].nunique() >= 2


# Lifecycles: platform exits after the 2025-10 rules, loans that end, cures


def test_three_to_five_tail_platforms_exit_between_2025_11_and_the_as_of_month(
    late: dict[str, pd.DataFrame],
) -> None:
    exits = _recent_exits(late["loan_performance"])
    assert 3 <= len(exits) <= 5
    names = late["partners"].set_index("partner_id")["name"]
    assert names[exits.index].str.startswith("Platform C").all()  # C: the long tail
    # Their partnerships ended (cooperation_end on every list row) and they stopped lending.
    lists = late["partner_list"]
    rows = lists[(lists["role"] == "platform") & lists["partner_id"].isin(exits.index)]
    assert (rows["cooperation_end"] < rows["partner_id"].map(exits)).all()
    loans = late["loans"]
    last_loan = loans[loans["platform_id"].isin(exits.index)]["origination_date"].max()
    assert last_loan < pd.Timestamp("2025-12-01")


def test_three_leaving_platforms_have_run_off_by_2026_04(tmp_path: Path) -> None:
    # Their books close by 2026-03, 2026-04 and 2026-04; the fourth one's by 2026-09.
    rows = _parquet_demo(tmp_path, date(2026, 4, 30))["loan_performance"]
    assert 3 <= len(_recent_exits(rows)) <= 5


def test_fewer_platforms_have_exited_at_an_earlier_as_of_month(
    performance: pd.DataFrame, late: dict[str, pd.DataFrame]
) -> None:
    # As of 2026-03 most leaving platforms are still running their books off.
    assert len(_recent_exits(performance)) < len(_recent_exits(late["loan_performance"]))


def test_every_loan_ends_or_is_still_running_at_the_last_month(
    late: dict[str, pd.DataFrame],
) -> None:
    rows = late["loan_performance"]
    last = rows.sort_values("month_end").groupby("loan_id").tail(1)
    running = last[last["status"] == "active"]
    assert (running["month_end"] == pd.Timestamp(LATE_AS_OF)).all()
    assert rows.loc[rows["status"] == "active", "dpd"].max() <= 400
    assert (rows.loc[rows["status"] != "active", "balance_cny"] == 0).all()
    # Written off after long delinquency.
    assert 180 <= rows.loc[rows["status"] == "charged_off", "dpd"].median() <= 360


def test_guaranteed_loans_never_reach_90_dpd_while_active(late: dict[str, pd.DataFrame]) -> None:
    rows = late["loan_performance"]
    guaranteed = rows[(rows["status"] == "active") & rows["enhancer_id"].notna()]
    assert len(guaranteed) > 0 and guaranteed["dpd"].max() <= 90
    assert rows.loc[rows["status"] == "compensated", "enhancer_id"].notna().all()


@pytest.mark.parametrize(
    ("from_bucket", "to_bucket", "low", "high"),
    [
        ("1_30", "current", 0.20, 0.60),
        ("31_60", "current", 0.10, 0.35),
        ("61_90", "current", 0.01, 0.20),
        ("61_90", "90_plus", 0.50, 0.95),
    ],
)
def test_roll_rates_over_2024_include_cures(
    late: dict[str, pd.DataFrame], from_bucket: str, to_bucket: str, low: float, high: float
) -> None:
    rates = _roll_rates(late["loan_performance"], 2024)
    assert low <= rates.loc[from_bucket, to_bucket] <= high

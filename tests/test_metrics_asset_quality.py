"""Asset-quality metrics on hand-computed books: DPD/NPL ratios at the 30/31 and 90/91 boundaries,
the reported-vs-implied gap, breakdowns, vintages under filters, roll-rate matrices."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from lendwatch import build
from lendwatch.filters import FilterContext
from lendwatch.metrics import asset_quality as aq
from tests.support import SAMPLE, staged
from tests.support_marts import built

JAN, FEB, MAR = date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)


def loan(loan_id: str, bank: str, platform: str, principal: float, **extra) -> dict:
    return {
        "loan_id": loan_id,
        "bank_id": bank,
        "platform_id": platform,
        "origination_date": extra.pop("origination_date", "2024-01-05"),
        "principal_cny": principal,
        **extra,
    }


def perf(loan_id: str, month_end: date, balance: float, dpd: int, **extra) -> dict:
    return {
        "loan_id": loan_id,
        "month_end": month_end.isoformat(),
        "balance_cny": balance,
        "dpd": dpd,
        **extra,
    }


BANKS = [
    {"bank_id": "B1", "name": "Bank One", "name_zh": "一号银行", "bank_type": "joint_stock"},
    {"bank_id": "B2", "name": "Bank Two", "name_zh": "二号银行", "bank_type": "city_commercial"},
    {"bank_id": "B3", "name": "Bank Three", "bank_type": "state_owned"},
]
PARTNERS = [
    {"partner_id": "P1", "name": "Platform One"},
    {"partner_id": "P2", "name": "Platform Two"},
    {"partner_id": "P3", "name": "Platform Three"},
    {"partner_id": "E1", "partner_type": "enhancer", "license": "financing_guarantee"},
]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """Six loans, all from January 2024; at the as-of month February:
    L1 B1/P1 1 000 at 30 DPD (special mention)   → not DPD30+
    L2 B1/P1 2 000 at 31 DPD (reported normal)   → DPD30+
    L3 B1/P2 4 000 at 90 DPD, guaranteed, business, reported substandard → DPD30+, NPL both ways
    L4 B2/P2 3 000 at 91 DPD, reported special mention → DPD30+, DPD90+, NPL only DPD-implied
    L5 B2/P1 9 900 current, business, no classification → normal
    L6 B1/P3   100 current (P3 holds 0.5 % of the store: a tail platform)
    Total 20 000. January: same balances, L3 at 60 and L4 at 61 DPD, both special mention."""
    loans = [
        loan("L1", "B1", "P1", 1000),
        loan("L2", "B1", "P1", 2000),
        loan("L3", "B1", "P2", 4000, enhancer_id="E1", product="business"),
        loan("L4", "B2", "P2", 3000),
        loan("L5", "B2", "P1", 9900, product="business"),
        loan("L6", "B1", "P3", 100),
    ]
    jan = [
        perf("L1", JAN, 1000, 0, classification="normal"),
        perf("L2", JAN, 2000, 0, classification="normal"),
        perf("L3", JAN, 4000, 60, classification="special_mention"),
        perf("L4", JAN, 3000, 61, classification="special_mention"),
        perf("L5", JAN, 9900, 0),
        perf("L6", JAN, 100, 0, classification="normal"),
    ]
    feb = [
        perf("L1", FEB, 1000, 30, classification="special_mention"),
        perf("L2", FEB, 2000, 31, classification="normal"),
        perf("L3", FEB, 4000, 90, classification="substandard"),
        perf("L4", FEB, 3000, 91, classification="special_mention"),
        perf("L5", FEB, 9900, 0),
        perf("L6", FEB, 100, 0, classification="normal"),
    ]
    tables = {"banks": BANKS, "partners": PARTNERS, "loans": loans, "loan_performance": jan + feb}
    return built(tmp_path_factory.mktemp("book"), tables)


def ctx(start: date = JAN, end: date = FEB, **filters) -> FilterContext:
    return FilterContext(start=start, end=end, **filters)


def test_kpis_at_the_as_of_month_and_the_month_before(book):
    kpis = aq.asset_quality_kpis(book, ctx()).set_index("month_end")
    now, before = kpis.loc[pd.Timestamp(FEB)], kpis.loc[pd.Timestamp(JAN)]
    assert bool(now["is_as_of"]) and not bool(before["is_as_of"])
    assert now["balance_cny"] == pytest.approx(20_000)
    assert now["dpd30_ratio"] == pytest.approx(0.45)  # L2 2 000 + L3 4 000 + L4 3 000 = 9 000
    assert now["dpd90_ratio"] == pytest.approx(0.15)  # L4 3 000
    assert now["npl_reported_ratio"] == pytest.approx(0.20)  # L3 4 000
    assert now["npl_dpd_ratio"] == pytest.approx(0.35)  # L3 4 000 + L4 3 000 (floor substandard)
    assert now["npl_gap"] == pytest.approx(0.15)  # 0.35 − 0.20
    assert before["dpd30_ratio"] == pytest.approx(0.35)  # L3 4 000 + L4 3 000 at 60/61 DPD
    assert before["npl_dpd_ratio"] == pytest.approx(0.0)


def test_kpis_use_the_filter_end_as_the_as_of_month(book):
    kpis = aq.asset_quality_kpis(book, ctx(end=JAN))
    assert kpis["month_end"].tolist() == [pd.Timestamp(JAN)]  # no month before January
    assert bool(kpis["is_as_of"].iloc[0])


@pytest.mark.parametrize(
    ("dpd", "dpd30_ratio", "dpd90_ratio", "npl_dpd_ratio"),
    [
        (0, 0.0, 0.0, 0.0),
        (30, 0.0, 0.0, 0.0),  # exactly 30 is not past 30
        (31, 1.0, 0.0, 0.0),
        (90, 1.0, 0.0, 0.0),  # exactly 90: floor special mention, not NPL
        (91, 1.0, 1.0, 1.0),  # floor substandard: NPL by DPD whatever was reported
    ],
)
def test_a_loan_counts_past_30_and_90_only_beyond_the_day(
    tmp_path, dpd, dpd30_ratio, dpd90_ratio, npl_dpd_ratio
):
    con = built(
        tmp_path,
        {
            "banks": BANKS[:1],
            "partners": PARTNERS[:1],
            "loans": [loan("L1", "B1", "P1", 500)],
            "loan_performance": [perf("L1", JAN, 500, dpd, classification="normal")],
        },
    )
    row = aq.asset_quality_trend(con, ctx(end=JAN)).iloc[0]
    assert (row["dpd30_ratio"], row["dpd90_ratio"]) == (dpd30_ratio, dpd90_ratio)
    assert row["npl_reported_ratio"] == 0.0  # reported normal
    assert row["npl_dpd_ratio"] == npl_dpd_ratio
    assert row["npl_gap"] == npl_dpd_ratio


@pytest.mark.parametrize(
    ("filters", "balance", "dpd30", "npl_reported", "npl_dpd"),
    [
        # business: L3 4 000 (90 DPD, substandard) + L5 9 900 (current)
        ({"products": ("business",)}, 13_900, 4000 / 13_900, 4000 / 13_900, 4000 / 13_900),
        # platform P2 restricts the book to its own loans: L3 4 000 + L4 3 000
        ({"platform_ids": ("P2",)}, 7000, 1.0, 4000 / 7000, 1.0),
        # group P2 (P2 has no owner) plus platform P3: the union, L3 + L4 + L6 = 7 100
        ({"platform_ids": ("P3",), "group_ids": ("P2",)}, 7100, 7000 / 7100, 4000 / 7100,
         7000 / 7100),
        # bank type city commercial: B2 = L4 3 000 + L5 9 900
        ({"bank_types": ("city_commercial",)}, 12_900, 3000 / 12_900, 0.0, 3000 / 12_900),
    ],
)  # fmt: skip
def test_every_filter_restricts_the_book_the_ratios_are_of(
    book, filters, balance, dpd30, npl_reported, npl_dpd
):
    row = aq.asset_quality_trend(book, ctx(**filters)).set_index("month_end").loc[pd.Timestamp(FEB)]
    assert row["balance_cny"] == pytest.approx(balance)
    assert row["dpd30_ratio"] == pytest.approx(dpd30)
    assert row["npl_reported_ratio"] == pytest.approx(npl_reported)
    assert row["npl_dpd_ratio"] == pytest.approx(npl_dpd)


def test_a_bank_type_without_platform_book_gives_empty_results(book):
    selection = ctx(bank_types=("state_owned",))
    assert aq.asset_quality_trend(book, selection).empty
    kpis = aq.asset_quality_kpis(book, selection)
    assert (kpis["balance_cny"] == 0).all() and kpis["dpd30_ratio"].isna().all()
    assert aq.asset_quality_breakdown(book, selection, "bank").empty
    assert aq.npl_gap_by_bank(book, selection).empty
    assert aq.vintage_curves(book, selection, "quarter").empty
    assert aq.roll_rate_matrix(book, selection).empty


def feb_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["month_end"] == pd.Timestamp(FEB)].reset_index(drop=True)


def test_breakdown_by_guarantee_splits_guaranteed_from_other_loans(book):
    rows = feb_rows(aq.asset_quality_breakdown(book, ctx(), "guaranteed")).set_index("group_key")
    # not guaranteed 16 000 (ranked first by balance): DPD30+ L2 + L4 = 5 000; NPL implied L4 3 000
    assert rows.loc["not_guaranteed", "group_rank"] == 1
    assert rows.loc["not_guaranteed", "dpd30_ratio"] == pytest.approx(5000 / 16_000)
    assert rows.loc["not_guaranteed", "npl_reported_ratio"] == pytest.approx(0.0)
    assert rows.loc["not_guaranteed", "npl_dpd_ratio"] == pytest.approx(3000 / 16_000)
    # guaranteed: L3 4 000 alone, 90 DPD reported substandard
    assert rows.loc["guaranteed", "balance_cny"] == pytest.approx(4000)
    assert rows.loc["guaranteed", "npl_reported_ratio"] == pytest.approx(1.0)


def test_breakdown_by_tier_keeps_the_whole_store_tier_under_a_bank_filter(book):
    whole = feb_rows(aq.asset_quality_breakdown(book, ctx(), "tier")).set_index("group_key")
    # P1 12 900 + P2 7 000 are leading (64.5 %, 35 %); P3 100 is 0.5 % → tail
    assert whole["balance_cny"].to_dict() == pytest.approx({"leading": 19_900, "tail": 100})
    assert whole.loc["leading", "dpd30_ratio"] == pytest.approx(9000 / 19_900)
    # within B1 alone P3 is 100 / 7 100 = 1.4 %, yet stays "tail": tiers are store-wide
    b1 = feb_rows(aq.asset_quality_breakdown(book, ctx(bank_ids=("B1",)), "tier"))
    assert b1.set_index("group_key")["balance_cny"].to_dict() == pytest.approx(
        {"leading": 7000, "tail": 100}
    )


def test_breakdown_beyond_top_n_sums_the_rest_into_one_other_group(book):
    rows = feb_rows(aq.asset_quality_breakdown(book, ctx(), "platform", top_n=1))
    # over the period P1 25 800 > P2 14 000 > P3 200: P1 keeps its line, P2 + P3 are Other
    assert rows["group_key"].tolist()[0] == "P1" and rows["name"].tolist()[0] == "Platform One"
    other = rows[rows["is_other"]].iloc[0]
    assert pd.isna(other["group_key"]) and other["group_rank"] == 2
    assert other["balance_cny"] == pytest.approx(7100)
    assert other["dpd30_ratio"] == pytest.approx(7000 / 7100)  # L3 + L4


def test_breakdown_keeps_a_lone_leftover_group_under_its_own_name(book):
    rows = feb_rows(aq.asset_quality_breakdown(book, ctx(), "bank", top_n=1))
    # two banks and top 1: an "Other" of one bank would hide its name
    assert rows["group_key"].tolist() == ["B2", "B1"]  # B2 25 800 over the period, B1 14 200
    assert not rows["is_other"].any()
    assert rows["name_zh"].tolist() == ["二号银行", "一号银行"]


def test_breakdown_refuses_an_unknown_dimension(book):
    with pytest.raises(ValueError, match="Unknown breakdown 'product'"):
        aq.asset_quality_breakdown(book, ctx(), "product")


@pytest.mark.parametrize(
    ("threshold", "b2_flagged"),
    [
        (0.005, True),
        (3000 / 12_900, False),  # a gap exactly at the threshold does not exceed it
        (3000 / 12_900 - 1e-6, True),
    ],
)
def test_gap_by_bank_flags_banks_whose_implied_npl_exceeds_the_reported(
    book, threshold, b2_flagged
):
    gaps = aq.npl_gap_by_bank(book, ctx(), threshold).set_index("bank_id")
    # B2: reported 0, implied L4 3 000 / 12 900; B1: L3 substandard both ways, gap 0
    assert gaps.index.tolist() == ["B2", "B1"]  # largest gap first
    assert gaps.loc["B2", "npl_gap"] == pytest.approx(3000 / 12_900)
    assert bool(gaps.loc["B2", "is_flagged"]) is b2_flagged
    assert gaps.loc["B1", "npl_reported_ratio"] == pytest.approx(4000 / 7100)
    assert not bool(gaps.loc["B1", "is_flagged"])


def test_vintage_of_one_cohort_under_a_product_filter(book):
    everything = aq.vintage_curves(book, ctx(), "month").set_index("mob")
    # one January cohort of 20 000; L4 first past 90 DPD in February (mob 1)
    assert everything["ever90_rate"].tolist() == pytest.approx([0.0, 3000 / 20_000])
    consumer = aq.vintage_curves(book, ctx(products=("consumer",)), "month").set_index("mob")
    # consumer: L1 1 000 + L2 2 000 + L4 3 000 + L6 100 = 6 100
    assert consumer["originated_cny"].tolist() == pytest.approx([6100, 6100])
    assert consumer["ever90_rate"].tolist() == pytest.approx([0.0, 3000 / 6100])
    guaranteed = aq.vintage_curves(book, ctx(), "month", "guaranteed")
    assert guaranteed["ever90_cny"].tolist() == [0.0, 0.0]  # L3 stopped at 90 DPD


@pytest.fixture(scope="module")
def cohorts(tmp_path_factory):
    """V1 Jan 1 000, first past 90 DPD in April (mob 3); V2 Feb 3 000, never; V3 Apr 2 000, past 90
    in May (mob 1; the marts do not validate, so a fast default is fine). Latest month May."""
    months = [date(2024, m, d) for m, d in ((1, 31), (2, 29), (3, 31), (4, 30), (5, 31))]
    performance = [
        perf("V1", m, 1000, dpd) for m, dpd in zip(months, (0, 30, 60, 91, 121), strict=True)
    ]
    performance += [perf("V2", m, 3000, 0) for m in months[1:]]
    performance += [perf("V3", months[3], 2000, 0), perf("V3", months[4], 2000, 95)]
    loans = [
        loan("V1", "B1", "P1", 1000, origination_date="2024-01-10"),
        loan("V2", "B1", "P1", 3000, origination_date="2024-02-10"),
        loan("V3", "B1", "P1", 2000, origination_date="2024-04-10"),
    ]
    tables = {"banks": BANKS, "partners": PARTNERS, "loans": loans, "loan_performance": performance}
    return built(tmp_path_factory.mktemp("cohorts"), tables)


def curves(con, grain: str, start: date, end: date) -> dict[str, list[float]]:
    frame = aq.vintage_curves(con, ctx(start, end), grain)
    return {
        f"{c:%Y-%m}": rows.sort_values("mob")["ever90_rate"].round(6).tolist()
        for c, rows in frame.groupby("cohort_start")
    }


@pytest.mark.parametrize(
    ("grain", "start", "end", "expected"),
    [
        # Q1 = Jan + Feb (4 000), observed to mob 3 (Feb → May); V1 at mob 3: 1 000 / 4 000.
        # Q2 = Apr (2 000), mob 0 … 1; V3 at mob 1: 2 000 / 2 000
        ("quarter", date(2024, 1, 31), date(2024, 5, 31),
         {"2024-01": [0, 0, 0, 0.25], "2024-04": [0, 1.0]}),
        # the year runs only to mob 1 (Apr → May): V3 2 000 / 6 000; V1 (mob 3) not yet counted
        ("year", date(2024, 1, 31), date(2024, 5, 31), {"2024-01": [0, round(2000 / 6000, 6)]}),
        # a period from February leaves the January cohort out: Q1 = V2 alone
        ("quarter", date(2024, 2, 29), date(2024, 5, 31),
         {"2024-01": [0, 0, 0, 0], "2024-04": [0, 1.0]}),
        # as of April: Q1 to mob 2 (Feb → Apr) and V1's mob-3 event is not seen yet
        ("quarter", date(2024, 1, 31), date(2024, 4, 30), {"2024-01": [0, 0, 0], "2024-04": [0]}),
    ],
)  # fmt: skip
def test_cohort_groups_run_only_as_far_as_their_latest_cohort_is_observed(
    cohorts, grain, start, end, expected
):
    assert curves(cohorts, grain, start, end) == expected


def test_unfiltered_monthly_vintages_equal_the_vintage_curve_table(tmp_path):
    con = staged(SAMPLE / "dataset")
    build.build_marts(con)
    months = con.execute("select min(month_end), max(month_end) from month_ends").fetchone()
    mine = aq.vintage_curves(con, ctx(months[0], months[1]), "month")
    table = con.execute(
        "select cohort_month, mob, sum(originated_cny) as originated_cny, "
        "sum(ever90_cny) as ever90_cny from vintage_curve group by all order by all"
    ).df()
    mine["cohort_month"] = mine["cohort_start"] + pd.offsets.MonthEnd(0)
    merged = table.merge(mine, on=["cohort_month", "mob"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all() and len(merged) > 100
    assert merged["originated_cny_x"].to_numpy() == pytest.approx(merged["originated_cny_y"])
    assert merged["ever90_cny_x"].to_numpy() == pytest.approx(merged["ever90_cny_y"])
    assert merged["ever90_cny_x"].sum() > 0


@pytest.fixture(scope="module")
def rolls(tmp_path_factory):
    """Rows in Jan/Feb/Mar 2024. January → February: A 1 000 and H 250 current → 1–30, I 750
    current → current, B 500 1–30 → paid off, F 100 31–60 → 61–90, G 50 61–90 → 90+, E 300 90+ →
    compensated (guaranteed). February → March: A 900 1–30 → 31–60, F 100 61–90 → charged off.
    C has no February row and pairs with nothing."""
    rows = [
        perf("A", JAN, 1000, 0), perf("A", FEB, 900, 1), perf("A", MAR, 900, 31),
        perf("B", JAN, 500, 30), perf("B", FEB, 0, 0, status="paid_off"),
        perf("C", JAN, 200, 0), perf("C", MAR, 200, 0),
        perf("E", JAN, 300, 91), perf("E", FEB, 0, 0, status="compensated"),
        perf("F", JAN, 100, 60), perf("F", FEB, 100, 61),
        perf("F", MAR, 100, 150, status="charged_off"),
        perf("G", JAN, 50, 90), perf("G", FEB, 50, 91),
        perf("H", JAN, 250, 0), perf("H", FEB, 250, 5),
        perf("I", JAN, 750, 0), perf("I", FEB, 750, 0),
    ]  # fmt: skip
    loans = [loan(i, "B1", "P1", 1000) for i in "ABCFGHI"] + [
        loan("E", "B1", "P1", 1000, enhancer_id="E1")
    ]
    tables = {"banks": BANKS, "partners": PARTNERS, "loans": loans, "loan_performance": rows}
    return built(tmp_path_factory.mktemp("rolls"), tables)


def matrix(frame: pd.DataFrame) -> dict[tuple[str, str], float]:
    moving = frame[frame["roll_rate"] > 0]
    return {(r.from_bucket, r.to_bucket): round(r.roll_rate, 6) for r in moving.itertuples()}


def test_roll_matrix_of_the_as_of_transition(rolls):
    frame = aq.roll_rate_matrix(rolls, ctx(JAN, MAR))
    # as of March: the February → March transitions only
    assert matrix(frame) == {("1_30", "31_60"): 1.0, ("61_90", "charged_off"): 1.0}
    assert frame["first_from_month_end"].iloc[0] == pd.Timestamp(FEB)
    assert frame["last_to_month_end"].iloc[0] == pd.Timestamp(MAR)
    assert len(frame) == 2 * 8  # every to-bucket and end state for each from-bucket


def test_roll_matrix_pools_the_window_and_each_row_sums_to_one(rolls):
    frame = aq.roll_rate_matrix(rolls, ctx(JAN, MAR), 3)
    assert matrix(frame) == {
        ("current", "current"): 0.375,  # I 750 / (A 1 000 + H 250 + I 750)
        ("current", "1_30"): 0.625,  # (A 1 000 + H 250) / 2 000
        ("1_30", "31_60"): round(900 / 1400, 6),  # A in February / (B 500 + A 900)
        ("1_30", "paid_off"): round(500 / 1400, 6),
        ("31_60", "61_90"): 1.0,
        ("61_90", "90_plus"): round(50 / 150, 6),  # G / (G 50 + F 100 in February)
        ("61_90", "charged_off"): round(100 / 150, 6),
        ("90_plus", "compensated"): 1.0,
    }
    sums = frame.groupby("from_bucket").agg(rate=("roll_rate", "sum"), moved=("balance_cny", "sum"))
    assert sums["rate"].to_numpy() == pytest.approx(1.0)
    from_balance = frame.groupby("from_bucket")["from_balance_cny"].first()
    assert sums["moved"].to_numpy() == pytest.approx(from_balance.to_numpy())


@pytest.mark.parametrize(
    ("guarantee", "expected"),
    [
        ("guaranteed", {("90_plus", "compensated"): 1.0}),  # E alone
        (
            "not_guaranteed",
            {
                ("current", "current"): 0.375,
                ("current", "1_30"): 0.625,
                ("1_30", "paid_off"): 1.0,
                ("31_60", "61_90"): 1.0,
                ("61_90", "90_plus"): 1.0,
            },
        ),
    ],
)
def test_roll_matrix_by_guarantee(rolls, guarantee, expected):
    assert matrix(aq.roll_rate_matrix(rolls, ctx(JAN, FEB), 1, guarantee)) == expected


def test_roll_trend_runs_to_the_month_before_the_as_of_month(rolls):
    trend = aq.roll_rate_trend(rolls, ctx(JAN, MAR))
    assert sorted(trend["month_end"].unique()) == [pd.Timestamp(JAN), pd.Timestamp(FEB)]
    first = trend[(trend["from_bucket"] == "current") & (trend["to_bucket"] == "1_30")]
    assert first["roll_rate"].tolist() == [0.625]  # no current balance pairs from February
    assert aq.roll_rate_trend(rolls, ctx(JAN, JAN)).empty  # as of January: no transition yet


def test_roll_window_must_be_one_of_the_offered(rolls):
    with pytest.raises(ValueError, match="roll-rate window"):
        aq.roll_rate_matrix(rolls, ctx(JAN, MAR), 2)

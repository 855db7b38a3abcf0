"""Published penalty decisions: how many a year, who issued them, against whom, for what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from lendwatch.contract import CAUSE_CATEGORIES
from lendwatch.demo.entities import Entities
from lendwatch.demo.timeline import Timeline

PER_YEAR = {2020: (2, 4), 2021: (5, 10), 2022: (8, 15), 2023: (15, 25), 2024: (15, 25)}
LATER_PER_YEAR = (25, 40)
CAUSE_ZH = {
    "imprudent_internet_lending": "互联网贷款业务严重违反审慎经营规则",
    "cross_region": "违规跨区域/异地互联网贷款",
    "core_risk_outsourced": "核心风控外包",
    "partner_management": "合作机构管控不到位",
    "excessive_cost": "增信收费管控不力导致综合融资成本过高",
    "credit_limit_term": "授信额度及期限不符合监管规定",
    "post_loan_management": "贷后管理缺失、资金挪用",
    "misclassification": "风险分类不真实",
    "disclosure_marketing": "信息披露不规范、夸大营销",
    "collection_outsourcing": "催收外包管理不到位",
    "data_security": "数据安全管控不足",
    "list_not_published": "合作方名单未按规定公示",
    "other": "其他违法违规行为",
}
BASE_CAUSE_WEIGHT = np.array([3, 1, 1.5, 2, 1, 1, 2, 1, 1, 1, 0.8, 0, 0.5])
AFTER_RULE_BOOST = {"excessive_cost": 3.0, "list_not_published": 6.0, "partner_management": 1.5}
# Province: (name, one-character abbreviation, prefecture cities with a sub-bureau).
PROVINCE_ZH = {
    "CN-BJ": ("北京", "京", ()), "CN-SH": ("上海", "沪", ()), "CN-TJ": ("天津", "津", ()),
    "CN-CQ": ("重庆", "渝", ()), "CN-GD": ("广东", "粤", ("佛山", "东莞", "惠州")),
    "CN-FJ": ("福建", "闽", ("泉州", "福州")), "CN-ZJ": ("浙江", "浙", ("温州", "台州", "金华")),
    "CN-JS": ("江苏", "苏", ("苏州", "无锡", "南通")), "CN-HB": ("湖北", "鄂", ("宜昌", "襄阳")),
    "CN-SD": ("山东", "鲁", ("潍坊", "临沂")), "CN-SC": ("四川", "川", ("绵阳", "宜宾")),
    "CN-HA": ("河南", "豫", ("洛阳", "南阳")), "CN-LN": ("辽宁", "辽", ("鞍山", "锦州")),
    "CN-AH": ("安徽", "皖", ("芜湖", "蚌埠")), "CN-JX": ("江西", "赣", ("赣州", "九江")),
    "CN-HN": ("湖南", "湘", ("株洲", "岳阳")), "CN-GX": ("广西", "桂", ("柳州", "桂林")),
}  # fmt: skip
MUNICIPALITIES = ("CN-BJ", "CN-SH", "CN-TJ", "CN-CQ")
BANK_WEIGHT = {"state_owned": 1.0, "joint_stock": 3.0, "city_commercial": 3.0,
               "rural_commercial": 2.5, "private": 3.0, "foreign": 0.5}  # fmt: skip
NFRA_FROM = date(2023, 7, 1)  # decisions from here on carry the new regulator's names
RULES_FROM = date(2025, 10, 1)


def yearly_counts(tl: Timeline, rng: np.random.Generator) -> dict[int, int]:
    """Penalty decisions per calendar year up to the as-of month (part years pro rata)."""
    as_of = tl.as_of.astype(date)
    counts = {}
    for year in range(2020, as_of.year + 1):
        lo, hi = PER_YEAR.get(year, LATER_PER_YEAR)
        months = 12 if year < as_of.year else as_of.month
        counts[year] = round(int(rng.integers(lo, hi + 1)) * months / 12)
    return counts


def _issuer(level: str, province: str, city: str, when: date) -> tuple[str, str]:
    """(regulator name, document-number stem) of an office at a decision date."""
    name, abbr, _ = PROVINCE_ZH[province]
    new = when >= NFRA_FROM
    if level == "hq":
        return (
            ("国家金融监督管理总局", "金罚决字")
            if new
            else ("中国银行保险监督管理委员会", "银保监罚决字")
        )
    if level == "pboc":
        suffix = "市分行" if province in MUNICIPALITIES else "省分行"
        return f"中国人民银行{name}{suffix}", f"{abbr}银罚决字"
    if level == "provincial":
        office = f"国家金融监督管理总局{name}监管局" if new else f"中国银保监会{name}监管局"
        return office, f"{abbr}金罚决字" if new else f"{abbr}银保监罚决字"
    office = f"国家金融监督管理总局{city}监管分局" if new else f"{city}银保监分局"
    if level == "county":
        return (
            f"{office}县域监管支局",
            f"{city[0]}金支罚决字" if new else f"{city[0]}银保监支罚决字",
        )
    return office, f"{city[0]}金罚决字" if new else f"{city[0]}银保监罚决字"


def _level(rng: np.random.Generator, national: bool, has_city: bool) -> str:
    u = rng.random()
    if national and u < 0.08:
        return "hq"
    if u < 0.15:
        return "pboc"
    if has_city and u < 0.48:
        return "prefecture" if u > 0.18 else "county"
    return "provincial"


def _causes(rng: np.random.Generator, when: date, boosts: dict[str, float]) -> list[str]:
    weights = BASE_CAUSE_WEIGHT.copy()
    extra = dict(AFTER_RULE_BOOST) if when >= RULES_FROM else {}
    for category, factor in {**extra, **boosts}.items():
        at = CAUSE_CATEGORIES.index(category)
        weights[at] = max(weights[at], 1.0) * factor
    if when < RULES_FROM:  # no published list was required before the 2025 notice took effect
        weights[CAUSE_CATEGORIES.index("list_not_published")] = 0.0
    count = int(rng.choice([1, 2, 3], p=[0.5, 0.35, 0.15]))
    picked = rng.choice(len(weights), size=count, replace=False, p=weights / weights.sum())
    return [CAUSE_CATEGORIES[i] for i in sorted(picked)]


@dataclass
class _Market:
    """What a penalty draw needs to know about the market, plus the running doc numbers."""

    banks: pd.DataFrame
    weight: np.ndarray  # relative chance of each bank being penalised
    non_banks: pd.DataFrame  # licensed partners that can be penalised themselves
    provinces: list[str]
    boosts: dict[int, dict[str, float]]
    partners: dict[int, list[str]]
    sequence: dict[tuple[str, int], int] = field(default_factory=dict)


def build_penalties(
    tl: Timeline,
    ent: Entities,
    bank_boosts: dict[int, dict[str, float]],
    bank_partners: dict[int, list[str]],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Penalty decisions in date order; banks with planted findings (`bank_boosts`, by bank
    index, with the cause categories their findings make likely) are penalised more often."""
    banks = ent.banks
    # The more kinds of findings a bank has, the likelier a penalty (up to three times).
    findings = np.array([len(bank_boosts.get(b, {})) for b in range(len(banks))])
    market = _Market(
        banks=banks,
        weight=banks["bank_type"].map(BANK_WEIGHT).to_numpy() * np.minimum(1 + 0.7 * findings, 3),
        non_banks=ent.partners[
            ent.partners["license"].isin(["financing_guarantee", "microlending"])
        ],
        provinces=sorted(banks["province"].unique()),
        boosts=bank_boosts,
        partners=bank_partners,
    )
    rows = []
    for year, count in yearly_counts(tl, rng).items():
        first = np.datetime64(f"{year}-01-01", "D")
        last = min(np.datetime64(f"{year}-12-31", "D"), tl.as_of)
        days = np.sort(first + rng.integers(0, int((last - first).astype(int)) + 1, count))
        rows += [_decision(rng, when, market) for when in days.astype(date)]
    frame = pd.DataFrame(rows)
    frame.insert(0, "penalty_id", [f"X{i:04d}" for i in range(1, len(frame) + 1)])
    return frame


def _decision(rng: np.random.Generator, when: date, market: _Market) -> dict[str, object]:
    """One penalty decision of day `when` (a penalties row without its id)."""
    if rng.random() < 0.12:
        partner = market.non_banks.iloc[int(rng.integers(len(market.non_banks)))]
        bank_id, name, partner_id = "", partner["name_zh"], partner["partner_id"]
        province = market.provinces[int(rng.integers(len(market.provinces)))]
        national, boosts = False, {}
    else:
        b = int(rng.choice(len(market.banks), p=market.weight / market.weight.sum()))
        bank = market.banks.iloc[b]
        bank_id, name, province = bank["bank_id"], bank["name_zh"], bank["province"]
        national = bank["bank_type"] in ("state_owned", "joint_stock", "private")
        boosts = market.boosts.get(b, {})
        mine = market.partners.get(b, [])
        partner_id = mine[int(rng.integers(len(mine)))] if mine and rng.random() < 0.25 else ""
    cities = PROVINCE_ZH[province][2]
    city = cities[int(rng.integers(len(cities)))] if cities else ""
    regulator_level = _level(rng, national, bool(cities))
    regulator, stem = _issuer(regulator_level, province, city, when)
    key = (stem, when.year)
    market.sequence[key] = market.sequence.get(key, 0) + int(rng.integers(1, 12))
    causes = _causes(rng, when, boosts)
    fine_wan = float(np.clip(rng.lognormal(np.log(85), 0.9) * (1.2 if boosts else 1.0), 20, 850))
    fine_wan = round(fine_wan / 5) * 5 if fine_wan >= 100 else round(fine_wan)
    return {
        "doc_no": f"{stem}〔{when.year}〕{market.sequence[key]}号",
        "decision_date": np.datetime64(when, "D"),
        "regulator": regulator,
        "regulator_level": regulator_level,
        "bank_id": bank_id,
        "institution_name": name,
        "cause": "；".join(CAUSE_ZH[c] for c in causes),
        "cause_categories": "|".join(causes),
        "fine_cny": fine_wan * 10_000.0,
        "individuals_penalised": int(rng.choice(6, p=[0.35, 0.25, 0.18, 0.12, 0.06, 0.04])),
        "partner_id": partner_id,
        "source_url": "",
    }

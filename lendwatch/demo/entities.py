"""The demo's institutions: 45 banks, 30 platforms of three kinds, enhancers, holdings and the
equity links between them. Pseudonymous by design: no number is tied to a real institution."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

GIANT, FINTECH, TAIL = 0, 1, 2
KIND_LETTER = {GIANT: "A", FINTECH: "B", TAIL: "C"}

# (bank_type, English stem, Chinese stem, provinces of the banks of this type, online-only flags)
BANK_TYPES: tuple[tuple[str, str, str, tuple[str, ...], tuple[bool, ...]], ...] = (
    ("state_owned", "State-Owned Bank", "国有银行", ("CN-BJ",) * 4 + ("CN-SH",), (False,) * 5),
    (
        "joint_stock",
        "Joint-Stock Bank",
        "股份银行",
        ("CN-SH", "CN-BJ", "CN-GD", "CN-FJ", "CN-BJ", "CN-SH", "CN-GD", "CN-TJ", "CN-ZJ"),
        (False,) * 9,
    ),
    (
        "city_commercial",
        "City Bank",
        "城商银行",
        ("CN-ZJ", "CN-JS", "CN-HB", "CN-SD", "CN-SC", "CN-HA", "CN-LN")
        + ("CN-FJ", "CN-AH", "CN-JX", "CN-HN", "CN-GX", "CN-CQ", "CN-ZJ"),
        (False,) * 14,
    ),
    (
        "rural_commercial",
        "Rural Bank",
        "农商银行",
        ("CN-ZJ", "CN-JS", "CN-SD", "CN-CQ", "CN-GD", "CN-SC", "CN-HA", "CN-HN"),
        (False,) * 8,
    ),
    (
        "private",
        "Private Bank",
        "民营银行",
        ("CN-GD", "CN-ZJ", "CN-SC", "CN-BJ", "CN-TJ", "CN-SH", "CN-HB"),
        (True, True, True, True, False, False, False),
    ),
    ("foreign", "Foreign Bank", "外资银行", ("CN-SH", "CN-BJ"), (False, False)),
)

# Banks with planted supervisory problems (see DOMAIN.md, "Planted breaches").
# Single-group co-funding over 25 % of tier 1: bank → (platform, share of its 2022–23 loans with
# that platform's group that are co-funded).
R02_BANK_PLATFORM = {"B07": ("P02", 0.95), "B17": ("P01", 0.6)}
R03_BANK = "B38"  # co-funded balance over 50 % of total loans (and over the group limit)
UNDER_REPORTING_BANKS = ("B10", "B17", "B30")  # report special_mention where the floor is worse
EMPTY_CLASSIFICATION_BANKS = ("B12", "B25")  # leave classification empty on part of 2020-21

# Platforms: (kind, license, balance share target in 2024, first cooperation, end of all its
# partnerships or "", month end by which its remaining loans have run off or ""). Loans of a
# leaving platform are written with terms that end by the run-off date, and whatever is still
# open then is closed (paid off, or charged off or compensated if delinquent), so the platform
# exits the market in the run-off month. Three of the four that leave around the 2025-10 rules
# are gone by 2026-04, the last one by 2026-09.
PLATFORMS: tuple[tuple[int, str, float, str, str, str], ...] = (
    (GIANT, "microlending", 0.245, "2018-01-01", "", ""),
    (GIANT, "microlending", 0.180, "2018-01-01", "", ""),
    (GIANT, "microlending", 0.135, "2018-01-01", "", ""),
    (GIANT, "consumer_finance", 0.110, "2018-01-01", "", ""),
    (GIANT, "microlending", 0.090, "2018-01-01", "", ""),
    (GIANT, "none", 0.050, "2018-06-01", "", ""),
    (FINTECH, "microlending", 0.025, "2018-03-01", "", ""),
    (FINTECH, "microlending", 0.020, "2018-03-01", "", ""),
    (FINTECH, "microlending", 0.017, "2018-06-01", "", ""),
    (FINTECH, "microlending", 0.014, "2018-06-01", "", ""),
    (FINTECH, "none", 0.012, "2018-09-01", "", ""),
    (FINTECH, "microlending", 0.010, "2018-09-01", "", ""),
    (FINTECH, "none", 0.009, "2019-01-01", "", ""),
    (FINTECH, "microlending", 0.008, "2019-01-01", "", ""),
    (FINTECH, "microlending", 0.007, "2019-03-01", "", ""),
    (FINTECH, "none", 0.006, "2019-03-01", "", ""),
    (FINTECH, "none", 0.005, "2021-03-01", "", ""),
    (FINTECH, "microlending", 0.003, "2022-05-01", "", ""),
    (FINTECH, "none", 0.002, "2019-06-01", "", ""),
    (FINTECH, "none", 0.002, "2019-06-01", "", ""),
    (TAIL, "none", 0.007, "2019-03-01", "", ""),
    (TAIL, "microlending", 0.006, "2020-04-15", "", ""),
    (TAIL, "none", 0.005, "2020-09-01", "", ""),
    (TAIL, "none", 0.005, "2021-01-10", "", ""),
    (TAIL, "none", 0.004, "2021-06-01", "", ""),
    (TAIL, "none", 0.004, "2019-05-01", "2023-03-31", "2024-06-30"),
    (TAIL, "none", 0.003, "2022-01-05", "2025-09-30", "2026-03-31"),
    (TAIL, "none", 0.002, "2022-08-01", "2025-10-15", "2026-04-30"),
    (TAIL, "none", 0.002, "2023-02-01", "2025-10-31", "2026-04-30"),
    (TAIL, "none", 0.002, "2023-06-01", "2025-11-30", "2026-09-30"),
)

# Enhancers: (id, English name, Chinese name, license, platform it is affiliated with or "").
ENHANCERS: tuple[tuple[str, str, str, str, str], ...] = (
    ("E01", "Guarantor E01", "融资担保E01", "financing_guarantee", "P01"),
    ("E02", "Guarantor E02", "融资担保E02", "financing_guarantee", "P02"),
    ("E03", "Guarantor E03", "融资担保E03", "financing_guarantee", "P04"),
    ("E04", "Guarantor E04", "融资担保E04", "financing_guarantee", "P07"),
    ("E05", "Guarantor E05", "融资担保E05", "financing_guarantee", "P08"),
    ("E06", "Guarantor E06", "融资担保E06", "financing_guarantee", "P10"),
    ("E07", "Credit Insurer E07", "信用保险E07", "credit_insurance", ""),
    ("E08", "Credit Insurer E08", "信用保险E08", "credit_insurance", ""),
    ("E09", "Guarantor E09", "融资担保E09", "financing_guarantee", ""),
    ("E10", "Risk Service E10", "风险服务E10", "none", "P24"),
    ("E11", "Microcredit E11", "小额贷款E11", "microlending", "P15"),
)
UNLICENSED_ENHANCERS = ("E10", "E11")

# Equity links: a 3-level chain (H02 → H31 → P02 → E02), a group with two platforms (H03),
# cross-holdings below 50 % (H01 in P08, H05 in P12, H02 in P21).
OWNERSHIP: tuple[tuple[str, str, float], ...] = (
    ("H01", "P01", 0.72), ("P01", "E01", 1.0), ("H02", "H31", 0.80), ("H31", "P02", 0.60),
    ("P02", "E02", 0.70), ("H03", "P03", 0.65), ("H03", "P16", 0.55), ("H04", "P04", 0.90),
    ("P04", "E03", 0.51), ("H05", "P05", 0.58), ("H06", "P06", 1.0), ("H07", "P07", 1.0),
    ("P07", "E04", 1.0), ("H08", "P08", 0.55), ("H01", "P08", 0.30), ("P08", "E05", 0.80),
    ("H09", "P09", 0.75), ("H10", "P10", 0.62), ("P10", "E06", 0.65), ("H11", "P11", 1.0),
    ("H12", "P12", 0.60), ("H05", "P12", 0.20), ("H13", "P13", 0.51), ("H14", "P14", 0.88),
    ("H15", "P15", 0.70), ("H15", "E11", 0.75), ("H16", "P17", 0.66), ("H17", "P18", 1.0),
    ("H18", "P19", 0.53), ("H19", "P20", 0.80), ("H20", "P21", 0.85), ("H02", "P21", 0.15),
    ("H21", "P22", 0.85), ("H22", "P23", 1.0), ("H23", "P24", 0.70), ("P24", "E10", 0.90),
    ("H24", "P25", 1.0), ("H25", "P26", 0.60), ("H26", "P27", 1.0), ("H27", "P28", 0.75),
    ("H28", "P29", 1.0), ("H29", "P30", 0.52), ("H30", "E07", 0.51), ("H32", "E08", 0.80),
)  # fmt: skip
HOLDING_NAMES = {
    "H30": ("Insurance Group H30", "保险集团H30"),
    "H31": ("Sub-Holding H31", "子控股H31"),
    "H32": ("Insurance Group H32", "保险集团H32"),
}


@dataclass(frozen=True)
class Entities:
    """Banks, partners and ownership as written, plus the arrays the generator steers by."""

    banks: pd.DataFrame  # contract columns of banks
    partners: pd.DataFrame  # contract columns of partners
    ownership: pd.DataFrame  # contract columns of ownership
    platform_ids: np.ndarray  # P01 … P30
    platform_kind: np.ndarray  # GIANT / FINTECH / TAIL
    platform_share: np.ndarray  # balance-share targets (sum 1)
    platform_entry: np.ndarray  # datetime64[D]
    platform_exit: np.ndarray  # datetime64[D], NaT when the platform stays
    platform_run_off: np.ndarray  # datetime64[D], NaT when the platform stays
    platform_group: np.ndarray  # group index of each platform (into group_ids)
    group_ids: np.ndarray  # partner_id of each group's ultimate controller


def ultimate_controllers(ownership: pd.DataFrame, partner_ids: list[str]) -> dict[str, str]:
    """Each partner's ultimate controller: follow links with equity_share > 0.5 upward."""
    controller = {
        owned: owner
        for owner, owned, share in ownership[["owner_id", "owned_id", "equity_share"]].itertuples(
            index=False
        )
        if share > 0.5
    }
    result = {}
    for partner in partner_ids:
        top = partner
        while top in controller:
            top = controller[top]
        result[partner] = top
    return result


def _banks() -> pd.DataFrame:
    rows = []
    for bank_type, stem, stem_zh, provinces, online in BANK_TYPES:
        for number, (province, is_online) in enumerate(zip(provinces, online, strict=True), 1):
            rows.append(
                (bank_type, f"{stem} {number:02d}", f"{stem_zh}{number:02d}", province, is_online)
            )
    frame = pd.DataFrame(rows, columns=["bank_type", "name", "name_zh", "province", "online"])
    frame.insert(0, "bank_id", [f"B{i:02d}" for i in range(1, len(frame) + 1)])
    return frame.rename(columns={"online": "is_online_only"})


def _partners() -> pd.DataFrame:
    rows = []
    counters = {GIANT: 0, FINTECH: 0, TAIL: 0}
    for number, (kind, license_, *_rest) in enumerate(PLATFORMS, 1):
        counters[kind] += 1
        label = f"{KIND_LETTER[kind]}{counters[kind]:02d}"
        rows.append((f"P{number:02d}", f"Platform {label}", f"平台{label}", "platform", license_))
    rows += [(pid, name, zh, "enhancer", lic) for pid, name, zh, lic, _ in ENHANCERS]
    holdings = sorted({owner for owner, _, _ in OWNERSHIP if owner.startswith("H")})
    for hid in holdings:
        name, zh = HOLDING_NAMES.get(hid, (f"Holding {hid}", f"控股{hid}"))
        rows.append((hid, name, zh, "holding", "none"))
    return pd.DataFrame(rows, columns=["partner_id", "name", "name_zh", "partner_type", "license"])


def build_entities() -> Entities:
    """The fixed cast of the demo market (no randomness: the seed varies the business)."""
    partners = _partners()
    ownership = pd.DataFrame(OWNERSHIP, columns=["owner_id", "owned_id", "equity_share"])
    ownership = ownership.sort_values(["owner_id", "owned_id"], ignore_index=True)
    platform_ids = np.array([f"P{i:02d}" for i in range(1, len(PLATFORMS) + 1)])
    controllers = ultimate_controllers(ownership, list(platform_ids))
    group_ids = np.array(sorted(set(controllers.values())))
    shares = np.array([p[2] for p in PLATFORMS])
    exits = np.array([p[4] or "NaT" for p in PLATFORMS], dtype="datetime64[D]")
    run_off = np.array([p[5] or "NaT" for p in PLATFORMS], dtype="datetime64[D]")
    return Entities(
        banks=_banks(),
        partners=partners,
        ownership=ownership,
        platform_ids=platform_ids,
        platform_kind=np.array([p[0] for p in PLATFORMS]),
        platform_share=shares / shares.sum(),
        platform_entry=np.array([p[3] for p in PLATFORMS], dtype="datetime64[D]"),
        platform_exit=exits,
        platform_run_off=run_off,
        platform_group=np.searchsorted(group_ids, [controllers[p] for p in platform_ids]),
        group_ids=group_ids,
    )

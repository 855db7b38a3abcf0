"""Every rule of DATA_CONTRACT.md, one row each: one defect planted in the small valid dataset
of test_validate gives exactly one message (file, row, column, rule), exit code 1, and a real
ingest into a store that already holds a good load leaves the published file byte-identical
and keeps the failed report beside the store."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from lendwatch.contract import TABLES
from lendwatch.ingest import IngestRejected, ingest
from lendwatch.store import Store
from lendwatch.validation_text import render
from tests.support import HAN, english_words
from tests.test_validate import (
    BASE,
    TODAY,
    add_row,
    dataset_with,
    rewrite_csv,
    set_table,
    set_value,
)

Plant = Callable[[Path], Path]  # writes the defective dataset into a folder, returns it
Expected = list[tuple[str, str, str]]  # (severity, rule, message) of every issue, in order

BF = "bank_financials.csv"
LP = "loan_performance.csv"
NUMBER = "must be a number (a '.' decimal point, no thousands separators)"
DATE = "must be a date written YYYY-MM-DD"
NOT_FUTURE = "must not be later than today, 2025-06-15"
PROVINCES = "one of the 34 values in the data dictionary (e.g. CN-AH, CN-BJ)"
CAUSES = (
    "one of the 13 values in the data dictionary (e.g. imprudent_internet_lending, cross_region)"
)
CONTROL = "control links (equity_share > 0.5) must not form a cycle"
SHARES = "the shares held in one entity must add up to at most 1"


def rows(*mutations: Callable[[dict], object]) -> Plant:
    """The base dataset with its rows changed."""
    return lambda folder: dataset_with(folder, *mutations)


def without_table(table: str) -> Plant:
    """The base dataset without the file of `table`."""

    def plant(folder: Path) -> Path:
        (dataset_with(folder) / f"{table}.csv").unlink()
        return folder

    return plant


def without_column(table: str, column: str) -> Plant:
    """The base dataset with `column` dropped from the file of `table`."""

    def plant(folder: Path) -> Path:
        rewrite_csv(dataset_with(folder) / f"{table}.csv", drop=column)
        return folder

    return plant


def skipped(file: str, column: str, words: str, waits_for: str) -> tuple[str, str, str]:
    """The warning that a rule of `column` waits for a missing file or column."""
    message = f'{file}, column {column}: rule "{words}" not checked until {waits_for} is added'
    return ("warning", "check_skipped", message)


# (case id, defect, rule, exact message); every case is an error, so exit code 1.
ERROR_CASES = [
    # banks
    ("banks_bank_id_required", rows(add_row("banks", bank_id="")), "not_empty",
     "banks.csv row 2, column bank_id: must not be empty"),
    ("banks_bank_id_unique", rows(add_row("banks", bank_id="B1")), "unique_key",
     "banks.csv row 2, column bank_id: must be unique (got 'B1' again, first on row 1)"),
    ("banks_name_non_empty", rows(set_value("banks", 0, name=" ")), "not_empty",
     "banks.csv row 1, column name: must not be empty"),
    ("banks_bank_type_enum", rows(set_value("banks", 0, bank_type="cooperative")), "enum",
     "banks.csv row 1, column bank_type: must be one of state_owned, joint_stock, "
     "city_commercial, rural_commercial, private, foreign (got 'cooperative')"),
    ("banks_province_enum", rows(set_value("banks", 0, province="ZJ")), "enum",
     f"banks.csv row 1, column province: must be {PROVINCES} (got 'ZJ')"),
    ("banks_is_online_only_bool", rows(set_value("banks", 0, is_online_only="yes")), "type_bool",
     "banks.csv row 1, column is_online_only: must be true or false (got 'yes')"),
    # bank_financials
    ("bank_financials_bank_id_reference", rows(set_value("bank_financials", 0, bank_id="B9")),
     "reference", f"{BF} row 1, column bank_id: must be a bank_id listed in banks.csv (got 'B9')"),
    ("bank_financials_period_end_date",
     rows(set_value("bank_financials", 0, period_end="2024/03/31")), "type_date",
     f"{BF} row 1, column period_end: {DATE} (got '2024/03/31')"),
    ("bank_financials_period_end_quarter_end",
     rows(set_value("bank_financials", 0, period_end="2024-02-29")), "quarter_end",
     f"{BF} row 1, column period_end: must be a quarter end (03-31, 06-30, 09-30 or 12-31) "
     "(got '2024-02-29')"),
    ("bank_financials_period_end_not_future",
     rows(set_value("bank_financials", 1, period_end="2025-09-30")), "not_future",
     f"{BF} row 2, column period_end: {NOT_FUTURE} (got '2025-09-30')"),
    ("bank_financials_bank_and_period_unique",
     rows(add_row("bank_financials", bank_id="B1", period_end="2024-03-31")), "unique_pair",
     f"{BF} row 3, columns bank_id, period_end: must be unique "
     "(got 'B1', '2024-03-31' again, first on row 1)"),
    ("bank_financials_tier1_positive",
     rows(set_value("bank_financials", 0, tier1_net_capital_cny=0)), "range_min",
     f"{BF} row 1, column tier1_net_capital_cny: must be > 0 (got 0)"),
    ("bank_financials_tier1_number",
     rows(set_value("bank_financials", 0, tier1_net_capital_cny="1,000,000")), "type_number",
     f"{BF} row 1, column tier1_net_capital_cny: {NUMBER} (got '1,000,000')"),
    ("bank_financials_total_loans_positive",
     rows(set_value("bank_financials", 1, total_loans_cny=-1)), "range_min",
     f"{BF} row 2, column total_loans_cny: must be > 0 (got -1)"),
    # partners
    ("partners_partner_id_required", rows(add_row("partners", partner_id="")), "not_empty",
     "partners.csv row 5, column partner_id: must not be empty"),
    ("partners_partner_id_unique", rows(add_row("partners", partner_id="H2")), "unique_key",
     "partners.csv row 5, column partner_id: must be unique (got 'H2' again, first on row 4)"),
    ("partners_name_non_empty", rows(set_value("partners", 3, name="")), "not_empty",
     "partners.csv row 4, column name: must not be empty"),
    ("partners_partner_type_enum", rows(set_value("partners", 3, partner_type="Holding")),
     "enum", "partners.csv row 4, column partner_type: must be one of platform, enhancer, "
     "collector, holding (got 'Holding')"),
    ("partners_license_enum", rows(set_value("partners", 2, license="guarantee")), "enum",
     "partners.csv row 3, column license: must be one of none, financing_guarantee, "
     "credit_insurance, microlending, consumer_finance, trust (got 'guarantee')"),
    # ownership
    ("ownership_owner_id_reference", rows(set_value("ownership", 0, owner_id="ZZ")), "reference",
     "ownership.csv row 1, column owner_id: must be a partner_id listed in partners.csv "
     "(got 'ZZ')"),
    ("ownership_owned_id_reference", rows(set_value("ownership", 0, owned_id="ZZ")), "reference",
     "ownership.csv row 1, column owned_id: must be a partner_id listed in partners.csv "
     "(got 'ZZ')"),
    ("ownership_owner_differs_from_owned",
     rows(add_row("ownership", owner_id="P1", owned_id="P1", equity_share=0.1)),
     "ownership_self_link", "ownership.csv row 2, column owned_id: must differ from owner_id "
     "(an entity cannot own itself) (got 'P1')"),
    ("ownership_equity_share_positive", rows(set_value("ownership", 0, equity_share=0)),
     "range_min", "ownership.csv row 1, column equity_share: must be > 0 (got 0)"),
    # 1.5 is reported once: it is not also added into P1's total or read as control
    ("ownership_equity_share_at_most_one", rows(set_value("ownership", 0, equity_share=1.5)),
     "range_max", "ownership.csv row 1, column equity_share: must be ≤ 1 (got 1.5)"),
    ("ownership_equity_share_number", rows(set_value("ownership", 0, equity_share="60%")),
     "type_number", f"ownership.csv row 1, column equity_share: {NUMBER} (got '60%')"),
    # the repeat is not added in: 0.6 + 0.6 = 1.2 would otherwise also break the sum rule
    ("ownership_owner_and_owned_unique",
     rows(add_row("ownership", owner_id="H1", owned_id="P1", equity_share=0.6)), "unique_pair",
     "ownership.csv row 2, columns owner_id, owned_id: must be unique "
     "(got 'H1', 'P1' again, first on row 1)"),
    # 0.5 + 0.3 + 0.200001 = 1.000001, beyond the 1e-9 tolerance
    ("ownership_shares_in_one_entity_sum_to_at_most_one",
     rows(set_table("ownership", [
         {"owner_id": "H1", "owned_id": "H2", "equity_share": 0.5},
         {"owner_id": "P1", "owned_id": "H2", "equity_share": 0.3},
         {"owner_id": "E1", "owned_id": "H2", "equity_share": 0.200001},
     ])), "ownership_shares_over_one",
     f"ownership.csv rows 1, 2 and 3, column equity_share: {SHARES} (got 'H2' totals 1.000001)"),
    ("ownership_no_control_cycle_of_two",
     rows(add_row("ownership", owner_id="P1", owned_id="H1", equity_share=0.6)),
     "ownership_control_cycle",
     f"ownership.csv rows 1 and 2, column equity_share: {CONTROL} (got H1 → P1 → H1)"),
    ("ownership_no_control_cycle_of_three",
     rows(set_table("ownership", [
         {"owner_id": "H1", "owned_id": "P1", "equity_share": 0.6},
         {"owner_id": "P1", "owned_id": "E1", "equity_share": 0.6},
         {"owner_id": "E1", "owned_id": "H1", "equity_share": 0.6},
     ])), "ownership_control_cycle",
     f"ownership.csv rows 1, 2 and 3, column equity_share: {CONTROL} (got H1 → P1 → E1 → H1)"),
    # partner_list
    ("partner_list_bank_id_reference", rows(set_value("partner_list", 0, bank_id="B9")),
     "reference",
     "partner_list.csv row 1, column bank_id: must be a bank_id listed in banks.csv (got 'B9')"),
    ("partner_list_partner_id_reference", rows(set_value("partner_list", 1, partner_id="ZZ")),
     "reference", "partner_list.csv row 2, column partner_id: must be a partner_id listed in "
     "partners.csv (got 'ZZ')"),
    ("partner_list_role_enum", rows(set_value("partner_list", 0, role="lender")), "enum",
     "partner_list.csv row 1, column role: must be one of platform, enhancer, collector "
     "(got 'lender')"),
    ("partner_list_cooperation_start_required",
     rows(set_value("partner_list", 0, cooperation_start="")), "not_empty",
     "partner_list.csv row 1, column cooperation_start: must not be empty"),
    ("partner_list_cooperation_start_date",
     rows(set_value("partner_list", 0, cooperation_start="2020-13-01")), "type_date",
     f"partner_list.csv row 1, column cooperation_start: {DATE} (got '2020-13-01')"),
    ("partner_list_cooperation_end_not_before_start",
     rows(set_value("partner_list", 0, cooperation_end="2019-12-31")),
     "partner_list_end_before_start",
     "partner_list.csv row 1, column cooperation_end: must be on or after cooperation_start "
     "(got 2019-12-31 before start 2020-01-01)"),
    ("partner_list_listed_date_date", rows(set_value("partner_list", 0, listed_date="1/1/2020")),
     "type_date", f"partner_list.csv row 1, column listed_date: {DATE} (got '1/1/2020')"),
    ("partner_list_delisted_not_before_listed",
     rows(set_value("partner_list", 1, delisted_date="2019-06-30")),
     "partner_list_delisted_before_listed",
     "partner_list.csv row 2, column delisted_date: must be on or after listed_date "
     "(got 2019-06-30 before listing 2020-01-01)"),
    # loans (L3 has no performance rows, so a defect there breaks nothing else)
    ("loans_loan_id_required", rows(set_value("loans", 2, loan_id="")), "not_empty",
     "loans.csv row 3, column loan_id: must not be empty"),
    ("loans_loan_id_unique", rows(add_row("loans", **BASE["loans"][0])), "unique_key",
     "loans.csv row 4, column loan_id: must be unique (got 'L1' again, first on row 1)"),
    ("loans_bank_id_required", rows(set_value("loans", 1, bank_id="")), "not_empty",
     "loans.csv row 2, column bank_id: must not be empty"),
    ("loans_bank_id_reference", rows(set_value("loans", 0, bank_id="B9")), "reference",
     "loans.csv row 1, column bank_id: must be a bank_id listed in banks.csv (got 'B9')"),
    ("loans_platform_id_reference", rows(set_value("loans", 0, platform_id="ZZ")), "reference",
     "loans.csv row 1, column platform_id: must be a partner_id listed in partners.csv "
     "(got 'ZZ')"),
    ("loans_platform_id_is_a_platform", rows(set_value("loans", 0, platform_id="E1")),
     "reference_type", "loans.csv row 1, column platform_id: must be a partner of partner_type "
     "platform in partners.csv (got 'E1')"),
    ("loans_enhancer_id_reference", rows(set_value("loans", 0, enhancer_id="ZZ")), "reference",
     "loans.csv row 1, column enhancer_id: must be a partner_id listed in partners.csv "
     "(got 'ZZ')"),
    ("loans_borrower_id_required", rows(set_value("loans", 0, borrower_id="")), "not_empty",
     "loans.csv row 1, column borrower_id: must not be empty"),
    ("loans_product_enum", rows(set_value("loans", 0, product="Consumer")), "enum",
     "loans.csv row 1, column product: must be one of consumer, business (got 'Consumer')"),
    ("loans_repayment_enum", rows(set_value("loans", 0, repayment="balloon")), "enum",
     "loans.csv row 1, column repayment: must be one of amortising, bullet (got 'balloon')"),
    ("loans_origination_date_real_day", rows(set_value("loans", 2, origination_date="2024-02-30")),
     "type_date", f"loans.csv row 3, column origination_date: {DATE} (got '2024-02-30')"),
    ("loans_origination_date_not_future",
     rows(set_value("loans", 2, origination_date="2025-06-16")), "not_future",
     f"loans.csv row 3, column origination_date: {NOT_FUTURE} (got '2025-06-16')"),
    ("loans_term_months_whole", rows(set_value("loans", 0, term_months="12.5")), "type_integer",
     "loans.csv row 1, column term_months: must be a whole number (got 12.5)"),
    ("loans_term_months_at_least_1", rows(set_value("loans", 0, term_months=0)), "range_min",
     "loans.csv row 1, column term_months: must be ≥ 1 (got 0)"),
    ("loans_term_months_at_most_360", rows(set_value("loans", 0, term_months=361)), "range_max",
     "loans.csv row 1, column term_months: must be ≤ 360 (got 361)"),
    ("loans_principal_positive", rows(set_value("loans", 2, principal_cny=0)), "range_min",
     "loans.csv row 3, column principal_cny: must be > 0 (got 0)"),
    # 5000 - 4999.98 = 0.02 short, beyond the 0.01 CNY tolerance
    ("loans_credit_line_at_least_principal", rows(set_value("loans", 1, credit_line_cny="4999.98")),
     "loans_credit_line_below_principal",
     "loans.csv row 2, column credit_line_cny: must be ≥ principal_cny (0.01 CNY tolerance) "
     "(got 4999.98 < principal 5000)"),
    ("loans_bank_funded_share_positive", rows(set_value("loans", 0, bank_funded_share=0)),
     "range_min", "loans.csv row 1, column bank_funded_share: must be > 0 (got 0)"),
    ("loans_bank_funded_share_at_most_one",
     rows(set_value("loans", 0, bank_funded_share="1.000001")), "range_max",
     "loans.csv row 1, column bank_funded_share: must be ≤ 1 (got 1.000001)"),
    ("loans_interest_rate_not_negative", rows(set_value("loans", 0, interest_rate=-0.1)),
     "range_min", "loans.csv row 1, column interest_rate: must be ≥ 0 (got -0.1)"),
    ("loans_interest_rate_below_one", rows(set_value("loans", 0, interest_rate=1)), "range_max",
     "loans.csv row 1, column interest_rate: must be < 1 (got 1)"),
    ("loans_platform_fee_rate_below_one", rows(set_value("loans", 0, platform_fee_rate=1.5)),
     "range_max", "loans.csv row 1, column platform_fee_rate: must be < 1 (got 1.5)"),
    ("loans_enhancement_fee_rate_not_negative",
     rows(set_value("loans", 0, enhancement_fee_rate=-0.01)), "range_min",
     "loans.csv row 1, column enhancement_fee_rate: must be ≥ 0 (got -0.01)"),
    ("loans_other_fee_rate_below_one", rows(set_value("loans", 0, other_fee_rate=1)),
     "range_max", "loans.csv row 1, column other_fee_rate: must be < 1 (got 1)"),
    ("loans_borrower_province_enum", rows(set_value("loans", 0, borrower_province="CN-XX")),
     "enum", f"loans.csv row 1, column borrower_province: must be {PROVINCES} (got 'CN-XX')"),
    ("loans_borrower_area_enum", rows(set_value("loans", 0, borrower_area="suburban")), "enum",
     "loans.csv row 1, column borrower_area: must be one of urban, county, rural "
     "(got 'suburban')"),
    # loan_performance
    ("loan_performance_loan_id_reference",
     rows(add_row("loan_performance", loan_id="L9", month_end="2024-03-31", balance_cny=0)),
     "reference",
     f"{LP} row 5, column loan_id: must be a loan_id listed in loans.csv (got 'L9')"),
    ("loan_performance_month_end_date",
     rows(set_value("loan_performance", 0, month_end="2024-1-31")), "type_date",
     f"{LP} row 1, column month_end: {DATE} (got '2024-1-31')"),
    # 2024 is a leap year: 02-28 is not its month's last day
    ("loan_performance_month_end_last_day",
     rows(set_value("loan_performance", 1, month_end="2024-02-28")), "month_end",
     f"{LP} row 2, column month_end: must be the last day of a month (got '2024-02-28')"),
    ("loan_performance_month_end_not_future",
     rows(add_row("loan_performance", loan_id="L3", month_end="2025-06-30", balance_cny=2000)),
     "not_future", f"{LP} row 5, column month_end: {NOT_FUTURE} (got '2025-06-30')"),
    ("loan_performance_loan_and_month_unique",
     rows(add_row("loan_performance", loan_id="L2", month_end="2024-02-29", balance_cny=5000)),
     "unique_pair", f"{LP} row 5, columns loan_id, month_end: must be unique "
     "(got 'L2', '2024-02-29' again, first on row 4)"),
    ("loan_performance_month_end_not_before_origination_month",
     rows(add_row("loan_performance", loan_id="L2", month_end="2024-01-31", balance_cny=5000)),
     "loan_performance_before_origination",
     f"{LP} row 5, column month_end: must not precede the loan's origination month "
     "(got 2024-01-31, originated 2024-02-10)"),
    ("loan_performance_balance_not_negative",
     rows(set_value("loan_performance", 3, balance_cny=-1)), "range_min",
     f"{LP} row 4, column balance_cny: must be ≥ 0 (got -1)"),
    ("loan_performance_balance_number",
     rows(set_value("loan_performance", 3, balance_cny="5,000")), "type_number",
     f"{LP} row 4, column balance_cny: {NUMBER} (got '5,000')"),
    # principal 5000: 0.02 over, beyond the 0.01 CNY tolerance
    ("loan_performance_balance_at_most_principal",
     rows(set_value("loan_performance", 3, balance_cny="5000.02")),
     "loan_performance_balance_over_principal",
     f"{LP} row 4, column balance_cny: must be ≤ the loan's principal_cny (0.01 CNY tolerance) "
     "(got 5000.02 > principal 5000)"),
    ("loan_performance_dpd_not_negative", rows(set_value("loan_performance", 1, dpd=-1)),
     "range_min", f"{LP} row 2, column dpd: must be ≥ 0 (got -1)"),
    ("loan_performance_dpd_whole", rows(set_value("loan_performance", 1, dpd="-0.5")),
     "type_integer", f"{LP} row 2, column dpd: must be a whole number (got -0.5)"),
    ("loan_performance_classification_enum",
     rows(set_value("loan_performance", 0, classification="bad")), "enum",
     f"{LP} row 1, column classification: must be one of normal, special_mention, substandard, "
     "doubtful, loss (got 'bad')"),
    ("loan_performance_status_enum", rows(set_value("loan_performance", 3, status="closed")),
     "enum", f"{LP} row 4, column status: must be one of active, paid_off, charged_off, "
     "compensated (got 'closed')"),
    ("loan_performance_no_row_after_a_non_active_row",
     rows(add_row("loan_performance", loan_id="L1", month_end="2024-04-30", balance_cny=0)),
     "loan_performance_row_after_end",
     f"{LP} row 5, column status: no row may follow a row whose status is not active "
     "(got 2024-04-30 after paid_off on 2024-03-31)"),
    # penalties
    ("penalties_penalty_id_unique",
     rows(add_row("penalties", penalty_id="X1", decision_date="2024-05-01")), "unique_key",
     "penalties.csv row 2, column penalty_id: must be unique (got 'X1' again, first on row 1)"),
    ("penalties_doc_no_required", rows(set_value("penalties", 0, doc_no="")), "not_empty",
     "penalties.csv row 1, column doc_no: must not be empty"),
    ("penalties_decision_date_date", rows(set_value("penalties", 0, decision_date="2024-5-1")),
     "type_date", f"penalties.csv row 1, column decision_date: {DATE} (got '2024-5-1')"),
    ("penalties_decision_date_not_future",
     rows(set_value("penalties", 0, decision_date="2025-06-16")), "not_future",
     f"penalties.csv row 1, column decision_date: {NOT_FUTURE} (got '2025-06-16')"),
    ("penalties_regulator_required", rows(set_value("penalties", 0, regulator="")), "not_empty",
     "penalties.csv row 1, column regulator: must not be empty"),
    ("penalties_regulator_level_enum", rows(set_value("penalties", 0, regulator_level="city")),
     "enum", "penalties.csv row 1, column regulator_level: must be one of hq, provincial, "
     "prefecture, county, pboc (got 'city')"),
    ("penalties_bank_id_reference", rows(set_value("penalties", 0, bank_id="B9")), "reference",
     "penalties.csv row 1, column bank_id: must be a bank_id listed in banks.csv (got 'B9')"),
    ("penalties_institution_name_non_empty",
     rows(set_value("penalties", 0, institution_name="")), "not_empty",
     "penalties.csv row 1, column institution_name: must not be empty"),
    ("penalties_cause_required", rows(set_value("penalties", 0, cause="")), "not_empty",
     "penalties.csv row 1, column cause: must not be empty"),
    ("penalties_cause_categories_vocabulary",
     rows(set_value("penalties", 0, cause_categories="cross_region|fraud")), "multi_enum",
     f"penalties.csv row 1, column cause_categories: must be '|'-separated values, each {CAUSES} "
     "(got 'cross_region|fraud')"),
    ("penalties_cause_categories_no_empty_part",
     rows(set_value("penalties", 0, cause_categories="cross_region||other")), "multi_enum",
     f"penalties.csv row 1, column cause_categories: must be '|'-separated values, each {CAUSES} "
     "(got 'cross_region||other')"),
    ("penalties_fine_not_negative", rows(set_value("penalties", 0, fine_cny=-1)), "range_min",
     "penalties.csv row 1, column fine_cny: must be ≥ 0 (got -1)"),
    ("penalties_individuals_penalised_not_negative",
     rows(set_value("penalties", 0, individuals_penalised=-1)), "range_min",
     "penalties.csv row 1, column individuals_penalised: must be ≥ 0 (got -1)"),
    ("penalties_individuals_penalised_whole",
     rows(set_value("penalties", 0, individuals_penalised="1.5")), "type_integer",
     "penalties.csv row 1, column individuals_penalised: must be a whole number (got 1.5)"),
    ("penalties_partner_id_reference", rows(set_value("penalties", 0, partner_id="ZZ")),
     "reference", "penalties.csv row 1, column partner_id: must be a partner_id listed in "
     "partners.csv (got 'ZZ')"),
]  # fmt: skip

BANK_REF = "must be a bank_id listed in banks.csv"
PARTNER_REF = "must be a partner_id listed in partners.csv"
LOAN_REF = "must be a loan_id listed in loans.csv"
PLATFORM_TYPE = "must be a partner of partner_type platform in partners.csv"
BEFORE_ORIGINATION = "must not precede the loan's origination month"
OVER_PRINCIPAL = "must be ≤ the loan's principal_cny (0.01 CNY tolerance)"
ROW_AFTER_END = "no row may follow a row whose status is not active"
MISSING_MONTHS = (
    "loans skip month ends between their first and last row (allowed; a loan counts only "
    "where it has a row)"
)
SELF_LINK = "must differ from owner_id (an entity cannot own itself)"

# The rules that read a missing file besides the missing file's own: each says it waits.
MISSING_TABLE_CASES = [
    ("banks", [
        skipped(BF, "bank_id", BANK_REF, "banks.csv"),
        skipped("partner_list.csv", "bank_id", BANK_REF, "banks.csv"),
        skipped("loans.csv", "bank_id", BANK_REF, "banks.csv"),
        skipped("penalties.csv", "bank_id", BANK_REF, "banks.csv"),
    ]),
    ("partners", [
        skipped("ownership.csv", "owner_id", PARTNER_REF, "partners.csv"),
        skipped("ownership.csv", "owned_id", PARTNER_REF, "partners.csv"),
        skipped("partner_list.csv", "partner_id", PARTNER_REF, "partners.csv"),
        skipped("loans.csv", "platform_id", PARTNER_REF, "partners.csv"),
        skipped("loans.csv", "platform_id", PLATFORM_TYPE, "partners.csv"),
        skipped("loans.csv", "enhancer_id", PARTNER_REF, "partners.csv"),
        skipped("penalties.csv", "partner_id", PARTNER_REF, "partners.csv"),
    ]),
    ("partner_list", []),
    ("loans", [
        skipped(LP, "loan_id", LOAN_REF, "loans.csv"),
        skipped(LP, "month_end", BEFORE_ORIGINATION, "loans.csv"),
        skipped(LP, "balance_cny", OVER_PRINCIPAL, "loans.csv"),
    ]),
    ("loan_performance", []),
]  # fmt: skip

# Rules of other columns that read a missing required column; every other missing column
# only loses its own rules, which its error already covers.
MISSING_COLUMN_SKIPS = {
    ("banks", "bank_id"): [
        skipped(BF, "bank_id", BANK_REF, "banks.csv, column bank_id"),
        skipped("partner_list.csv", "bank_id", BANK_REF, "banks.csv, column bank_id"),
        skipped("loans.csv", "bank_id", BANK_REF, "banks.csv, column bank_id"),
        skipped("penalties.csv", "bank_id", BANK_REF, "banks.csv, column bank_id"),
    ],
    ("partners", "partner_id"): [
        skipped("ownership.csv", "owner_id", PARTNER_REF, "partners.csv, column partner_id"),
        skipped("ownership.csv", "owned_id", PARTNER_REF, "partners.csv, column partner_id"),
        skipped("partner_list.csv", "partner_id", PARTNER_REF, "partners.csv, column partner_id"),
        skipped("loans.csv", "platform_id", PARTNER_REF, "partners.csv, column partner_id"),
        skipped("loans.csv", "platform_id", PLATFORM_TYPE, "partners.csv, column partner_id"),
        skipped("loans.csv", "enhancer_id", PARTNER_REF, "partners.csv, column partner_id"),
        skipped("penalties.csv", "partner_id", PARTNER_REF, "partners.csv, column partner_id"),
    ],
    ("partners", "partner_type"): [
        skipped("loans.csv", "platform_id", PLATFORM_TYPE, "partners.csv, column partner_type"),
    ],
    ("ownership", "owner_id"): [
        skipped("ownership.csv", "owned_id", SELF_LINK, "ownership.csv, column owner_id"),
        skipped("ownership.csv", "equity_share", SHARES, "ownership.csv, column owner_id"),
        skipped("ownership.csv", "equity_share", CONTROL, "ownership.csv, column owner_id"),
    ],
    ("ownership", "owned_id"): [
        skipped("ownership.csv", "equity_share", SHARES, "ownership.csv, column owned_id"),
        skipped("ownership.csv", "equity_share", CONTROL, "ownership.csv, column owned_id"),
    ],
    ("partner_list", "cooperation_start"): [
        skipped(
            "partner_list.csv",
            "cooperation_end",
            "must be on or after cooperation_start",
            "partner_list.csv, column cooperation_start",
        ),
    ],
    ("loans", "loan_id"): [
        skipped(LP, "loan_id", LOAN_REF, "loans.csv, column loan_id"),
        skipped(LP, "month_end", BEFORE_ORIGINATION, "loans.csv, column loan_id"),
        skipped(LP, "balance_cny", OVER_PRINCIPAL, "loans.csv, column loan_id"),
    ],
    ("loans", "origination_date"): [
        skipped(LP, "month_end", BEFORE_ORIGINATION, "loans.csv, column origination_date"),
    ],
    ("loans", "principal_cny"): [
        skipped(
            "loans.csv",
            "credit_line_cny",
            "must be ≥ principal_cny (0.01 CNY tolerance)",
            "loans.csv, column principal_cny",
        ),
        skipped(LP, "balance_cny", OVER_PRINCIPAL, "loans.csv, column principal_cny"),
    ],
    ("loan_performance", "loan_id"): [
        skipped(LP, "month_end", BEFORE_ORIGINATION, f"{LP}, column loan_id"),
        skipped(LP, "balance_cny", OVER_PRINCIPAL, f"{LP}, column loan_id"),
        skipped(LP, "status", ROW_AFTER_END, f"{LP}, column loan_id"),
        skipped(LP, "month_end", MISSING_MONTHS, f"{LP}, column loan_id"),
    ],
    ("loan_performance", "month_end"): [
        skipped(LP, "status", ROW_AFTER_END, f"{LP}, column month_end"),
    ],
}

REQUIRED_COLUMNS = [
    (spec.name, column.name) for spec in TABLES for column in spec.columns if not column.optional
]

CASES: list[tuple[str, Plant, Expected]] = [
    (case_id, plant, [("error", rule, message)]) for case_id, plant, rule, message in ERROR_CASES
]
CASES += [
    (
        f"{table}_table_required",
        without_table(table),
        [
            (
                "error",
                "missing_table",
                f"{table}.csv: missing; add {table}.csv or {table}.parquet (a required table)",
            ),
            *skips,
        ],
    )
    for table, skips in MISSING_TABLE_CASES
]
CASES += [
    (
        f"{table}_{column}_column_required",
        without_column(table, column),
        [
            ("error", "missing_column", f"{table}.csv, column {column}: missing; add the column"),
            *MISSING_COLUMN_SKIPS.get((table, column), []),
        ],
    )
    for table, column in REQUIRED_COLUMNS
]


def published(store: Store) -> tuple[str, str]:
    """What a reader of the store sees: the symlink's target and a hash of its file."""
    digest = hashlib.sha256(store.path.resolve().read_bytes()).hexdigest()
    return os.readlink(store.path), digest


@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder holding one good load of the base dataset, built once and copied."""
    root = tmp_path_factory.mktemp("good_store")
    ingest(dataset_with(root / "dataset"), Store(root / "data" / "lendwatch.duckdb"), today=TODAY)
    return root / "data"


@pytest.fixture
def store(good_store: Path, tmp_path: Path) -> Store:
    shutil.copytree(good_store, tmp_path / "data", symlinks=True)
    return Store(tmp_path / "data" / "lendwatch.duckdb")


def test_every_required_column_and_table_has_a_case():
    ids = {case[0] for case in CASES}
    assert {f"{t}_{c}_column_required" for t, c in REQUIRED_COLUMNS} <= ids
    required = {spec.name for spec in TABLES if spec.required}
    assert {f"{t}_table_required" for t in required} <= ids
    assert set(MISSING_COLUMN_SKIPS) <= set(REQUIRED_COLUMNS)


@pytest.mark.parametrize(
    ("plant", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_each_contract_rule_rejects_the_load_with_one_exact_message(
    tmp_path: Path, store: Store, plant: Plant, expected: Expected
):
    folder = plant(tmp_path / "dataset")
    before = published(store)
    reports_before = set(store.reports())
    with pytest.raises(IngestRejected) as caught:
        ingest(folder, store, today=TODAY)
    report = caught.value.report
    assert [(issue.severity, issue.rule, issue.message) for issue in report.issues] == expected
    assert report.exit_code == 1
    assert published(store) == before
    (kept,) = set(store.reports()) - reports_before
    assert kept == caught.value.report_path
    assert kept.parent == store.reports_dir and kept.name.endswith("-failed.json")
    content = json.loads(kept.read_text(encoding="utf-8"))
    assert [issue["message"] for issue in content["issues"]] == [m for _, _, m in expected]
    for issue in content["issues"]:  # the stored fields read in either language
        assert render(issue, "en") == issue["message"]
        chinese = render(issue, "zh")
        assert english_words(chinese) == set(), chinese
        assert HAN.search(chinese), chinese


@pytest.mark.parametrize("table", ["penalties", "ownership", "bank_financials"])
def test_a_missing_optional_table_is_reported_and_the_load_goes_ahead(
    tmp_path: Path, store: Store, table: str
):
    before = published(store)
    result = ingest(without_table(table)(tmp_path / "dataset"), store, today=TODAY)
    assert [(issue.severity, issue.rule, issue.message) for issue in result.report.issues] == [
        (
            "warning",
            "missing_optional_table",
            f"{table}.csv: absent (no {table}.parquet either); this optional table loads empty",
        )
    ]
    assert result.report.exit_code == 0
    assert published(store) != before
    assert result.row_counts[table] == 0
    _, kept = store.last_report()
    assert kept["ok"] is True

"""The data contract (DATA_CONTRACT.md) as data: the one source for the validator,
the staging casts, the demo writer's column order and the Data page's dictionary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["text", "date", "number", "integer", "bool"]

BANK_TYPES = (
    "state_owned",
    "joint_stock",
    "city_commercial",
    "rural_commercial",
    "private",
    "foreign",
)
PARTNER_TYPES = ("platform", "enhancer", "collector", "holding")
LICENSES = (
    "none",
    "financing_guarantee",
    "credit_insurance",
    "microlending",
    "consumer_finance",
    "trust",
)
LIST_ROLES = ("platform", "enhancer", "collector")
PRODUCTS = ("consumer", "business")
REPAYMENTS = ("amortising", "bullet")
BORROWER_AREAS = ("urban", "county", "rural")
CLASSIFICATIONS = ("normal", "special_mention", "substandard", "doubtful", "loss")
STATUSES = ("active", "paid_off", "charged_off", "compensated")
REGULATOR_LEVELS = ("hq", "provincial", "prefecture", "county", "pboc")
CAUSE_CATEGORIES = (
    "imprudent_internet_lending",
    "cross_region",
    "core_risk_outsourced",
    "partner_management",
    "excessive_cost",
    "credit_limit_term",
    "post_loan_management",
    "misclassification",
    "disclosure_marketing",
    "collection_outsourcing",
    "data_security",
    "list_not_published",
    "other",
)
# ISO 3166-2:CN codes of the 34 provincial-level divisions.
PROVINCES = (
    "CN-AH", "CN-BJ", "CN-CQ", "CN-FJ", "CN-GD", "CN-GS", "CN-GX", "CN-GZ", "CN-HA",
    "CN-HB", "CN-HE", "CN-HI", "CN-HK", "CN-HL", "CN-HN", "CN-JL", "CN-JS", "CN-JX",
    "CN-LN", "CN-MO", "CN-NM", "CN-NX", "CN-QH", "CN-SC", "CN-SD", "CN-SH", "CN-SN",
    "CN-SX", "CN-TJ", "CN-TW", "CN-XJ", "CN-XZ", "CN-YN", "CN-ZJ",
)  # fmt: skip


@dataclass(frozen=True)
class Reference:
    """A foreign key: values must exist in `table.column` (optionally among rows `where`)."""

    table: str
    column: str
    partner_type: str | None = None  # restrict partners to one partner_type


@dataclass(frozen=True)
class Column:
    """One column of an input table and every rule the validator checks on it."""

    name: str
    type: ColumnType
    description: str
    description_zh: str
    optional: bool = False  # may be absent from the file or empty in a row
    enum: tuple[str, ...] = ()
    multi_enum: tuple[str, ...] = ()  # `|`-separated values, each from this vocabulary
    references: Reference | None = None
    min: float | None = None
    min_inclusive: bool = True
    max: float | None = None
    max_inclusive: bool = True
    date_kind: Literal["any", "month_end", "quarter_end"] = "any"
    not_future: bool = False
    default: str | None = None  # value used in staging when empty (optional columns)

    @property
    def rule_text(self) -> str:
        """The column's rules in words, as shown in the data dictionary."""
        parts: list[str] = []
        if not self.optional:
            parts.append("required")
        if self.enum:
            parts.append("one of " + ", ".join(self.enum))
        if self.multi_enum:
            parts.append("'|'-separated values from the cause vocabulary")
        if self.references:
            ref = f"references {self.references.table}.{self.references.column}"
            if self.references.partner_type:
                ref += f" of type {self.references.partner_type}"
            parts.append(ref)
        if self.min is not None:
            parts.append(f"{'≥' if self.min_inclusive else '>'} {self.min:g}")
        if self.max is not None:
            parts.append(f"{'≤' if self.max_inclusive else '<'} {self.max:g}")
        if self.date_kind != "any":
            parts.append(self.date_kind.replace("_", " "))
        if self.not_future:
            parts.append("not in the future")
        return "; ".join(parts)


@dataclass(frozen=True)
class Table:
    """One input table of the dataset folder."""

    name: str
    grain: str
    description_zh: str
    columns: tuple[Column, ...]
    required: bool = True
    unique: tuple[tuple[str, ...], ...] = ()
    # Table-level checks beyond the column rules: names of files under queries/checks/.
    checks: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        """The column called `name`."""
        return next(c for c in self.columns if c.name == name)


def _c(name: str, type_: ColumnType, en: str, zh: str, **kw: object) -> Column:
    return Column(name, type_, en, zh, **kw)  # type: ignore[arg-type]


PARTNER_REF = Reference("partners", "partner_id")
BANK_REF = Reference("banks", "bank_id")
RATE = {"min": 0.0, "max": 1.0, "max_inclusive": False}

TABLES: tuple[Table, ...] = (
    Table(
        "banks",
        "one row per bank",
        "每家银行一行",
        (
            _c("bank_id", "text", "Bank identifier", "银行编号"),
            _c("name", "text", "Name (English or pinyin)", "名称（英文或拼音）"),
            _c("name_zh", "text", "Chinese name", "中文名称", optional=True),
            _c("bank_type", "text", "Type of bank", "银行类型", enum=BANK_TYPES),
            _c(
                "province",
                "text",
                "Province of the registered seat (ISO 3166-2:CN)",
                "注册地省份（ISO 3166-2:CN）",
                enum=PROVINCES,
            ),
            _c(
                "is_online_only",
                "bool",
                "Branchless online bank (exempt from the regional rule)",
                "无网点的互联网银行（不受地域限制）",
            ),
        ),
        unique=(("bank_id",),),
    ),
    Table(
        "bank_financials",
        "one row per bank and quarter end",
        "每家银行每个季末一行",
        (
            _c("bank_id", "text", "Bank", "银行", references=BANK_REF),
            _c(
                "period_end",
                "date",
                "Quarter end",
                "季末日期",
                date_kind="quarter_end",
                not_future=True,
            ),
            _c(
                "tier1_net_capital_cny",
                "number",
                "Tier-1 net capital, CNY",
                "一级资本净额（元）",
                min=0.0,
                min_inclusive=False,
            ),
            _c(
                "total_loans_cny",
                "number",
                "Total loans, CNY",
                "各项贷款余额（元）",
                min=0.0,
                min_inclusive=False,
            ),
        ),
        required=False,
        unique=(("bank_id", "period_end"),),
    ),
    Table(
        "partners",
        "one row per external institution",
        "每家外部合作机构一行",
        (
            _c("partner_id", "text", "Partner identifier", "合作机构编号"),
            _c("name", "text", "Name", "名称"),
            _c("name_zh", "text", "Chinese name", "中文名称", optional=True),
            _c(
                "partner_type",
                "text",
                "Platform, enhancer, collector or holding",
                "平台、增信机构、催收机构或控股公司",
                enum=PARTNER_TYPES,
            ),
            _c("license", "text", "Licence held", "持有牌照", enum=LICENSES),
        ),
        unique=(("partner_id",),),
    ),
    Table(
        "ownership",
        "one row per equity link",
        "每条股权关系一行",
        (
            _c("owner_id", "text", "Owner (partner)", "持股方", references=PARTNER_REF),
            _c("owned_id", "text", "Owned partner", "被持股方", references=PARTNER_REF),
            _c(
                "equity_share",
                "number",
                "Equity share held (0–1)",
                "持股比例（0–1）",
                min=0.0,
                min_inclusive=False,
                max=1.0,
            ),
        ),
        required=False,
        unique=(("owner_id", "owned_id"),),
        checks=("ownership_self_link", "ownership_shares_over_one", "ownership_control_cycle"),
    ),
    Table(
        "partner_list",
        "one row per bank–partner listing (the published white list)",
        "每个银行–合作机构名单条目一行（公示名单）",
        (
            _c("bank_id", "text", "Bank", "银行", references=BANK_REF),
            _c("partner_id", "text", "Partner", "合作机构", references=PARTNER_REF),
            _c("role", "text", "Role in the cooperation", "合作角色", enum=LIST_ROLES),
            _c("cooperation_start", "date", "Start of cooperation", "合作开始日期"),
            _c("cooperation_end", "date", "End of cooperation", "合作结束日期", optional=True),
            _c(
                "listed_date",
                "date",
                "Day the bank published the partner on its list (empty: never listed)",
                "银行公示该合作机构的日期（空：从未公示）",
                optional=True,
            ),
            _c(
                "delisted_date",
                "date",
                "Day the partner was removed from the list",
                "从名单移除的日期",
                optional=True,
            ),
        ),
        checks=("partner_list_end_before_start", "partner_list_delisted_before_listed"),
    ),
    Table(
        "loans",
        "one row per loan",
        "每笔贷款一行",
        (
            _c("loan_id", "text", "Loan identifier", "贷款编号"),
            _c("bank_id", "text", "Lending bank", "放款银行", references=BANK_REF),
            _c(
                "platform_id",
                "text",
                "Platform that originated the loan",
                "助贷平台",
                references=Reference("partners", "partner_id", "platform"),
            ),
            _c(
                "enhancer_id",
                "text",
                "Credit enhancer guaranteeing the loan",
                "增信机构",
                optional=True,
                references=PARTNER_REF,
            ),
            _c("borrower_id", "text", "Pseudonymised borrower key", "借款人假名编号"),
            _c("product", "text", "Consumer or business loan", "消费贷或经营贷", enum=PRODUCTS),
            _c("repayment", "text", "Amortising or bullet", "分期或到期一次还本", enum=REPAYMENTS),
            _c("origination_date", "date", "Day the loan was made", "放款日期", not_future=True),
            _c("term_months", "integer", "Term in months", "期限（月）", min=1, max=360),
            _c(
                "principal_cny",
                "number",
                "Principal, CNY",
                "本金（元）",
                min=0.0,
                min_inclusive=False,
            ),
            _c(
                "credit_line_cny",
                "number",
                "Credit line, CNY (≥ principal)",
                "授信额度（元，≥ 本金）",
            ),
            _c(
                "bank_funded_share",
                "number",
                "Share funded by the bank (< 1: co-funded)",
                "银行出资比例（< 1 为联合贷款）",
                min=0.0,
                min_inclusive=False,
                max=1.0,
            ),
            _c("interest_rate", "number", "Bank interest rate, annual", "贷款年利率", **RATE),
            _c(
                "platform_fee_rate",
                "number",
                "Platform service fee, annualised",
                "平台服务费率（年化）",
                **RATE,
            ),
            _c(
                "enhancement_fee_rate",
                "number",
                "Credit-enhancement fee, annualised",
                "增信费率（年化）",
                **RATE,
            ),
            _c(
                "other_fee_rate",
                "number",
                "Other fees (e.g. tied membership), annualised",
                "其他费用率（年化，如会员费）",
                optional=True,
                default="0",
                **RATE,
            ),
            _c(
                "borrower_province",
                "text",
                "Borrower's province (ISO 3166-2:CN)",
                "借款人所在省份",
                enum=PROVINCES,
            ),
            _c(
                "borrower_area",
                "text",
                "Urban, county or rural borrower",
                "城市、县域或农村借款人",
                enum=BORROWER_AREAS,
            ),
        ),
        unique=(("loan_id",),),
        checks=("loans_credit_line_below_principal",),
    ),
    Table(
        "loan_performance",
        "one row per loan and month end",
        "每笔贷款每个月末一行",
        (
            _c("loan_id", "text", "Loan", "贷款", references=Reference("loans", "loan_id")),
            _c(
                "month_end", "date", "Month end", "月末日期", date_kind="month_end", not_future=True
            ),
            _c("balance_cny", "number", "Outstanding balance, CNY", "贷款余额（元）", min=0.0),
            _c("dpd", "integer", "Days past due", "逾期天数", min=0),
            _c(
                "classification",
                "text",
                "Risk classification reported by the bank",
                "银行报送的风险分类",
                optional=True,
                enum=CLASSIFICATIONS,
            ),
            _c("status", "text", "Loan status at the month end", "月末贷款状态", enum=STATUSES),
        ),
        unique=(("loan_id", "month_end"),),
        checks=(
            "loan_performance_before_origination",
            "loan_performance_balance_over_principal",
            "loan_performance_row_after_end",
            "loan_performance_missing_months",
        ),
    ),
    Table(
        "penalties",
        "one row per published penalty decision",
        "每份公开的行政处罚决定一行",
        (
            _c("penalty_id", "text", "Penalty identifier", "处罚编号"),
            _c("doc_no", "text", "Decision document number", "处罚决定书文号"),
            _c("decision_date", "date", "Date of the decision", "处罚日期", not_future=True),
            _c("regulator", "text", "Issuing office", "作出处罚的机关"),
            _c(
                "regulator_level",
                "text",
                "Level of the issuing office",
                "处罚机关层级",
                enum=REGULATOR_LEVELS,
            ),
            _c(
                "bank_id",
                "text",
                "Penalised bank",
                "被处罚银行",
                optional=True,
                references=BANK_REF,
            ),
            _c("institution_name", "text", "Name of the penalised institution", "被处罚机构名称"),
            _c("cause", "text", "Cause as published", "公布的违法违规事由"),
            _c(
                "cause_categories",
                "text",
                "Cause categories ('|'-separated)",
                "事由类别（以 | 分隔）",
                multi_enum=CAUSE_CATEGORIES,
            ),
            _c("fine_cny", "number", "Fine, CNY", "罚款金额（元）", min=0.0),
            _c("individuals_penalised", "integer", "Individuals penalised", "被处罚个人数", min=0),
            _c(
                "partner_id",
                "text",
                "Partner involved",
                "涉及的合作机构",
                optional=True,
                references=PARTNER_REF,
            ),
            _c(
                "source_url",
                "text",
                "Link to the published decision",
                "处罚公告链接",
                optional=True,
            ),
        ),
        required=False,
        unique=(("penalty_id",),),
    ),
)

TABLE_NAMES: tuple[str, ...] = tuple(t.name for t in TABLES)


def table(name: str) -> Table:
    """The contract table called `name`."""
    return next(t for t in TABLES if t.name == name)

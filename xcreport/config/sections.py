"""The sections of the configuration: one pydantic model each, checked as they are read."""

from __future__ import annotations

import re
from email.utils import parseaddr
from typing import Annotated, Any, Literal, NoReturn

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

NonEmpty = Annotated[str, Field(min_length=1)]
#: Numbers are numbers: a value in quotes ("465") is a mistake the office should hear about.
Count = Annotated[int, Field(ge=0, strict=True)]
PositiveInt = Annotated[int, Field(ge=1, strict=True)]
NonNegative = Annotated[float, Field(ge=0, strict=True)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def fail(key: str, message: str) -> NoReturn:
    """Stop validation with ``message`` about ``key`` (relative to the section being checked), so
    that the loader can name the key and its line."""
    raise PydanticCustomError("xcreport", "{message}", {"message": message, "key": key})


def addresses(text: str) -> list[tuple[str, str]]:
    """(name, address) of each mail address in ``text``: 'a@x.cn', '张三 <a@x.cn>; b@x.cn' (also
    separated by ，；); ValueError naming the first that is not an address."""
    found: list[tuple[str, str]] = []
    for part in re.split(r"[,;，；]", text):
        if not part.strip():
            continue
        name, addr = parseaddr(part.strip())
        local, _, domain = addr.partition("@")
        if not (local and domain and "@" not in domain and not any(c.isspace() for c in addr)):
            raise ValueError(part.strip())
        if domain.startswith(".") or domain.endswith(".") or ".." in domain:
            raise ValueError(part.strip())
        found.append((name, addr))
    return found


def _address_list(key: str, text: str) -> None:
    try:
        addresses(text)
    except ValueError as exc:
        fail(key, f"「{exc}」不是有效的邮箱地址")


class County(_Strict):
    """Who issues the 通报 and how it names itself, the office above it and whom it copies.

    The words the report uses for them come from here, never from code.  Left out, ``self_name``,
    ``system`` and ``city_office`` are made from ``name`` and ``bureau`` by one rule — ``我`` and
    the last character of the name; ``全`` + that character + the bureau's line of work + ``系统``;
    ``市`` + the line of work + ``局`` — which a city or district office overrides by writing them.
    """

    name: NonEmpty = Field(description="县名")
    bureau: NonEmpty = Field(description="发文机关")
    office: NonEmpty = Field(default="局办公室", description="the body that runs the work and signs the 通报")
    self_name: NonEmpty = Field(default="", description="how the report calls the county (R7 sentences)")
    system: NonEmpty = Field(default="", description="the whole system the 通报 is about (title, 先进单位)")
    city_office: NonEmpty = Field(default="", description="the office above, whose ranking R7 reports")
    copy_to: tuple[NonEmpty, ...] = Field(default=(), description="抄送机关 of the 版记")
    printed_by: NonEmpty | None = Field(
        default=None, description="印发机关 of the 版记; None: the signing office"
    )

    @model_validator(mode="before")
    @classmethod
    def _derived_words(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        name, bureau = data.get("name"), data.get("bureau")
        if not (isinstance(name, str) and name and isinstance(bureau, str) and bureau):
            return data
        kind = name[-1]
        trade = bureau.removeprefix(name).removesuffix("局") or bureau
        derived = {"self_name": f"我{kind}", "system": f"全{kind}{trade}系统", "city_office": f"市{trade}局"}
        return {**derived, **data}


#: A group's cadence duty: 上下半月各报送 (R1), 每月报送 (R2), or none.
CadenceKind = Literal["half-month", "month", "none"]
#: ``categories = "all"``: every category counts toward the cadence.
ALL_CATEGORIES = "all"


class Group(_Strict):
    """A kind of reporting body (单位类别: 所属单位, 一类单位, 乡镇, 机关科室…): its label, its cadence
    duty and the ranking table its bodies are ranked in."""

    key: NonEmpty = Field(description="what bodies[].group names")
    label: NonEmpty = Field(description="what the report and the workbooks call it, e.g. 所属单位")
    cadence: CadenceKind = Field(description="half-month: R1 per half; month: R2 per month; none")
    minimum: Count = Field(default=1, description="pieces each half (half-month) or month (month)")
    categories: tuple[NonEmpty, ...] | Literal["all"] | None = Field(
        default=None,
        description='the categories counted; none given: vocabulary.dynamic_category; "all": every one',
    )
    ranking: NonEmpty | None = Field(
        default=None, description="the ranking table of its bodies (groups may share one); default: label"
    )

    @field_validator("categories", mode="before")
    @classmethod
    def _categories(cls, value: Any) -> Any:
        listed = (
            isinstance(value, list | tuple) and bool(value) and all(isinstance(v, str) and v for v in value)
        )
        if value is None or value == ALL_CATEGORIES or listed:
            return value
        fail("", '应为类别的列表，如 ["动态信息"]，或 "all"（所有类别都计入）')

    @property
    def table(self) -> str:
        """The label of the ranking table its bodies are ranked in."""
        return self.ranking or self.label


class Body(_Strict):
    """A reporting body (报送单位) of the registry."""

    name: NonEmpty
    group: NonEmpty = Field(description="the key of one of the configured groups")
    aliases: tuple[NonEmpty, ...] = ()
    brands: tuple[NonEmpty, ...] = Field(default=(), description="the brands it builds (R10)")
    contact: str = Field(default="", description="e-mail for its correction list")
    tasks: dict[str, Count] = Field(default_factory=dict, description="R9 annual task per level")

    @model_validator(mode="after")
    def _contact(self) -> Body:
        _address_list("contact", self.contact)
        return self


class Vocabulary(_Strict):
    categories: tuple[NonEmpty, ...]
    dynamic_category: NonEmpty = Field(description="the category R1 counts (动态信息)")
    focus: tuple[NonEmpty, ...]
    project_focus: NonEmpty = Field(description="the focus that must name one of the five projects")
    brand_focus: NonEmpty = Field(description="the focus that must name a brand")
    projects: tuple[NonEmpty, ...]
    brands: tuple[NonEmpty, ...]
    verdicts_false: tuple[NonEmpty, ...] = ("虚假", "失实")
    verdicts_true: tuple[NonEmpty, ...] = ("属实",)

    @model_validator(mode="after")
    def _members(self) -> Vocabulary:
        if self.dynamic_category not in self.categories:
            fail("dynamic_category", f"「{self.dynamic_category}」不在 categories 中")
        for key in ("project_focus", "brand_focus"):
            if getattr(self, key) not in self.focus:
                fail(key, f"「{getattr(self, key)}」不在 focus 中")
        return self


Words = tuple[NonEmpty, ...]


class HeaderWords(_Strict):
    """More names a column's header may have, beyond those xcreport knows (LEDGER.md): per kind of
    sheet, the column (its key, e.g. ``submitted``, or a header xcreport knows, e.g. 报送日期) →
    the further headers."""

    model_config = ConfigDict(extra="forbid", frozen=True, serialize_by_alias=True)

    ledger: dict[NonEmpty, Words] = Field(default_factory=dict, description="台账")
    roster: dict[NonEmpty, Words] = Field(default_factory=dict, description="通讯员名册")
    # "register" would shadow pydantic's BaseModel.register: the file's key is its alias
    register_: dict[NonEmpty, Words] = Field(
        default_factory=dict, alias="register", description="重大事项登记"
    )
    ranking: dict[NonEmpty, Words] = Field(default_factory=dict, description="市局排名 / 外部考核")

    def of(self, kind: str) -> dict[str, Words]:
        """The words of one kind of sheet: ledger, roster, register or ranking."""
        words: dict[str, Words] = getattr(self, "register_" if kind == "register" else kind)
        return words


class YesNo(_Strict):
    """More ways to write 是 and 否 in the yes/no columns (领导批示, 重大政务信息), beyond 是 否 Y N
    √ × 1 0 TRUE FALSE."""

    yes: Words = ()
    no: Words = ()


class Outlet(_Strict):
    """An entry of the outlet register (用稿媒体 → level and tracks)."""

    name: NonEmpty
    level: NonEmpty
    tracks: tuple[NonEmpty, ...] = ()
    aliases: tuple[NonEmpty, ...] = ()


#: Keys of earlier configurations that moved, and where to.
_MOVED = {
    "min_per_half": '上下半月的最少篇数改在 [[groups]] 中按类别填写（cadence = "half-month"，minimum）',
    "min_per_month_office": '每月的最少篇数改在 [[groups]] 中按类别填写（cadence = "month"，minimum）',
}


class Cadence(_Strict):
    """R1–R3 and R5 parameters; each group's own duty is in its :class:`Group`."""

    half_boundary_day: Annotated[int, Field(ge=1, le=27, strict=True)] = Field(
        default=15, description="last day of the first half (上半月 1–15)"
    )
    cutoff_day: Annotated[int, Field(ge=1, le=31, strict=True)] = 25
    major_allowance_days: Count = 1

    @model_validator(mode="before")
    @classmethod
    def _moved(cls, data: Any) -> Any:
        for key, where in _MOVED.items():
            if isinstance(data, dict) and key in data:
                fail(key, f"此项已不再使用：{where}，见示例配置")
        return data


class Scoring(_Strict):
    adoption_policy: Literal["highest", "sum"] = "highest"
    tie_order: Literal["registry", "name"] = Field(
        default="registry",
        description="equal scores with equal adoptions: in registry order (bodies), or by name",
    )
    points: dict[str, NonNegative] = Field(description="points per adopted piece, by level")
    bonus_instructed: NonNegative = 5
    deduct_cadence: NonNegative = 2
    deduct_late: NonNegative = 1
    deduct_major_late: NonNegative = 3
    deduct_major_missed: NonNegative = 5
    deduct_concealed: NonNegative = Field(
        default=5, description="瞒报 recorded by the office in the register (R5)"
    )
    deduct_false: NonNegative = 5


class CountTarget(_Strict):
    """A count of adoptions to reach in the year (R6, R8)."""

    id: NonEmpty
    label: NonEmpty
    target: Count
    levels: tuple[NonEmpty, ...] = ()
    tracks: tuple[NonEmpty, ...] = ()
    exceed: bool = Field(default=False, description="突破: the count must be greater than the target")
    chart: bool = Field(default=False, description="the report draws this target's pace chart")

    @model_validator(mode="after")
    def _one_filter(self) -> CountTarget:
        if not self.levels and not self.tracks:
            fail("levels", "levels 与 tracks 至少填写一项")
        return self


class CityRank(_Strict):
    """R7: the city bureau's ranking of the counties."""

    counties: PositiveInt = 6
    target_rank: PositiveInt = 3
    stretch_rank: PositiveInt = 2
    track: NonEmpty | None = Field(
        default=None, description="the outlet track of the city bureau's adoptions, e.g. 市局用稿"
    )
    items: tuple[NonEmpty, ...] = Field(
        default=(),
        description="a ranking row is the city bureau's when its 考核项目 is blank or contains one of these",
    )


class Annual(_Strict):
    """R9 and the 年度综合考核."""

    weight_monthly: NonNegative = 1.0
    weight_tasks: NonNegative = Field(default=20.0, description="points for 100 % task completion")
    advanced_units: Count = 3
    advanced_persons: Count = 10


class Recipient(_Strict):
    name: NonEmpty
    role: NonEmpty
    email: NonEmpty

    @model_validator(mode="after")
    def _address(self) -> Recipient:
        _address_list("email", self.email)
        if len(addresses(self.email)) != 1:
            fail("email", f"「{self.email}」应为一个邮箱地址")
        return self


class Mail(_Strict):
    """What the mails carry."""

    attach_pdf: bool = Field(default=False, description="the leaders' mail carries the 通报 as PDF too")


class Smtp(_Strict):
    host: str = ""
    port: Annotated[int, Field(ge=0, le=65535, strict=True)] = 0
    user: str = ""
    security: Literal["none", "starttls", "ssl"] = "starttls"
    sender: str = ""
    timeout: Annotated[float, Field(gt=0, strict=True)] = 30.0
    retries: Annotated[int, Field(ge=0, le=10, strict=True)] = 3

    @model_validator(mode="after")
    def _sender(self) -> Smtp:
        _address_list("sender", self.sender)
        return self


class Remind(_Strict):
    """催报提醒 (``xcreport remind``): on which days, counted back from each deadline, the bodies
    that have not yet met their duty get a reminder — so the days follow the configured half
    boundary and cutoff.  Empty lists: no reminder of that kind."""

    first_half: tuple[Count, ...] = Field(
        default=(), description="days before the first half ends (half_boundary_day): R1's first half"
    )
    cutoff: tuple[Count, ...] = Field(
        default=(),
        description="days before the cutoff day (cutoff_day): the second half (R1) and the month (R2)",
    )
    month_end: tuple[Count, ...] = Field(
        default=(), description="days before the month's last day: the second half (R1) and the month (R2)"
    )
    weekend: Literal["friday", "keep"] = Field(
        default="friday", description="a reminder day on a Saturday or Sunday: the Friday before, or kept"
    )

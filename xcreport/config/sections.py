"""The sections of the configuration: one pydantic model each, checked as they are read."""

from __future__ import annotations

import re
from email.utils import parseaddr
from typing import Annotated, Literal, NoReturn

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

Group = Literal["unit", "project", "office"]
#: The two ranking groups of the circulars: 基层单位 (units and project groups) and 机关科室.
GROUP_LABELS: dict[str, str] = {"unit": "所属单位", "project": "工程项目组", "office": "机关科室"}
RANK_GROUPS: dict[str, str] = {"unit": "基层单位", "project": "基层单位", "office": "机关科室"}

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
    name: NonEmpty = Field(description="县名, e.g. 示例县")
    bureau: NonEmpty = Field(description="发文机关, e.g. 示例县交通运输局")
    office: NonEmpty = Field(default="局办公室", description="the body that runs the work and signs the 通报")


class Body(_Strict):
    """A reporting body (报送单位) of the registry."""

    name: NonEmpty
    group: Group
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


class Outlet(_Strict):
    """An entry of the outlet register (用稿媒体 → level and tracks)."""

    name: NonEmpty
    level: NonEmpty
    tracks: tuple[NonEmpty, ...] = ()
    aliases: tuple[NonEmpty, ...] = ()


class Cadence(_Strict):
    """R1–R3 and R5 parameters."""

    half_boundary_day: Annotated[int, Field(ge=1, le=27, strict=True)] = Field(
        default=15, description="last day of the first half (上半月 1–15)"
    )
    min_per_half: Count = 1
    min_per_month_office: Count = 1
    cutoff_day: Annotated[int, Field(ge=1, le=31, strict=True)] = 25
    major_allowance_days: Count = 1


class Scoring(_Strict):
    adoption_policy: Literal["highest", "sum"] = "highest"
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

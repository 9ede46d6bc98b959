"""Configuration: one TOML file → typed, validated :class:`Settings`.

Everything that belongs to one county or one year's opinion (工作意见) lives in the file, never in
code: the registry of bodies, the vocabularies, the outlet register, the scoring table, the
targets, the recipients.  A wrong key, type or value stops the run with one line naming the file
and the key (:class:`ConfigError`, exit code 2).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from xcreport.errors import ConfigError
from xcreport.text import fold_name

Group = Literal["unit", "project", "office"]
#: The two ranking groups of the circulars: 基层单位 (units and project groups) and 机关科室.
GROUP_LABELS: dict[str, str] = {"unit": "所属单位", "project": "工程项目组", "office": "机关科室"}
RANK_GROUPS: dict[str, str] = {"unit": "基层单位", "project": "基层单位", "office": "机关科室"}

NonEmpty = Annotated[str, Field(min_length=1)]
PositiveInt = Annotated[int, Field(ge=1)]
NonNegative = Annotated[float, Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
    tasks: dict[str, Annotated[int, Field(ge=0)]] = Field(
        default_factory=dict, description="R9 annual task per level"
    )


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
            raise ValueError(f"dynamic_category「{self.dynamic_category}」不在 categories 中")
        for key in ("project_focus", "brand_focus"):
            if getattr(self, key) not in self.focus:
                raise ValueError(f"{key}「{getattr(self, key)}」不在 focus 中")
        return self


class Outlet(_Strict):
    """An entry of the outlet register (用稿媒体 → level and tracks)."""

    name: NonEmpty
    level: NonEmpty
    tracks: tuple[NonEmpty, ...] = ()
    aliases: tuple[NonEmpty, ...] = ()


class Cadence(_Strict):
    """R1–R3 and R5 parameters."""

    half_boundary_day: Annotated[int, Field(ge=1, le=27)] = Field(
        default=15, description="last day of the first half (上半月 1–15)"
    )
    min_per_half: Annotated[int, Field(ge=0)] = 1
    min_per_month_office: Annotated[int, Field(ge=0)] = 1
    cutoff_day: Annotated[int, Field(ge=1, le=31)] = 25
    major_allowance_days: Annotated[int, Field(ge=0)] = 1


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
    target: Annotated[int, Field(ge=0)]
    levels: tuple[NonEmpty, ...] = ()
    tracks: tuple[NonEmpty, ...] = ()
    exceed: bool = Field(default=False, description="突破: the count must be greater than the target")
    chart: bool = Field(default=False, description="the report draws this target's pace chart")

    @model_validator(mode="after")
    def _one_filter(self) -> CountTarget:
        if not self.levels and not self.tracks:
            raise ValueError("levels 与 tracks 至少填写一项")
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
    advanced_units: Annotated[int, Field(ge=0)] = 3
    advanced_persons: Annotated[int, Field(ge=0)] = 10


class Recipient(_Strict):
    name: NonEmpty
    role: NonEmpty
    email: NonEmpty


class Smtp(_Strict):
    host: str = ""
    port: Annotated[int, Field(ge=0, le=65535)] = 0
    user: str = ""
    security: Literal["none", "starttls", "ssl"] = "starttls"
    sender: str = ""
    timeout: Annotated[float, Field(gt=0)] = 30.0
    retries: Annotated[int, Field(ge=0, le=10)] = 3


class Settings(_Strict):
    """The whole configuration, validated."""

    county: County
    bodies: tuple[Body, ...] = Field(min_length=1)
    vocabulary: Vocabulary
    levels: tuple[NonEmpty, ...] = Field(min_length=1, description="media levels, highest first")
    outlets: tuple[Outlet, ...] = ()
    cadence: Cadence = Cadence()
    scoring: Scoring
    targets: tuple[CountTarget, ...] = ()
    city_rank: CityRank = CityRank()
    annual: Annual = Annual()
    recipients: tuple[Recipient, ...] = ()
    smtp: Smtp = Smtp()
    workers: Annotated[int, Field(ge=0, le=64)] = Field(
        default=0, description="processes reading workbooks in parallel; 0 = one per core"
    )

    @field_validator("levels")
    @classmethod
    def _unique_levels(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(v)) != len(v):
            raise ValueError("levels 中有重复")
        return v

    @model_validator(mode="after")
    def _points_for_every_level(self) -> Settings:
        levels = set(self.levels)
        missing = levels - set(self.scoring.points)
        if missing:
            raise ValueError(f"scoring.points 缺少级别: {'、'.join(sorted(missing))}")
        extra = set(self.scoring.points) - levels
        if extra:
            raise ValueError(f"scoring.points 中的级别不在 levels 中: {'、'.join(sorted(extra))}")
        return self

    @model_validator(mode="after")
    def _outlets_and_targets(self) -> Settings:
        levels = set(self.levels)
        for i, outlet in enumerate(self.outlets):
            if outlet.level not in levels:
                raise ValueError(f"outlets[{i}].level「{outlet.level}」不在 levels 中")
        tracks = {t for o in self.outlets for t in o.tracks}
        for i, target in enumerate(self.targets):
            for lv in target.levels:
                if lv not in levels:
                    raise ValueError(f"targets[{i}].levels「{lv}」不在 levels 中")
            for tr in target.tracks:
                if tr not in tracks:
                    raise ValueError(f"targets[{i}].tracks「{tr}」不是任何 outlets 的 tracks")
        c = self.city_rank
        if c.track is not None and c.track not in tracks:
            raise ValueError(f"city_rank.track「{c.track}」不是任何 outlets 的 tracks")
        if not c.stretch_rank <= c.target_rank <= c.counties:
            raise ValueError("city_rank 应满足 stretch_rank ≤ target_rank ≤ counties")
        return self

    @model_validator(mode="after")
    def _bodies_tasks_brands_names(self) -> Settings:
        levels = set(self.levels)
        seen: dict[str, str] = {}
        for i, body in enumerate(self.bodies):
            for lv in body.tasks:
                if lv not in levels:
                    raise ValueError(f"bodies[{i}].tasks「{lv}」不在 levels 中")
            for brand in body.brands:
                if brand not in self.vocabulary.brands:
                    raise ValueError(f"bodies[{i}].brands「{brand}」不在 vocabulary.brands 中")
            for name in (body.name, *body.aliases):
                key = fold_name(name)
                if key in seen and seen[key] != body.name:
                    raise ValueError(f"bodies[{i}]「{name}」与「{seen[key]}」重名")
                seen[key] = body.name
        return self

    # -- look-ups used by every stage -------------------------------------------------------

    @cached_property
    def body_lookup(self) -> Mapping[str, str]:
        """Canonical form of every name and alias → registered name."""
        return {fold_name(n): b.name for b in self.bodies for n in (b.name, *b.aliases)}

    @cached_property
    def body_by_name(self) -> Mapping[str, Body]:
        return {b.name: b for b in self.bodies}

    @cached_property
    def outlet_lookup(self) -> Mapping[str, Outlet]:
        """Canonical form of every outlet name and alias → register entry."""
        return {fold_name(n): o for o in self.outlets for n in (o.name, *o.aliases)}

    @cached_property
    def level_rank(self) -> Mapping[str, int]:
        """Level → 0 for the highest."""
        return {lv: i for i, lv in enumerate(self.levels)}

    def resolve_body(self, text: str) -> str | None:
        """The registered name a cell, sheet or file name stands for, or None."""
        return self.body_lookup.get(fold_name(text))


DEFAULT_CONFIG_NAME = "xcreport.toml"


def _key_path(loc: tuple[int | str, ...]) -> str:
    """('bodies', 0, 'group') → 'bodies[0].group'."""
    parts: list[str] = []
    for item in loc:
        parts.append(f"[{item}]" if isinstance(item, int) else ("." if parts else "") + str(item))
    return "".join(parts)


_MESSAGES: dict[str, str] = {
    "extra_forbidden": "未知的配置项",
    "missing": "缺少必填项",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "string_type": "应为文字",
    "string_too_short": "不能为空",
    "tuple_type": "应为列表",
    "list_type": "应为列表",
    "dict_type": "应为表 (table)",
    "model_type": "应为表 (table)",
    "too_short": "至少需要 {min_length} 项",
    "literal_error": "取值应为 {expected}",
    "greater_than_equal": "应不小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "应不大于 {le}",
}


def load_settings(path: Path) -> Settings:
    """Read and validate the configuration file; :class:`ConfigError` names file and key."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取配置文件 ({exc.strerror or exc})") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: 配置文件不是 UTF-8 编码") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 语法错误: {exc}") from exc
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        # Cross-checks on a whole section name their keys in the message itself.
        key = _key_path(tuple(err["loc"]))
        msg = _MESSAGES.get(err["type"], err["msg"].removeprefix("Value error, "))
        if "{" in msg:
            msg = msg.format(**err.get("ctx", {}), input=err.get("input"))
        more = f" (另有 {exc.error_count() - 1} 处错误)" if exc.error_count() > 1 else ""
        where = f"{key}: " if key else ""
        raise ConfigError(f"{path}: {where}{msg}{more}") from exc

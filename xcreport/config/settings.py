"""The whole configuration and the checks across its sections."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from xcreport.config.sections import (
    ALL_CATEGORIES,
    Annual,
    Body,
    Cadence,
    CityRank,
    CountTarget,
    County,
    Group,
    HeaderWords,
    Mail,
    NonEmpty,
    Outlet,
    Recipient,
    Remind,
    Scoring,
    Smtp,
    Vocabulary,
    YesNo,
    _Strict,
    fail,
)
from xcreport.config.words import check_header_words, check_yes_no
from xcreport.text import fold_name


class Settings(_Strict):
    """The whole configuration, validated."""

    county: County
    groups: tuple[Group, ...] = Field(min_length=1, description="the kinds of body, in report order")
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
    mail: Mail = Mail()
    smtp: Smtp = Smtp()
    headers: HeaderWords = HeaderWords()
    yes_no: YesNo = YesNo()
    workers: Annotated[int, Field(ge=0, le=64, strict=True)] = Field(
        default=0, description="processes reading workbooks in parallel; 0 = one per core"
    )
    remind: Remind = Remind()

    @model_validator(mode="before")
    @classmethod
    def _groups_given(cls, data: Any) -> Any:
        if isinstance(data, dict) and "groups" not in data and "bodies" in data:
            fail(
                "groups",
                "缺少 [[groups]]：单位的类别（名称、报送频次要求、排名表）须在配置中逐类定义，"
                "bodies 的 group 填类别的 key，见示例配置",
            )
        return data

    @field_validator("levels")
    @classmethod
    def _unique_levels(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(v)) != len(v):
            raise ValueError("levels 中有重复的级别")
        return v

    @model_validator(mode="after")
    def _points_for_every_level(self) -> Settings:
        levels = set(self.levels)
        missing = levels - set(self.scoring.points)
        if missing:
            fail("scoring.points", f"缺少级别: {'、'.join(sorted(missing))}")
        extra = set(self.scoring.points) - levels
        if extra:
            fail("scoring.points", f"级别不在 levels 中: {'、'.join(sorted(extra))}")
        return self

    @model_validator(mode="after")
    def _outlets_and_targets(self) -> Settings:
        levels = set(self.levels)
        for i, outlet in enumerate(self.outlets):
            if outlet.level not in levels:
                fail(f"outlets[{i}].level", f"「{outlet.level}」不在 levels 中")
        tracks = {t for o in self.outlets for t in o.tracks}
        for i, target in enumerate(self.targets):
            for lv in target.levels:
                if lv not in levels:
                    fail(f"targets[{i}].levels", f"「{lv}」不在 levels 中")
            for tr in target.tracks:
                if tr not in tracks:
                    fail(f"targets[{i}].tracks", f"「{tr}」不是任何 outlets 的 tracks")
        c = self.city_rank
        if c.track is not None and c.track not in tracks:
            fail("city_rank.track", f"「{c.track}」不是任何 outlets 的 tracks")
        if not c.stretch_rank <= c.target_rank <= c.counties:
            fail("city_rank.stretch_rank", "应满足 stretch_rank ≤ target_rank ≤ counties")
        return self

    @model_validator(mode="after")
    def _bodies_tasks_brands_names(self) -> Settings:
        levels = set(self.levels)
        seen: dict[str, int] = {}
        for i, body in enumerate(self.bodies):
            for lv in body.tasks:
                if lv not in levels:
                    fail(f"bodies[{i}].tasks.{lv}", f"「{lv}」不在 levels 中")
            for brand in body.brands:
                if brand not in self.vocabulary.brands:
                    fail(f"bodies[{i}].brands", f"「{brand}」不在 vocabulary.brands 中")
            for field, name in (("name", body.name), *(("aliases", a) for a in body.aliases)):
                key, other = fold_name(name), seen.get(fold_name(name))
                if other is not None and other != i:
                    if field == "name" and self.bodies[other].name == body.name:
                        fail(
                            f"bodies[{i}].name",
                            f"单位「{body.name}」登记了两次（另见 bodies[{other}]），每个单位只能登记一次",
                        )
                    fail(f"bodies[{i}].{field}", f"「{name}」与「{self.bodies[other].name}」重名")
                seen[key] = i
        return self

    @model_validator(mode="after")
    def _groups_and_their_bodies(self) -> Settings:
        keys: dict[str, int] = {}
        labels: dict[str, int] = {}
        for i, group in enumerate(self.groups):
            if group.key in keys:
                fail(f"groups[{i}].key", f"类别「{group.key}」定义了两次（另见 groups[{keys[group.key]}]）")
            if group.label in labels:
                fail(f"groups[{i}].label", f"名称「{group.label}」与 groups[{labels[group.label]}] 相同")
            keys[group.key], labels[group.label] = i, i
            for category in group.categories if isinstance(group.categories, tuple) else ():
                if category not in self.vocabulary.categories:
                    fail(f"groups[{i}].categories", f"「{category}」不在 vocabulary.categories 中")
        for i, body in enumerate(self.bodies):
            if body.group not in keys:
                fail(
                    f"bodies[{i}].group",
                    f"「{body.group}」不是 groups 中定义的类别（可填：{'、'.join(keys)}）",
                )
        return self

    @model_validator(mode="after")
    def _words(self) -> Settings:
        for key, message in (*check_header_words(self.headers), *check_yes_no(self.yes_no)):
            fail(key, message)
        return self

    @model_validator(mode="after")
    def _reminder_days(self) -> Settings:
        """Every reminder day falls within its month, before or on its deadline."""
        c = self.cadence
        limits = (("first_half", c.half_boundary_day), ("cutoff", c.cutoff_day), ("month_end", 28))
        for key, deadline in limits:
            for i, days in enumerate(getattr(self.remind, key)):
                if days >= deadline:
                    fail(f"remind.{key}[{i}]", f"应小于{deadline}（提前{days}天会早于当月1日）")
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
    def group_by_key(self) -> Mapping[str, Group]:
        return {g.key: g for g in self.groups}

    def group_of(self, body: str) -> Group:
        """The group of a registered body."""
        return self.group_by_key[self.body_by_name[body].group]

    @cached_property
    def ranking_tables(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each ranking table's label and the keys of the groups ranked in it, in the order the
        groups are configured (groups naming the same ``ranking`` share one table)."""
        tables: dict[str, list[str]] = {}
        for group in self.groups:
            tables.setdefault(group.table, []).append(group.key)
        return tuple((label, tuple(keys)) for label, keys in tables.items())

    def counted_categories(self, group: Group) -> tuple[str, ...] | None:
        """The categories a group's cadence counts; None for every category."""
        if group.categories == ALL_CATEGORIES:
            return None
        if isinstance(group.categories, tuple):
            return group.categories
        return (self.vocabulary.dynamic_category,)

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

"""The whole configuration and the checks across its sections."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from xcreport.config.sections import (
    Annual,
    Body,
    Cadence,
    CityRank,
    CountTarget,
    County,
    NonEmpty,
    Outlet,
    Recipient,
    Remind,
    Scoring,
    Smtp,
    Vocabulary,
    _Strict,
    fail,
)
from xcreport.text import fold_name


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
    workers: Annotated[int, Field(ge=0, le=64, strict=True)] = Field(
        default=0, description="processes reading workbooks in parallel; 0 = one per core"
    )
    remind: Remind = Remind()

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

"""The words and groupings every part of the report shares (and the ranking workbook, the lists).

Formatting only: what a mark, a level or the signing office is called, which bodies are ranked
together, which target the pace chart follows.  Numbers and dates are written by
:mod:`xcreport.text`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from xcreport.config import Group, Settings
from xcreport.metrics import BodyMetrics, Metrics, TargetMetrics
from xcreport.period import Period
from xcreport.text import cn_month, join

MET, MISSED = "√", "×"
#: The 达标 mark of a body whose group has no cadence duty.
NO_DUTY = "—"


def level_head(level: str) -> str:
    """The short column head of a media level: 国家级 → 国家, 省部级 → 省部, 市级 stays."""
    return level[:-1] if len(level) > 2 and level.endswith("级") else level


def office_name(settings: Settings) -> str:
    """The signing office in full: the bureau + 局办公室 → the bureau's 办公室 (``county.office``
    may also name it in full)."""
    bureau, office = settings.county.bureau, settings.county.office
    if office.startswith(bureau):
        return office
    if office.startswith("局") and bureau.endswith("局"):
        return bureau + office[1:]
    return bureau + office


def span_word(period: Period) -> str:
    """What the period's own figures are called: 本月, 全年, or 1—N月 for a year still under way."""
    if period.kind == "monthly":
        return "本月"
    return period.months_span if period.partial else "全年"


@dataclass(frozen=True, slots=True)
class Duty:
    """One cadence duty (R1/R2) as the wording file's ``[duty]`` says it, for the groups that share
    it: ``cadence`` "half" (上下半月各) or "month" (每月); ``category`` "" when any category counts."""

    label: str
    cadence: Literal["half", "month"]
    minimum: int
    category: str


def duties(settings: Settings) -> list[Duty]:
    """The cadence duty of every group that has one, in the configured order; groups with the same
    duty are named together (所属单位、工程项目组 上下半月各至少报送1篇动态信息)."""
    shared: dict[tuple[Literal["half", "month"], int, str], list[str]] = {}
    for group in settings.groups:
        if group.cadence == "none":
            continue
        categories = settings.counted_categories(group)
        words = "" if categories is None else "、".join(categories)
        cadence: Literal["half", "month"] = "half" if group.cadence == "half-month" else "month"
        shared.setdefault((cadence, group.minimum, words), []).append(group.label)
    return [Duty("、".join(labels), c, m, w) for (c, m, w), labels in shared.items()]


def group_duty(settings: Settings, group: Group) -> str:
    """What a group's cadence asks, in the opinion's words: 上下半月各至少报送2篇动态信息,
    每月不少于1篇 (any category); '' when it asks nothing."""
    if group.cadence == "none":
        return ""
    categories = settings.counted_categories(group)
    words = "" if categories is None else "、".join(categories)
    if group.cadence == "half-month":
        return f"上下半月各至少报送{group.minimum}篇{words}"
    return f"每月不少于{group.minimum}篇{words}"


def group_label(settings: Settings, key: str) -> str:
    """What a group (its key, as Metrics gives it) is called."""
    group = settings.group_by_key.get(key)
    return group.label if group is not None else key


def met_mark(b: BodyMetrics, settings: Settings) -> str:
    """√ or × for a body's cadence, — when its group has no cadence duty."""
    group = settings.group_by_key.get(b.group)
    if group is not None and group.cadence == "none":
        return NO_DUTY
    return MET if b.cadence_met else MISSED


def rank_groups(settings: Settings) -> list[tuple[str, list[str]]]:
    """The ranking tables in the configured order (e.g. 基层单位, 机关科室), each with the keys of
    the groups ranked in it."""
    return [(label, list(keys)) for label, keys in settings.ranking_tables]


def bodies_of(metrics: Metrics, groups: list[str]) -> list[BodyMetrics]:
    """The bodies of some config groups, by their rank within the group (ties keep Metrics order)."""
    members = [b for b in metrics.bodies if b.group in groups]
    return sorted(members, key=lambda b: b.rank_in_group)


def missed_by_body(pairs: Iterable[tuple[str, str]]) -> list[str]:
    by_body: dict[str, list[str]] = {}
    for body, part in pairs:
        by_body.setdefault(body, []).append(cn_month(part))
    return [f"{body}（{join(parts)}）" for body, parts in by_body.items()]


def task_levels(metrics: Metrics) -> list[str]:
    """The levels at which any body has an annual task (R9), highest first."""
    present = {t.level for b in metrics.bodies for t in b.tasks}
    return [lv for lv in metrics.levels if lv in present]


def pace_target(metrics: Metrics) -> TargetMetrics | None:
    """The target the pace chart follows: the first configured with ``chart = true``, else the first."""
    for t in metrics.targets:
        if t.chart:
            return t
    return metrics.targets[0] if metrics.targets else None

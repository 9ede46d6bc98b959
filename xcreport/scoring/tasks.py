"""R9 — 将信息宣传工作任务下达到各单位，分解落实到人，完成任务情况和年度综合考核挂钩 (五.2).

Each body's annual tasks per level (:func:`task_reach`, :func:`tasks`), the 年度综合考核 they feed
(:func:`assessment`) and 先进单位 (:func:`advanced_units`).

Readings: a task counts pieces, not adoption rows: each piece of the year once, at its highest
adopted level, toward every task at that level or lower (a 省部级 piece counts toward a 省部级 and a
市级 task, once each).  A task of 0 is complete; task_rate is the mean of the rates capped at 1; a
body with no task has nothing outstanding (the task part of 年度综合考核 in full).  Tasks are
full-year lines, also in a year still under way.  先进单位 includes every body tied at the line.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from xcreport.config import Settings
from xcreport.metrics import BodyMetrics, TaskProgress
from xcreport.scoring.month import adopted_column
from xcreport.scoring.ranking import DECIMALS, ranking_order

#: Per body: its tasks' progress, highest level first, and its task_rate (None without tasks).
Tasks = Mapping[str, tuple[list[TaskProgress], float | None]]


def task_reach(adoptions: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The pieces each body has toward a task at each level (index body, registry order;
    columns ``settings.levels``, highest first).

    Each piece of ``adoptions`` counts once, at the highest level that adopted it, toward every
    level at or below that one — a piece adopted by 人民日报, 江苏交通 and 南通日报 is one toward a
    国家级, a 省部级 and a 市级 task.  The adoption rows of a piece are taken together whatever
    their issue months.
    """
    levels = list(settings.levels)
    rank = adoptions["level"].map(dict(settings.level_rank))
    pieces = pd.DataFrame({"body": adoptions["body"], "piece": adoptions["piece"], "rank": rank})
    highest = pieces.groupby("piece", sort=False).agg(body=("body", "first"), rank=("rank", "min"))
    counts = pd.crosstab(highest["body"], highest["rank"]).reindex(
        index=[b.name for b in settings.bodies], columns=range(len(levels)), fill_value=0
    )
    return counts.cumsum(axis=1).set_axis(levels, axis=1).astype(int)


def tasks(adoptions: pd.DataFrame, settings: Settings) -> dict[str, tuple[list[TaskProgress], float | None]]:
    """Per body and per level of its tasks: the pieces of the year adopted at that level or
    higher, each piece once at its highest level (:func:`task_reach`), the rate (1.0 for a task
    of 0), and the body's task_rate = mean of the rates capped at 1 (None when it has no tasks).
    """
    reached = task_reach(adoptions, settings).to_dict("index")
    out: dict[str, tuple[list[TaskProgress], float | None]] = {}
    for body in settings.bodies:
        progress = [
            TaskProgress(
                level=level,
                task=task,
                actual=int(reached[body.name][level]),
                rate=round(int(reached[body.name][level]) / task, 4) if task else 1.0,
            )
            for level, task in sorted(body.tasks.items(), key=lambda kv: settings.level_rank[kv[0]])
        ]
        rate = round(sum(min(p.rate, 1.0) for p in progress) / len(progress), 4) if progress else None
        out[body.name] = (progress, rate)
    return out


def assessment(table: pd.DataFrame, tasks: Tasks, settings: Settings) -> pd.Series:
    """年度综合考核: weight_monthly × the year's score (the sum of its monthly scores) +
    weight_tasks × task_rate; a body given no task has nothing outstanding (task part in full)."""
    a = settings.annual
    rate = pd.Series({n: 1.0 if r is None else r for n, (_, r) in tasks.items()}, dtype=float)
    return (a.weight_monthly * table["score"] + a.weight_tasks * rate.reindex(table.index)).round(DECIMALS)


def advanced_units(bodies: list[BodyMetrics], settings: Settings) -> list[str]:
    """先进单位: the bodies whose 年度综合考核 rank is within ``annual.advanced_units`` — all of
    those tied at the line — by assessment, then more higher-level adoptions, then name.  Only a
    body with at least one piece and a positive score of the year is named (RULES.md, readings)."""
    table = pd.DataFrame(
        {
            "assessment": [b.assessment or 0.0 for b in bodies],
            **{adopted_column(lv): [b.adopted[lv] for b in bodies] for lv in settings.levels},
        },
        index=[b.body for b in bodies],
    )
    rank = {b.body: b.assessment_rank or 0 for b in bodies}
    deserving = {b.body for b in bodies if b.submitted > 0 and b.score > 0}
    return [
        n
        for n in ranking_order(table, "assessment", settings)
        if rank[n] <= settings.annual.advanced_units and n in deserving
    ]

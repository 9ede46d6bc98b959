"""R9 to persons — 由单位(部门)分解落实到人 (五.2): each correspondent's annual tasks, given in the
roster's task columns (通讯员名册: 省部级任务, 市级任务, …), scored as a body's tasks are
(:mod:`.tasks`), and the bodies whose tasks are not broken down to persons in full.

Readings: a person's task counts the pieces the person wrote or co-wrote — a co-written piece
counts once toward each of its authors' tasks, for the task is each person's — each piece once, at
its highest adopted level, toward every task at that level or lower, as a body's.  A person listed
twice (same body and name) takes the first task given at each level.  The breakdown is judged only
when the roster gives any task at all (an office that breaks nothing down to persons is not warned
for every body): a body's task at a level is broken down when its persons' tasks there add up to
at least it.
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import TASKS_UNASSIGNED, Finding
from xcreport.metrics import PersonTaskMetrics, TaskProgress
from xcreport.reading.headers import task_key
from xcreport.scoring.columns import records


def roster_tasks(roster: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The persons given a task: index (body, name), bodies in registry order and persons in roster
    order; one column per level (``settings.levels``), the task or <NA>."""
    levels = list(settings.levels)
    columns = {task_key(level): level for level in levels}
    if roster.empty or not set(columns) & set(roster.columns):
        return pd.DataFrame(columns=levels, index=pd.MultiIndex.from_tuples([], names=["body", "name"]))
    frame = roster.reindex(columns=["body", "name", *columns]).rename(columns=columns)
    tasks = frame.groupby(["body", "name"], sort=False)[levels].first()
    tasks = tasks.loc[tasks.notna().any(axis=1)]
    registry = {b.name: i for i, b in enumerate(settings.bodies)}
    order = sorted(range(len(tasks)), key=lambda i: (registry.get(str(tasks.index[i][0]), len(registry)), i))
    return tasks.iloc[order]


def _reach(credits: pd.DataFrame, adoptions: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Per (body, name): the pieces toward a task at each level (columns ``settings.levels``)."""
    levels = list(settings.levels)
    highest = adoptions["level"].map(dict(settings.level_rank)).groupby(adoptions["piece"]).min()
    written = credits[["body", "name", "piece"]].drop_duplicates()
    written = written.assign(rank=written["piece"].map(highest)).dropna(subset=["rank"])
    counts = pd.crosstab([written["body"], written["name"]], written["rank"].astype(int))
    counts = counts.reindex(columns=range(len(levels)), fill_value=0)
    return counts.cumsum(axis=1).set_axis(levels, axis=1).astype(int)


def person_tasks(
    tasks: pd.DataFrame, credits: pd.DataFrame, adoptions: pd.DataFrame, settings: Settings
) -> list[PersonTaskMetrics]:
    """Each person given a task (:func:`roster_tasks`): per level of a task, the pieces the person
    (co-)wrote that were adopted at that level or higher, the rate (1.0 for a task of 0), and the
    task_rate, the mean of the rates capped at 1 — as :func:`~xcreport.scoring.tasks.tasks`."""
    if tasks.empty:
        return []
    reached = _reach(credits, adoptions, settings) if not credits.empty else pd.DataFrame()
    reach = reached.to_dict("index")
    out: list[PersonTaskMetrics] = []
    for person, given in tasks.to_dict("index").items():  # persons given a task: a roster's worth
        body, name = cast(tuple[str, str], person)
        done = reach.get(person, {})
        progress = []
        for level in settings.levels:
            if pd.isna(given[level]):
                continue
            task, actual = int(given[level]), int(done.get(level, 0))
            progress.append(TaskProgress(level, task, actual, round(actual / task, 4) if task else 1.0))
        rate = round(sum(min(p.rate, 1.0) for p in progress) / len(progress), 4)
        out.append(PersonTaskMetrics(name=name, body=body, tasks=progress, task_rate=rate))
    return out


def unassigned(tasks: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """body, level, task, assigned: each body's task at a level that its persons' tasks there do
    not add up to, in registry order; none when the roster gives no task at all."""
    rows = []
    if not tasks.empty:
        assigned = tasks.fillna(0).groupby(level="body").sum()
        for body in settings.bodies:
            for level, task in sorted(body.tasks.items(), key=lambda kv: settings.level_rank[kv[0]]):
                given = int(assigned[level].get(body.name, 0))
                if given < task:
                    rows.append({"body": body.name, "level": level, "task": task, "assigned": given})
    return pd.DataFrame(rows, columns=["body", "level", "task", "assigned"])


def findings(unassigned: pd.DataFrame) -> list[Finding]:
    """One warning per body and level whose task is not broken down to persons in full."""
    return [
        TASKS_UNASSIGNED(
            body=str(r["body"]), level=str(r["level"]), task=int(r["task"]), assigned=int(r["assigned"])
        )
        for r in records(unassigned)
    ]

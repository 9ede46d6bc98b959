"""The annual report's own sections: R9 tasks (of bodies and of persons) and 年度综合考核, the
12-month cadence grid, focus and brand coverage (R10), 先进个人."""

from __future__ import annotations

from typing import Any

from xcreport.config import Settings
from xcreport.metrics import Metrics, PersonMetrics
from xcreport.period import Period
from xcreport.render.terms import MET, MISSED, NO_DUTY, level_head, met_mark, task_levels
from xcreport.render.wording import Wording
from xcreport.text import NONE, cn_month, join, num, rate


def tasks(metrics: Metrics) -> tuple[list[str], list[dict[str, Any]]]:
    levels = task_levels(metrics)
    heads = [f"{level_head(lv)}\n{part}" for lv in levels for part in ("任务", "完成")]
    ranked = sorted(
        metrics.bodies,
        key=lambda b: b.assessment_rank if b.assessment_rank is not None else len(metrics.bodies),
    )
    rows = []
    for b in ranked:
        by_level = {t.level: t for t in b.tasks}
        cells: list[str] = []
        for lv in levels:
            t = by_level.get(lv)
            cells += [num(t.task), num(t.actual)] if t else [NONE, NONE]
        rows.append(
            {
                "body": b.body,
                "cells": cells,
                "rate": rate(b.task_rate),
                "score": num(b.score),
                "assessment": num(b.assessment),
                "rank": num(b.assessment_rank),
            }
        )
    return heads, rows


def person_tasks(metrics: Metrics) -> tuple[list[str], list[dict[str, Any]]]:
    """The persons' tasks (R9, 分解落实到人): heads per level of any person's task, a row per person
    given one, as the roster lists them; no rows when the roster gives none."""
    present = {t.level for p in metrics.person_tasks for t in p.tasks}
    levels = [lv for lv in metrics.levels if lv in present]
    heads = [f"{level_head(lv)}\n{part}" for lv in levels for part in ("任务", "完成")]
    rows = []
    for p in metrics.person_tasks:
        by_level = {t.level: t for t in p.tasks}
        cells: list[str] = []
        for lv in levels:
            t = by_level.get(lv)
            cells += [num(t.task), num(t.actual)] if t else [NONE, NONE]
        rows.append({"body": p.body, "name": p.name, "cells": cells, "rate": rate(p.task_rate)})
    return heads, rows


def _grid_mark(cadence_grid: dict[str, bool], month: str) -> str:
    if month not in cadence_grid:
        return NONE
    return MET if cadence_grid[month] else MISSED


def grid(metrics: Metrics, settings: Settings, period: Period) -> tuple[list[str], list[dict[str, Any]]]:
    """The 12-month cadence grid, bodies in registry order (the order of the ledgers handed out);
    — for a month not scored, and every month of a body whose group has no cadence duty."""
    months = period.months()
    order = {b.name: i for i, b in enumerate(settings.bodies)}
    rows = []
    for b in sorted(metrics.bodies, key=lambda b: order.get(b.body, len(order))):
        duty = met_mark(b, settings) != NO_DUTY
        cells = [_grid_mark(b.cadence_grid, m) if duty else NONE for m in months]
        rows.append({"body": b.body, "cells": cells})
    return [cn_month(m) for m in months], rows


def coverage(metrics: Metrics, settings: Settings, words: Wording) -> tuple[list[str], list[dict[str, str]]]:
    lines = []
    if metrics.focus_coverage:
        items = [words.say("annual.focus_item", name=k, count=v) for k, v in metrics.focus_coverage.items()]
        lines.append(words.say("annual.focus_coverage", items=items))
    builders: dict[str, list[str]] = {}
    for body in settings.bodies:
        for brand in body.brands:
            builders.setdefault(brand, []).append(body.name)
    rows = [
        {"brand": brand, "bodies": join(builders.get(brand, [])) or NONE, "pieces": num(n)}
        for brand, n in metrics.brand_coverage.items()
    ]
    return lines, rows


def advanced(metrics: Metrics, words: Wording) -> dict[str, str]:
    """七、先进单位和先进个人: the two sentences (the persons' table follows the second)."""
    return {
        "advanced_units": words.say("annual.advanced_units", units=metrics.advanced_units),
        "advanced_persons_text": words.say("annual.advanced_persons", persons=len(metrics.advanced_persons)),
    }


def person_row(p: PersonMetrics) -> dict[str, str]:
    return {
        "rank": num(p.rank),
        "name": p.name,
        "body": p.body,
        "pieces": num(p.pieces),
        "adopted": num(p.adopted),
        "points": num(p.points),
    }

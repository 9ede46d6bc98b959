"""年终预测 — where the year ends at the pace so far: each count target (R6–R8) projected to
December, and each body's R9 task gap with the months left (「还需省部级用稿3篇，剩余4个月」).

Readings: the pace is linear, like the targets' (:mod:`.targets`): the year-to-date count × 12 /
the months elapsed, rounded half up to whole pieces.  A target with ``exceed`` (突破) clears its
line only above it, so one more piece than the target is what remains.  A task's gap counts
pieces as R9 does (:mod:`.tasks`: each piece once, at its highest level, toward every task at or
below it).  A year that has ended has no forecast; December has one with no month left.
"""

from __future__ import annotations

from xcreport.config import Settings
from xcreport.metrics import Forecast, TargetForecast, TargetMetrics, TaskGap
from xcreport.period import Period
from xcreport.scoring.ranking import DECIMALS
from xcreport.scoring.tasks import Tasks

MONTHS = 12


def projected(actual: int, months_elapsed: int) -> int:
    """``actual`` × 12 / ``months_elapsed``, rounded half up (whole pieces)."""
    return (2 * actual * MONTHS + months_elapsed) // (2 * months_elapsed)


def target_forecast(target: TargetMetrics, months_elapsed: int) -> TargetForecast:
    """One target at the year's end: projected, whether it clears the line, what remains per month."""
    line = target.target + 1 if target.exceed else target.target
    at_pace = projected(target.actual, months_elapsed)
    remaining = max(0, line - target.actual)
    left = MONTHS - months_elapsed
    return TargetForecast(
        id=target.id,
        label=target.label,
        target=target.target,
        actual=target.actual,
        projected=at_pace,
        clears=at_pace >= line,
        remaining=remaining,
        per_month=round(remaining / left, DECIMALS) if left else None,
    )


def task_gaps(tasks: Tasks, settings: Settings) -> list[TaskGap]:
    """Every body's tasks (registry order, highest level first) with what it still owes."""
    return [
        TaskGap(body=b.name, level=t.level, task=t.task, actual=t.actual, gap=max(0, t.task - t.actual))
        for b in settings.bodies
        for t in tasks.get(b.name, ([], None))[0]
    ]


def forecast(
    targets: list[TargetMetrics], tasks: Tasks, settings: Settings, period: Period
) -> Forecast | None:
    """The year's end at the pace of January..the period's last month; None for an ended year."""
    if period.kind == "annual" and not period.partial:
        return None
    elapsed = period.last_month
    return Forecast(
        months_elapsed=elapsed,
        months_left=MONTHS - elapsed,
        targets=[target_forecast(t, elapsed) for t in targets],
        tasks=task_gaps(tasks, settings),
    )

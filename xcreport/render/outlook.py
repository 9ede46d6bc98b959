"""The report's words for 环比/同比 and the forecast (一、总体情况), and the 环比 column of the body
tables (二、各单位报送情况) — each figure one of :class:`~xcreport.metrics.Metrics`' comparison and
forecast, each sentence an entry of the wording file's ``[outlook]`` (:mod:`.wording`): nothing is
said where nothing is known.
"""

from __future__ import annotations

from typing import Any

from xcreport.metrics import BodyComparison, Figures, Metrics, TargetForecast
from xcreport.period import Period
from xcreport.render.wording import Wording
from xcreport.text import change, num, signed


def _adopted(f: Figures, ytd: bool = False) -> int:
    return sum((f.adopted_ytd if ytd else f.adopted).values())


def _against(now: Figures, then: Figures, ytd: bool = False) -> dict[str, Any]:
    """The names of a comparison entry: the figures then, and the changes in words (增加3篇)."""
    submitted = (now.submitted_ytd if ytd else now.submitted), (then.submitted_ytd if ytd else then.submitted)
    adopted = _adopted(now, ytd), _adopted(then, ytd)
    return {
        "submitted": submitted[0],
        "submitted_then": submitted[1],
        "submitted_change": change(submitted[0] - submitted[1]),
        "adopted": adopted[0],
        "adopted_then": adopted[1],
        "adopted_change": change(adopted[0] - adopted[1], "篇次"),
    }


def comparison_sentence(metrics: Metrics, period: Period, words: Wording) -> str:
    """One sentence: the totals against the previous month and the same month (an annual run: the
    same months) of last year, as far as they are known; '' when neither is."""
    comparison = metrics.comparison
    if comparison is None:
        return ""
    t = metrics.totals
    now = Figures(t.submitted, t.adopted, t.submitted_ytd, t.adopted_ytd)
    parts: list[str] = []
    previous, last_year = comparison.totals.previous_month, comparison.totals.last_year
    label = comparison.last_year.label
    if previous is not None:
        parts.append(words.say("outlook.previous_month", **_against(now, previous)))
    if last_year is not None and period.kind == "monthly":
        parts.append(words.say("outlook.last_year_month", label=label, **_against(now, last_year)))
        if period.last_month > 1:  # in January the year to date is the month
            ytd = _against(now, last_year, ytd=True)
            parts.append(words.say("outlook.last_year_to_date", months=period.months_span, **ytd))
    elif last_year is not None:
        parts.append(words.say("outlook.last_year_period", label=label, **_against(now, last_year)))
    return words.say("outlook.comparison", parts=parts) if parts else ""


def _projection(t: TargetForecast, exceed: bool, words: Wording) -> str:
    """省部级及以上媒体用稿全年可达64篇，可以突破全年目标50篇."""
    return words.say(
        "outlook.projection",
        label=t.label,
        projected=t.projected,
        target=t.target,
        exceed=exceed or t.projected > t.target,
        clears=t.clears,
        remaining=t.remaining,
        per_month=num(t.per_month) if t.per_month is not None else "",
    )


def _targets(metrics: Metrics, period: Period, words: Wording) -> list[str]:
    """年终预测 at the pace so far; with no month left, what the year missed."""
    f = metrics.forecast
    if f is None or not f.targets:
        return []
    if f.months_left:
        exceed = {t.id: t.exceed for t in metrics.targets}
        lines = [_projection(t, exceed.get(t.id, False), words) for t in f.targets]
        return [words.say("outlook.forecast", months=period.months_span, projections=lines)]
    missed = [words.say("outlook.target_missed", label=t.label, remaining=t.remaining) for t in f.targets]
    missed = [m for m, t in zip(missed, f.targets, strict=True) if t.remaining]
    if not missed:
        return [words.say("outlook.targets_met")]
    return [words.say("outlook.targets_missed", missed=missed)]


def _tasks(metrics: Metrics, words: Wording) -> list[str]:
    """年度任务: each body's R9 gap and the months left."""
    f = metrics.forecast
    if f is None or not f.tasks:
        return []
    gaps: dict[str, list[str]] = {}
    for g in f.tasks:
        if g.gap:
            gaps.setdefault(g.body, []).append(words.say("outlook.task_gap", level=g.level, gap=g.gap))
    if not gaps:
        return [words.say("outlook.tasks_met")]
    owed = [{"body": body, "gaps": levels} for body, levels in gaps.items()]
    if f.months_left:
        return [words.say("outlook.tasks_owed", owed=owed, months_left=f.months_left)]
    return [words.say("outlook.tasks_missed", owed=owed)]


def forecast_paragraphs(metrics: Metrics, period: Period, words: Wording) -> list[str]:
    """年终预测 (each target at the pace so far) and 年度任务 (each body's R9 gap, the months left);
    none for a year that has ended.  With no month left, what the year missed, not a projection."""
    return [*_targets(metrics, period, words), *_tasks(metrics, words)]


def change_cell(compared: BodyComparison | None, submitted: int) -> str:
    """The 环比 cell of a body: its pieces against the previous month's, ``—`` when unknown."""
    before = compared.previous_month if compared is not None else None
    return signed(submitted - before.submitted if before is not None else None)

"""The report's words for 环比/同比 and the forecast (一、总体情况), and the 环比 column of the body
tables (二、各单位报送情况) — each figure one of :class:`~xcreport.metrics.Metrics`' comparison and
forecast, written as the clerk would: nothing is said where nothing is known.
"""

from __future__ import annotations

from xcreport.metrics import BodyComparison, Figures, Metrics, TargetForecast
from xcreport.period import Period
from xcreport.text import change, join, num, signed


def _adopted(f: Figures, ytd: bool = False) -> int:
    return sum((f.adopted_ytd if ytd else f.adopted).values())


def _against(now: Figures, then: Figures, what: str, ytd: bool = False) -> str:
    """报送稿件增加3篇（{what}34篇），各级媒体采用减少2篇次（{what}30篇次）."""
    submitted = (now.submitted_ytd if ytd else now.submitted), (then.submitted_ytd if ytd else then.submitted)
    adopted = _adopted(now, ytd), _adopted(then, ytd)
    return (
        f"报送稿件{change(submitted[0] - submitted[1])}（{what}{submitted[1]}篇），"
        f"各级媒体采用{change(adopted[0] - adopted[1], '篇次')}（{what}{adopted[1]}篇次）"
    )


def comparison_sentence(metrics: Metrics, period: Period) -> str:
    """One sentence: the totals against the previous month and the same month (an annual run: the
    same months) of last year, as far as they are known; '' when neither is."""
    comparison = metrics.comparison
    if comparison is None:
        return ""
    t = metrics.totals
    now = Figures(t.submitted, t.adopted, t.submitted_ytd, t.adopted_ytd)
    parts: list[str] = []
    previous, last_year = comparison.totals.previous_month, comparison.totals.last_year
    if previous is not None:
        parts.append(f"与上月相比，{_against(now, previous, '上月')}")
    if last_year is not None and period.kind == "monthly":
        parts.append(
            f"与去年同月（{comparison.last_year.label}）相比，{_against(now, last_year, '去年同月')}"
        )
        if period.last_month > 1:  # in January the year to date is the month
            parts.append(f"{period.months_span}累计{_against(now, last_year, '去年同期', ytd=True)}")
    elif last_year is not None:
        parts.append(
            f"与上年同期（{comparison.last_year.label}）相比，{_against(now, last_year, '上年同期')}"
        )
    return "；".join(parts) + "。" if parts else ""


def _projection(t: TargetForecast, exceed: bool) -> str:
    """省部级及以上媒体用稿全年可达64篇，可以突破全年目标50篇."""
    verb = "突破" if exceed or t.projected > t.target else "完成"
    if t.clears:
        return f"{t.label}全年可达{t.projected}篇，可以{verb}全年目标{t.target}篇"
    per_month = f"，平均每月需{num(t.per_month)}篇" if t.per_month is not None else ""
    return f"{t.label}全年可达{t.projected}篇，难以{verb}全年目标{t.target}篇，还需{t.remaining}篇{per_month}"


def forecast_paragraphs(metrics: Metrics, period: Period) -> list[str]:
    """年终预测 (each target at the pace so far) and 年度任务 (each body's R9 gap, the months left);
    none for a year that has ended.  With no month left, what the year missed, not a projection."""
    f = metrics.forecast
    if f is None:
        return []
    paras: list[str] = []
    exceed = {t.id: t.exceed for t in metrics.targets}
    if f.targets and f.months_left:
        lines = "；".join(_projection(t, exceed.get(t.id, False)) for t in f.targets)
        paras.append(f"年终预测：按{period.months_span}的进度，{lines}。")
    elif f.targets:
        missed = [f"{t.label}差{t.remaining}篇" for t in f.targets if t.remaining]
        paras.append("全年目标未完成的：" + join(missed) + "。" if missed else "各项全年目标均已完成。")
    gaps: dict[str, list[str]] = {}
    for g in f.tasks:
        if g.gap:
            gaps.setdefault(g.body, []).append(f"{g.level}用稿{g.gap}篇")
    if f.tasks and not gaps:
        paras.append("年度任务：各单位（科室）的年度任务均已完成。")
    elif gaps and f.months_left:
        owed = "；".join(f"{body}还需{join(levels)}" for body, levels in gaps.items())
        paras.append(f"年度任务：{owed}，剩余{f.months_left}个月。")
    elif gaps:
        owed = "；".join(f"{body}差{join(levels)}" for body, levels in gaps.items())
        paras.append(f"年度任务尚未完成的：{owed}。")
    return paras


def change_cell(compared: BodyComparison | None, submitted: int) -> str:
    """The 环比 cell of a body: its pieces against the previous month's, ``—`` when unknown."""
    before = compared.previous_month if compared is not None else None
    return signed(submitted - before.submitted if before is not None else None)

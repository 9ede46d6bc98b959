"""The report context: what the Word templates read, as formatted text only.

:func:`report_context` turns :class:`~xcreport.metrics.Metrics` into strings, lists and small
dicts, so that a template is plain text with ``{{ name }}`` tags an office clerk can re-word.
Sentences are composed from the Metrics figures — that is formatting; nothing is counted from the
ledger.  Each section of the report has its module: :mod:`.overview` (一、总体情况),
:mod:`.body_tables` (二、各单位报送情况), :mod:`.problems` (三、存在问题), :mod:`.annual` (the
annual report's own sections); the words they share are in :mod:`.terms`.
"""

from __future__ import annotations

from typing import Any

from xcreport.config import Settings
from xcreport.metrics import Metrics, TargetMetrics
from xcreport.period import Period
from xcreport.render.annual import coverage, grid, person_row, person_tasks, tasks
from xcreport.render.body_tables import bodies_text, groups
from xcreport.render.overview import overview
from xcreport.render.problems import problems
from xcreport.render.terms import MASTHEAD, level_head, office_name, pace_target, span_word
from xcreport.text import cn_date, join


def _span(period: Period) -> str:
    """The period as the title names it: 2014年3月份, 2014年1—2月, 2014年度."""
    if period.kind == "monthly":
        return f"{period.year}年{period.month}月份"
    if period.partial:
        return f"{period.year}年{period.months_span}"
    return f"{period.year}年度"


def _heading(settings: Settings, period: Period) -> dict[str, Any]:
    """The masthead, title, addressee and signature (dated the period's last day)."""
    office = office_name(settings)
    span = _span(period)
    annual = period.kind == "annual"
    return {
        "kind": period.kind,
        "period_label": period.label,
        "period_word": span_word(period),
        "ytd_label": period.months_span,
        "county": settings.county.name,
        "bureau": settings.county.bureau,
        "issuer": office,
        "signature": office,
        "masthead": MASTHEAD,
        "issue_no": f"〔{period.year}〕年度" if annual else f"〔{period.year}〕第{period.month}期",
        "issued": cn_date(period.end),
        "title": f"关于{span}全县交通运输系统信息宣传工作情况的通报",
        "addressee": "局属各单位、各工程项目组，机关各科室：",
        "intro": f"现将{span}全县交通运输系统信息宣传工作情况通报如下：",
    }


def _captions(period: Period, target: TargetMetrics | None) -> dict[str, str]:
    """chart_<key>_caption: 图N　…, numbered in the order the template shows the figures."""
    figures = ["trend", "pace", "scores"] if period.kind == "annual" else ["pace", "scores"]
    if target is None:
        figures.remove("pace")
    captions = {
        "trend": f"{period.year}年各月报送与采用情况",
        "pace": f"{period.year}年{target.label}累计数与目标进度" if target is not None else "",
        "scores": f"各单位（科室）{span_word(period)}得分",
    }
    return {
        f"chart_{key}_caption": f"图{figures.index(key) + 1}　{captions[key]}" if key in figures else ""
        for key in ("trend", "pace", "scores")
    }


def _annual(metrics: Metrics, settings: Settings, period: Period) -> dict[str, Any]:
    task_heads, task_rows = tasks(metrics)
    person_task_heads, person_task_rows = person_tasks(metrics)
    grid_heads, grid_rows = grid(metrics, settings, period)
    coverage_lines, brand_rows = coverage(metrics, settings)
    return {
        "task_heads": task_heads,
        "task_rows": task_rows,
        "person_task_heads": person_task_heads,
        "person_task_rows": person_task_rows,
        "grid_heads": grid_heads,
        "grid_rows": grid_rows,
        "coverage": coverage_lines,
        "brand_rows": brand_rows,
        "advanced_units": join(metrics.advanced_units) or "（无）",
        "advanced_persons": [person_row(p) for p in metrics.advanced_persons],
    }


def report_context(metrics: Metrics, settings: Settings, period: Period) -> dict[str, Any]:
    """Everything the report template shows, as formatted text (pure: no I/O, no clock)."""
    target = pace_target(metrics)
    ctx: dict[str, Any] = {
        **_heading(settings, period),
        "overview": overview(metrics, settings, period),
        "level_heads": [level_head(lv) for lv in metrics.levels],
        "groups": groups(metrics, settings),
        "bodies_text": bodies_text(metrics, period),
        "problems": problems(metrics, settings, period),
        "has_pace_chart": target is not None,
        **_captions(period, target),
    }
    if period.kind == "annual":
        ctx.update(_annual(metrics, settings, period))
    return ctx

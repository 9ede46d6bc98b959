"""The report context: what the Word templates read, as formatted text only.

:func:`report_context` turns :class:`~xcreport.metrics.Metrics` into strings, lists and small
dicts, so that a template is plain text with ``{{ name }}`` tags an office clerk can re-word.
Every sentence is an entry of the wording file (:mod:`.wording`), given the figures of Metrics
and the words of the configuration (:func:`common_names`); nothing is counted from the ledger.
Each section of the report has its module: :mod:`.overview` (一、总体情况), :mod:`.body_tables`
(二、各单位报送情况), :mod:`.problems` (三、存在问题), :mod:`.annual` (the annual report's own
sections); the words they share are in :mod:`.terms`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from xcreport.config import Settings
from xcreport.metrics import Metrics, TargetMetrics
from xcreport.period import Period
from xcreport.render.annual import advanced, coverage, grid, person_row, person_tasks, tasks
from xcreport.render.body_tables import bodies_text, groups
from xcreport.render.overview import overview
from xcreport.render.problems import problems
from xcreport.render.terms import duties, level_head, office_name, pace_target, span_word
from xcreport.render.wording import Wording, load_wording
from xcreport.resources import templates_dir
from xcreport.text import cn_date, num


@dataclass(frozen=True, slots=True)
class Issue:
    """期号 and 成文日期 of one 通报.

    ``number``: the issue number (``--issue-no``), else the month of a monthly report and none for
    a year; ``date``: the 成文日期 and 印发日期 (``--date``, else the run's date — the pipeline
    always gives one; a report rendered on its own is dated the period's last day).
    """

    date: dt.date | None = None
    number: str | None = None


def _span(period: Period) -> str:
    """The period as the title names it: 2014年3月份, 2014年1—2月, 2014年度."""
    if period.kind == "monthly":
        return f"{period.year}年{period.month}月份"
    if period.partial:
        return f"{period.year}年{period.months_span}"
    return f"{period.year}年度"


def common_names(metrics: Metrics, settings: Settings, period: Period, wording: Wording) -> dict[str, Any]:
    """The names every entry of the wording file may use (wording.COMMON)."""
    county, voc, sc = settings.county, settings.vocabulary, settings.scoring
    target = pace_target(metrics)
    names: dict[str, Any] = {
        "county": county.name,
        "bureau": county.bureau,
        "office": office_name(settings),
        "self_name": county.self_name,
        "system": county.system,
        "city_office": county.city_office,
        "kind": period.kind,
        "year": period.year,
        "month": period.last_month,
        "period_word": span_word(period),
        "scope": "本月" if period.kind == "monthly" else "本年度",
        "goal_span": "全年" if period.kind == "monthly" else "下一年度",
        "cutoff_day": settings.cadence.cutoff_day,
        "half_boundary_day": settings.cadence.half_boundary_day,
        "categories": list(voc.categories),
        "dynamic_category": voc.dynamic_category,
        "focus": list(voc.focus),
        "plain_focus": [f for f in voc.focus if f not in (voc.project_focus, voc.brand_focus)],
        "project_focus": voc.project_focus,
        "projects": list(voc.projects),
        "brand_focus": voc.brand_focus,
        "brands": list(voc.brands),
        "key_target": target.label if target is not None else "",
        "deduct": {
            "cadence": num(sc.deduct_cadence), "late": num(sc.deduct_late),
            "major_late": num(sc.deduct_major_late), "major_missed": num(sc.deduct_major_missed),
            "concealed": num(sc.deduct_concealed), "false": num(sc.deduct_false),
        },
    }  # fmt: skip
    said = wording.bind(names)
    sentences = [
        said.say(f"duty.{d.cadence}", label=d.label, minimum=d.minimum, category=d.category)
        for d in duties(settings)
    ]
    return {**names, "duties": sentences, "cadence_rule": "，".join(sentences)}


def _heading(settings: Settings, period: Period, words: Wording, issue: Issue) -> dict[str, Any]:
    """The masthead, issue number, title, addressee and signature, and the 版记."""
    office = office_name(settings)
    span = _span(period)
    number = issue.number if issue.number is not None else (str(period.month) if period.month else "")
    issued = cn_date(issue.date or period.end)
    county = settings.county
    return {
        "kind": period.kind,
        "period_label": period.label,
        "period_word": span_word(period),
        "ytd_label": period.months_span,
        "county": county.name,
        "bureau": county.bureau,
        "system": county.system,
        "issuer": office,
        "signature": office,
        "masthead": words.say("heading.masthead"),
        "issue_no": words.say("heading.issue_no", number=number),
        "issued": issued,
        "title": words.say("heading.title", span=span),
        "addressee": words.say("heading.addressee"),
        "intro": words.say("heading.intro", span=span),
        "copy_to": words.say("colophon.copy_to", names=list(county.copy_to)) if county.copy_to else "",
        "printed_by": county.printed_by or office,
        "printed_on": words.say("colophon.printed_on", date=issued),
    }


def _captions(period: Period, target: TargetMetrics | None, words: Wording) -> dict[str, str]:
    """chart_<key>_caption: 图N　…, numbered in the order the template shows the figures."""
    figures = ["trend", "pace", "scores"] if period.kind == "annual" else ["pace", "scores"]
    if target is None:
        figures.remove("pace")
    captions = {
        "trend": words.say("charts.trend"),
        "pace": words.say("charts.pace", label=target.label) if target is not None else "",
        "scores": words.say("charts.scores"),
    }
    return {
        f"chart_{key}_caption": (
            words.say("charts.caption", number=figures.index(key) + 1, text=captions[key])
            if key in figures
            else ""
        )
        for key in ("trend", "pace", "scores")
    }


#: The words the charts draw: the wording file's ``[charts]`` entries of these names.
CHART_WORDS = (
    "score_axis", "score_axis_ytd", "pace_actual", "pace_expected", "pace_goal", "pace_unit",
    "trend_submitted", "trend_unit",
)  # fmt: skip


def chart_words(target: TargetMetrics | None, words: Wording) -> dict[str, str]:
    """What the charts draw (their legends, axes and the goal's line), in the office's words."""
    goal = target.target if target is not None else 0
    return {key: words.say(f"charts.{key}", target=goal) for key in CHART_WORDS}


def _annual(metrics: Metrics, settings: Settings, period: Period, words: Wording) -> dict[str, Any]:
    task_heads, task_rows = tasks(metrics)
    person_task_heads, person_task_rows = person_tasks(metrics)
    grid_heads, grid_rows = grid(metrics, settings, period)
    coverage_lines, brand_rows = coverage(metrics, settings, words)
    return {
        "task_heads": task_heads,
        "task_rows": task_rows,
        "person_task_heads": person_task_heads,
        "person_task_rows": person_task_rows,
        "grid_heads": grid_heads,
        "grid_rows": grid_rows,
        "coverage": coverage_lines,
        "brand_rows": brand_rows,
        **advanced(metrics, words),
        "advanced_persons": [person_row(p) for p in metrics.advanced_persons],
    }


def report_context(
    metrics: Metrics,
    settings: Settings,
    period: Period,
    wording: Wording | None = None,
    issue: Issue | None = None,
) -> dict[str, Any]:
    """Everything the report template shows, as formatted text (pure: no clock; the wording file
    is read from the package's templates when ``wording`` is not given)."""
    base = wording if wording is not None else load_wording(templates_dir())
    words = base.bind(common_names(metrics, settings, period, base))
    target = pace_target(metrics)
    ctx: dict[str, Any] = {
        **_heading(settings, period, words, issue or Issue()),
        "overview": overview(metrics, settings, period, words),
        "level_heads": [level_head(lv) for lv in metrics.levels],
        "groups": groups(metrics, settings, words),
        "bodies_text": bodies_text(metrics, settings, period, words),
        "problems": problems(metrics, words),
        "requirements": words.requirement_list(),
        "has_pace_chart": target is not None,
        **_captions(period, target, words),
        "chart_words": chart_words(target, words),
    }
    if period.kind == "annual":
        ctx.update(_annual(metrics, settings, period, words))
    return ctx

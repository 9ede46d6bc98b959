"""The report context: what the Word templates read, as formatted text only.

:func:`report_context` turns :class:`~xcreport.metrics.Metrics` into strings, lists and small
dicts, so that a template is plain text with ``{{ name }}`` tags an office clerk can re-word.
Sentences are composed here from the Metrics figures — that is formatting; nothing is counted
from the ledger.  The only figure shown that Metrics does not hold as such is how far a target is
ahead of its pace (``actual − expected_by_now``), written as the clerk would write it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from xcreport.config import GROUP_LABELS, RANK_GROUPS, Settings
from xcreport.metrics import BodyMetrics, Metrics, PersonMetrics, Problems, RowRef, TargetMetrics
from xcreport.period import Period
from xcreport.text import NONE, cn_date, cn_iso_day, cn_month, cn_ordinal, join, levels_text, num, rate

MASTHEAD = "信息宣传工作通报"
MET, MISSED = "√", "×"


# -- formatting -----------------------------------------------------------------------------------


def level_head(level: str) -> str:
    """The short column head of a media level: 国家级 → 国家, 省部级 → 省部, 市级 stays."""
    return level[:-1] if len(level) > 2 and level.endswith("级") else level


def office_name(settings: Settings) -> str:
    """The signing office in full: 示例县交通运输局 + 局办公室 → 示例县交通运输局办公室."""
    bureau, office = settings.county.bureau, settings.county.office
    if office.startswith(bureau):
        return office
    if office.startswith("局") and bureau.endswith("局"):
        return bureau + office[1:]
    return bureau + office


def _span_word(period: Period) -> str:
    """What the period's own figures are called: 本月, 全年, or 1—N月 for a year still under way."""
    if period.kind == "monthly":
        return "本月"
    return period.months_span if period.partial else "全年"


def cadence_rule(settings: Settings) -> str:
    """R1/R2 as the opinion words them, with the configured minimums and category."""
    c, dynamic = settings.cadence, settings.vocabulary.dynamic_category
    return (
        f"各单位、各工程项目组上下半月各至少报送{c.min_per_half}篇{dynamic}，"
        f"机关科室每月不少于{c.min_per_month_office}篇"
    )


# -- sections -------------------------------------------------------------------------------------


def _target_sentence(t: TargetMetrics, period: Period) -> str:
    goal = f"全年目标{'突破' if t.exceed else ''}{t.target}篇"
    if period.kind == "annual" and not period.partial:
        if t.status == "met":
            return f"{t.label}全年{t.actual}篇（{goal}），已完成全年目标"
        return f"{t.label}全年{t.actual}篇（{goal}），未完成全年目标，差{num(t.shortfall)}篇"
    if period.partial:
        head = f"{t.label}（{goal}）{period.months_span}累计{t.actual}篇"
    else:
        head = f"{t.label}（{goal}）本月{t.month}篇，累计{t.actual}篇"
    if t.status == "met":
        return f"{head}，已{'突破' if t.exceed else '完成'}全年目标"
    pace = f"按进度应达{num(t.expected_by_now)}篇"
    if t.status == "ahead":
        return f"{head}，{pace}，超前{num(t.actual - t.expected_by_now)}篇"
    if t.status == "behind":
        return f"{head}，{pace}，落后{num(t.shortfall)}篇"
    return f"{head}，{pace}，与进度持平"


def _city_sentences(metrics: Metrics, period: Period) -> list[str]:
    city = metrics.city_rank
    word = _span_word(period)
    if period.kind == "monthly":
        adopted = f"本月市交通运输局采用我县信息{city.adopted_month}篇，累计{city.adopted_ytd}篇。"
    else:
        adopted = f"{word}市交通运输局采用我县信息{city.adopted_ytd}篇。"
    if city.latest is None:
        return [f"市交通运输局信息用稿考核名次{word}尚未录入。{adopted}"]
    latest = city.latest
    text = (
        f"市交通运输局信息用稿考核，我县{cn_month(latest.month)}在{city.counties}个县（市、区）中"
        f"列第{latest.rank}名"
    )
    if latest.score is not None:
        text += f"（得分{num(latest.score)}）"
    if city.status == "stretch":
        text += f"，实现了力争前{city.stretch_rank}名的目标"
    elif city.status == "met":
        text += f"，保持在前{city.target_rank}名以内，距力争前{city.stretch_rank}名尚有差距"
    elif city.status == "missed":
        text += f"，未进入前{city.target_rank}名，须奋力追赶"
    if len(city.trend) > 1:
        text += "；" + join(f"{cn_month(p.month)}第{p.rank}名" for p in city.trend)
    return [text + "。" + adopted]


def _tracks_sentence(metrics: Metrics, settings: Settings, period: Period) -> str:
    # The city bureau's track is already in the R7 sentence just before this one.
    tracks = [tr for tr in metrics.tracks if tr.track != settings.city_rank.track]
    if not tracks:
        return ""
    parts = []
    # A track is called by the label of the target that counts it alone (“两办”信息采用), else its name.
    named = {t.tracks[0]: t.label for t in settings.targets if len(t.tracks) == 1 and not t.levels}
    for tr in tracks:
        name = named.get(tr.track, tr.track)
        text = (
            f"{name}本月{tr.month}篇、累计{tr.ytd}篇"
            if period.kind == "monthly"
            else f"{name}{_span_word(period)}{tr.ytd}篇"
        )
        if tr.external_rank is not None:
            text += f"（外部考核第{tr.external_rank}名）"
        parts.append(text)
    return "重点渠道用稿情况：" + "；".join(parts) + "。"


def _overview(metrics: Metrics, settings: Settings, period: Period) -> list[str]:
    tot = metrics.totals
    annual = period.kind == "annual"
    lead = (period.span_label if period.partial else f"{period.year}年") if annual else period.label
    first = (
        f"{lead}，全系统{len(metrics.bodies)}个单位（科室）共报送信息宣传稿件{tot.submitted}篇，"
        f"各级媒体采用{levels_text(metrics.levels, tot.adopted)}。"
    )
    if tot.bonus_pieces:
        first += f"{tot.bonus_pieces}篇稿件获领导批示。"
    paras = [first]
    if not annual:
        paras.append(
            f"{period.year}年{period.months_span}累计报送{tot.submitted_ytd}篇，"
            f"累计采用{levels_text(metrics.levels, tot.adopted_ytd)}。"
        )
    if metrics.targets:
        paras.append(
            "目标完成进度：" + "；".join(_target_sentence(t, period) for t in metrics.targets) + "。"
        )
    paras.extend(_city_sentences(metrics, period))
    tracks = _tracks_sentence(metrics, settings, period)
    if tracks:
        paras.append(tracks)
    return paras


def _body_row(b: BodyMetrics, levels: list[str]) -> dict[str, Any]:
    return {
        "body": b.body,
        "group": GROUP_LABELS.get(b.group, b.group),
        "submitted": num(b.submitted),
        "submitted_ytd": num(b.submitted_ytd),
        "first_half": num(b.first_half),
        "second_half": num(b.second_half),
        "met": MET if b.cadence_met else MISSED,
        "adopted": [num(b.adopted.get(lv, 0)) for lv in levels],
        "late": num(b.late),
        "score": num(b.score),
        "score_ytd": num(b.score_ytd),
        "rank": num(b.rank),
        "rank_in_group": num(b.rank_in_group),
    }


def rank_groups() -> list[tuple[str, list[str]]]:
    """The ranking groups in circular order (基层单位, 机关科室) with the config groups they hold."""
    out: dict[str, list[str]] = {}
    for group, label in RANK_GROUPS.items():
        out.setdefault(label, []).append(group)
    return list(out.items())


def bodies_of(metrics: Metrics, groups: list[str]) -> list[BodyMetrics]:
    """The bodies of some config groups, by their rank within the group (ties keep Metrics order)."""
    members = [b for b in metrics.bodies if b.group in groups]
    return sorted(members, key=lambda b: b.rank_in_group)


def _groups(metrics: Metrics) -> list[dict[str, Any]]:
    out = []
    for i, (label, groups) in enumerate(rank_groups(), start=1):
        members = bodies_of(metrics, groups)
        if not members:
            continue
        kinds = join(GROUP_LABELS[g] for g in groups) if len(groups) > 1 else ""
        heading = f"（{cn_ordinal(i)}）{label}" + (f"（{kinds}）" if kinds else "")
        out.append(
            {"label": label, "heading": heading, "rows": [_body_row(b, metrics.levels) for b in members]}
        )
    return out


def _missed_by_body(pairs: Iterable[tuple[str, str]]) -> list[str]:
    by_body: dict[str, list[str]] = {}
    for body, part in pairs:
        by_body.setdefault(body, []).append(cn_month(part))
    return [f"{body}（{join(parts)}）" for body, parts in by_body.items()]


def _bodies_text(metrics: Metrics, period: Period) -> list[str]:
    word = _span_word(period)
    top = [b for b in metrics.bodies if b.rank <= 3]
    paras = []
    if top:
        paras.append(
            f"{word}综合得分居前三位的是：" + join(f"{b.body}（{num(b.score)}分）" for b in top) + "。"
        )
    if period.kind == "annual":
        # the month-by-month misses are in the cadence grid and under 存在问题; here only who kept it up
        steady = [b.body for b in metrics.bodies if b.cadence_met]
        if len(steady) == len(metrics.bodies):
            paras.append(f"{word}各单位（科室）每月均达到报送频次要求。")
        elif steady:
            paras.append(
                f"{word}每月均达到报送频次要求的单位（科室）有：{join(steady)}；"
                "其余单位（科室）的未达标月份见报送频次情况表。"
            )
        else:
            paras.append(
                f"{word}没有单位（科室）每月均达到报送频次要求，各单位（科室）的未达标月份见报送频次情况表。"
            )
        return paras
    missed = _missed_by_body(metrics.problems.cadence_missed)
    if missed:
        paras.append(f"{word}未达到报送频次要求的单位（科室）有：{join(missed)}。")
    else:
        paras.append(f"{word}各单位（科室）均达到报送频次要求。")
    return paras


def _error_counts(errors: int, warnings: int) -> str:
    parts = [f"错误{errors}条"] if errors else []
    parts += [f"警告{warnings}条"] if warnings else []
    return "、".join(parts) or "无"


def _ref(ref: RowRef) -> str:
    detail = ref.detail or cn_iso_day(ref.date)
    return f"{ref.body}《{ref.title}》" + (f"（{detail}）" if detail else "")


def _problems(metrics: Metrics, settings: Settings, period: Period) -> list[dict[str, Any]]:
    p: Problems = metrics.problems
    word = "本月" if period.kind == "monthly" else "本年度"
    sc = settings.scoring
    sections: list[tuple[str, list[str]]] = []

    missed = _missed_by_body(p.cadence_missed)
    sections.append(
        (
            "报送频次不达标",
            [
                f"以下单位（科室）未达到“{cadence_rule(settings)}”的要求：{join(missed)}。"
                f"每次按规定扣{num(sc.deduct_cadence)}分。"
            ]
            if missed
            else [f"{word}未发现报送频次不达标的情况。"],
        )
    )
    sections.append(
        (
            "信息迟报",
            [
                f"以下信息超过每月{settings.cadence.cutoff_day}日的报送截止时间，"
                f"每条扣{num(sc.deduct_late)}分：" + "；".join(_ref(r) for r in p.late) + "。"
            ]
            if p.late
            else [f"{word}未发现超过截止时间报送的信息。"],
        )
    )
    major: list[str] = []
    if p.major_late:
        major.append(
            f"重大政务信息迟报{len(p.major_late)}条（每条扣{num(sc.deduct_major_late)}分）："
            + "；".join(_ref(r) for r in p.major_late)
            + "。"
        )
    if p.major_missed:
        major.append(
            "重大政务信息漏报、瞒报："
            + "；".join(
                f"{e.body}“{e.event}”（事发{cn_iso_day(e.event_date)}，{e.kind}）" for e in p.major_missed
            )
            + f"。漏报每次扣{num(sc.deduct_major_missed)}分，瞒报每次扣{num(sc.deduct_concealed)}分。"
        )
    sections.append(
        ("重大政务信息迟报、漏报、瞒报", major or [f"{word}未发现重大政务信息迟报、漏报、瞒报。"])
    )
    sections.append(
        (
            "虚假、失实信息",
            [
                f"以下信息经核查为虚假或失实，不予计分并每条扣{num(sc.deduct_false)}分："
                + "；".join(_ref(r) for r in p.false_pieces)
                + "。"
            ]
            if p.false_pieces
            else [f"{word}未发现虚假、失实信息。"],
        )
    )
    ledger: list[str] = []
    if p.bodies_with_errors:
        ledger.append(
            f"台账校验共发现错误{metrics.findings.error}条、警告{metrics.findings.warning}条，涉及："
            + join(f"{body}（{_error_counts(e, w)}）" for body, e, w in p.bodies_with_errors)
            + "。请上述单位对照“退回修改”中本单位的问题清单逐条改正，"
            f"于每月{settings.cadence.cutoff_day}日前重新报送，全部明细见《校验问题清单》。"
        )
    if p.no_roster:
        ledger.append(f"尚未明确信息宣传通讯员的单位（科室）：{join(p.no_roster)}，请尽快明确专人负责。")
    sections.append(("台账填报问题", ledger or [f"{word}台账校验未发现问题。"]))
    sections.append(
        (
            "品牌宣传",
            [
                f"以下创建品牌{word}没有宣传稿件："
                + join(f"“{brand}”（{body}）" for brand, body in p.brands_without_piece)
                + "，请相关单位加大品牌创建宣传力度。"
            ]
            if p.brands_without_piece
            else [f"{word}各创建品牌均有宣传稿件。"],
        )
    )
    return [
        {"heading": f"（{cn_ordinal(i)}）{title}", "lines": lines}
        for i, (title, lines) in enumerate(sections, start=1)
    ]


# -- annual ---------------------------------------------------------------------------------------


def task_levels(metrics: Metrics) -> list[str]:
    """The levels at which any body has an annual task (R9), highest first."""
    present = {t.level for b in metrics.bodies for t in b.tasks}
    return [lv for lv in metrics.levels if lv in present]


def _tasks(metrics: Metrics) -> tuple[list[str], list[dict[str, Any]]]:
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


def _grid(metrics: Metrics, settings: Settings, period: Period) -> tuple[list[str], list[dict[str, Any]]]:
    """The 12-month cadence grid, bodies in registry order (the order of the ledgers handed out)."""
    months = period.months()
    order = {b.name: i for i, b in enumerate(settings.bodies)}
    rows = []
    for b in sorted(metrics.bodies, key=lambda b: order.get(b.body, len(order))):
        cells = [NONE if m not in b.cadence_grid else (MET if b.cadence_grid[m] else MISSED) for m in months]
        rows.append({"body": b.body, "cells": cells})
    return [cn_month(m) for m in months], rows


def _coverage(metrics: Metrics, settings: Settings) -> tuple[list[str], list[dict[str, str]]]:
    lines = []
    if metrics.focus_coverage:
        lines.append("按宣传重点分：" + join(f"{k}{v}篇" for k, v in metrics.focus_coverage.items()) + "。")
    builders: dict[str, list[str]] = {}
    for body in settings.bodies:
        for brand in body.brands:
            builders.setdefault(brand, []).append(body.name)
    rows = [
        {"brand": brand, "bodies": join(builders.get(brand, [])) or NONE, "pieces": num(n)}
        for brand, n in metrics.brand_coverage.items()
    ]
    return lines, rows


def _person_row(p: PersonMetrics) -> dict[str, str]:
    return {
        "rank": num(p.rank),
        "name": p.name,
        "body": p.body,
        "pieces": num(p.pieces),
        "adopted": num(p.adopted),
        "points": num(p.points),
    }


# -- the context ----------------------------------------------------------------------------------


def pace_target(metrics: Metrics) -> TargetMetrics | None:
    """The target the pace chart follows: the first configured with ``chart = true``, else the first."""
    for t in metrics.targets:
        if t.chart:
            return t
    return metrics.targets[0] if metrics.targets else None


def report_context(
    metrics: Metrics, settings: Settings, period: Period, *, issued: dt.date | None = None
) -> dict[str, Any]:
    """Everything the report template shows, as formatted text (pure: no I/O, no clock).

    ``issued`` is the date printed under the signature; by default the period's last day.
    """
    annual = period.kind == "annual"
    day = issued or period.end
    office = office_name(settings)
    if not annual:
        span = f"{period.year}年{period.month}月份"
    elif period.partial:
        span = f"{period.year}年{period.months_span}"
    else:
        span = f"{period.year}年度"
    target = pace_target(metrics)
    ctx: dict[str, Any] = {
        "kind": period.kind,
        "period_label": period.label,
        "period_word": _span_word(period),
        "ytd_label": period.months_span,
        "county": settings.county.name,
        "bureau": settings.county.bureau,
        "issuer": office,
        "signature": office,
        "masthead": MASTHEAD,
        "issue_no": f"〔{period.year}〕年度" if annual else f"〔{period.year}〕第{period.month}期",
        "issued": cn_date(day),
        "title": f"关于{span}全县交通运输系统信息宣传工作情况的通报",
        "addressee": "局属各单位、各工程项目组，机关各科室：",
        "intro": f"现将{span}全县交通运输系统信息宣传工作情况通报如下：",
        "overview": _overview(metrics, settings, period),
        "level_heads": [level_head(lv) for lv in metrics.levels],
        "groups": _groups(metrics),
        "bodies_text": _bodies_text(metrics, period),
        "problems": _problems(metrics, settings, period),
        "has_pace_chart": target is not None,
    }
    # figures are numbered in the order the template shows them
    figures = ["trend", "pace", "scores"] if annual else ["pace", "scores"]
    if target is None:
        figures.remove("pace")
    captions = {
        "trend": f"{period.year}年各月报送与采用情况",
        "pace": f"{period.year}年{target.label}累计数与目标进度" if target is not None else "",
        "scores": f"各单位（科室）{_span_word(period)}得分",
    }
    for key in ("trend", "pace", "scores"):
        number = f"图{figures.index(key) + 1}　" if key in figures else ""
        ctx[f"chart_{key}_caption"] = number + captions[key] if number else ""
    if annual:
        task_heads, task_rows = _tasks(metrics)
        grid_heads, grid_rows = _grid(metrics, settings, period)
        coverage, brand_rows = _coverage(metrics, settings)
        ctx.update(
            {
                "task_heads": task_heads,
                "task_rows": task_rows,
                "grid_heads": grid_heads,
                "grid_rows": grid_rows,
                "coverage": coverage,
                "brand_rows": brand_rows,
                "advanced_units": join(metrics.advanced_units) or "（无）",
                "advanced_persons": [_person_row(p) for p in metrics.advanced_persons],
            }
        )
    return ctx

"""三、存在问题: one numbered section per kind of problem, each saying what was found or that nothing was.

The sentences name what Metrics lists (``metrics.problems``) and the deductions the configuration
sets for them.
"""

from __future__ import annotations

from typing import Any

from xcreport.config import Settings
from xcreport.metrics import Metrics, Problems, RowRef
from xcreport.period import Period
from xcreport.render.terms import cadence_rule, missed_by_body
from xcreport.text import cn_iso_day, cn_ordinal, join, num

Section = tuple[str, list[str]]


def _error_counts(errors: int, warnings: int) -> str:
    parts = [f"错误{errors}条"] if errors else []
    parts += [f"警告{warnings}条"] if warnings else []
    return "、".join(parts) or "无"


def _ref(ref: RowRef) -> str:
    detail = ref.detail or cn_iso_day(ref.date)
    return f"{ref.body}《{ref.title}》" + (f"（{detail}）" if detail else "")


def _refs(refs: list[RowRef]) -> str:
    return "；".join(_ref(r) for r in refs)


def _cadence(p: Problems, settings: Settings, word: str) -> Section:
    missed = missed_by_body(p.cadence_missed)
    if not missed:
        return "报送频次不达标", [f"{word}未发现报送频次不达标的情况。"]
    return "报送频次不达标", [
        f"以下单位（科室）未达到“{cadence_rule(settings)}”的要求：{join(missed)}。"
        f"每次按规定扣{num(settings.scoring.deduct_cadence)}分。"
    ]


def _late(p: Problems, settings: Settings, word: str) -> Section:
    if not p.late:
        return "信息迟报", [f"{word}未发现超过截止时间报送的信息。"]
    return "信息迟报", [
        f"以下信息超过每月{settings.cadence.cutoff_day}日的报送截止时间，"
        f"每条扣{num(settings.scoring.deduct_late)}分：" + _refs(p.late) + "。"
    ]


def _major(p: Problems, settings: Settings, word: str) -> Section:
    sc = settings.scoring
    lines: list[str] = []
    if p.major_late:
        lines.append(
            f"重大政务信息迟报{len(p.major_late)}条（每条扣{num(sc.deduct_major_late)}分）："
            + _refs(p.major_late)
            + "。"
        )
    if p.major_missed:
        events = "；".join(
            f"{e.body}“{e.event}”（事发{cn_iso_day(e.event_date)}，{e.kind}）" for e in p.major_missed
        )
        lines.append(
            f"重大政务信息漏报、瞒报：{events}。"
            f"漏报每次扣{num(sc.deduct_major_missed)}分，瞒报每次扣{num(sc.deduct_concealed)}分。"
        )
    return "重大政务信息迟报、漏报、瞒报", lines or [f"{word}未发现重大政务信息迟报、漏报、瞒报。"]


def _false(p: Problems, settings: Settings, word: str) -> Section:
    if not p.false_pieces:
        return "虚假、失实信息", [f"{word}未发现虚假、失实信息。"]
    return "虚假、失实信息", [
        f"以下信息经核查为虚假或失实，不予计分并每条扣{num(settings.scoring.deduct_false)}分："
        + _refs(p.false_pieces)
        + "。"
    ]


def _ledgers(metrics: Metrics, settings: Settings, word: str) -> Section:
    p = metrics.problems
    lines: list[str] = []
    if p.bodies_with_errors:
        lines.append(
            f"台账校验共发现错误{metrics.findings.error}条、警告{metrics.findings.warning}条，涉及："
            + join(f"{body}（{_error_counts(e, w)}）" for body, e, w in p.bodies_with_errors)
            + "。请上述单位对照“退回修改”中本单位的问题清单逐条改正，"
            f"于每月{settings.cadence.cutoff_day}日前重新报送，全部明细见《校验问题清单》。"
        )
    if p.no_roster:
        lines.append(f"尚未明确信息宣传通讯员的单位（科室）：{join(p.no_roster)}，请尽快明确专人负责。")
    return "台账填报问题", lines or [f"{word}台账校验未发现问题。"]


def _brands(p: Problems, word: str) -> Section:
    if not p.brands_without_piece:
        return "品牌宣传", [f"{word}各创建品牌均有宣传稿件。"]
    return "品牌宣传", [
        f"以下创建品牌{word}没有宣传稿件："
        + join(f"“{brand}”（{body}）" for brand, body in p.brands_without_piece)
        + "，请相关单位加大品牌创建宣传力度。"
    ]


def problems(metrics: Metrics, settings: Settings, period: Period) -> list[dict[str, Any]]:
    """The numbered sections of 存在问题: ``{"heading": "（一）…", "lines": [...]}``."""
    p = metrics.problems
    word = "本月" if period.kind == "monthly" else "本年度"
    sections = [
        _cadence(p, settings, word),
        _late(p, settings, word),
        _major(p, settings, word),
        _false(p, settings, word),
        _ledgers(metrics, settings, word),
        _brands(p, word),
    ]
    return [
        {"heading": f"（{cn_ordinal(i)}）{title}", "lines": lines}
        for i, (title, lines) in enumerate(sections, start=1)
    ]

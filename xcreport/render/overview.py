"""一、总体情况: the period's totals, the targets and their pace (R6–R8), the city ranking (R7) and
the other tracks.

The only figure shown that Metrics does not hold as such is how far a target is ahead of its pace
(``actual − expected_by_now``), written as the clerk would write it.
"""

from __future__ import annotations

from xcreport.config import Settings
from xcreport.metrics import Metrics, TargetMetrics
from xcreport.period import Period
from xcreport.render.outlook import comparison_sentence, forecast_paragraphs
from xcreport.render.terms import span_word
from xcreport.text import cn_month, join, levels_text, num


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
    word = span_word(period)
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
            else f"{name}{span_word(period)}{tr.ytd}篇"
        )
        if tr.external_rank is not None:
            text += f"（外部考核第{tr.external_rank}名）"
        parts.append(text)
    return "重点渠道用稿情况：" + "；".join(parts) + "。"


def overview(metrics: Metrics, settings: Settings, period: Period) -> list[str]:
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
    compared = comparison_sentence(metrics, period)
    if compared:
        paras.append(compared)
    if metrics.targets:
        paras.append(
            "目标完成进度：" + "；".join(_target_sentence(t, period) for t in metrics.targets) + "。"
        )
    paras.extend(forecast_paragraphs(metrics, period))
    paras.extend(_city_sentences(metrics, period))
    tracks = _tracks_sentence(metrics, settings, period)
    if tracks:
        paras.append(tracks)
    return paras

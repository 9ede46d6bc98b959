"""二、各单位报送情况: the table of each ranking group and the sentences below them."""

from __future__ import annotations

from typing import Any

from xcreport.config import GROUP_LABELS
from xcreport.metrics import BodyMetrics, Metrics
from xcreport.period import Period
from xcreport.render.terms import MET, MISSED, bodies_of, missed_by_body, rank_groups, span_word
from xcreport.text import cn_ordinal, join, num


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


def groups(metrics: Metrics) -> list[dict[str, Any]]:
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


def top_places(metrics: Metrics, places: int = 3) -> list[list[BodyMetrics]]:
    """The bodies of the first ``places`` positions (居前三位), one list per rank, tied bodies
    together; only bodies with a piece and a positive score are named."""
    by_rank: dict[int, list[BodyMetrics]] = {}
    for b in metrics.bodies:
        if b.rank <= places and b.submitted > 0 and b.score > 0:
            by_rank.setdefault(b.rank, []).append(b)
    return [by_rank[r] for r in sorted(by_rank)]


def _place(tied: list[BodyMetrics]) -> str:
    if len(tied) == 1:
        return f"{tied[0].body}（{num(tied[0].score)}分）"
    return f"{join(b.body for b in tied)}（并列第{tied[0].rank}位，均为{num(tied[0].score)}分）"


def bodies_text(metrics: Metrics, period: Period) -> list[str]:
    word = span_word(period)
    top = top_places(metrics)
    paras = []
    if top:
        filled = min(3, sum(len(t) for t in top))
        lead = {3: "居前三位", 2: "居前两位", 1: "居第一位"}[filled]
        sep = "；" if any(len(t) > 1 for t in top) else "、"
        paras.append(f"{word}综合得分{lead}的是：" + sep.join(_place(t) for t in top) + "。")
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
    missed = missed_by_body(metrics.problems.cadence_missed)
    if missed:
        paras.append(f"{word}未达到报送频次要求的单位（科室）有：{join(missed)}。")
    else:
        paras.append(f"{word}各单位（科室）均达到报送频次要求。")
    return paras

"""二、各单位报送情况: the table of each ranking group and the sentences below them."""

from __future__ import annotations

from typing import Any

from xcreport.config import GROUP_LABELS
from xcreport.metrics import BodyComparison, BodyMetrics, Metrics
from xcreport.period import Period
from xcreport.render.outlook import change_cell
from xcreport.render.terms import MET, MISSED, bodies_of, missed_by_body, rank_groups, span_word
from xcreport.text import cn_ordinal, join, num


def _body_row(b: BodyMetrics, levels: list[str], compared: BodyComparison | None) -> dict[str, Any]:
    return {
        "body": b.body,
        "change": change_cell(compared, b.submitted),
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
    compared = {c.body: c for c in metrics.comparison.bodies} if metrics.comparison else {}
    out = []
    for i, (label, groups) in enumerate(rank_groups(), start=1):
        members = bodies_of(metrics, groups)
        if not members:
            continue
        kinds = join(GROUP_LABELS[g] for g in groups) if len(groups) > 1 else ""
        heading = f"（{cn_ordinal(i)}）{label}" + (f"（{kinds}）" if kinds else "")
        out.append(
            {
                "label": label,
                "heading": heading,
                "rows": [_body_row(b, metrics.levels, compared.get(b.body)) for b in members],
            }
        )
    return out


def bodies_text(metrics: Metrics, period: Period) -> list[str]:
    word = span_word(period)
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
    missed = missed_by_body(metrics.problems.cadence_missed)
    if missed:
        paras.append(f"{word}未达到报送频次要求的单位（科室）有：{join(missed)}。")
    else:
        paras.append(f"{word}各单位（科室）均达到报送频次要求。")
    return paras

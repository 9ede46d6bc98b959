"""二、各单位报送情况: the table of each ranking group and the sentences below them."""

from __future__ import annotations

from typing import Any

from xcreport.config import Settings
from xcreport.metrics import BodyComparison, BodyMetrics, Metrics
from xcreport.period import Period
from xcreport.render.outlook import change_cell
from xcreport.render.terms import bodies_of, group_label, met_mark, missed_by_body, rank_groups
from xcreport.render.wording import Wording
from xcreport.text import cn_ordinal, join, num


def _body_row(
    b: BodyMetrics, levels: list[str], settings: Settings, compared: BodyComparison | None
) -> dict[str, Any]:
    return {
        "body": b.body,
        "change": change_cell(compared, b.submitted),
        "group": group_label(settings, b.group),
        "submitted": num(b.submitted),
        "submitted_ytd": num(b.submitted_ytd),
        "first_half": num(b.first_half),
        "second_half": num(b.second_half),
        "met": met_mark(b, settings),
        "adopted": [num(b.adopted.get(lv, 0)) for lv in levels],
        "late": num(b.late),
        "score": num(b.score),
        "score_ytd": num(b.score_ytd),
        "rank": num(b.rank),
        "rank_in_group": num(b.rank_in_group),
    }


def groups(metrics: Metrics, settings: Settings, words: Wording) -> list[dict[str, Any]]:
    """One table per ranking table of the configuration that has bodies, numbered in order; its
    heading names the groups it holds when there are several: （一）基层单位（所属单位、工程项目组）."""
    compared = {c.body: c for c in metrics.comparison.bodies} if metrics.comparison else {}
    out: list[dict[str, Any]] = []
    for label, keys in rank_groups(settings):
        members = bodies_of(metrics, keys)
        if not members:
            continue
        kinds = [group_label(settings, k) for k in keys] if len(keys) > 1 else []
        heading = words.say(
            "bodies.group_heading", number=cn_ordinal(len(out) + 1), label=label, members=kinds
        )
        out.append(
            {
                "label": label,
                "heading": heading,
                "rows": [_body_row(b, metrics.levels, settings, compared.get(b.body)) for b in members],
            }
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


def _top(metrics: Metrics, words: Wording) -> list[str]:
    top = top_places(metrics)
    if not top:
        return []
    places = [
        words.say(
            "bodies.top_place",
            names=join(b.body for b in tied),
            score=num(tied[0].score),
            rank=tied[0].rank,
            tied=len(tied) > 1,
        )
        for tied in top
    ]
    filled = min(3, sum(len(t) for t in top))
    return [words.say("bodies.top", places=filled, top=places, tied=any(len(t) > 1 for t in top))]


def _with_duty(metrics: Metrics, settings: Settings) -> list[str]:
    """The bodies whose group has a cadence duty (a group with none is never 达到 or not)."""
    return [
        b.body
        for b in metrics.bodies
        if (g := settings.group_by_key.get(b.group)) is None or g.cadence != "none"
    ]


def bodies_text(metrics: Metrics, settings: Settings, period: Period, words: Wording) -> list[str]:
    paras = _top(metrics, words)
    with_duty = _with_duty(metrics, settings)
    if not with_duty:
        return paras  # no group has a cadence duty: nothing to say of it
    if period.kind == "annual":
        # the month-by-month misses are in the cadence grid and under 存在问题; here only who kept it up
        met = {b.body for b in metrics.bodies if b.cadence_met}
        steady = [body for body in with_duty if body in met]
        if len(steady) == len(with_duty):
            paras.append(words.say("bodies.steady_all"))
        elif steady:
            paras.append(words.say("bodies.steady_some", steady=steady))
        else:
            paras.append(words.say("bodies.steady_none"))
        return paras
    missed = missed_by_body(metrics.problems.cadence_missed)
    if missed:
        paras.append(words.say("bodies.cadence_missed", missed=missed))
    else:
        paras.append(words.say("bodies.cadence_all_met"))
    return paras

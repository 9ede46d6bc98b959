"""一、总体情况: the period's totals, the targets and their pace (R6–R8), the city ranking (R7) and
the other tracks — each sentence an entry of the wording file's ``[overview]``.

The only figure shown that Metrics does not hold as such is how far a target is ahead of its pace
(``actual − expected_by_now``), written as the clerk would write it.
"""

from __future__ import annotations

from xcreport.config import Settings
from xcreport.metrics import Metrics, TargetMetrics
from xcreport.period import Period
from xcreport.render.outlook import comparison_sentence, forecast_paragraphs
from xcreport.render.wording import Wording
from xcreport.text import cn_month, levels_text, num


def _target(t: TargetMetrics, period: Period, words: Wording) -> str:
    return words.say(
        "overview.target",
        label=t.label,
        target=t.target,
        exceed=t.exceed,
        actual=t.actual,
        this_month=t.month,
        expected=num(t.expected_by_now),
        ahead=num(t.actual - t.expected_by_now),
        shortfall=num(t.shortfall),
        status=t.status,
        whole_year=period.kind == "annual" and not period.partial,
        partial=period.partial,
        months=period.months_span,
    )


def _city(metrics: Metrics, words: Wording) -> str:
    city = metrics.city_rank
    adopted = words.say(
        "overview.city_adopted", adopted_month=city.adopted_month, adopted_ytd=city.adopted_ytd
    )
    if city.latest is None:
        return words.say("overview.city_missing") + adopted
    latest = city.latest
    trend = (
        [
            words.say("overview.city_trend_point", rank_month=cn_month(p.month), rank=p.rank)
            for p in city.trend
        ]
        if len(city.trend) > 1
        else []
    )
    ranked = words.say(
        "overview.city_rank",
        rank_month=cn_month(latest.month),
        counties=city.counties,
        rank=latest.rank,
        score=num(latest.score) if latest.score is not None else "",
        status=city.status,
        target_rank=city.target_rank,
        stretch_rank=city.stretch_rank,
        trend=trend,
    )
    return ranked + adopted


def _tracks(metrics: Metrics, settings: Settings, words: Wording) -> str:
    # The city bureau's track is already in the R7 sentence just before this one.
    tracks = [tr for tr in metrics.tracks if tr.track != settings.city_rank.track]
    if not tracks:
        return ""
    # A track is called by the label of the target that counts it alone (“两办”信息采用), else its name.
    named = {t.tracks[0]: t.label for t in settings.targets if len(t.tracks) == 1 and not t.levels}
    items = [
        words.say(
            "overview.track",
            name=named.get(tr.track, tr.track),
            this_month=tr.month,
            ytd=tr.ytd,
            external_rank=tr.external_rank or "",
        )
        for tr in tracks
    ]
    return words.say("overview.tracks", tracks=items)


def overview(metrics: Metrics, settings: Settings, period: Period, words: Wording) -> list[str]:
    tot = metrics.totals
    annual = period.kind == "annual"
    lead = (period.span_label if period.partial else f"{period.year}年") if annual else period.label
    paras = [
        words.say(
            "overview.totals",
            lead=lead,
            bodies=len(metrics.bodies),
            submitted=tot.submitted,
            adopted=levels_text(metrics.levels, tot.adopted),
            bonus_pieces=tot.bonus_pieces,
        )
    ]
    if not annual:
        paras.append(
            words.say(
                "overview.year_to_date",
                months=period.months_span,
                submitted_ytd=tot.submitted_ytd,
                adopted_ytd=levels_text(metrics.levels, tot.adopted_ytd),
            )
        )
    compared = comparison_sentence(metrics, period, words)
    if compared:
        paras.append(compared)
    if metrics.targets:
        paras.append(
            words.say("overview.targets", targets=[_target(t, period, words) for t in metrics.targets])
        )
    paras.extend(forecast_paragraphs(metrics, period, words))
    paras.append(_city(metrics, words))
    tracks = _tracks(metrics, settings, words)
    if tracks:
        paras.append(tracks)
    return paras

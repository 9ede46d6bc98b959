"""R6 — 省部级媒体用稿突破50篇 (二.3); R8 — 中国网及"两办"信息考核和县级媒体用稿进入先进行列 (二.1).

The count targets against their linear pace (:func:`targets`), the adoptions per track with the
external ranks the office types in (:func:`tracks`), and the month-by-month counts both read
(:func:`adoption_tallies`) — also those of the city bureau's track (R7, :mod:`.city`).

Readings: the pace is linear, ``target × last month / 12``; within :data:`ON_PACE_MARGIN` pieces is
on_pace; a target is met once reached (``exceed``, 突破: once passed), whatever the month.  Every
adoption row of a true piece counts.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from xcreport.config import Settings
from xcreport.metrics import MonthPoint, TargetMetrics, TargetStatus, TrackMetrics
from xcreport.period import Period
from xcreport.scoring.columns import flag, folded
from xcreport.scoring.month import MonthScore, adopted_column
from xcreport.scoring.ranking import DECIMALS

#: Within this many pieces of the linear pace a target is 持平 (on_pace).
ON_PACE_MARGIN = 0.5


def target_mask(adoptions: pd.DataFrame, levels: tuple[str, ...], tracks: tuple[str, ...]) -> pd.Series:
    """The adoption rows a count target counts — at one of ``levels`` (when given) and from an
    outlet of one of ``tracks`` (when given); both must hold when both are given."""
    mask = pd.Series(True, index=adoptions.index)
    if levels:
        mask &= flag(adoptions["level"].isin(list(levels)))
    if tracks:
        # an outlet's tracks are one of a few tuples: decide each distinct tuple once
        codes, distinct = pd.factorize(adoptions["tracks"])
        hits = np.array([bool(set(tracks) & set(t)) for t in distinct], dtype=bool)
        mask &= pd.Series(hits[codes], index=adoptions.index)
    return mask.astype(bool)


def register_tracks(settings: Settings) -> list[str]:
    """The tracks of the outlet register, in first-listed order."""
    return list(dict.fromkeys(track for outlet in settings.outlets for track in outlet.tracks))


def adoption_tallies(
    adoptions: pd.DataFrame, settings: Settings, period: Period, also: Iterable[str]
) -> pd.DataFrame:
    """Adoption rows per month (index 'YYYY-MM', January to the period's last month) that each
    target counts (column ``target:<id>``) and that each track's outlets gave (``track:<name>``:
    the register's tracks, then those of ``also`` not among them)."""
    counted = {f"target:{t.id}": target_mask(adoptions, t.levels, t.tracks) for t in settings.targets}
    for track in dict.fromkeys([*register_tracks(settings), *also]):
        counted[f"track:{track}"] = target_mask(adoptions, (), (track,))
    frame = pd.DataFrame(counted, index=adoptions.index, columns=list(counted))
    per_month = frame.groupby(adoptions["issue"]).sum()
    return per_month.reindex(period.months(), fill_value=0).astype(int)


def in_period(column: pd.Series, period: Period) -> int:
    """The report month's figure (monthly) or the year's (annual) of a per-month column."""
    return int(column.iloc[-1]) if period.month else int(column.sum())


def target_status(actual: int, target: int, expected: float, exceed: bool) -> TargetStatus:
    """Met once the full-year target is reached (突破: exceeded); else on_pace within
    :data:`ON_PACE_MARGIN` of the linear pace, ahead above it, behind below it."""
    if (actual > target) if exceed else (actual >= target):
        return "met"
    if abs(actual - expected) <= ON_PACE_MARGIN:
        return "on_pace"
    return "ahead" if actual > expected else "behind"


def targets(tallies: pd.DataFrame, settings: Settings, period: Period) -> list[TargetMetrics]:
    """Year-to-date adoption rows matching each target against the linear pace
    ``target × months elapsed / 12`` (months elapsed = the period's last month)."""
    out: list[TargetMetrics] = []
    for t in settings.targets:
        counts = tallies[f"target:{t.id}"]
        actual = int(counts.sum())
        expected = round(t.target * period.last_month / 12, DECIMALS)
        out.append(
            TargetMetrics(
                id=t.id,
                label=t.label,
                target=t.target,
                actual=actual,
                expected_by_now=expected,
                status=target_status(actual, t.target, expected, t.exceed),
                shortfall=round(max(0.0, expected - actual), DECIMALS),
                exceed=t.exceed,
                month=in_period(counts, period),
                chart=t.chart,
            )
        )
    return out


def trend(months: list[MonthScore], tallies: pd.DataFrame, settings: Settings) -> list[MonthPoint]:
    """One point per month, January to the period's last: pieces, adoptions per level, and each
    target's cumulative count against its linear pace."""
    cumulative = tallies.cumsum().to_dict("index")
    return [
        MonthPoint(
            month=m.key,
            submitted=int(m.table["submitted"].sum()),
            adopted={lv: int(m.table[adopted_column(lv)].sum()) for lv in settings.levels},
            target_cumulative={t.id: int(cumulative[m.key][f"target:{t.id}"]) for t in settings.targets},
            target_expected={t.id: round(t.target * i / 12, DECIMALS) for t in settings.targets},
        )
        for i, m in enumerate(months, start=1)
    ]


def typed_ranks(rankings: pd.DataFrame, months: list[str], item: pd.Series) -> pd.DataFrame:
    """The typed-in ranking rows selected by ``item`` within ``months``, one per month (the last
    typed wins), oldest first (also the city's, R7).  Reading gives months as 'YYYY-MM', ranks and
    scores as numbers, and leaves out the rows without a month or a rank."""
    frame = rankings.reindex(columns=["month", "rank", "score"])
    picked = frame.loc[item & flag(frame["month"].isin(months))].drop_duplicates("month", keep="last")
    return picked.sort_values("month", kind="stable").reset_index(drop=True)


def track_items(rankings: pd.DataFrame, track: str) -> pd.Series:
    """The external ranking rows (外部考核) of a track — their 考核项目 contains the track name."""
    item = folded(rankings.reindex(columns=["item"])["item"])
    return flag(item.str.contains("".join(track.split()), regex=False))


def tracks(
    rankings: pd.DataFrame, tallies: pd.DataFrame, settings: Settings, period: Period
) -> list[TrackMetrics]:
    """Adoptions per track of the outlet register (first-listed order), with the latest external
    rank the office typed in for it (外部考核, 考核项目 naming the track)."""
    out: list[TrackMetrics] = []
    for track in register_tracks(settings):
        counts = tallies[f"track:{track}"]
        ranks = typed_ranks(rankings, period.months(), track_items(rankings, track))
        rank = int(ranks["rank"].iloc[-1]) if len(ranks) else None
        out.append(
            TrackMetrics(
                track=track, month=in_period(counts, period), ytd=int(counts.sum()), external_rank=rank
            )
        )
    return out

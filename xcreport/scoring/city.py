"""R7 — 市交通运输局信息用稿考核名次在六县(市、区)中进入前三名，力争进入前二名 (二.2).

The city's monthly ranking is external data the office types in (市局排名: 月份, 名次, optional
得分); the county's own count of pieces adopted by the city bureau is that of the outlets of track
``city_rank.track`` (counted with the others, :func:`~xcreport.scoring.targets.adoption_tallies`).
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

from xcreport.config import Settings
from xcreport.metrics import CityRankMetrics, RankPoint
from xcreport.period import Period
from xcreport.scoring.columns import flag, folded, records
from xcreport.scoring.targets import in_period, typed_ranks


def tallied_tracks(settings: Settings) -> list[str]:
    """The track whose adoptions are the city bureau's, when one is configured."""
    return [settings.city_rank.track] if settings.city_rank.track else []


def city_items(rankings: pd.DataFrame, names: tuple[str, ...]) -> pd.Series:
    """The city bureau's ranking rows (市局排名) — those with no 考核项目, or one containing
    any of ``names`` (configuration ``city_rank.items``, e.g. 市局, 市交通)."""
    item = folded(rankings.reindex(columns=["item"])["item"])
    picked = item.isna() | flag(item.str.len() == 0)
    for name in names:
        picked = picked | item.str.contains(name, regex=False)
    return flag(picked)


def city_rank(
    rankings: pd.DataFrame, tallies: pd.DataFrame, settings: Settings, period: Period
) -> CityRankMetrics:
    """The ranks the office typed in (:func:`city_items`) for January..the period's last month;
    status of the latest: stretch (≤ stretch_rank), met (≤ target_rank), missed, or unknown when
    none is typed.  Adoptions by the city bureau are the rows of track ``city_rank.track``.
    """
    c = settings.city_rank
    picked = typed_ranks(rankings, period.months(), city_items(rankings, c.items))
    points = [
        RankPoint(
            month=str(r["month"]),
            rank=int(r["rank"]),
            score=None if pd.isna(r["score"]) else float(r["score"]),
        )
        for r in records(picked)
    ]
    latest = points[-1] if points else None
    status: Literal["stretch", "met", "missed", "unknown"] = "unknown"
    if latest is not None and latest.rank <= c.stretch_rank:
        status = "stretch"
    elif latest is not None:
        status = "met" if latest.rank <= c.target_rank else "missed"
    adopted = tallies[f"track:{c.track}"] if c.track else pd.Series(0, index=tallies.index)
    return CityRankMetrics(
        counties=c.counties,
        target_rank=c.target_rank,
        stretch_rank=c.stretch_rank,
        trend=points,
        latest=latest,
        status=status,
        adopted_month=in_period(adopted, period),
        adopted_ytd=int(adopted.sum()),
    )

"""Ranking (排名): every rank and every ranked order of scoring.

Readings: ranks compare scores rounded to :data:`DECIMALS`; equal scores share a rank (1, 2, 2, 4)
and are listed by more higher-level adoptions (the adoption counts by level, highest first), then
by name.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from xcreport.config import RANK_GROUPS, Settings
from xcreport.scoring.month import adopted_column

#: Places of the figures in Metrics (scores, points, paces).
DECIMALS = 2


def competition_rank(values: pd.Series) -> pd.Series:
    """Standard competition ranking, highest first: equal values share the best rank (1, 2, 2, 4).
    Values are compared as shown (rounded to :data:`DECIMALS`)."""
    return values.astype(float).round(DECIMALS).rank(method="min", ascending=False).astype(int)


def ranking_order(table: pd.DataFrame, value: str, levels: Iterable[str]) -> list[str]:
    """Bodies (the index) by ``value`` descending; equal values by more higher-level adoptions
    (the ``adopted:<level>`` counts compared highest level first), then by name (Unicode order)."""
    tiebreak = [adopted_column(lv) for lv in levels]
    keyed = table.assign(_value=table[value].astype(float).round(DECIMALS), _name=table.index.astype(str))
    ordered = keyed.sort_values(
        ["_value", *tiebreak, "_name"], ascending=[False] * (1 + len(tiebreak)) + [True], kind="stable"
    )
    return [str(name) for name in ordered.index]


def group_rank(values: pd.Series, settings: Settings) -> pd.Series:
    """Competition ranking within 基层单位 (unit + project) and 机关科室 (office)."""
    groups = values.index.map({b.name: RANK_GROUPS[b.group] for b in settings.bodies})
    rounded = values.astype(float).round(DECIMALS)
    return rounded.groupby(groups).rank(method="min", ascending=False).astype(int)

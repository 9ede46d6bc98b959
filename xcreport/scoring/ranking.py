"""Ranking (排名): every rank and every ranked order of scoring.

Readings: ranks compare scores rounded to :data:`DECIMALS`; equal scores share a rank (1, 2, 2, 4)
and are listed by more higher-level adoptions (the adoption counts by level, highest first), then
in the configured order (``scoring.tie_order``): the registry's, as offices list their units, or
by name.  Each ranking table of the configuration ranks the bodies of its groups.
"""

from __future__ import annotations

import pandas as pd

from xcreport.config import Settings
from xcreport.scoring.month import adopted_column

#: Places of the figures in Metrics (scores, points, paces).
DECIMALS = 2


def competition_rank(values: pd.Series) -> pd.Series:
    """Standard competition ranking, highest first: equal values share the best rank (1, 2, 2, 4).
    Values are compared as shown (rounded to :data:`DECIMALS`)."""
    return values.astype(float).round(DECIMALS).rank(method="min", ascending=False).astype(int)


def ranking_order(table: pd.DataFrame, value: str, settings: Settings) -> list[str]:
    """Bodies (the index) by ``value`` descending; equal values by more higher-level adoptions
    (the ``adopted:<level>`` counts compared highest level first), then in registry order or by
    name (Unicode order), as ``scoring.tie_order`` says."""
    tiebreak = [adopted_column(lv) for lv in settings.levels]
    if settings.scoring.tie_order == "name":
        order = table.index.astype(str)
    else:
        registry = {b.name: i for i, b in enumerate(settings.bodies)}
        order = table.index.map(lambda name: registry.get(str(name), len(registry)))
    keyed = table.assign(_value=table[value].astype(float).round(DECIMALS), _order=order)
    ordered = keyed.sort_values(
        ["_value", *tiebreak, "_order"], ascending=[False] * (1 + len(tiebreak)) + [True], kind="stable"
    )
    return [str(name) for name in ordered.index]


def group_rank(values: pd.Series, settings: Settings) -> pd.Series:
    """Competition ranking within each ranking table (e.g. 基层单位 = units and project groups)."""
    groups = values.index.map({b.name: settings.group_of(b.name).table for b in settings.bodies})
    rounded = values.astype(float).round(DECIMALS)
    return rounded.groupby(groups).rank(method="min", ascending=False).astype(int)

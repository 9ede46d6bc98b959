"""R7: the city ranking typed in, and the adoptions by the city bureau (R8's external ranks beside)."""

from __future__ import annotations

import pytest

from tests.scoring_factory import QUIET, make_ledger, run
from xcreport.period import Period

CITY = [
    {"month": "2014-01", "rank": 4},
    {"month": "2014-02", "rank": 3, "score": 85.5, "item": "市局排名"},
    {"month": "2014-03", "rank": 2},
    {"month": "2014-03", "rank": 5, "item": "中国网信息考核"},  # R8, not the city's
    {"month": "2014-04", "rank": 1},  # after the period
]


@pytest.mark.parametrize(("month", "latest", "status"), [(1, 4, "missed"), (2, 3, "met"), (3, 2, "stretch")])
def test_city_ranking(month: int, latest: int, status: str) -> None:
    ledger = make_ledger({"submitted": "2014-01-05", "outlet": "市局信息"}, {"outlet": "市局信息"})
    metrics = run(ledger, QUIET, Period("monthly", 2014, month), rankings=CITY).metrics
    city = metrics.city_rank
    assert (city.latest.rank if city.latest else None, city.status, len(city.trend)) == (
        latest,
        status,
        month,
    )
    assert (city.adopted_ytd, city.adopted_month) == (
        (1, 1) if month == 1 else (1, 0) if month == 2 else (2, 1)
    )
    tracks = {t.track: t for t in metrics.tracks}
    assert list(tracks) == ["中国网", "市局用稿", "县级媒体"]
    assert tracks["中国网"].external_rank == (5 if month == 3 else None)


def test_city_ranking_unknown_without_typed_ranks() -> None:
    city = run(make_ledger({}), QUIET).metrics.city_rank
    assert (city.latest, city.status, city.trend) == (None, "unknown", [])

"""年终预测: each target projected to December at the pace so far, and each body's R9 task gap."""

from __future__ import annotations

from tests.scoring_factory import QUIET, make_ledger, run
from xcreport.metrics import TargetForecast, TaskGap
from xcreport.period import Period
from xcreport.scoring.forecast import projected


def _ledger(month_of_last: int = 3) -> list[dict[str, object]]:
    # 甲站: January 人民网 (国家级), February 江苏交通 + 县报 (one piece), March 县报;
    # 丙项目组: March 江苏交通
    return [
        {"title": "a", "submitted": "2014-01-10", "outlet": "人民网"},
        {"title": "b", "submitted": "2014-02-10", "outlet": "江苏交通"},
        {"title": "b", "submitted": "2014-02-10", "outlet": "县报"},
        {"title": "c", "submitted": f"2014-{month_of_last:02d}-10", "outlet": "县报"},
        {"body": "丙项目组", "title": "d", "submitted": f"2014-{month_of_last:02d}-12", "outlet": "江苏交通"},
    ]


def test_a_monthly_run_projects_each_target_to_december() -> None:
    forecast = run(make_ledger(*_ledger()), QUIET).metrics.forecast
    assert forecast is not None
    assert (forecast.months_elapsed, forecast.months_left) == (3, 9)
    assert forecast.targets == [
        # R6 (突破12): 3 adoptions in 3 months → 12 by December, which does not exceed 12; 10 more
        # are needed to reach 13, 1.11 a month
        TargetForecast("R6", "省部级及以上", 12, 3, 12, False, 10, 1.11),
        # R8 县级媒体 (24): 2 adoptions → 8; 22 more, 2.44 a month
        TargetForecast("R8-县级媒体", "县级媒体", 24, 2, 8, False, 22, 2.44),
    ]


def test_each_body_task_gap_counts_pieces_at_their_highest_level() -> None:
    forecast = run(make_ledger(*_ledger()), QUIET).metrics.forecast
    assert forecast is not None
    # 甲站's tasks: 省部级 2 (a at 国家级 and b at 省部级 count), 市级 4 (a, b; c is 县级)
    assert forecast.tasks == [
        TaskGap("甲站", "省部级", 2, 2, 0),
        TaskGap("甲站", "市级", 4, 2, 2),
        TaskGap("丙项目组", "省部级", 1, 1, 0),
    ]


def test_december_has_no_month_left_and_the_projection_is_the_year() -> None:
    forecast = run(make_ledger(*_ledger(12)), QUIET, Period("monthly", 2014, 12)).metrics.forecast
    assert forecast is not None and forecast.months_left == 0
    assert [(t.projected, t.clears, t.remaining, t.per_month) for t in forecast.targets] == [
        (3, False, 10, None),
        (2, False, 22, None),
    ]


def test_a_year_under_way_has_a_forecast_and_an_ended_year_none() -> None:
    ledger = make_ledger(*_ledger())
    partial = run(ledger, QUIET, Period("annual", 2014, through=3)).metrics.forecast
    assert partial is not None and partial.months_left == 9
    assert run(ledger, QUIET, Period("annual", 2014)).metrics.forecast is None


def test_a_month_with_no_rows_projects_zero_and_a_cleared_line_stays_cleared() -> None:
    forecast = run(make_ledger(), QUIET, Period("monthly", 2014, 1)).metrics.forecast
    assert forecast is not None
    assert [(t.actual, t.projected, t.clears) for t in forecast.targets] == [(0, 0, False), (0, 0, False)]
    many = [{"title": str(i), "submitted": "2014-01-05", "outlet": "人民网"} for i in range(13)]
    cleared = run(make_ledger(*many), QUIET, Period("monthly", 2014, 1)).metrics.forecast
    assert cleared is not None
    assert (cleared.targets[0].projected, cleared.targets[0].clears, cleared.targets[0].remaining) == (
        156,
        True,
        0,
    )


def test_projection_rounds_half_up() -> None:
    assert [projected(1, 8), projected(1, 24 // 2), projected(5, 7), projected(0, 3)] == [2, 1, 9, 0]

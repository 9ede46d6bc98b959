"""计分: points by adoption policy, the 领导批示 bonus, persons' shares."""

from __future__ import annotations

import pytest

from tests.scoring_factory import QUIET, QUIET_GROUPS, body, make_ledger, run, small_settings, zeros


@pytest.mark.parametrize(("policy", "points"), [("highest", 5.0), ("sum", 6.5)])
def test_adoption_policy(policy: str, points: float) -> None:
    settings = small_settings(scoring={"adoption_policy": policy}, groups=QUIET_GROUPS)
    ledger = make_ledger(
        {"title": "一稿多用", "outlet": "江苏交通"},  # 5
        {"title": "一稿多用", "outlet": "县报"},  # 1
        {"title": "一稿多用", "outlet": "交通动态"},  # 0.5 → highest 5, sum 6.5
    )
    result = run(ledger, settings)
    jia = body(result, "甲站")
    assert (jia.submitted, jia.points, jia.score) == (1, points, points)
    assert jia.adopted == zeros(省部级=1, 县级=1, 内部=1)  # every adoption row counts in the tallies
    assert result.metrics.totals.adopted == zeros(省部级=1, 县级=1, 内部=1)
    assert (result.metrics.totals.rows_scored, result.metrics.totals.submitted) == (3, 1)


def test_bonus_once_per_instructed_piece() -> None:
    ledger = make_ledger(
        {"title": "批示稿", "outlet": "县报", "instructed": True},
        {"title": "批示稿", "outlet": "交通动态", "instructed": True},  # same piece: +5 once
        {"title": "未采用但有批示", "instructed": True},  # not adopted, still +5
    )
    result = run(ledger, QUIET)
    jia = body(result, "甲站")
    assert (jia.points, jia.bonus, jia.score) == (1.0, 10.0, 11.0)  # 1 + 5 + 5
    assert result.metrics.totals.bonus_pieces == 2


def test_co_authors_share_points_and_persons_are_keyed_by_body() -> None:
    ledger = make_ledger(
        {"title": "合写", "outlet": "人民网", "authors": ("张三", "李四", "王五")},  # 10 / 3 = 3.33 each
        {"title": "独写", "outlet": "县报"},  # 张三 + 1 = 4.33
        {"body": "乙所", "outlet": "县报"},  # another 张三, of 乙所: 1
        {"body": "乙所", "title": "未采用", "authors": ("赵六",)},  # 0 points, still a person
    )
    persons = [
        (p.name, p.body, p.pieces, p.adopted, p.points, p.rank) for p in run(ledger, QUIET).metrics.persons
    ]
    assert persons == [
        ("张三", "甲站", 2, 2, 4.33, 1),
        ("李四", "甲站", 1, 1, 3.33, 2),  # 李 U+674E < 王 U+738B
        ("王五", "甲站", 1, 1, 3.33, 2),
        ("张三", "乙所", 1, 1, 1.0, 4),
        ("赵六", "乙所", 1, 0, 0.0, 5),
    ]

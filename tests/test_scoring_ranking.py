"""Ranks: competition ranking, ties by higher adoptions, then in registry order or by name."""

from __future__ import annotations

from tests.scoring_factory import QUIET, QUIET_GROUPS, body, make_ledger, run, small_settings, zeros


def test_equal_scores_share_a_rank_and_are_ordered_by_higher_adoptions() -> None:
    ledger = make_ledger(
        {"body": "丁科", "outlet": "江苏交通"},  # 丁科 5
        {"body": "乙所", "outlet": "县报"},  # 乙所 3 × 县级 = 3
        {"body": "乙所", "outlet": "县报"},
        {"body": "乙所", "outlet": "县报"},
        {"body": "甲站", "outlet": "市局信息"},  # 甲站 1 × 市级 = 3: same score, higher adoption
    )
    result = run(ledger, QUIET)  # 丙项目组: nothing → 0
    ranked = [(b.body, b.score, b.rank, b.rank_in_group) for b in result.metrics.bodies]
    assert ranked == [
        ("丁科", 5.0, 1, 1),  # 机关科室: alone
        ("甲站", 3.0, 2, 1),  # 市级 1 beats 县级 3 in the order, not in the rank
        ("乙所", 3.0, 2, 1),
        ("丙项目组", 0.0, 4, 3),  # 1, 2, 2, 4 — in 基层单位 1, 1, 3
    ]


def test_equal_scores_and_adoptions_are_in_registry_order_by_default() -> None:
    ledger = make_ledger({"body": "丙项目组", "outlet": "市局信息"}, {"body": "甲站", "outlet": "市局信息"})
    names = [b.body for b in run(ledger, QUIET).metrics.bodies]
    # the registry: 甲站, 乙所, 丙项目组, 丁科 — 3 points each for 甲站 and 丙项目组, then 0
    assert names == ["甲站", "丙项目组", "乙所", "丁科"]


def test_equal_scores_and_adoptions_are_ordered_by_name_when_configured() -> None:
    ledger = make_ledger({"body": "甲站", "outlet": "市局信息"}, {"body": "丙项目组", "outlet": "市局信息"})
    by_name = small_settings(groups=QUIET_GROUPS, scoring={"tie_order": "name"})
    result = run(ledger, by_name)
    # 丙 U+4E19 < 甲 U+7532; then 0: 丁 U+4E01 < 乙 U+4E59
    assert [b.body for b in result.metrics.bodies] == ["丙项目组", "甲站", "丁科", "乙所"]
    assert [b.rank for b in result.metrics.bodies] == [1, 1, 3, 3]  # the order, not the ranks


def test_a_body_with_no_rows_is_listed_with_zeros() -> None:
    result = run(make_ledger({"submitted": "2014-03-03"}, {"submitted": "2014-03-18"}))
    yi = body(result, "乙所")
    assert (yi.submitted, yi.first_half, yi.second_half, yi.late, yi.points) == (0, 0, 0, 0, 0.0)
    assert (yi.cadence_met, yi.deductions, yi.score, yi.adopted) == (False, 4.0, -4.0, zeros())
    # 0, −2, −4, −4 (乙所 before 丙项目组 in the registry)
    assert [b.body for b in result.metrics.bodies] == ["甲站", "丁科", "乙所", "丙项目组"]
    assert [b.rank for b in result.metrics.bodies] == [1, 2, 3, 3]

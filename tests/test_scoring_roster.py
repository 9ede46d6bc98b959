"""R11: authors off the roster, bodies without one, persons on it."""

from __future__ import annotations

from tests.scoring_factory import QUIET, body, make_ledger, run

ROSTER = [{"body": "甲站", "name": "张三"}, {"body": "乙所", "name": "李四"}]


def test_authors_off_the_roster_and_bodies_without_one() -> None:
    ledger = make_ledger(
        {},  # 张三 of 甲站: on the roster
        {"authors": ("王五",)},  # off the roster — listed once, at its first row (4)
        {"authors": ("王五",)},
        {"body": "乙所", "authors": ("张三",)},  # 张三 is 甲站's, not 乙所's
    )
    result = run(ledger, QUIET, roster=ROSTER)
    r11 = [(f.row, f.body, f.value) for f in result.findings if f.rule == "R11" and f.row is not None]
    # in source order: 乙所.xlsx (U+4E59) before 甲站.xlsx (U+7532)
    assert r11 == [(6, "乙所", "张三"), (4, "甲站", "王五")]
    assert result.metrics.problems.no_roster == ["丙项目组", "丁科"]
    assert (body(result, "甲站").roster, body(result, "丙项目组").roster) == (1, 0)
    on = {(p.name, p.body): p.on_roster for p in result.metrics.persons}
    assert on == {("张三", "甲站"): True, ("王五", "甲站"): False, ("张三", "乙所"): False}


def test_no_roster_at_all_means_no_roster_warnings() -> None:
    result = run(make_ledger({"authors": ("王五",)}), QUIET)
    assert [f for f in result.findings if f.rule == "R11"] == []
    assert result.metrics.problems.no_roster == []
    assert all(p.on_roster for p in result.metrics.persons)

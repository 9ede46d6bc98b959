"""R4: false and inaccurate pieces."""

from __future__ import annotations

from tests.scoring_factory import QUIET, body, make_ledger, run, zeros


def test_a_false_piece_scores_nothing_and_is_listed() -> None:
    ledger = make_ledger(
        {"title": "假", "outlet": "江苏交通", "verdict": "虚假", "instructed": True, "authors": ("王五",)},
        {"title": "假", "outlet": "县报"},  # another adoption of the same piece: false as well
        {"title": "真", "outlet": "县报"},
    )
    result = run(ledger, QUIET)
    jia = body(result, "甲站")
    # 真: 1 point; 假: no points, no bonus, −5 → 1 − 5 = −4; 假's adoptions count in no tally
    assert (jia.submitted, jia.points, jia.bonus, jia.deductions, jia.score) == (2, 1.0, 0.0, 5.0, -4.0)
    assert (jia.false_pieces, jia.adopted) == (1, zeros(县级=1))
    assert [(r.title, r.detail, r.row) for r in result.metrics.problems.false_pieces] == [("假", "虚假", 3)]
    assert [(p.name, p.points) for p in result.metrics.persons] == [("张三", 1.0)]  # 王五 credited nothing
    assert result.metrics.totals.bonus_pieces == 0
    assert [f.message for f in result.findings if f.rule == "R4"] == [
        "第3行《假》核查结果为「虚假」，不计分并扣5分"
    ]

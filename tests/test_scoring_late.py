"""R3: the issue month and late rows."""

from __future__ import annotations

from tests.scoring_factory import QUIET, SMALL, body, make_ledger, run, zeros
from xcreport.period import Period
from xcreport.scoring import late


def test_issue_month_on_the_26th_with_and_without_a_stated_month() -> None:
    ledger = make_ledger(
        {"submitted": "2014-03-26"},  # none stated, after the 25th → April
        {"submitted": "2014-03-26", "issue_month": "2014-03"},  # stated March, after the 25th → March, late
        {"submitted": "2014-03-25"},  # the 25th itself → March
        {"submitted": "2014-12-26"},  # → January of the next year
        {"submitted": "2014-04-02", "issue_month": "2014-03"},  # stated March, sent in April → late
        {"submitted": "2014-03-28", "issue_month": "2014-04"},  # stated April, sent early → not late
    )
    r3 = late.issue_month(ledger, SMALL)
    assert r3["issue"].tolist() == ["2014-04", "2014-03", "2014-03", "2015-01", "2014-03", "2014-04"]
    assert r3["late"].tolist() == [False, True, False, False, True, False]


def test_a_late_row_counts_for_its_month_with_a_deduction() -> None:
    ledger = make_ledger(
        {"submitted": "2014-03-05", "title": "按时", "outlet": "县报"},
        {"submitted": "2014-03-27", "issue_month": "2014-03", "title": "迟到", "outlet": "县报"},
        {"submitted": "2014-03-27", "issue_month": "2014-03", "title": "迟到", "outlet": "交通动态"},
    )
    jia = body(run(ledger), "甲站")
    # pieces 按时 (1) and 迟到 (highest 县级 1): points 2; one late piece −1 (its two rows are one
    # submission); cadence met (5th and 27th, both 动态信息) → score 2 − 1 = 1
    assert (jia.submitted, jia.late, jia.points, jia.deductions, jia.score) == (2, 1, 2.0, 1.0, 1.0)
    assert jia.adopted == zeros(县级=2, 内部=1)
    late = run(ledger).metrics.problems.late
    assert [(r.title, r.row, r.date, r.detail) for r in late] == [
        ("迟到", 4, "2014-03-27", "所属月份2014-03，3月27日报送")
    ]
    finding = next(f for f in run(ledger).findings if f.rule == "R3")
    assert (finding.file, finding.row, finding.body, finding.column) == ("甲站.xlsx", 4, "甲站", "")
    assert "晚于每月25日" in finding.message


def test_a_row_stated_for_february_and_sent_in_march_is_late_in_february() -> None:
    ledger = make_ledger({"submitted": "2014-03-03", "issue_month": "2014-02"})
    feb = body(run(ledger, QUIET, Period("monthly", 2014, 2)), "甲站")
    mar = body(run(ledger, QUIET, Period("monthly", 2014, 3)), "甲站")
    assert (feb.submitted, feb.late, feb.score) == (1, 1, -1.0)  # −1 late
    assert (mar.submitted, mar.late, mar.score, mar.score_ytd) == (0, 0, 0.0, -1.0)  # 累计 Feb −1 + Mar 0

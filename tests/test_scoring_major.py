"""R5: 迟报, 漏报 and 瞒报 of major information."""

from __future__ import annotations

import datetime as dt

from tests.scoring_factory import QUIET, QUIET_GROUPS, body, major, make_ledger, run, small_settings
from xcreport.metrics import MissedEvent
from xcreport.period import Period

REGISTER = [
    # February, listed first: March's entries are not the register's first rows
    {"event": "二月事件", "event_date": "2014-02-27", "body": "乙所", "excel_row": 7},
    # 乙所, no row at all → 漏报 in March
    {
        "event": "桥梁垮塌",
        "event_date": dt.date(2014, 3, 20),
        "body": "乙所",
        "source_file": "登记.xlsx",
        "sheet": "重大事项",
        "excel_row": 2,
    },
    # 乙所, reported: a major row with the same event date (row 客船)
    {"event": "客船搁浅", "event_date": "2014-03-10", "body": "乙所", "excel_row": 3},
    # 甲站, recorded as 瞒报 by the office → reported as 瞒报 even though…
    {"event": "油污泄漏", "event_date": "2014-03-05", "body": "甲站", "handling": "经查瞒报", "excel_row": 4},
    # 乙所, reported: the title names the event (the row's own event date differs)
    {"event": "大雾封航", "event_date": "2014-03-15", "body": "乙所", "excel_row": 5},
    # April: not March's
    {"event": "四月事项", "event_date": "2014-04-02", "body": "乙所", "excel_row": 6},
]


def test_major_items_late_and_missed() -> None:
    ledger = make_ledger(
        major("迟到的重大信息", "2014-03-10", "2014-03-12"),  # due 3-11, sent 3-12 → 迟报, 1 day over
        major("客船搁浅处置", "2014-03-10", "2014-03-11"),  # sent on the last allowed day → in time
        major("二月事件", "2014-02-27", "2014-03-02"),  # 迟报, but of February (event month)
        major("大雾封航 应急处置有序", "2014-03-14", "2014-03-15"),  # in time
        major("油污泄漏已处置", "2014-03-05", "2014-03-05", name="甲站"),  # in time, yet registered as 瞒报
    )
    result = run(ledger, QUIET, register=REGISTER)
    yi, jia = body(result, "乙所"), body(result, "甲站")
    # 乙所: 迟报 −3, 漏报 (桥梁垮塌) −5 → −8
    assert (yi.major_late, yi.major_missed, yi.deductions, yi.score) == (1, 1, 8.0, -8.0)
    # 甲站: 瞒报 −5 (deduct_concealed, by default as much as 漏报)
    assert (jia.major_late, jia.major_missed, jia.score) == (0, 1, -5.0)
    problems = result.metrics.problems
    assert [(r.title, r.date, r.detail) for r in problems.major_late] == [
        ("迟到的重大信息", "2014-03-10", "迟报1天")
    ]
    assert problems.major_missed == [
        MissedEvent(body="乙所", event="桥梁垮塌", event_date="2014-03-20", kind="漏报"),
        MissedEvent(body="甲站", event="油污泄漏", event_date="2014-03-05", kind="瞒报"),
    ]
    missed = [f for f in result.findings if f.rule == "R5" and f.value == "桥梁垮塌"]
    assert [(f.file, f.sheet, f.row, f.body) for f in missed] == [("登记.xlsx", "重大事项", 2, "乙所")]
    assert "漏报" in missed[0].message
    # February holds the other 迟报 (event 2-27, due 2-28, sent 3-02: 2 days over)
    feb = run(ledger, QUIET, Period("monthly", 2014, 2), register=REGISTER)
    assert [(r.title, r.detail) for r in feb.metrics.problems.major_late] == [("二月事件", "迟报2天")]
    assert body(feb, "乙所").score == -3.0


def test_concealment_carries_its_own_deduction_and_no_late_charge_besides() -> None:
    settings = small_settings(scoring={"deduct_concealed": 7}, groups=QUIET_GROUPS)
    register = [
        {"event": "油污泄漏", "event_date": "2014-03-05", "body": "甲站", "handling": "瞒报", "excel_row": 2},
        {"event": "桥梁垮塌", "event_date": "2014-03-20", "body": "乙所", "excel_row": 3},
    ]
    # 甲站's row names the event, due 3-06, sent 3-09: a late row of an event registered as 瞒报
    ledger = make_ledger(major("油污泄漏处置情况", "2014-03-05", "2014-03-09", name="甲站"))
    result = run(ledger, settings, register=register)
    jia, yi = body(result, "甲站"), body(result, "乙所")
    # 甲站: 瞒报 −7 only (deduct_concealed); not also 迟报 −3 (was −5 as 漏报 − 3 迟报 = −8)
    assert (jia.major_late, jia.major_missed, jia.deductions, jia.score) == (0, 1, 7.0, -7.0)
    # 乙所: no row at all → 漏报 −5 (deduct_major_missed)
    assert (yi.major_late, yi.major_missed, yi.deductions) == (0, 1, 5.0)
    assert result.metrics.problems.major_late == []
    assert [f.message for f in result.findings if f.rule == "R5"] == [
        "甲站 重大事项「油污泄漏」（3月5日事发）经核实存在瞒报，扣7分",
        "乙所 重大事项「桥梁垮塌」（3月20日事发）未在事发后1天内报送重大政务信息（漏报），扣5分",
    ]

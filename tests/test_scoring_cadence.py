"""R1/R2: pieces per half-month and per month, on the calendar month."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.scoring_factory import SMALL, body, make_ledger, prepared, run
from xcreport.scoring import cadence


@pytest.mark.parametrize(
    ("year", "month", "last_day"), [(2014, 2, 28), (2016, 2, 29), (2014, 4, 30), (2014, 3, 31)]
)
def test_halves_split_after_the_15th_whatever_the_month_length(year: int, month: int, last_day: int) -> None:
    def on(day: int, name: str, m: int = month) -> dict[str, Any]:
        return {"body": name, "submitted": dt.date(year, m, day).isoformat()}

    ledger = make_ledger(
        on(15, "甲站"),  # 甲站: 15th → first half, 16th → second half: both met
        on(16, "甲站"),
        on(last_day, "乙所"),  # 乙所: the last day → second half; 1st of next month → not this month
        {"body": "乙所", "submitted": dt.date(year + month // 12, month % 12 + 1, 1).isoformat()},
        on(1, "丙项目组"),  # 丙项目组: only the first half
    )
    rows = prepared(ledger, SMALL)
    table = cadence.of_month(rows, SMALL, year, month).table.to_dict("index")
    assert [table["甲站"][k] for k in ("first_half", "second_half", "unmet")] == [1, 1, 0]
    assert [table["乙所"][k] for k in ("first_half", "second_half", "unmet")] == [0, 1, 1]
    assert [table["丙项目组"][k] for k in ("first_half", "second_half", "unmet")] == [1, 0, 1]
    assert [table["丁科"][k] for k in ("in_month", "unmet")] == [0, 1]  # office: nothing in the month


def test_cadence_counts_dynamic_pieces_and_deducts_each_unmet_half() -> None:
    ledger = make_ledger(
        {"submitted": "2014-03-03", "category": "政务信息"},  # 甲站: not 动态信息 → no half met
        {"submitted": "2014-03-20", "category": "政务信息"},
        {"body": "丁科", "submitted": "2014-03-20", "category": "政务信息"},  # office: any category
    )
    result = run(ledger)
    jia, ding = body(result, "甲站"), body(result, "丁科")
    # 甲站: both halves unmet → 2 × 2 = 4
    assert (jia.first_half, jia.second_half, jia.cadence_met, jia.deductions) == (0, 0, False, 4.0)
    assert jia.cadence_missed == ["上半月", "下半月"]
    # 丁科: one piece in the month → met; its halves still count 动态信息 only: 0 and 0
    assert (ding.submitted, ding.first_half, ding.second_half, ding.cadence_met, ding.score) == (
        1,
        0,
        0,
        True,
        0.0,
    )
    messages = [f.message for f in result.findings if f.rule == "R1" and f.body == "甲站"]
    assert messages == [
        "甲站 2014年3月上半月未报送动态信息（要求至少1篇）",
        "甲站 2014年3月下半月未报送动态信息（要求至少1篇）",
    ]


def test_cadence_is_on_the_calendar_month_and_a_piece_counts_once() -> None:
    ledger = make_ledger(
        # one piece adopted by two outlets on the 5th: one submission in the first half
        {"title": "甲", "outlet": "县报"},
        {"title": "甲", "outlet": "交通动态"},
        # submitted 26 March, issue month April (R3), still the second half of calendar March
        {"submitted": "2014-03-26"},
    )
    jia = body(run(ledger), "甲站")
    assert (jia.first_half, jia.second_half, jia.cadence_met) == (1, 1, True)
    assert jia.submitted == 1  # issue March: only the piece 甲; the 26th belongs to April


def test_office_without_rows_misses_its_month() -> None:
    result = run(make_ledger({}))
    ding = body(result, "丁科")
    assert (ding.cadence_met, ding.cadence_missed, ding.deductions, ding.score) == (
        False,
        ["本月"],
        2.0,
        -2.0,
    )
    assert ("warning", "R2", "丁科 2014年3月未报送信息（要求至少1篇）", "丁科") in [
        (f.severity, f.rule, f.message, f.body) for f in result.findings
    ]

"""The scoring stage: what it reads from reading, the year to date, findings, totals, the default
period, empty inputs."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tests.scoring_factory import (
    QUIET,
    SMALL,
    body,
    default_period,
    empty_ledger,
    major,
    make_ledger,
    run,
    zeros,
)
from xcreport.findings import Finding
from xcreport.metrics import MissedEvent
from xcreport.model import InputFile, LedgerData
from xcreport.period import Period
from xcreport.reading import normalize
from xcreport.reading.tables import extract_tables
from xcreport.reading.workbook import RawSheet, RawWorkbook
from xcreport.scoring import score


def test_side_sheets_as_read_are_what_scoring_reads() -> None:
    # as a clerk types them: 甲站 by its alias, 张三 with a full-width space, a date with no year
    book = RawWorkbook(
        "局办公室/汇总.xlsx",
        "0" * 64,
        (
            RawSheet("通讯员名册", [["单位", "姓名"], ["甲", "张　三"]]),
            RawSheet(
                "重大事项登记",
                [["事项", "事发日期", "责任单位", "处理"], ["油污泄漏", "3月5日", "甲", "经查瞒报"]],
            ),
        ),
    )
    tables, _ = extract_tables(book)
    read = normalize(tables, QUIET, year=2014)
    ledger = make_ledger(major("油污泄漏已处置", "2014-03-05", "2014-03-05", name="甲站"))  # by 张三
    data = LedgerData(ledger=ledger, roster=read.roster, register=read.register, rankings=read.rankings)
    result = score(data, QUIET, Period("monthly", 2014, 3))
    jia = body(result, "甲站")
    # the register's 甲 is 甲站: its 瞒报 −5; the roster's 张　三 is 甲站's 张三
    assert (jia.major_missed, jia.score, jia.roster) == (1, -5.0, 1)
    assert result.metrics.problems.major_missed == [
        MissedEvent(body="甲站", event="油污泄漏", event_date="2014-03-05", kind="瞒报")
    ]
    assert [(p.name, p.body, p.on_roster) for p in result.metrics.persons] == [("张三", "甲站", True)]


def test_year_to_date_is_the_sum_of_the_monthly_scores() -> None:
    ledger = make_ledger(
        {"submitted": "2014-01-10", "outlet": "县报"},  # Jan: both halves, 1 point → 1
        {"submitted": "2014-01-20"},
        {"submitted": "2014-02-05"},  # Feb: second half missing → −2
        {"submitted": "2014-03-05", "outlet": "江苏交通"},  # Mar: both halves, 5 points → 5
        {"submitted": "2014-03-18"},
    )
    result = run(ledger)
    jia, yi, ding = body(result, "甲站"), body(result, "乙所"), body(result, "丁科")
    assert (jia.score, jia.score_ytd, jia.submitted, jia.submitted_ytd) == (5.0, 4.0, 2, 5)  # 1 − 2 + 5 = 4
    assert jia.adopted_ytd == zeros(省部级=1, 县级=1)
    assert (yi.score_ytd, ding.score_ytd) == (-12.0, -6.0)  # 3 × −4, 3 × −2
    assert [(b.body, b.rank, b.rank_ytd) for b in result.metrics.bodies] == [
        ("甲站", 1, 1),
        ("丁科", 2, 2),
        ("乙所", 3, 3),  # tied with 丙项目组: registry order
        ("丙项目组", 3, 3),
    ]
    totals = result.metrics.totals
    assert (totals.submitted, totals.submitted_ytd, totals.adopted_ytd) == (2, 5, zeros(省部级=1, 县级=1))
    trend = result.metrics.trend
    assert [(p.month, p.submitted, p.target_cumulative["R6"], p.target_expected["R6"]) for p in trend] == [
        ("2014-01", 2, 0, 1.0),  # R6 pace: 12 × m / 12
        ("2014-02", 1, 0, 2.0),
        ("2014-03", 2, 1, 3.0),
    ]


def test_findings_are_counted_per_body_and_rule() -> None:
    # reading left out row 4 (its L-DATE error): the Ledger holds row 3 only (LedgerData contract)
    ledger = make_ledger({"submitted": "2014-03-05"})
    reading = [
        Finding("warning", "L-VALUE", "第3行 …", file="甲站.xlsx", sheet="台账", row=3, body="甲站"),
        Finding("error", "L-DATE", "第4行 …", file="甲站.xlsx", sheet="台账", row=4, body="甲站"),
    ]
    inputs = [InputFile("甲站.xlsx", "0" * 64, 1, 2, "ok")]
    result = run(ledger, findings=reading, inputs=inputs)
    jia = body(result, "甲站")
    # 甲站 has only the 5th → second half unmet (R1)
    assert (jia.submitted, jia.second_half, jia.cadence_met) == (1, 0, False)
    # 甲站: L-DATE error; L-VALUE, R1 下半月, R10 快修 warnings
    assert (jia.errors, jia.warnings) == (1, 3)
    counts = result.metrics.findings
    # warnings: L-VALUE 1, R1 1 + 2 (乙所) + 2 (丙项目组), R2 1 (丁科), R10 2 (快修, 快客) = 9
    assert (counts.error, counts.warning) == (1, 9)
    assert counts.by_rule == {"L-DATE": 1, "L-VALUE": 1, "R1": 5, "R10": 2, "R2": 1}
    assert result.findings[:2] == reading
    assert all(f.severity == "warning" for f in result.findings[2:])
    assert result.metrics.problems.bodies_with_errors == [("甲站", 1, 3)]
    assert (result.metrics.totals.rows, result.metrics.totals.rows_scored) == (2, 1)


def test_totals_rows_are_the_rows_read() -> None:
    inputs = [
        InputFile("a.xlsx", "0" * 64, 2, 57, "ok"),
        InputFile("b.xlsx", "1" * 64, 0, 0, "rejected", "加密"),
    ]
    assert run(make_ledger({}), inputs=inputs).metrics.totals.rows == 57


def test_default_period_is_the_latest_ended_calendar_month_with_rows() -> None:
    # submitted 10 February and 26 March: calendar months February and March (issue months, R3,
    # would be February and April — the default goes by the calendar month, RULES.md "Periods")
    ledger = make_ledger({"submitted": "2014-02-10"}, {"submitted": "2014-03-26"})
    assert default_period(ledger, SMALL, dt.date(2014, 3, 15), "monthly") == Period("monthly", 2014, 2)
    assert default_period(ledger, SMALL, dt.date(2014, 4, 15), "monthly") == Period("monthly", 2014, 3)
    assert default_period(ledger, SMALL, dt.date(2014, 5, 1), "monthly") == Period("monthly", 2014, 3)
    # a row of an unregistered body holds no row that counts
    stranger = make_ledger({"body": "不存在的单位", "submitted": "2014-04-03"}, {"submitted": "2014-02-10"})
    assert default_period(stranger, SMALL, dt.date(2014, 5, 1), "monthly") == Period("monthly", 2014, 2)


def test_a_row_of_late_december_leaves_the_default_in_december() -> None:
    # 26 December 2014 with no 所属月份: issue month January 2015 (R3), calendar month December 2014
    december = make_ledger({"submitted": "2014-12-26"})
    assert default_period(december, SMALL, dt.date(2015, 2, 3), "monthly") == Period("monthly", 2014, 12)
    # on 10 January January has not ended: still December, never the unfinished issue month
    assert default_period(december, SMALL, dt.date(2015, 1, 10), "monthly") == Period("monthly", 2014, 12)
    # the year of that month, 2014, has ended: the whole year (through None), not 2015
    assert default_period(december, SMALL, dt.date(2015, 3, 1), "annual") == Period("annual", 2014)


def test_the_default_year_under_way_runs_to_its_last_ended_month() -> None:
    ledger = make_ledger({"submitted": "2015-01-05"}, {"submitted": "2015-02-05"})
    # today 1 March 2015: February is the last ended month → January..February
    assert default_period(ledger, SMALL, dt.date(2015, 3, 1), "annual") == Period("annual", 2015, through=2)
    # today 20 May: January..April (today.month − 1), though March and April hold no rows
    assert default_period(ledger, SMALL, dt.date(2015, 5, 20), "annual") == Period("annual", 2015, through=4)
    # once the year has ended: the whole year
    assert default_period(ledger, SMALL, dt.date(2016, 1, 2), "annual") == Period("annual", 2015)


def test_no_ended_month_with_rows_means_no_default_period() -> None:
    # rows of March only, today 20 March: March has not ended (no fall-back to an unfinished month)
    ledger = make_ledger({"submitted": "2014-03-05"}, {"submitted": "2014-03-18"})
    assert default_period(ledger, SMALL, dt.date(2014, 3, 20), "monthly") is None
    assert default_period(ledger, SMALL, dt.date(2014, 3, 20), "annual") is None
    assert default_period(empty_ledger(), SMALL, dt.date(2014, 4, 1), "monthly") is None
    # a stated 所属月份 without a 报送日期 names no calendar month
    undated = make_ledger({"submitted": None, "issue_month": "2014-02"})
    assert default_period(undated, SMALL, dt.date(2014, 4, 1), "annual") is None


def test_an_empty_ledger_and_bare_side_sheets_score_to_zeros_and_unmet_cadence() -> None:
    data = LedgerData(
        ledger=empty_ledger(), roster=pd.DataFrame(), register=pd.DataFrame(), rankings=pd.DataFrame()
    )
    metrics = score(data, SMALL, Period("monthly", 2014, 3)).metrics
    # units and the project group −4 each (in registry order), the office −2
    assert [(b.body, b.submitted, b.score) for b in metrics.bodies] == [
        ("丁科", 0, -2.0),
        ("甲站", 0, -4.0),
        ("乙所", 0, -4.0),
        ("丙项目组", 0, -4.0),
    ]
    assert (metrics.totals.rows, metrics.totals.submitted, metrics.persons) == (0, 0, [])
    assert metrics.city_rank.status == "unknown"

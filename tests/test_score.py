"""Scoring, month by month: rules R1–R5, R10, R11, points, ranks, persons, targets, periods.

Every ledger is built here, row by row, with :func:`make_ledger`; every expected figure is worked
out by hand in the comment beside it.  Most tests use :func:`small_settings` — four bodies
(甲站 and 乙所 units, 丙项目组 a project group, 丁科 an office) and the sample's point table:
国家级 10, 省部级 5, 市级 3, 县级 1, 内部 0.5; bonus 5; deductions cadence 2, late 1, 迟报 3,
漏报 5, false 5.  ``QUIET`` is the same with no cadence duty, for tests about something else.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd
import pytest

from xcreport.config import Settings
from xcreport.findings import Finding
from xcreport.ingest import RawSheet, RawWorkbook
from xcreport.metrics import BodyMetrics, MissedEvent
from xcreport.model import (
    LEDGER_COLUMNS,
    RANKING_COLUMNS,
    REGISTER_COLUMNS,
    ROSTER_COLUMNS,
    InputFile,
    LedgerData,
    empty_ledger,
)
from xcreport.normalize import empty_side, extract_tables, normalize
from xcreport.period import Kind, Period, latest, month_index
from xcreport.scoring import ScoreResult, cadence, late, latest_sent_month, score
from xcreport.scoring.prepare import derive, ledger_rows, split_months
from xcreport.scoring.targets import target_status

BASE_CONFIG: dict[str, Any] = {
    "county": {"name": "测试县", "bureau": "测试县交通运输局"},
    "levels": ["国家级", "省部级", "市级", "县级", "内部"],
    "bodies": [
        {
            "name": "甲站",
            "group": "unit",
            "aliases": ["甲"],
            "brands": ["快修"],
            "tasks": {"省部级": 2, "市级": 4},
        },
        {"name": "乙所", "group": "unit", "brands": ["快客"]},
        {"name": "丙项目组", "group": "project", "tasks": {"省部级": 1}},
        {"name": "丁科", "group": "office"},
    ],
    "vocabulary": {
        "categories": ["动态信息", "政务信息"],
        "dynamic_category": "动态信息",
        "focus": ["政策宣传", "五大主题工程", "品牌宣传"],
        "project_focus": "五大主题工程",
        "brand_focus": "品牌宣传",
        "projects": ["思想政治教育工程"],
        "brands": ["快修", "快客"],
    },
    "outlets": [
        {"name": "人民网", "level": "国家级"},
        {"name": "中国网", "level": "国家级", "tracks": ["中国网"]},
        {"name": "江苏交通", "level": "省部级"},
        {"name": "市局信息", "level": "市级", "tracks": ["市局用稿"]},
        {"name": "县报", "level": "县级", "tracks": ["县级媒体"]},
        {"name": "交通动态", "level": "内部"},
    ],
    "scoring": {"points": {"国家级": 10, "省部级": 5, "市级": 3, "县级": 1, "内部": 0.5}},
    "targets": [
        {"id": "R6", "label": "省部级及以上", "target": 12, "levels": ["国家级", "省部级"], "exceed": True},
        {"id": "R8-县级媒体", "label": "县级媒体", "target": 24, "tracks": ["县级媒体"]},
    ],
    "city_rank": {"track": "市局用稿", "items": ["市局", "市交通"]},
    "annual": {"advanced_units": 2, "advanced_persons": 2},
}

#: Outlet → (level, tracks), as normalize resolves them from the register.
OUTLETS = {o["name"]: (o["level"], tuple(o.get("tracks", ()))) for o in BASE_CONFIG["outlets"]}
GROUPS = {b["name"]: b["group"] for b in BASE_CONFIG["bodies"]}


def default_period(ledger: pd.DataFrame, settings: Settings, today: dt.date, kind: Kind) -> Period | None:
    """The period a run of ``kind`` reports when none is named, as the pipeline finds it."""
    return latest(kind, latest_sent_month(ledger, settings, today), today)


def small_settings(**sections: Mapping[str, Any]) -> Settings:
    """The four-body configuration, with some sections' keys replaced."""
    config = copy.deepcopy(BASE_CONFIG)
    for key, values in sections.items():
        config[key] = {**config.get(key, {}), **values}
    return Settings.model_validate(config)


SMALL = small_settings()
QUIET = small_settings(cadence={"min_per_half": 0, "min_per_month_office": 0})


def _flag(mask: pd.Series) -> pd.Series:
    return mask.fillna(False).astype(bool)


def prepared(ledger: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The rows of a registered body in source order, with every column the rules read."""
    return ledger_rows(ledger, derive(ledger, settings))


def make_ledger(*rows: Mapping[str, Any]) -> pd.DataFrame:
    """A Ledger of the contract's columns and dtypes.  Defaults: body 甲站, author 张三, a title
    of its own, 动态信息, submitted 2014-03-05, not adopted; ``outlet`` fills level and tracks;
    Excel rows 3, 4, … in the order given, file '<body>.xlsx'."""
    records = []
    for i, given in enumerate(rows):
        row: dict[str, Any] = {
            "sheet": "台账",
            "excel_row": i + 3,
            "body": "甲站",
            "authors": ("张三",),
            "title": f"稿件{i}",
            "category": "动态信息",
            "submitted": "2014-03-05",
            "tracks": (),
            "instructed": False,
            "major": False,
            **given,
        }
        row.setdefault("source_file", f"{row['body']}.xlsx")
        row.setdefault("group", GROUPS.get(row["body"], "unit"))
        row.setdefault("title_key", "".join(row["title"].split()))
        if row.get("outlet"):
            row["level"], row["tracks"] = OUTLETS[row["outlet"]]
        records.append(row)
    frame = pd.DataFrame.from_records(records, columns=list(LEDGER_COLUMNS))
    for key in ("instructed", "major"):
        frame[key] = frame[key].fillna(False)
    return frame.astype(empty_ledger().dtypes.to_dict())


def data_of(
    ledger: pd.DataFrame,
    *,
    register: list[dict[str, Any]] | None = None,
    roster: list[dict[str, Any]] | None = None,
    rankings: list[dict[str, Any]] | None = None,
    findings: list[Finding] | None = None,
    inputs: list[InputFile] | None = None,
) -> LedgerData:
    return LedgerData(
        ledger=ledger,
        roster=side_sheet(roster, ROSTER_COLUMNS),
        register=side_sheet(register, REGISTER_COLUMNS),
        rankings=side_sheet(rankings, RANKING_COLUMNS),
        inputs=inputs or [],
        findings=findings or [],
    )


def side_sheet(rows: list[dict[str, Any]] | None, columns: tuple[str, ...]) -> pd.DataFrame:
    """A side sheet (roster, register, rankings) as reading gives it: its columns, typed, bodies
    by their registered names, names as names are compared (reading's own, see
    :func:`test_side_sheets_as_read_are_what_scoring_reads`)."""
    frame = pd.DataFrame(rows or [], columns=list(columns))
    return frame.astype(empty_side(columns).dtypes.to_dict())


def run(
    ledger: pd.DataFrame, settings: Settings = SMALL, period: Period | None = None, **side: Any
) -> ScoreResult:
    return score(data_of(ledger, **side), settings, period or Period("monthly", 2014, 3))


def body(result: ScoreResult, name: str) -> BodyMetrics:
    return next(b for b in result.metrics.bodies if b.body == name)


def zeros(**counts: int) -> dict[str, int]:
    return {lv: counts.get(lv, 0) for lv in SMALL.levels}


def test_factory_follows_the_ledger_contract() -> None:
    ledger = make_ledger({"outlet": "县报", "event_date": "2014-03-01"}, {})
    assert ledger.dtypes.equals(empty_ledger().dtypes)
    assert ledger.loc[0, "level"] == "县级" and ledger.loc[0, "tracks"] == ("县级媒体",)


# -- R1/R2 cadence -----------------------------------------------------------------------------


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


def test_each_month_is_scored_on_the_prepared_rows_of_that_month_in_source_order() -> None:
    ledger = make_ledger(
        {"submitted": "2014-02-03"},
        {"body": "乙所", "submitted": "2014-01-20", "major": True},
        {"submitted": "2014-01-28", "title": "同题"},  # after the 25th: issue month February
        {"submitted": "2014-02-10", "title": "同题"},  # the same piece
        {"body": "未登记", "submitted": "2014-01-05"},  # not a registered body: counts nowhere
    )
    ledger = ledger.iloc[::-1].reset_index(drop=True)  # read in reverse: scored in source order
    rows = prepared(ledger, SMALL)
    assert list(rows["excel_row"]) == [4, 3, 5, 6]  # 乙所.xlsx, then 甲站.xlsx
    derived = derive(ledger, SMALL)
    months = list(split_months(ledger, derived, Period("annual", 2014, through=2)))
    for m, month in enumerate(months, start=1):
        index = month_index(2014, m)
        pd.testing.assert_frame_equal(month.issued, rows.loc[_flag(rows["issue_ym"] == index)])
        pd.testing.assert_frame_equal(month.sent, rows.loc[_flag(rows["month_ym"] == index)])
        pd.testing.assert_frame_equal(month.majors, rows.loc[rows["major"]])
    assert [len(m.issued) for m in months] == [1, 3]


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


# -- R3 issue month and late rows ---------------------------------------------------------------


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


# -- R4 false pieces ------------------------------------------------------------------------------


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


# -- R5 major information -------------------------------------------------------------------------


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


def major(title: str, event: str, submitted: str, name: str = "乙所") -> dict[str, Any]:
    return {"body": name, "title": title, "major": True, "event_date": event, "submitted": submitted}


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
    settings = small_settings(
        scoring={"deduct_concealed": 7}, cadence={"min_per_half": 0, "min_per_month_office": 0}
    )
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


# -- points, bonus, policies ------------------------------------------------------------------------


@pytest.mark.parametrize(("policy", "points"), [("highest", 5.0), ("sum", 6.5)])
def test_adoption_policy(policy: str, points: float) -> None:
    settings = small_settings(
        scoring={"adoption_policy": policy}, cadence={"min_per_half": 0, "min_per_month_office": 0}
    )
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


# -- ranking ----------------------------------------------------------------------------------------


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


def test_equal_scores_and_adoptions_are_ordered_by_name() -> None:
    ledger = make_ledger({"body": "甲站", "outlet": "市局信息"}, {"body": "丙项目组", "outlet": "市局信息"})
    names = [b.body for b in run(ledger, QUIET).metrics.bodies]
    assert names == [
        "丙项目组",
        "甲站",
        "丁科",
        "乙所",
    ]  # 丙 U+4E19 < 甲 U+7532; then 0: 丁 U+4E01 < 乙 U+4E59


def test_a_body_with_no_rows_is_listed_with_zeros() -> None:
    result = run(make_ledger({"submitted": "2014-03-03"}, {"submitted": "2014-03-18"}))
    yi = body(result, "乙所")
    assert (yi.submitted, yi.first_half, yi.second_half, yi.late, yi.points) == (0, 0, 0, 0, 0.0)
    assert (yi.cadence_met, yi.deductions, yi.score, yi.adopted) == (False, 4.0, -4.0, zeros())
    assert [b.body for b in result.metrics.bodies] == ["甲站", "丁科", "丙项目组", "乙所"]  # 0, −2, −4, −4
    assert [b.rank for b in result.metrics.bodies] == [1, 2, 3, 3]


# -- persons -----------------------------------------------------------------------------------------


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


# -- year to date -------------------------------------------------------------------------------------


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
        ("丙项目组", 3, 3),
        ("乙所", 3, 3),
    ]
    totals = result.metrics.totals
    assert (totals.submitted, totals.submitted_ytd, totals.adopted_ytd) == (2, 5, zeros(省部级=1, 县级=1))
    trend = result.metrics.trend
    assert [(p.month, p.submitted, p.target_cumulative["R6"], p.target_expected["R6"]) for p in trend] == [
        ("2014-01", 2, 0, 1.0),  # R6 pace: 12 × m / 12
        ("2014-02", 1, 0, 2.0),
        ("2014-03", 2, 1, 3.0),
    ]


# -- targets and the city ranking ---------------------------------------------------------------------


def test_targets_against_the_linear_pace() -> None:
    ledger = make_ledger(
        *[{"submitted": "2014-02-05", "outlet": "江苏交通"}] * 2,  # R6: 2 in Feb + 1 in Mar = 3
        {"outlet": "人民网"},
        *[{"submitted": "2014-01-05", "outlet": "县报"}] * 8,  # R8-县级媒体: 8
    )
    targets = {t.id: t for t in run(ledger, QUIET).metrics.targets}
    r6, r8 = targets["R6"], targets["R8-县级媒体"]
    # R6: pace 12 × 3 / 12 = 3, actual 3 → on pace; 1 of them this month
    assert (r6.actual, r6.expected_by_now, r6.status, r6.shortfall, r6.month, r6.exceed) == (
        3,
        3.0,
        "on_pace",
        0.0,
        1,
        True,
    )
    # R8: pace 24 × 3 / 12 = 6, actual 8 → ahead; none this month
    assert (r8.actual, r8.expected_by_now, r8.status, r8.shortfall, r8.month) == (8, 6.0, "ahead", 0.0, 0)


@pytest.mark.parametrize(
    ("actual", "target", "expected", "exceed", "status"),
    [
        (50, 50, 50.0, True, "on_pace"),  # 突破50: 50 is not yet through
        (51, 50, 50.0, True, "met"),
        (50, 50, 50.0, False, "met"),
        (12, 50, 12.5, False, "on_pace"),  # within half a piece
        (14, 50, 12.5, False, "ahead"),
        (11, 50, 12.5, False, "behind"),
    ],
)
def test_target_status(actual: int, target: int, expected: float, exceed: bool, status: str) -> None:
    assert target_status(actual, target, expected, exceed) == status


def test_a_behind_target_has_its_shortfall() -> None:
    r6 = next(t for t in run(make_ledger({"outlet": "江苏交通"}), QUIET).metrics.targets if t.id == "R6")
    assert (r6.actual, r6.status, r6.shortfall) == (1, "behind", 2.0)  # pace 3 − 1


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


# -- R10 brands and focus -------------------------------------------------------------------------------


def test_brand_coverage_and_gaps() -> None:
    ledger = make_ledger(
        {"title": "快修进社区", "focus": "品牌宣传", "brand": "快修", "outlet": "县报"},
        {"title": "快修进社区", "focus": "品牌宣传", "brand": "快修", "outlet": "交通动态"},  # same piece
        {"body": "乙所", "focus": "政策宣传"},
    )
    result = run(ledger, QUIET)
    metrics = result.metrics
    assert metrics.brand_coverage == {"快修": 1, "快客": 0}  # pieces, not rows
    assert metrics.focus_coverage == {"政策宣传": 1, "五大主题工程": 0, "品牌宣传": 1}
    assert metrics.problems.brands_without_piece == [("快客", "乙所")]
    assert [f.message for f in result.findings if f.rule == "R10"] == [
        "乙所 2014年3月没有「快客」品牌宣传稿件，请围绕创建品牌及时宣传"
    ]


# -- R11 roster -------------------------------------------------------------------------------------------


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


# -- findings -----------------------------------------------------------------------------------------------


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


# -- the default period ------------------------------------------------------------------------------


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


# -- edges ---------------------------------------------------------------------------------------


def test_an_empty_ledger_and_bare_side_sheets_score_to_zeros_and_unmet_cadence() -> None:
    data = LedgerData(
        ledger=empty_ledger(), roster=pd.DataFrame(), register=pd.DataFrame(), rankings=pd.DataFrame()
    )
    metrics = score(data, SMALL, Period("monthly", 2014, 3)).metrics
    # units and the project group −4 each, the office −2
    assert [(b.body, b.submitted, b.score) for b in metrics.bodies] == [
        ("丁科", 0, -2.0),
        ("丙项目组", 0, -4.0),
        ("乙所", 0, -4.0),
        ("甲站", 0, -4.0),
    ]
    assert (metrics.totals.rows, metrics.totals.submitted, metrics.persons) == (0, 0, [])
    assert metrics.city_rank.status == "unknown"


def test_unregistered_bodies_do_not_count() -> None:
    ledger = make_ledger(
        {"title": "原稿", "outlet": "县报"},
        {"body": "不存在的单位", "outlet": "人民网"},  # not registered (reading reports it)
    )
    metrics = run(ledger, QUIET).metrics
    assert (metrics.totals.rows_scored, metrics.totals.adopted) == (1, zeros(县级=1))
    assert [b.points for b in metrics.bodies] == [1.0, 0.0, 0.0, 0.0]

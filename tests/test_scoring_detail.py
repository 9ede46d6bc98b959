"""明细: every ledger row of the period with what it earned and cost, and why — and the lines of
each body add up to its score, on small ledgers, the sample county and a generated messy folder."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Literal

import openpyxl
import pandas as pd
import pytest

from tests.conftest import SAMPLE_LEDGERS
from tests.folder_factory import messy_folder
from tests.scoring_factory import QUIET, SMALL, body, major, make_ledger, run, small_settings
from xcreport.config import Settings
from xcreport.period import Period
from xcreport.pipeline import run_report
from xcreport.render import workbooks

TODAY = dt.date(2015, 1, 20)


def _lines(ledger_rows: list[dict[str, object]], settings: Settings = SMALL) -> list[tuple[object, ...]]:
    d = run(make_ledger(*ledger_rows), settings).detail
    columns = ["body", "excel_row", "level", "points", "bonus", "deductions", "why"]
    return [tuple(r) for r in d[columns].itertuples(index=False)]


def test_each_row_shows_what_it_earned_and_why() -> None:
    lines = _lines(
        [
            {"title": "A", "outlet": "人民网", "instructed": True},  # row 3: 国家级 10 + 5
            {"title": "A", "outlet": "江苏交通"},  # row 4: the same piece, counted once at 国家级
            {"title": "B", "outlet": "县报", "submitted": "2014-03-27", "issue_month": "2014-03"},  # late
            {"title": "C", "outlet": "县报", "verdict": "虚假"},  # false: nothing, −5
            {"title": "D", "submitted": "2014-03-18"},  # not adopted
        ],
        QUIET,
    )
    assert lines == [
        ("甲站", 3, "国家级", 10.0, 5.0, 0.0, "国家级用稿10分；领导批示加5分"),
        ("甲站", 4, "", 0.0, 0.0, 0.0, "同一稿件已按国家级计分"),
        ("甲站", 5, "县级", 1.0, 0.0, 1.0, "县级用稿1分；所属月份2014-03，3月27日报送，迟报扣1分"),
        ("甲站", 6, "", 0.0, 0.0, 5.0, "核查结果为虚假，不计分，扣5分"),
        ("甲站", 7, "", 0.0, 0.0, 0.0, "未采用"),
    ]


def test_charges_without_a_row_of_the_month_have_lines_of_their_own() -> None:
    register = [
        {"event": "油污泄漏", "event_date": "2014-03-05", "body": "丙项目组"}
        | {"source_file": "登记.xlsx", "sheet": "重大事项登记", "excel_row": 2}
    ]
    result = run(
        make_ledger(
            {"body": "乙所", "submitted": "2014-03-05"},
            major("乙所突发事件", "2014-03-01", "2014-03-09"),  # event 1 March, sent 9 March: 7 days late
        ),
        register=register,
    )
    d = result.detail
    charges = d.loc[d["points"].eq(0) & d["deductions"].gt(0), ["body", "why", "excel_row"]]
    assert [(b, w, None if pd.isna(r) else int(r)) for b, w, r in charges.itertuples(index=False)] == [
        ("甲站", "上半月报送动态信息0篇，少于要求的1篇，扣2分", None),
        ("甲站", "下半月报送动态信息0篇，少于要求的1篇，扣2分", None),
        ("乙所", "下半月报送动态信息0篇，少于要求的1篇，扣2分", None),
        ("乙所", "重大政务信息迟报7天（3月1日事发，3月9日报送），扣3分", 4),  # at the ledger row
        ("丙项目组", "上半月报送动态信息0篇，少于要求的1篇，扣2分", None),
        ("丙项目组", "下半月报送动态信息0篇，少于要求的1篇，扣2分", None),
        ("丙项目组", "重大事项「油污泄漏」（3月5日事发）未见报送，漏报扣5分", 2),  # at the register's row
        ("丁科", "本月报送信息0篇，少于要求的1篇，扣2分", None),
    ]  # registry order (甲站, 乙所, 丙项目组, 丁科), each body's rows before its charges
    _assert_sums(result)


def _assert_sums(result: object) -> None:
    detail = result.detail  # type: ignore[attr-defined]
    sums = detail.groupby("body")["net"].sum().round(2).to_dict()
    scores = {b.body: b.score for b in result.metrics.bodies}  # type: ignore[attr-defined]
    assert {name: sums.get(name, 0.0) for name in scores} == scores


@pytest.mark.parametrize("policy", ["highest", "sum"])
def test_the_lines_add_up_to_the_score_under_either_adoption_policy(policy: str) -> None:
    settings = small_settings(scoring={"adoption_policy": policy})
    ledger = make_ledger(
        {"title": "A", "outlet": "人民网", "instructed": True},
        {"title": "A", "outlet": "江苏交通"},
        {"title": "A", "outlet": "县报"},
        {"title": "B", "outlet": "县报", "submitted": "2014-03-27", "issue_month": "2014-03"},
        {"title": "B", "outlet": "市局信息", "submitted": "2014-03-28", "issue_month": "2014-03"},
        {"title": "C", "outlet": "县报", "verdict": "失实"},
        {"title": "C", "outlet": "江苏交通"},
        {"body": "乙所", "submitted": "2014-03-18", "outlet": "中国网", "instructed": True},
        major("乙所突发事件", "2014-03-01", "2014-03-09"),
    )
    result = run(ledger, settings)
    _assert_sums(result)
    sum_points = result.detail.loc[result.detail["body"] == "甲站", "points"].tolist()
    # highest: A once at 10, B once at 3 (市级); sum: A's three adoptions 10 + 5 + 1, B's 1 + 3;
    # C nothing (失实)
    highest = policy == "highest"
    assert sum_points == ([10, 0, 0, 0, 3, 0, 0] if highest else [10, 5, 1, 1, 3, 0, 0])
    # + 5 bonus on A, − 1 for B (late, once), − 5 for C
    assert body(result, "甲站").score == (10 + 3 + 5 - 1 - 5 if highest else 16 + 4 + 5 - 1 - 5)


def test_an_annual_detail_holds_every_month() -> None:
    ledger = make_ledger(
        {"submitted": "2014-01-05", "outlet": "县报"},
        {"submitted": "2014-02-05", "outlet": "江苏交通"},
        {"submitted": "2014-02-26"},  # issue month March (after the 25th)
    )
    result = run(ledger, QUIET, Period("annual", 2014, through=3))
    d = result.detail
    assert [tuple(r) for r in d[["month", "submitted", "half", "points"]].itertuples(index=False)] == [
        ("2014-01", "2014-01-05", "上半月", 1.0),
        ("2014-02", "2014-02-05", "上半月", 5.0),
        ("2014-03", "2014-02-26", "下半月", 0.0),
    ]
    _assert_sums(result)


def _sheet(path: Path, name: str) -> list[dict[str, object]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = list(wb[name].iter_rows(values_only=True))
    heads = [str(h) for h in rows[0]]
    return [dict(zip(heads, r, strict=True)) for r in rows[1:]]


def _assert_workbook_sums(path: Path, score_head: str) -> None:
    """Per 单位, the 小计 of 明细 add up to the score of 单位排名."""
    ranking = {str(r["单位"]): float(r[score_head]) for r in _sheet(path, "单位排名")}  # type: ignore[arg-type]
    sums: dict[str, float] = defaultdict(float)
    for line in _sheet(path, "明细"):
        sums[str(line["单位"])] += float(line["小计"])  # type: ignore[arg-type]
    assert {name: round(sums[name], 2) for name in ranking} == ranking
    assert set(sums) <= set(ranking)


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_the_sample_county_detail_adds_up_to_the_ranking(
    kind: Literal["monthly", "annual"], settings: Settings, tmp_path: Path
) -> None:
    run_report(kind, SAMPLE_LEDGERS, settings, tmp_path, today=TODAY, year=2014 if kind == "annual" else None)
    [path] = tmp_path.rglob("信息宣传排名_*.xlsx")
    _assert_workbook_sums(path, "本月得分" if kind == "monthly" else "全年得分")


def test_a_generated_folder_detail_adds_up_to_the_ranking(settings: Settings, tmp_path: Path) -> None:
    names = [b.name for b in settings.bodies]
    ledgers = messy_folder(tmp_path / "台账", names, months=range(1, 7), skip={"质监站": {3}, "政工科": {3}})
    runs: list[tuple[Literal["monthly", "annual"], str]] = [("monthly", "本月得分"), ("annual", "全年得分")]
    for kind, score_head in runs:
        out = tmp_path / kind
        run_report(
            kind,
            ledgers,
            settings,
            out,
            today=dt.date(2014, 7, 10),
            month="2014-03" if kind == "monthly" else None,
        )
        [path] = out.rglob("信息宣传排名_*.xlsx")
        _assert_workbook_sums(path, score_head)
        lines = _sheet(path, "明细")
        # every row of the period is there: the report's 报送 pieces are the distinct titles
        assert {str(x["单位"]) for x in lines} >= {"质监站", "政工科"}
        assert any("扣" in str(x["说明"]) for x in lines)


def test_a_detail_longer_than_a_sheet_goes_on_in_the_next(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbooks, "SHEET_ROWS", 10)
    run_report("monthly", SAMPLE_LEDGERS, settings, tmp_path, today=TODAY)
    [path] = tmp_path.rglob("信息宣传排名_*.xlsx")
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    detail = [n for n in names if n.startswith("明细")]
    assert detail[:2] == ["明细", "明细(2)"]
    lines = [line for n in detail for line in _sheet(path, n)]
    assert sum(len(_sheet(path, n)) for n in detail[:-1]) == 10 * (len(detail) - 1)
    _assert_sums_of(lines, path)


def _assert_sums_of(lines: list[dict[str, object]], path: Path) -> None:
    ranking = {str(r["单位"]): float(r["本月得分"]) for r in _sheet(path, "单位排名")}  # type: ignore[arg-type]
    sums: dict[str, float] = defaultdict(float)
    for line in lines:
        sums[str(line["单位"])] += float(line["小计"])  # type: ignore[arg-type]
    assert {name: round(sums[name], 2) for name in ranking} == ranking

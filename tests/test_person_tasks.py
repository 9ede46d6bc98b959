"""R9 to persons (分解落实到人): the roster's task columns, scored as a body's tasks, shown in the
annual ranking workbook and report, and the bodies whose tasks are not broken down in full."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tests.county_factory import county_settings
from tests.dumps import dump_docx
from tests.ledger_factory import write_workbook
from xcreport.metrics import TaskProgress
from xcreport.pipeline import RunResult, run_report

HEAD = ["撰写人", "标题", "类别", "送稿日期", "用稿媒体", "刊发日期"]
#: 甲站 must reach 2 pieces at 省级 and 3 at 市级 (a 省级 piece counts toward both), 乙站 1 at 省级.
TASKS = {"甲站": '{ "省级" = 2, "市级" = 3 }', "乙站": '{ "省级" = 1 }'}


def ledgers(folder: Path) -> Path:
    """甲站's year: 张一 writes a piece 省报 adopts (and 市报 too: still one piece, at 省级), and one
    with 王九 that 市报 adopts; 王九 writes a piece nobody adopts.  The roster breaks 甲站's tasks
    down to 张一 (省级 1, 市级 2篇, under the other header 市级任务数) and 王九 (省级 1); 乙站's
    李二 has 省级 「一」, not a number; 丙所's 赵三 has no task."""
    write_workbook(
        folder / "甲站2014.xlsx",
        {
            "甲站": [
                HEAD,
                ["张一", "甲站春运保障", "动态信息", "2014-01-06", "省报", "2014-01-09"],
                ["张一", "甲站春运保障", "动态信息", "2014-01-06", "市报", "2014-01-10"],
                ["张一、王九", "甲站汛期巡查", "动态信息", "2014-06-03", "市报", "2014-06-05"],
                ["王九", "甲站夏季养护", "动态信息", "2014-07-02", "", ""],
            ]
        },
    )
    write_workbook(
        folder / "通讯员名册.xlsx",
        {
            "名册": [
                ["单位", "联络员", "省级任务", "市级任务数"],
                ["甲站", "张一", 1, "2篇"],
                ["甲站", "王九", 1, None],
                ["乙站", "李二", "一", None],
                ["丙所", "赵三", None, None],
            ]
        },
    )
    return folder


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    folder = tmp_path_factory.mktemp("tasks")
    settings = county_settings(folder, tasks=TASKS)
    out = folder / "out"
    return run_report(
        "annual", ledgers(folder / "台账"), settings, out, year=2014, today=dt.date(2015, 1, 20)
    )


def test_persons_tasks_are_scored_like_a_bodys(year: RunResult) -> None:
    assert year.metrics is not None
    persons = {(p.body, p.name): p for p in year.metrics.person_tasks}
    assert list(persons) == [("甲站", "张一"), ("甲站", "王九")]  # 李二's task is no number; 赵三 has none
    zhang, wang = persons["甲站", "张一"], persons["甲站", "王九"]
    # 张一: the 省报 piece toward 省级 and 市级, the co-written 市报 piece toward 市级
    assert zhang.tasks == [TaskProgress("省级", 1, 1, 1.0), TaskProgress("市级", 2, 2, 1.0)]
    assert zhang.task_rate == 1.0
    # 王九: the co-written piece is 市级, his task 省级; his own piece was not adopted
    assert (wang.tasks, wang.task_rate) == ([TaskProgress("省级", 1, 0, 0.0)], 0.0)
    body = {b.body: b for b in year.metrics.bodies}["甲站"]
    assert body.tasks == [TaskProgress("省级", 2, 1, 0.5), TaskProgress("市级", 3, 2, 0.6667)]


def test_a_task_that_is_no_number_and_tasks_not_broken_down_are_findings(year: RunResult) -> None:
    found = [(f.severity, f.rule, f.body, f.message) for f in year.findings if f.rule in ("R9", "L-VALUE")]
    assert found == [
        ("error", "L-VALUE", "乙站", "第4行 省级任务「一」不是任务篇数，请填写整数，如 3；该项任务未计入"),
        ("warning", "R9", "甲站", "甲站 市级年度任务3篇，通讯员名册中分解到人的仅2篇，请将任务分解落实到人"),
        ("warning", "R9", "乙站", "乙站 省级年度任务1篇，通讯员名册中分解到人的仅0篇，请将任务分解落实到人"),
    ]
    (value,) = [f for f in year.findings if f.rule == "L-VALUE"]
    assert (value.file, value.sheet, value.row, value.column) == ("通讯员名册.xlsx", "名册", 4, "C")


def test_the_ranking_workbook_and_the_report_show_persons_tasks(year: RunResult) -> None:
    assert year.outputs.ranking is not None and year.outputs.report is not None
    ws = openpyxl.load_workbook(year.outputs.ranking)["个人任务"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == [
        "单位",
        "姓名",
        "省级任务",
        "省级完成",
        "省级完成率",
        "市级任务",
        "市级完成",
        "市级完成率",
        "任务完成率",
    ]
    assert rows[1:] == [
        ["甲站", "张一", 1, 1, 1, 2, 2, 1, 1],
        ["甲站", "王九", 1, 0, 0, None, None, None, 0],
    ]
    text = dump_docx(year.outputs.report)
    assert "Normal: 各单位（科室）分解落实到人的年度任务完成情况如下：" in text
    assert "| 甲站 | 张一 | 1 | 1 | 2 | 2 | 100% |" in text
    assert "| 甲站 | 王九 | 1 | 0 | — | — | 0% |" in text


def test_without_persons_tasks_the_report_has_no_such_table(tmp_path: Path) -> None:
    settings = county_settings(tmp_path, tasks=TASKS)
    folder = ledgers(tmp_path / "台账")
    write_workbook(folder / "通讯员名册.xlsx", {"名册": [["单位", "姓名"], ["甲站", "张一"]]})
    result = run_report("annual", folder, settings, tmp_path / "out", year=2014, today=dt.date(2015, 1, 20))
    assert result.metrics is not None and result.metrics.person_tasks == []
    assert not [f for f in result.findings if f.rule == "R9"]  # nothing is broken down: nobody is warned
    assert result.outputs.report is not None and result.outputs.ranking is not None
    assert "分解落实到人的年度任务" not in dump_docx(result.outputs.report)
    assert "个人任务" not in openpyxl.load_workbook(result.outputs.ranking).sheetnames

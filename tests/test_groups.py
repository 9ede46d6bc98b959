"""A county of four groups (tests/county_factory.py) on generated, messy ledgers: each group's
cadence, its ranking table in the workbook and the report, the configuration's header and 是/否
words, and the order of equal scores both ways."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from tests.county_factory import county_config, county_settings
from tests.dumps import dump_docx
from tests.ledger_factory import write_workbook
from xcreport.cli import main
from xcreport.config import Settings
from xcreport.metrics import Metrics
from xcreport.pipeline import RunResult, run_report

TODAY = dt.date(2014, 4, 25)
#: The header as this county's clerks type it: 撰写人 and 送稿日期 are the configuration's words.
HEAD = ["序号", "单位", "撰写人", "标题", "类别", "送稿日期", "用稿媒体", "刊发日期", "领导批示"]


def _rows(*pieces: tuple[str, ...]) -> list[list[object]]:
    return [[i, *piece] for i, piece in enumerate(pieces, start=1)]


def county_ledgers(folder: Path) -> Path:
    """March 2014 of the four groups, as their clerks keep it.

    一类单位 need 2 动态信息 each half: 甲站 sends 2 + 1 (its second half unmet), 乙站 2 + 2, one
    of them adopted by 省报 (6 points) with a 领导批示 typed 「有」 (+5).  二类单位 need 1 动态信息 or
    政务信息 in the month: 丙所 sends a 政务信息, 丁所 only a 新闻稿件 (unmet).  乡镇 have no duty:
    东镇 sends nothing, 西镇 a piece adopted by 县台 (1 point).  机关科室 need 1 piece of any
    category: 综合科 sends a 新闻稿件, 财务科 nothing (unmet).
    """
    stations = _rows(
        ("甲站", "张一", "甲站春运保障", "动态信息", "2014.3.2", "", "", "无"),
        ("甲站", "张一", "甲站安全检查", "动态信息", "2014年3月9日", "", "", ""),
        ("甲站", "张一", "甲站道路养护", "动态信息", "2014-03-18", "", "", "无"),
        ("乙站", "李二", "乙站服务窗口", "动态信息", "2014/3/3", "省报", "2014-03-08", "有"),
        ("乙站", "李二", "乙站夜间施工", "动态信息", "2014-03-10", "", "", ""),
        ("乙站", "李二", "乙站志愿服务", "动态信息", "2014-03-17", "", "", ""),
        ("乙站", "李二", "乙站节后复工", "动态信息", "2014-03-19", "", "", ""),
        ("丙所", "赵三", "丙所政务公开", "政务信息", "2014-03-05", "", "", ""),
        ("丁所", "钱四", "丁所专题采访", "新闻稿件", "2014-03-06", "", "", ""),
    )
    write_workbook(
        folder / "站所" / "站所信息台账2014.xlsx",
        {"汇总": [["另一县站所2014年信息报送台账"], HEAD, *stations]},
        merges={"汇总": ["A1:I1"]},
    )
    town = [h for h in HEAD if h != "单位"]
    write_workbook(
        folder / "西镇台账.xlsx",
        {"西镇": [town, [1, "孙五", "西镇农路通车", "动态信息", "2014-03-04", "县台", "2014-03-06", ""]]},
    )
    write_workbook(
        folder / "机关" / "综合科.xlsx",
        {"综合科": [town, [1, "周六", "综合科学习会", "新闻稿件", "2014-03-12", "", "", "无"]]},
    )
    roster = [
        ["单位", "联络员", "电话"],
        *([body, name, ""] for body, name in _ROSTER.items()),
    ]
    write_workbook(folder / "通讯员名册.xlsx", {"名册": roster})
    return folder


_ROSTER = {"甲站": "张一", "乙站": "李二", "丙所": "赵三", "丁所": "钱四", "东镇": "吴七", "西镇": "孙五"}
_ROSTER |= {"综合科": "周六", "财务科": "郑八"}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path]:
    folder = tmp_path_factory.mktemp("county")
    return county_settings(folder), county_ledgers(folder / "台账")


@pytest.fixture(scope="module")
def march(county: tuple[Settings, Path], tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    settings, ledgers = county
    out = tmp_path_factory.mktemp("out")
    return run_report("monthly", ledgers, settings, out, month="2014-03", today=TODAY)


def _metrics(result: RunResult) -> Metrics:
    assert result.metrics is not None
    return result.metrics


def test_each_group_is_checked_by_its_own_cadence(march: RunResult) -> None:
    bodies = {b.body: b for b in _metrics(march).bodies}
    met = {name: b.cadence_met for name, b in bodies.items()}
    assert met == {
        "甲站": False,  # 2 + 1 of the 2 + 2 动态信息 asked
        "乙站": True,
        "丙所": True,  # a 政务信息 counts for 二类单位
        "丁所": False,  # a 新闻稿件 does not
        "东镇": True,  # 乡镇: no duty
        "西镇": True,
        "综合科": True,  # 机关科室: any category
        "财务科": False,
    }
    assert (bodies["甲站"].first_half, bodies["甲站"].second_half) == (2, 1)
    assert bodies["甲站"].cadence_missed == ["下半月"]
    assert bodies["丁所"].cadence_missed == bodies["财务科"].cadence_missed == ["本月"]
    cadence = sorted((f.rule, f.kind, f.message) for f in march.findings if f.rule in ("R1", "R2"))
    assert cadence == [
        ("R1", "half-short", "甲站 2014年3月下半月仅报送动态信息1篇（要求至少2篇）"),
        ("R2", "month-none", "丁所 2014年3月未报送动态信息、政务信息（要求至少1篇）"),
        ("R2", "month-none", "财务科 2014年3月未报送信息（要求至少1篇）"),
    ]


def test_the_configurations_header_and_yes_no_words_are_read(march: RunResult) -> None:
    metrics = _metrics(march)
    assert metrics.totals.submitted == 11  # every piece of the three workbooks
    assert not [f for f in march.findings if f.rule in ("L-HEADER", "L-VALUE", "L-REQUIRED", "R11")]
    bodies = {b.body: b for b in metrics.bodies}
    assert (bodies["乙站"].points, bodies["乙站"].bonus, bodies["乙站"].score) == (6.0, 5.0, 11.0)  # 「有」
    assert bodies["甲站"].bonus == 0.0  # 「无」 and blank
    assert bodies["甲站"].roster == 1  # the roster's 联络员 column is its 姓名


def test_ranks_within_each_ranking_table_and_equal_scores_in_registry_order(march: RunResult) -> None:
    ranked = [(b.body, b.score, b.rank, b.rank_in_group) for b in _metrics(march).bodies]
    assert ranked == [
        ("乙站", 11.0, 1, 1),
        ("西镇", 1.0, 2, 1),
        ("丙所", 0.0, 3, 2),
        ("东镇", 0.0, 3, 2),
        ("综合科", 0.0, 3, 1),
        ("甲站", -2.0, 6, 3),  # 站所: 乙站, 丙所, then 甲站 and 丁所 tied
        ("丁所", -2.0, 6, 3),
        ("财务科", -2.0, 6, 2),
    ]


def test_equal_scores_by_name_when_configured(county: tuple[Settings, Path], tmp_path: Path) -> None:
    _, ledgers = county
    by_name = county_settings(tmp_path, tie_order="name")
    result = run_report("monthly", ledgers, by_name, tmp_path / "out", month="2014-03", today=TODAY)
    last = [b.body for b in _metrics(result).bodies][-3:]
    assert last == ["丁所", "甲站", "财务科"]  # 丁 U+4E01 < 甲 U+7532 < 财 U+8D22


def _ranking_sheets(result: RunResult) -> dict[str, list[list[object]]]:
    assert result.outputs.ranking is not None
    wb = openpyxl.load_workbook(result.outputs.ranking)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def test_the_ranking_workbook_has_a_sheet_per_ranking_table(march: RunResult) -> None:
    sheets = _ranking_sheets(march)
    assert list(sheets) == ["单位排名", "站所", "乡镇", "机关科室", "通讯员排名", "明细"]
    head = sheets["单位排名"][0]
    kind, met = head.index("类别"), head.index("达标")
    overall = {r[1]: (r[kind], r[met]) for r in sheets["单位排名"][1:]}
    assert overall["甲站"] == ("一类单位", "×")
    assert overall["丙所"] == ("二类单位", "√")
    assert overall["东镇"] == ("乡镇", "—")  # no duty: neither met nor missed
    assert overall["综合科"] == ("机关科室", "√")
    assert [(r[0], r[1]) for r in sheets["站所"][1:]] == [(1, "乙站"), (2, "丙所"), (3, "甲站"), (3, "丁所")]
    assert [(r[0], r[1]) for r in sheets["乡镇"][1:]] == [(1, "西镇"), (2, "东镇")]


def test_the_report_tables_and_rule_follow_the_groups(march: RunResult) -> None:
    assert march.outputs.report is not None and march.outputs.summary is not None
    text = dump_docx(march.outputs.report)
    headings = [line for line in text.splitlines() if line.startswith("Heading 2: （") and "）" in line]
    assert headings[:3] == [
        "Heading 2: （一）站所（一类单位、二类单位）",
        "Heading 2: （二）乡镇",
        "Heading 2: （三）机关科室",
    ]
    assert (
        "一类单位上下半月各至少报送2篇动态信息，二类单位每月不少于1篇动态信息、政务信息，机关科室每月不少于1篇"
        in text
    )
    for sample_group in ("基层单位", "所属单位"):
        assert sample_group not in text
    summary = json.loads(march.outputs.summary.read_text(encoding="utf-8"))
    assert {b["body"]: b["group"] for b in summary["bodies"]}["东镇"] == "乡镇"


def test_a_body_of_a_group_not_defined_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = county_config(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('name = "西镇"\ngroup = "乡镇"', 'name = "西镇"\ngroup = "镇"'), encoding="utf-8"
    )
    line = text[: text.index('group = "乡镇"', text.index('name = "西镇"'))].count("\n") + 1
    code = main(["validate", "--ledgers", str(tmp_path), "--config", str(path), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1
    assert (
        f"第{line}行 bodies[5].group: 「镇」不是 groups 中定义的类别（可填：一类、二类、乡镇、科室）" in err
    )
    assert not (tmp_path / "o").exists()


def test_the_annual_grid_marks_no_duty_for_a_group_without_one(
    county: tuple[Settings, Path], tmp_path: Path
) -> None:
    settings, ledgers = county
    result = run_report("annual", ledgers, settings, tmp_path, year=2014, today=TODAY)  # January–March
    assert result.outputs.report is not None
    rows = dump_docx(result.outputs.report).splitlines()
    grid = rows[rows.index("| 单位 | 1月 | 2月 | 3月 |") + 1 :][:8]
    assert "| 乙站 | × | × | √ |" in grid  # nothing sent in January and February
    assert "| 东镇 | — | — | — |" in grid and "| 西镇 | — | — | — |" in grid  # 乡镇: no duty
    # 每月均达到 names only bodies that have a duty: 乡镇 are neither steady nor not
    steady = next(line for line in rows if "每月均达到报送频次要求" in line)
    assert "东镇" not in steady and "西镇" not in steady
    met = [b.body for b in _metrics(result).bodies if b.cadence_met and b.group != "乡镇"]
    assert all(body in steady for body in met) if met else "没有单位（科室）每月均达到" in steady


def test_check_config_says_each_groups_duty_and_the_ranking_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-config", "--config", str(county_config(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "  一类单位 2 个：甲站、乙站" in out and "  乡镇 2 个：东镇、西镇" in out
    assert (
        "一类单位上下半月各至少报送2篇动态信息；二类单位每月不少于1篇动态信息、政务信息；"
        "乡镇不作报送频次要求；机关科室每月不少于1篇；每月 20 日截止"
    ) in out
    assert (
        "排名表：站所（一类单位、二类单位）、乡镇、机关科室；得分和各级用稿都相同时按单位登记的顺序排列"
        in out
    )

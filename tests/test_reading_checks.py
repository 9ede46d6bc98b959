"""reading.checks (after normalize): required values, vocabularies, dates, levels, duplicates — on sheets
built in memory, as calamine would give them, so that each check is seen alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

import pandas as pd

from tests.ledger_factory import HEADER, LETTER, good, row
from xcreport.config import Settings
from xcreport.findings import Finding
from xcreport.model import LEDGER_COLUMNS
from xcreport.reading import normalize
from xcreport.reading.checks import validate
from xcreport.reading.tables import extract_tables
from xcreport.reading.workbook import Cell, RawSheet, RawWorkbook

TODAY = dt.date(2014, 4, 1)


def check(
    settings: Settings,
    rows: Sequence[Sequence[object]],
    *,
    header: Sequence[str] = HEADER,
    sheet: str = "台账",
    file: str = "运管所.xlsx",
    today: dt.date = TODAY,
    year: int | None = None,
) -> tuple[pd.DataFrame, list[Finding]]:
    """Normalise and validate one sheet (header in row 1), cells as calamine gives them."""
    cells = [[cast(Cell, "" if v is None else v) for v in r] for r in [list(header), *rows]]
    tables, found = extract_tables(RawWorkbook(file, "", (RawSheet(sheet, cells),)))
    normalized = normalize(tables, settings, year=year)
    ledger, checked = validate(normalized.ledger, normalized.sheets, settings, today=today, year=year)
    return ledger, found + normalized.findings + checked


def where(findings: Sequence[Finding]) -> set[tuple[str, str, int | None, str]]:
    return {(f.severity, f.rule, f.row, f.column) for f in findings}


def test_a_clean_row_passes_in_contract_form(settings: Settings) -> None:
    ledger, findings = check(
        settings, [good(author="张三、李四", outlet="中国网交通频道", adopted="2014-03-08")]
    )
    assert findings == []
    assert list(ledger.columns) == list(LEDGER_COLUMNS)
    assert {c: str(t) for c, t in ledger.dtypes.items()} == {c: t for c, (t, _) in LEDGER_COLUMNS.items()}
    rec = ledger.iloc[0]
    assert (rec["source_file"], rec["sheet"], rec["excel_row"]) == ("运管所.xlsx", "台账", 2)
    assert (rec["body"], rec["group"]) == ("运管所", "unit")
    assert rec["authors"] == ("张三", "李四")
    assert (rec["outlet"], rec["level"], rec["tracks"]) == ("中国网", "国家级", ("中国网",))
    assert rec["submitted"] == pd.Timestamp(2014, 3, 5) and rec["adopted"] == pd.Timestamp(2014, 3, 8)
    assert rec["title_key"] == "春运工作稳步推进"


def test_missing_required_values(settings: Settings) -> None:
    rows = [
        good(author=None),
        good(title=None),
        good(category=None),
        good(submitted=None),
        good(author="、 ,"),  # only separators: no name
    ]
    ledger, findings = check(settings, rows)
    assert ledger.empty
    assert where(findings) == {
        ("error", "L-REQUIRED", 2, LETTER["author"]),
        ("error", "L-REQUIRED", 3, LETTER["title"]),
        ("error", "L-REQUIRED", 4, LETTER["category"]),
        ("error", "L-REQUIRED", 5, LETTER["submitted"]),
        ("error", "L-REQUIRED", 6, LETTER["author"]),
    }
    assert findings[0].message == "第2行 作者未填写，请补填（本行未计入）"
    assert findings[0].body == "运管所"


def test_conditionally_required_values(settings: Settings) -> None:
    rows = [
        good(major="是"),  # no 事发日期
        good(title="b", outlet="县报"),  # no 用稿日期
        good(title="c", focus="五大主题工程"),  # no 主题工程
        good(title="d", focus="品牌宣传"),  # no 品牌
        good(title="e", major="是", event_date="2014-03-04", outlet="县报", adopted="2014-03-06"),
        good(title="f", focus="五大主题工程", project5="核心价值践行工程"),
        good(title="g", focus="品牌宣传", brand="诚信驾校"),
    ]
    ledger, findings = check(settings, rows)
    assert where(findings) == {
        ("error", "L-REQUIRED", 2, LETTER["event_date"]),
        ("error", "L-REQUIRED", 3, LETTER["adopted"]),
        # R10 breaches are warnings: the piece keeps counting (LEDGER.md, findings).
        ("warning", "R10", 4, LETTER["project5"]),
        ("warning", "R10", 5, LETTER["brand"]),
    }
    assert ledger["excel_row"].tolist() == [4, 5, 6, 7, 8]


def test_conditionally_required_column_absent_from_the_sheet(settings: Settings) -> None:
    header = ["单位", "作者", "标题", "类别", "报送日期", "重大政务信息"]
    _, findings = check(settings, [["运管所", "张三", "x", "动态信息", "2014-03-05", "是"]], header=header)
    (finding,) = findings
    assert (finding.rule, finding.row, finding.column, finding.header) == ("L-REQUIRED", 2, "", "事发日期")
    assert "表中没有“事发日期”列" in finding.message


def test_a_sheet_without_a_required_column_gives_one_finding(settings: Settings) -> None:
    header = ["单位", "作者", "标题", "报送日期"]
    rows = [["运管所", "张三", "x", "2014-03-05"], ["运管所", "李四", "y", "2014-03-06"]]
    ledger, findings = check(settings, rows, header=header)
    assert ledger.empty
    (finding,) = findings
    assert (finding.severity, finding.rule, finding.row, finding.header) == (
        "error",
        "L-REQUIRED",
        None,
        "类别",
    )
    assert finding.message == "工作表「台账」没有“类别”列，本表2行都未计入；请加上“类别”列并逐行填写"


def test_vocabularies(settings: Settings) -> None:
    rows = [
        good(category="杂谈"),
        good(title="b", focus="安全宣传"),
        good(title="c", focus="品牌宣传", brand="先锋号"),
        good(title="d", focus="五大主题工程", project5="七彩工程"),
        good(title="e", verdict="待查"),
        good(title="f", category=" 动态 信息 ", focus="政策宣传", verdict="属实"),
    ]
    ledger, findings = check(settings, rows)
    assert where(findings) == {
        ("error", "L-VALUE", 2, LETTER["category"]),
        ("warning", "R10", 3, LETTER["focus"]),
        ("warning", "R10", 4, LETTER["brand"]),
        ("warning", "L-VALUE", 5, LETTER["project5"]),
        ("warning", "L-VALUE", 6, LETTER["verdict"]),
    }
    assert ledger["excel_row"].tolist() == [3, 4, 5, 6, 7]  # warnings keep their rows
    assert ledger["category"].iloc[-1] == "动态信息"  # spaced spelling read as the vocabulary's
    assert ledger["brand"].iloc[1] == "先锋号"


def test_bad_and_impossible_dates(settings: Settings) -> None:
    rows = [
        good(submitted="2014.13.5"),
        good(title="b", submitted="2月30日"),
        good(title="c", outlet="县报", adopted="2014-03-01"),  # adopted before submitted
        good(title="d", submitted="2014-05-01"),  # after today
        good(title="e", submitted="2012-06-01"),  # far outside the year
        good(title="f", submitted="2013-12-20"),  # within a month of the year: fine
        good(title="g", outlet="县报", adopted="明天"),
    ]
    ledger, findings = check(settings, rows, year=2014)
    assert where(findings) == {
        ("error", "L-DATE", 2, LETTER["submitted"]),
        ("error", "L-DATE", 3, LETTER["submitted"]),
        ("warning", "L-DATE", 4, LETTER["adopted"]),
        ("warning", "L-DATE", 5, LETTER["submitted"]),
        ("warning", "L-DATE", 6, LETTER["submitted"]),
        ("error", "L-DATE", 8, LETTER["adopted"]),
    }
    assert ledger["excel_row"].tolist() == [6, 7, 4, 5]  # by submitted date
    by_row = {f.row: f for f in findings}
    assert (
        by_row[2].message
        == "第2行 报送日期「2014.13.5」不是有效日期，请改为 2014-03-05 这样的日期（本行未计入）"
    )
    assert by_row[2].value == "2014.13.5" and by_row[2].header == "报送日期"
    assert by_row[4].message == "第4行 用稿日期「2014-03-01」早于报送日期「2014-03-05」，请核对"
    assert by_row[5].message == "第5行 报送日期「2014-05-01」晚于今天（2014-04-01），请核对"
    assert by_row[6].message == "第6行 报送日期「2012-06-01」不在2014年内，请核对"


def test_month_day_dates_take_the_sheet_year(settings: Settings) -> None:
    rows = [
        good(submitted="3月5日"),
        good(title="b", submitted="2013-03-05"),
        good(title="c", submitted="3月6日"),
    ]
    ledger, findings = check(settings, rows, sheet="2014年台账", file="x/运管所.xlsx")
    # 2014 is also the ledger's dominant year, so the lone 2013 date is out of year (a warning).
    assert where(findings) == {("warning", "L-DATE", 3, LETTER["submitted"])}
    assert ledger["submitted"].tolist() == [
        pd.Timestamp(2013, 3, 5),
        pd.Timestamp(2014, 3, 5),
        pd.Timestamp(2014, 3, 6),
    ]


def test_month_day_dates_take_the_most_common_year_of_the_sheet(settings: Settings) -> None:
    rows = [
        good(submitted="3月5日"),
        good(title="b", submitted="2013-12-30"),
        good(title="c", submitted="2014-01-05"),
        good(title="d", submitted="2014-02-05"),
    ]
    ledger, _ = check(settings, rows)
    assert ledger.set_index("excel_row").loc[2, "submitted"] == pd.Timestamp(2014, 3, 5)


def test_month_day_dates_without_any_year_are_errors(settings: Settings) -> None:
    ledger, findings = check(settings, [good(submitted="3月5日")])
    assert ledger.empty
    assert where(findings) == {("error", "L-DATE", 2, LETTER["submitted"])}
    assert "没有年份" in findings[0].message


def test_issue_month(settings: Settings) -> None:
    rows = [
        good(issue_month="2014年3月"),
        good(title="b", issue_month="3月"),
        good(title="c", issue_month=201404),
        good(title="d", issue_month="第三期"),
    ]
    ledger, findings = check(settings, rows, year=2014)
    assert ledger["issue_month"].tolist() == ["2014-03", "2014-03", "2014-04"]
    assert where(findings) == {("error", "L-DATE", 5, LETTER["issue_month"])}


def test_outlets_and_levels(settings: Settings) -> None:
    rows = [
        good(outlet="江苏交通报", level="省部级", adopted="2014-03-09"),  # alias, level agrees
        good(title="b", outlet="中国网", level="省部级", adopted="2014-03-09"),  # register wins
        good(title="c", outlet="某某晚报", level="市级", adopted="2014-03-09"),  # typed level used
        good(title="d", outlet="某某晚报", adopted="2014-03-09"),  # no level: error
        good(title="e", outlet="某某晚报", level="乡级", adopted="2014-03-09"),  # bad level: error
        good(title="f", level="国家级"),  # a level without an outlet: not adopted
    ]
    ledger, findings = check(settings, rows)
    assert where(findings) == {
        ("warning", "L-LEVEL", 3, LETTER["level"]),
        ("error", "L-LEVEL", 5, LETTER["level"]),
        ("error", "L-LEVEL", 6, LETTER["level"]),
    }
    got = ledger.set_index("excel_row")
    assert list(got.loc[2, ["outlet", "level"]]) == ["江苏交通", "省部级"]
    assert list(got.loc[3, ["outlet", "level"]]) == ["中国网", "国家级"]
    assert got.loc[3, "tracks"] == ("中国网",)
    assert list(got.loc[4, ["outlet", "level"]]) == ["某某晚报", "市级"]
    assert got.loc[4, "tracks"] == ()
    assert got.loc[7, ["outlet", "level"]].isna().all()
    by_row = {f.row: f.message for f in findings}
    assert by_row[3] == "第3行 用稿媒体「中国网」登记为国家级，与所填媒体级别「省部级」不同，已按国家级计"
    assert by_row[5].startswith("第5行 用稿媒体「某某晚报」不在媒体登记中，媒体级别未填写")


def test_yes_no_cells(settings: Settings) -> None:
    rows = [good(instructed="√"), good(title="b", instructed="有"), good(title="c", instructed="N")]
    ledger, findings = check(settings, rows)
    assert ledger["instructed"].tolist() == [True, False, False]
    assert where(findings) == {("warning", "L-VALUE", 3, LETTER["instructed"])}
    assert findings[0].message == "第3行 领导批示「有」应填“是”或“否”，已按“否”处理"


def test_duplicates_leave_out_the_later_row(settings: Settings) -> None:
    rows = [
        good(title="春运工作 稳步推进！", submitted="2014-03-06"),
        good(title="春运工作稳步推进", submitted="2014-03-05"),  # the earlier submission stays
        good(
            title="春运工作稳步推进", outlet="县报", adopted="2014-03-07"
        ),  # another outlet: not a duplicate
        good(unit="交管所", title="春运工作稳步推进"),  # another body: not a duplicate
        good(title="春运工作稳步推进", outlet="县日报", adopted="2014-03-08"),  # 县报 again, by its alias
    ]
    ledger, findings = check(settings, rows)
    assert where(findings) == {
        # Left out, so an error (an error = the row is not counted; a warning = counted, with a caveat).
        ("error", "L-DUP", 2, LETTER["title"]),
        ("error", "L-DUP", 6, LETTER["title"]),
    }
    assert sorted(ledger["excel_row"].tolist()) == [3, 4, 5]
    message = {f.row: f.message for f in findings}[2]
    assert (
        message
        == "第2行 与「运管所.xlsx」工作表「台账」第3行重复（同一单位、同一标题、同一用稿媒体），本行未计入"
    )


def test_a_row_with_an_error_does_not_make_a_duplicate(settings: Settings) -> None:
    rows = [good(category="杂谈"), good()]
    ledger, findings = check(settings, rows)
    assert where(findings) == {("error", "L-VALUE", 2, LETTER["category"])}
    assert ledger["excel_row"].tolist() == [3]


def test_unknown_and_missing_bodies(settings: Settings) -> None:
    rows = [good(unit="宣传科"), good(unit=None, title="b"), good(unit="海 事 处", title="c")]
    ledger, findings = check(settings, rows, file="汇总.xlsx", sheet="Sheet1")
    assert where(findings) == {("error", "L-UNIT", 2, "A"), ("error", "L-UNIT", 3, "A")}
    assert ledger["body"].tolist() == ["海事处"]
    by_row = {f.row: f for f in findings}
    assert (
        by_row[2].message
        == "第2行 单位「宣传科」不是登记的单位，请改为登记的单位名称（如 运管所）（本行未计入）"
    )
    assert by_row[2].value == "宣传科" and by_row[2].body == ""


def test_ledger_order(settings: Settings) -> None:
    rows = [
        good(unit="运管所", title="a", submitted="2014-03-09"),
        good(unit="交管所", title="b", submitted="2014-03-10"),
        good(unit="运管所", title="c", submitted="2014-03-02"),
    ]
    ledger, _ = check(settings, rows)
    assert ledger[["body", "title"]].values.tolist() == [["交管所", "b"], ["运管所", "c"], ["运管所", "a"]]


def test_row_with_only_the_unit_is_a_blank_template_row(settings: Settings) -> None:
    ledger, findings = check(settings, [row(unit="运管所"), good()])
    assert findings == [] and ledger["excel_row"].tolist() == [3]


def test_an_unknown_unit_goes_to_the_body_the_sheet_or_file_names(settings: Settings) -> None:
    rows = [good(unit="公路管理站"), good(unit="宣传科", title="b")]
    ledger, findings = check(settings, rows, file="公路站/公路站.xlsx", sheet="台账")
    assert ledger.empty  # the typed name may mean another body: the rows still fail
    assert {(f.rule, f.row, f.value, f.body) for f in findings} == {
        ("L-UNIT", 2, "公路管理站", "公路站"),
        ("L-UNIT", 3, "宣传科", "公路站"),
    }
    # Where neither the sheet nor the file names a body, the finding has none.
    _, findings = check(settings, [good(unit="公路管理站"), good(unit=None, title="b")], file="汇总.xlsx")
    assert {(f.rule, f.row, f.body) for f in findings} == {("L-UNIT", 2, ""), ("L-UNIT", 3, "")}


def test_without_a_year_dates_are_checked_against_the_dominant_year(settings: Settings) -> None:
    rows = [
        good(title="a", submitted="2014-03-05"),
        good(title="b", submitted="2014-03-06"),
        good(title="c", submitted="2041-03-07", outlet="县报", adopted="2014-03-09"),  # typed 2041
        good(title="d", submitted="2013-12-20"),  # within a month of the year: fine
    ]
    ledger, findings = check(settings, rows, today=dt.date(2050, 1, 1))
    assert where(findings) == {
        ("warning", "L-DATE", 4, LETTER["submitted"]),
        ("warning", "L-DATE", 4, LETTER["adopted"]),  # before its submitted date
    }
    message = {f.column: f.message for f in findings}[LETTER["submitted"]]
    assert message == "第4行 报送日期「2041-03-07」不在2014年内，请核对"
    assert len(ledger) == 4  # warnings keep their rows
    # A tie goes to the later year; a given year wins over the dominant one.
    _, findings = check(settings, [good(submitted="2013-03-05"), good(title="b", submitted="2014-03-05")])
    assert where(findings) == {("warning", "L-DATE", 2, LETTER["submitted"])}
    _, findings = check(settings, rows[:3], year=2041, today=dt.date(2050, 1, 1))
    assert {f.row for f in findings if "不在" in f.message} == {2, 3, 4}


def test_two_columns_for_one_item_the_first_kept_the_other_fills_its_blanks(settings: Settings) -> None:
    header = ["单位", "作者", "标题", "类别", "日期", "报送日期", "日期"]
    rows = [
        ["运管所", "张三", "a", "动态信息", "2014-03-01", "2014-03-05", "2014-03-09"],  # 报送日期 wins
        ["运管所", "张三", "b", "动态信息", "2014-03-02", "", ""],  # only 日期 (E): it counts
        ["运管所", "张三", "c", "动态信息", "", "", "2014-03-07"],  # only the second 日期 (G)
        ["运管所", "张三", "d", "动态信息", "", "", ""],  # none: still required
    ]
    ledger, findings = check(settings, rows, header=header)
    assert {(f.severity, f.rule, f.row, f.column, f.header) for f in findings} == {
        ("warning", "L-HEADER", 1, "E", "日期"),
        ("warning", "L-HEADER", 1, "G", "日期"),
        ("error", "L-REQUIRED", 5, "F", "报送日期"),
    }
    message = {f.column: f.message for f in findings}["E"]
    assert message == (
        "工作表「台账」第1行 E列「日期」与F列「报送日期」是同一项，已按F列读取，"
        "E列只在F列为空时采用；请删除或改名其中一列"
    )
    assert ledger.set_index("title")["submitted"].to_dict() == {
        "a": pd.Timestamp(2014, 3, 5),
        "b": pd.Timestamp(2014, 3, 2),
        "c": pd.Timestamp(2014, 3, 7),
    }
    # Without the standard name, the first of two 日期 columns is kept.
    _, findings = check(
        settings, [["运管所", "张三", "a", "动态信息", "", "2014-03-05"]], header=[*header[:5], "日期"]
    )
    assert [(f.rule, f.column) for f in findings] == [("L-HEADER", "F")]


def test_checking_moves_the_columns_out_of_the_input(settings: Settings) -> None:
    """validate moves each column of its input into the ledger it gives (so that read_ledgers never
    holds a big ledger twice): the ledger is the one a copy of the input gives."""
    rows = [
        good(title="b", submitted="2014-03-09"),
        good(title="a", submitted="2014-03-02", outlet="县报", adopted="2014-03-04"),
        good(title="c", submitted="2014.13.5"),  # an error row, left out
        good(title="a", submitted="2014-03-02", outlet="县报", adopted="2014-03-04"),  # a duplicate
    ]
    grid: list[list[object]] = [list(HEADER), *rows]
    cells = [[cast(Cell, "" if v is None else v) for v in r] for r in grid]
    tables, _ = extract_tables(RawWorkbook("运管所.xlsx", "", (RawSheet("台账", cells),)))
    normalized = normalize(tables, settings)
    kept, kept_findings = validate(normalized.ledger.copy(), normalized.sheets, settings, today=TODAY)
    moved, moved_findings = validate(normalized.ledger, normalized.sheets, settings, today=TODAY)
    pd.testing.assert_frame_equal(moved, kept)
    assert moved_findings == kept_findings
    assert moved["title"].tolist() == ["a", "b"]
    assert not set(LEDGER_COLUMNS) & set(normalized.ledger.columns)  # the input gave its columns up

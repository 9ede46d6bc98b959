"""reading.tables: a workbook's sheets cut into the tables of the sheets recognised."""

from __future__ import annotations

from xcreport.reading.tables import extract_tables
from xcreport.reading.workbook import Cell, RawSheet, RawWorkbook


def test_sheets_without_a_header_are_skipped_or_warned() -> None:
    sheets = (
        RawSheet("说明", [["填表说明"], ["1. 每月25日前报送"], ["2. 日期写成2014-03-05"]]),
        RawSheet("空表", [["作者"]]),
        RawSheet("半个表头", [["作者", "内容"], ["张三", "x"], ["李四", "y"]]),
        RawSheet("台账", [["作者", "标题", "类别", "报送日期"], ["张三", "x", "动态信息", "2014-03-05"]]),
    )
    tables, findings = extract_tables(RawWorkbook("a.xlsx", "", sheets))
    assert [(t.sheet, t.kind) for t in tables] == [("台账", "ledger")]
    assert [(f.severity, f.rule, f.sheet, f.row) for f in findings] == [
        ("warning", "L-HEADER", "半个表头", None)
    ]


def test_blank_template_rows_are_dropped_and_excel_rows_kept() -> None:
    rows: list[list[Cell]] = [
        ["台账", "", "", "", ""],
        ["序号", "单位", "作者", "标题", "报送日期"],
        [1, "运管所", "", "", ""],  # a pre-numbered, pre-filled template row: blank
        [2, "运管所", "张三", "x", "2014-03-05"],
        ["", "", "", "", ""],
        [4, "", "", "y", ""],
    ]
    (table,), _ = extract_tables(RawWorkbook("a.xlsx", "", (RawSheet("S", rows),)))
    assert table.excel_rows.tolist() == [4, 6]
    assert table.columns["unit"] == ("B", "单位")
    assert table.columns["submitted"] == ("E", "报送日期")
    titles = table.cells["title"]
    assert list(titles.uniques[titles.codes]) == ["x", "y"]

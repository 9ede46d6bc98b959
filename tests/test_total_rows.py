"""合计/小计/总计 rows under a ledger: one L-TOTAL finding each (the row is left out), not four."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.ledger_factory import LETTER, good, ledger, row
from xcreport.config import Settings
from xcreport.findings import TOTAL_ROW
from xcreport.reading import read_ledgers


def test_total_rows_are_one_finding_each_and_left_out(tmp_path: Path, settings: Settings) -> None:
    rows = [
        good(title="一"),
        good(title="二"),
        row(unit="小 计", category="2"),  # spaces inside the word, a figure elsewhere
        good(unit="交管所", title="三"),
        row(author="合计：3篇"),  # the word in the 作者 column, with a colon and a figure
        row(unit="总计", title="3", submitted="2014-03-31"),
    ]
    ledger(tmp_path / "运管所.xlsx", rows)
    data = read_ledgers(tmp_path, settings, today=dt.date(2014, 4, 1), workers=0)
    assert sorted(data.ledger["title"].tolist()) == ["一", "三", "二"]
    assert [(f.severity, f.rule, f.row, f.column, f.value) for f in data.findings] == [
        ("error", "L-TOTAL", 4, LETTER["unit"], "小 计"),
        ("error", "L-TOTAL", 6, LETTER["author"], "合计：3篇"),
        ("error", "L-TOTAL", 7, LETTER["unit"], "总计"),
    ]
    first = data.findings[0]
    assert first.message == TOTAL_ROW.message(row=4, header="单位", value="小 计")
    assert "本行未计入" in first.message and first.file == "运管所.xlsx" and first.sheet == "Sheet1"


def test_a_title_that_mentions_a_total_is_a_piece(tmp_path: Path, settings: Settings) -> None:
    ledger(tmp_path / "运管所.xlsx", [good(title="合计完成客运量120万人次")])
    data = read_ledgers(tmp_path, settings, today=dt.date(2014, 4, 1), workers=0)
    assert data.ledger["title"].tolist() == ["合计完成客运量120万人次"]
    assert data.findings == []


def test_a_year_typo_is_one_error_per_cell_and_the_row_is_left_out(
    tmp_path: Path, settings: Settings
) -> None:
    rows = [
        good(title="一", submitted="2015-03-05"),
        good(title="二", submitted="2015-03-06"),
        good(title="三", submitted="2105-3-16"),
    ]
    ledger(tmp_path / "运管所.xlsx", rows)
    data = read_ledgers(tmp_path, settings, today=dt.date(2016, 4, 1), workers=0)
    assert [(f.severity, f.kind, f.row, f.column) for f in data.findings] == [
        ("error", "date-year-typo", 4, LETTER["submitted"])
    ]
    assert "本行未计入" in data.findings[0].message and "2015年" in data.findings[0].message
    assert sorted(data.ledger["title"].tolist()) == ["一", "二"]

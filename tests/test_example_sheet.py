"""Rows typed into the blank ledger's 填写示例 sheet are not lost: read, with one warning naming the
sheet and rows and saying what to do; the example row itself, and an untouched example sheet, give
nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from xcreport.blank import write_blank_ledgers
from xcreport.config import Settings
from xcreport.reading import read_ledgers
from xcreport.reading.headers import EXAMPLE_MARK, EXAMPLE_SHEET

TODAY = dt.date(2015, 1, 10)


def _blank_ledger(folder: Path, settings: Settings) -> Path:
    write_blank_ledgers(folder, settings, 2014)
    for path in folder.glob("*.xlsx"):
        if not path.name.startswith("运管所"):
            path.unlink()
    (path,) = folder.glob("运管所*.xlsx")
    return path


def _example_rows(path: Path, titles: list[str]) -> int:
    """Type a row per title into the example sheet below its example row; the example row's line."""
    wb = openpyxl.load_workbook(path)
    ws = wb[EXAMPLE_SHEET]
    example = next(r for r in range(1, ws.max_row + 1) if EXAMPLE_MARK in [c.value for c in ws[r]])
    heads = [str(c.value or "").removesuffix("*") for c in ws[example - 1]]
    for i, title in enumerate(titles, start=1):
        values = {
            "单位": "运管所",
            "作者": "王五",
            "标题": title,
            "类别": "动态信息",
            "报送日期": f"2014-03-{i + 1}",
        }
        for col, head in enumerate(heads, start=1):
            ws.cell(example + i, col, values.get(head))
    wb.save(path)
    return example


def test_rows_typed_into_the_example_sheet_are_read_with_one_warning(
    settings: Settings, tmp_path: Path
) -> None:
    path = _blank_ledger(tmp_path / "台账", settings)
    example = _example_rows(path, ["甲稿", "乙稿", "丙稿"])
    data = read_ledgers(tmp_path / "台账", settings, today=TODAY, year=2014)
    assert sorted(data.ledger["title"]) == ["丙稿", "乙稿", "甲稿"]  # not the example row
    assert (data.ledger["body"] == "运管所").all()
    (warning,) = [f for f in data.findings if f.sheet == EXAMPLE_SHEET]
    assert warning.severity == "warning" and warning.row == example + 1
    assert f"第{example + 1}—{example + 3}行有3条记录，已计入统计" in warning.message
    assert "请把这些记录移到本单位的工作表中" in warning.message
    assert data.inputs[0].rows == 3


def test_an_untouched_example_sheet_gives_nothing(settings: Settings, tmp_path: Path) -> None:
    _blank_ledger(tmp_path / "台账", settings)
    data = read_ledgers(tmp_path / "台账", settings, today=TODAY, year=2014)
    assert data.ledger.empty
    assert not [f for f in data.findings if f.sheet == EXAMPLE_SHEET]

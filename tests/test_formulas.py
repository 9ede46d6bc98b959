"""A formula no spreadsheet calculated (a program wrote the file) reads as empty: its finding says
公式未计算 and what to do, not 未填写."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl

from tests.ledger_factory import HEADER, LETTER, good
from xcreport.config import Settings
from xcreport.reading import read_ledgers
from xcreport.reading.formulas import uncalculated_cells

TODAY = dt.date(2015, 1, 10)


def _program_written(path: Path) -> Path:
    """As a script writes a ledger: openpyxl stores formulas and no value."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "台账"
    ws.append(HEADER)
    ws.append(good(title="公式作者"))
    ws.append(good(title="正常作者"))
    ws[f"{LETTER['author']}2"] = '=CONCATENATE("张","三")'
    wb.save(path)
    return path


def test_an_uncalculated_formula_is_named_as_such(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "台账"
    folder.mkdir()
    _program_written(folder / "运管所.xlsx")
    assert uncalculated_cells(folder / "运管所.xlsx", ["台账"]) == {("台账", f"{LETTER['author']}2")}
    data = read_ledgers(folder, settings, today=TODAY, year=2014)
    (finding,) = data.findings
    assert finding.row == 2 and finding.column == LETTER["author"] and finding.severity == "error"
    assert "公式未计算，请用 Excel/WPS 打开并保存" in finding.message and "未填写" not in finding.message
    assert finding.kind == "formula-uncalculated"
    assert data.ledger["title"].tolist() == ["正常作者"]


def test_a_truly_blank_cell_is_still_blank(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "台账"
    folder.mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(HEADER)
    ws.append(good(author=None))
    wb.save(folder / "运管所.xlsx")
    (finding,) = read_ledgers(folder, settings, today=TODAY, year=2014).findings
    assert "未填写" in finding.message and finding.kind == "required-blank"


def test_an_uncalculated_formula_in_a_gbk_named_file_is_named_as_such(
    settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "台账"
    folder.mkdir()
    name = os.fsdecode("运管所台账".encode("gbk") + b".xlsx")  # as a zip made on Windows stores it
    _program_written(folder / "tmp.xlsx").rename(folder / name)
    (finding,) = read_ledgers(folder, settings, today=TODAY, year=2014).findings
    assert finding.file == "运管所台账.xlsx"
    assert finding.kind == "formula-uncalculated"

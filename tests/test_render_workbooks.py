"""The ranking, findings and correction workbooks: layout, numbers as numbers, text never a formula."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from tests.metrics_factory import ANNUAL, MONTHLY, annual_metrics, monthly_metrics, sample_findings
from xcreport.config import Settings
from xcreport.findings import Finding
from xcreport.render import write_corrections, write_findings, write_ranking
from xcreport.render.findings import FINDING_HEADERS


def _no_formulas(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


def test_monthly_ranking_sheets_and_columns(settings: Settings, tmp_path: Path) -> None:
    path = write_ranking(monthly_metrics(settings), settings, MONTHLY, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["单位排名", "基层单位", "机关科室", "通讯员排名"]
    ws = wb["单位排名"]
    head = [c.value for c in ws[1]]
    assert head == [
        "名次", "单位", "类别", "本月报送", "累计报送", "上半月", "下半月", "达标",
        "国家级", "省部级", "市级", "县级", "内部", "迟报", "本月得分", "累计得分",
    ]  # fmt: skip
    first = [c.value for c in ws[2]]
    assert first[:4] == [1, "运管所", "所属单位", 9]
    assert isinstance(first[-1], float) and first[-1] == 92.5
    assert ws.max_row == 17
    assert [c.value for c in wb["机关科室"]["B"][1:]] == [
        "办公室",
        "政工科",
        "安全监督科",
        "政策法规科",
        "规划建设科",
        "财务审计科",
    ]
    assert [c.value for c in wb["机关科室"]["A"][1:]] == [1, 2, 3, 4, 4, 6]
    for sheet in wb.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == "9"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        setup = sheet.sheet_properties.pageSetUpPr
        assert setup is not None and setup.fitToPage
    # a name of seven Chinese characters needs 14 half-width cells, plus padding
    assert wb["单位排名"].column_dimensions["B"].width >= 14
    person = wb["通讯员排名"]
    names = [c.value for c in person["B"][1:]]
    assert "=钱多多" in names
    cell = person.cell(names.index("=钱多多") + 2, 2)
    assert cell.data_type == "s"
    _no_formulas(path)


def test_annual_ranking_adds_the_assessment(settings: Settings, tmp_path: Path) -> None:
    path = write_ranking(annual_metrics(settings), settings, ANNUAL, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["单位排名", "基层单位", "机关科室", "通讯员排名", "考核汇总"]
    assert [c.value for c in wb["单位排名"][1]][3:5] == ["全年报送", "达标"]
    ws = wb["考核汇总"]
    head = [c.value for c in ws[1]]
    assert head[:4] == ["考核名次", "单位", "类别", "全年得分"]
    assert "省部级完成率" in head and head[-2:] == ["任务完成率", "综合考核得分"]
    rate = ws.cell(2, head.index("任务完成率") + 1)
    assert isinstance(rate.value, int | float) and rate.number_format == "0.0%"
    assert [c.value for c in ws["A"][1:4]] == [1, 2, 3]


def test_findings_list(tmp_path: Path) -> None:
    path = write_findings(sample_findings(), tmp_path / "f.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    assert [c.value for c in ws[1]] == list(FINDING_HEADERS.values())
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert len(rows) == len(sample_findings())
    assert {r[0] for r in rows} == {"错误", "警告"}
    assert rows[0][2] is None and rows[0][3] == "坏文件.xlsx"  # no body sorts first
    values = {r[8] for r in rows}
    assert {'=HYPERLINK("x")', "+省级", "@王五", "-3"} <= values
    for row in ws.iter_rows(min_row=2):
        assert row[8].value is None or row[8].data_type == "s"
        assert row[5].value is None or isinstance(row[5].value, int)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:J{len(rows) + 1}"
    _no_formulas(path)


def test_corrections_hold_only_their_own_findings(settings: Settings, tmp_path: Path) -> None:
    stale = tmp_path / "退回修改" / "公路站.xlsx"
    stale.parent.mkdir()
    stale.write_bytes(b"old list of a body that has no findings now")
    paths = list(write_corrections(sample_findings(), settings, tmp_path).values())
    assert [p.name for p in paths] == ["运管所.xlsx", "海事处.xlsx", "航道站.xlsx", "政策法规科.xlsx"]
    assert not stale.exists()
    assert not (tmp_path / "退回修改" / "坏文件.xlsx").exists()
    wb = openpyxl.load_workbook(paths[0])
    ws = wb.active
    assert ws is not None
    assert ws["A1"].value == "运管所信息宣传台账问题清单（退回修改）"
    assert "25日前" in str(ws["A2"].value)
    assert [c.value for c in ws[4]] == [v for k, v in FINDING_HEADERS.items() if k != "body"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
    assert len(rows) == 3 and all(r[2] == "运管所.xlsx" for r in rows)
    assert ws.freeze_panes == "A5"
    _no_formulas(paths[0])


@pytest.mark.parametrize("value", ["=1+1", "+86 123", "-5", "@SUM(A1)", "=cmd|' /C calc'!A0"])
def test_formula_looking_text_stays_text(tmp_path: Path, value: str) -> None:
    finding = Finding("error", "L-VALUE", value, "x.xlsx", "s", 2, "B", "标题", value, "运管所")
    path = write_findings([finding], tmp_path / "f.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    assert ws["I2"].value == value and ws["I2"].data_type == "s"
    assert ws["J2"].value == value and ws["J2"].data_type == "s"
    _no_formulas(path)


def test_empty_findings_give_a_header_only_list(settings: Settings, tmp_path: Path) -> None:
    path = write_findings([], tmp_path / "f.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert ws is not None and ws.max_row == 1
    assert write_corrections([], settings, tmp_path) == {}


def test_findings_list_prints_legibly(settings: Settings, tmp_path: Path) -> None:
    """A4 landscape, one page wide (as many pages down as it takes), the header on every page,
    long messages wrapped in a column of bounded width and their rows as high as their lines."""
    long = "第12行 报送日期「2014.13.5」不是有效日期，请改为 2014-03-05 这样的日期；" * 3
    findings = [
        *sample_findings(),
        Finding("error", "L-DATE", long, file="运管所台账.xlsx", sheet="2014", row=12, body="运管所"),
    ]
    for path in (
        write_findings(findings, tmp_path / "f.xlsx"),
        write_corrections(findings, settings, tmp_path)["运管所"],
    ):
        ws = openpyxl.load_workbook(path).worksheets[0]
        setup = ws.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9
        fit = ws.sheet_properties.pageSetUpPr
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0) and fit is not None and fit.fitToPage
        header = next(r for r in range(1, 5) if ws.cell(r, 1).value == FINDING_HEADERS["severity"])
        assert ws.print_title_rows == f"$1:${header}"
        heads = [c.value for c in ws[header]]
        col = get_column_letter(heads.index(FINDING_HEADERS["message"]) + 1)
        assert ws.column_dimensions[col].width < 49  # 48 and the padding XlsxWriter adds
        row = next(c.row for c in ws[col] if c.value == long)
        assert ws[f"{col}{row}"].alignment.wrap_text
        assert (ws.row_dimensions[row].height or 0) >= 13.5 * 4  # 70 wide characters in a 48 column

"""``xcreport init``: the blank ledgers the office hands out in January."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xcreport.blank import (
    COLUMNS,
    DATA_ROWS,
    INLINE_LIMIT,
    LISTS_SHEET,
    write_blank_ledgers,
)
from xcreport.config import Outlet, Settings
from xcreport.reading.headers import EXAMPLE_SHEET
from xcreport.text import display_width, safe_file_name, safe_sheet_title

YEAR = 2015  # not the sample's 2014: nothing about the year may be fixed in code

CANONICAL = [
    "单位", "作者", "标题", "类别", "宣传重点", "主题工程", "品牌", "报送日期", "所属月份",
    "用稿媒体", "媒体级别", "用稿日期", "领导批示", "重大政务信息", "事发日期", "核查结果", "链接", "备注",
]  # fmt: skip
REQUIRED = {"作者", "标题", "类别", "报送日期"}


@pytest.fixture(scope="module")
def blank(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("init") / "空白台账"
    write_blank_ledgers(out, settings, YEAR)
    return out


def _ledger(blank: Path, body: str) -> Workbook:
    return openpyxl.load_workbook(blank / f"{body}信息报送台账_{YEAR}.xlsx")


def _header_names(ws: Worksheet, row: int) -> list[str]:
    return [str(c.value).removesuffix("*") for c in ws[row] if c.value is not None]


def _resolve(wb: Workbook, dv: DataValidation) -> list[str]:
    """The items of a list validation: inline, or the 词表 range it points at."""
    formula = dv.formula1
    assert formula is not None
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, _, ref = formula.partition("!")
    assert sheet.strip("'") == LISTS_SHEET
    lists = wb[LISTS_SHEET]
    return [str(row[0]) for row in lists.iter_rows(*_bounds(ref), values_only=True)]


def _bounds(ref: str) -> tuple[int, int, int, int]:
    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    assert min_col is not None and min_col == max_col and min_row is not None and max_row is not None
    return min_row, max_row, min_col, min_col


def _by_column(ws: Worksheet) -> dict[str, DataValidation]:
    """Validation per header: each must cover exactly its column's data rows."""
    out: dict[str, DataValidation] = {}
    headers = {get_column_letter(i): h for i, h in enumerate(_header_names(ws, 2), start=1)}
    for dv in ws.data_validations.dataValidation:
        (ref,) = str(dv.sqref).split()
        match = re.fullmatch(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", ref)
        assert match is not None, ref
        first, top, last, bottom = match.groups()
        assert first == last and int(top) == 3 and int(bottom) == 2 + DATA_ROWS, ref
        out[headers[first]] = dv
    return out


# -- files --------------------------------------------------------------------------------------


def test_one_ledger_per_body_plus_the_side_workbooks(settings: Settings, tmp_path: Path) -> None:
    files = write_blank_ledgers(tmp_path, settings, YEAR)
    expected = [f"{b.name}信息报送台账_{YEAR}.xlsx" for b in settings.bodies]
    expected += ["通讯员名册.xlsx", "重大事项登记.xlsx", "市局排名.xlsx"]
    assert [f.name for f in files] == expected
    assert all(f.parent == tmp_path and f.is_file() for f in files)
    # Again over the same folder: replaced whole, no temporary file left behind.
    write_blank_ledgers(tmp_path, settings, YEAR)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(expected)


def test_everything_comes_from_the_settings(settings: Settings, tmp_path: Path) -> None:
    other = Settings.model_validate(
        {
            "county": {"name": "另一县", "bureau": "另一县交通运输局"},
            "groups": [
                {"key": "站所", "label": "站所", "cadence": "half-month"},
                {"key": "科室", "label": "科室", "cadence": "month"},
            ],
            "bodies": [
                {"name": "港航/船闸所", "group": "站所", "brands": ["畅通"]},
                {"name": "综合科", "group": "科室"},
            ],
            "vocabulary": {
                "categories": ["简报", "动态"],
                "dynamic_category": "动态",
                "focus": ["品牌", "工程"],
                "project_focus": "工程",
                "brand_focus": "品牌",
                "projects": ["甲工程"],
                "brands": ["畅通"],
            },
            "levels": ["省级", "县级"],
            "outlets": [{"name": "县台", "level": "县级"}],
            "scoring": {"points": {"省级": 5, "县级": 1}},
        }
    )
    files = write_blank_ledgers(tmp_path, other, 2031)
    assert files[0].name == "港航_船闸所信息报送台账_2031.xlsx"
    wb = openpyxl.load_workbook(files[0])
    ws = wb.worksheets[0]
    assert ws.title == "港航_船闸所"
    assert ws["A1"].value == "港航/船闸所2031年信息宣传报送台账"
    lists = {h: _resolve(wb, dv) for h, dv in _by_column(ws).items() if dv.type == "list"}
    assert lists["单位"] == ["港航/船闸所"]
    assert lists["类别"] == ["简报", "动态"]
    assert lists["媒体级别"] == ["省级", "县级"]
    assert lists["所属月份"][0] == "2031-01"
    example = wb[EXAMPLE_SHEET]
    assert "另一县" not in str(list(example.values)) and "2014" not in str(list(example.values))
    notes = [str(row[0]) for row in example.iter_rows(max_col=1, values_only=True) if row[0]]
    assert "6. 本单位属于“站所”，上下半月各至少报送1篇动态。" in notes  # its group's duty
    office = openpyxl.load_workbook(files[1])[EXAMPLE_SHEET]
    assert "6. 本单位属于“科室”，每月不少于1篇动态。" in [
        str(r[0]) for r in office.iter_rows(values_only=True)
    ]
    ranking = openpyxl.load_workbook(files[-1]).active
    assert ranking is not None
    assert ranking["A3"].value == "2031年1月"


# -- the ledger sheet ---------------------------------------------------------------------------


def test_title_header_and_frozen_pane(blank: Path, settings: Settings) -> None:
    for body in settings.bodies:
        wb = _ledger(blank, body.name)
        assert wb.sheetnames == [body.name, EXAMPLE_SHEET, LISTS_SHEET]
        assert wb[LISTS_SHEET].sheet_state == "veryHidden"
        ws = wb.worksheets[0]
        assert ws["A1"].value == f"{body.name}{YEAR}年信息宣传报送台账"
        assert f"A1:{get_column_letter(len(CANONICAL))}1" in {str(r) for r in ws.merged_cells.ranges}
        headers = [c.value for c in ws[2]]
        assert headers == [f"{h}*" if h in REQUIRED else h for h in CANONICAL]
        assert ws.freeze_panes == "A3"
        assert ws.max_row == 2  # nothing below the header: the sheet is clean


def test_drop_down_lists_hold_the_configured_vocabularies(blank: Path, settings: Settings) -> None:
    vocab = settings.vocabulary
    wb = _ledger(blank, "海事处")
    validations = _by_column(wb.worksheets[0])
    lists = {h: _resolve(wb, dv) for h, dv in validations.items() if dv.type == "list"}
    assert lists == {
        "单位": ["海事处"],
        "类别": list(vocab.categories),
        "宣传重点": list(vocab.focus),
        "主题工程": list(vocab.projects),
        "品牌": list(vocab.brands),
        "所属月份": [f"{YEAR}-{m:02d}" for m in range(1, 13)],
        "用稿媒体": [o.name for o in settings.outlets],
        "媒体级别": list(settings.levels),
        "领导批示": ["是", "否"],
        "重大政务信息": ["是", "否"],
        "核查结果": ["属实", "虚假", "失实"],
    }
    # Closed lists refuse other values; 用稿媒体 and 所属月份 only suggest (LEDGER.md accepts others).
    assert validations["类别"].errorStyle == "stop" and validations["类别"].showErrorMessage
    assert validations["用稿媒体"].errorStyle == "warning"
    assert validations["所属月份"].errorStyle == "warning"
    # Every list is in 词表 as well, for the office to read.
    words = {str(v) for row in wb[LISTS_SHEET].iter_rows(min_row=2, values_only=True) for v in row if v}
    assert set(vocab.brands) | {o.name for o in settings.outlets} <= words
    # The 词表 labels are no ledger column name: the reader never takes 词表 for a ledger.
    assert not {str(c.value) for c in wb[LISTS_SHEET][1]} & set(CANONICAL)


def test_date_columns_are_formatted_and_validated(blank: Path) -> None:
    wb = _ledger(blank, "运管所")
    ws = wb.worksheets[0]
    validations = _by_column(ws)
    for header in ("报送日期", "用稿日期", "事发日期"):
        letter = get_column_letter(CANONICAL.index(header) + 1)
        assert ws.column_dimensions[letter].number_format == "yyyy-mm-dd", header
        dv = validations[header]
        assert (dv.type, dv.operator) == ("date", "between")
        assert dv.formula1 == f"DATE({YEAR - 1},12,1)" and dv.formula2 == f"DATE({YEAR + 1},1,31)"
    month = get_column_letter(CANONICAL.index("所属月份") + 1)
    assert ws.column_dimensions[month].number_format == "@"
    # Free-text columns carry no validation.
    assert not {"作者", "标题", "链接", "备注"} & set(validations)


def test_columns_are_wide_enough_for_chinese(blank: Path) -> None:
    ws = _ledger(blank, "海启高速项目组").worksheets[0]
    for col, header in enumerate(_header_names(ws, 2), start=1):
        width = ws.column_dimensions[get_column_letter(col)].width
        assert width >= display_width(header) + 2, header
    assert ws.column_dimensions["C"].width >= 40  # 标题
    assert display_width("标题") == 4 and display_width("ab") == 2


def test_a_long_list_points_at_the_lists_sheet(settings: Settings, tmp_path: Path) -> None:
    many = tuple(Outlet(name=f"第{i:02d}号合作媒体平台", level="县级") for i in range(40))
    assert len(",".join(o.name for o in many)) > INLINE_LIMIT
    write_blank_ledgers(tmp_path, settings.model_copy(update={"outlets": many}), YEAR)
    wb = openpyxl.load_workbook(tmp_path / f"运管所信息报送台账_{YEAR}.xlsx")
    dv = _by_column(wb.worksheets[0])["用稿媒体"]
    assert dv.formula1 is not None and dv.formula1.startswith(f"'{LISTS_SHEET}'!$")
    assert _resolve(wb, dv) == [o.name for o in many]
    # Short lists stay inline.
    assert _by_column(wb.worksheets[0])["类别"].formula1 == '"动态信息,政务信息,新闻稿件,专题报道"'


# -- the example sheet --------------------------------------------------------------------------


def test_example_sheet_shows_a_row_the_reader_never_takes(blank: Path, settings: Settings) -> None:
    wb = _ledger(blank, "运管所")
    ws = wb[EXAMPLE_SHEET]
    known = set(CANONICAL)
    header_rows = [r for r in range(1, ws.max_row + 1) if len(known & set(_header_names(ws, r))) >= 3]
    (header_row,) = header_rows
    assert header_row > 10  # LEDGER.md: a header is looked for in the first 10 rows only
    assert [c.value for c in ws[header_row]] == [c.value for c in wb.worksheets[0][2]]
    example = {h: c.value for h, c in zip(CANONICAL, ws[header_row + 1], strict=True)}
    assert example["单位"] == "运管所"
    assert example["备注"] == "示例，填写时请删除"
    assert example["类别"] == settings.vocabulary.dynamic_category
    assert example["宣传重点"] == settings.vocabulary.brand_focus and example["品牌"] == "诚信驾校"
    assert example["报送日期"] == dt.datetime(YEAR, 3, 5)
    assert ws.cell(header_row + 1, 1).font.i  # grey italic
    assert "填写说明" in str(ws["A1"].value)


# -- the side workbooks -------------------------------------------------------------------------


def test_roster_register_and_ranking(blank: Path, settings: Settings) -> None:
    bodies = [b.name for b in settings.bodies]

    roster = openpyxl.load_workbook(blank / "通讯员名册.xlsx")
    ws = roster.active
    assert ws is not None
    # a task column per level at which a body has a task, to break it down to persons (R9)
    assert [c.value for c in ws[2]] == ["单位", "姓名", "电话", "职务", "省部级任务", "市级任务"]
    assert ws.freeze_panes == "A3"
    validations = _by_column(ws)
    assert {h: _resolve(roster, dv) for h, dv in validations.items() if dv.type == "list"} == {"单位": bodies}
    assert validations["省部级任务"].type == validations["市级任务"].type == "whole"

    register = openpyxl.load_workbook(blank / "重大事项登记.xlsx")
    ws = register.active
    assert ws is not None
    assert [c.value for c in ws[2]] == ["事项", "事发日期", "责任单位", "处理"]
    validations = _by_column(ws)
    assert _resolve(register, validations["责任单位"]) == bodies
    assert validations["事发日期"].type == "date"
    assert ws.column_dimensions["B"].number_format == "yyyy-mm-dd"

    ranking = openpyxl.load_workbook(blank / "市局排名.xlsx").active
    assert ranking is not None
    assert [c.value for c in ranking[2]] == ["月份", "名次", "得分"]
    assert [ranking.cell(r, 1).value for r in range(3, 15)] == [f"{YEAR}年{m}月" for m in range(1, 13)]
    assert ranking.cell(15, 1).value is None
    (rank,) = ranking.data_validations.dataValidation
    assert (rank.type, rank.formula1, rank.formula2) == ("whole", "1", str(settings.city_rank.counties))


# -- a filled-in ledger is a ledger -------------------------------------------------------------


def test_a_filled_ledger_has_the_header_the_reader_recognises(blank: Path, tmp_path: Path) -> None:
    wb = _ledger(blank, "公路站")
    ws = wb.worksheets[0]
    row: dict[str, str | dt.date] = {
        "单位": "公路站", "作者": "王五", "标题": "县公路站开展桥梁检查", "类别": "动态信息",
        "报送日期": dt.date(YEAR, 4, 8), "用稿媒体": "交通动态", "用稿日期": dt.date(YEAR, 4, 10),
    }  # fmt: skip
    for col, header in enumerate(CANONICAL, start=1):
        ws.cell(3, col, row.get(header))
    filled = tmp_path / "公路站.xlsx"
    wb.save(filled)

    ws = openpyxl.load_workbook(filled).worksheets[0]
    header_row = next(
        r for r in range(1, 11) if len(set(CANONICAL) & set(_header_names(ws, r))) >= 3
    )  # LEDGER.md: the first of the first 10 rows with ≥ 3 known names
    assert header_row == 2
    assert _header_names(ws, header_row) == CANONICAL
    values = {h: c.value for h, c in zip(CANONICAL, ws[3], strict=True)}
    assert values["标题"] == "县公路站开展桥梁检查"
    assert values["报送日期"] == dt.datetime(YEAR, 4, 8)


def test_column_table_matches_the_ledger_contract() -> None:
    assert [c.header for c in COLUMNS] == CANONICAL
    assert {c.header for c in COLUMNS if c.required} == REQUIRED


@pytest.mark.parametrize(
    ("name", "file", "sheet"),
    [
        ("运管所", "运管所", "运管所"),
        ("港航/船闸", "港航_船闸", "港航_船闸"),
        ('a:b*c?"d', "a_b_c__d", 'a_b_c_"d'),
        ("x" * 40, "x" * 40, "x" * 31),
    ],
)
def test_names_safe_for_files_and_sheets(name: str, file: str, sheet: str) -> None:
    assert safe_file_name(name) == file
    assert safe_sheet_title(name) == sheet

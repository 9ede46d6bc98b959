"""Blank ledgers for the year (空白台账): what the office hands out in January (``xcreport init``).

One workbook per registered body, ``<body>信息报送台账_<year>.xlsx``:

* sheet ``<body>``: a merged title row 「<body><year>年信息宣传报送台账」, the header row with the
  canonical column names of LEDGER.md (required ones marked ``*``, which the reader strips),
  frozen below the header, drop-down lists on every vocabulary column, date columns formatted
  ``yyyy-mm-dd`` and validated, widths fitted for Chinese text;
* sheet ``填写示例``: how to fill it in, and one example row under the same header.  The notes
  take the first rows of that sheet so that its header sits below row 10, where the reader
  never looks for one: the example is never read as a piece;
* sheet ``词表`` (very hidden): every list, one column each.  A drop-down whose items fit in Excel's
  255-character limit for an inline list carries them inline; a longer one points at its
  column here.

Plus ``通讯员名册.xlsx`` (roster), ``重大事项登记.xlsx`` (major-event register) and
``市局排名.xlsx`` (the city's monthly ranking, the year's months filled in).

Everything comes from :class:`~xcreport.config.Settings` and ``year``; each file is written to a
temporary name and renamed (:func:`~xcreport.fsutil.atomic_path`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from xcreport.config import Body, Settings
from xcreport.fsutil import atomic_path
from xcreport.reading.dates import accepted_dates
from xcreport.reading.headers import (
    EXAMPLE_SHEET,
    HEADER_SEARCH_ROWS,
    LEDGER_HEADERS,
    RANKING_HEADERS,
    REGISTER_HEADERS,
    REQUIRED_KEYS,
    ROSTER_HEADERS,
    standard_header,
)
from xcreport.text import display_width, safe_file_name, safe_sheet_title

#: Rows below the header that carry the drop-downs and validations.
DATA_ROWS = 1000
#: Excel refuses an inline list (formula1 "a,b,c") longer than this.
INLINE_LIMIT = 255

LISTS_SHEET = "词表"
ROSTER_FILE = "通讯员名册.xlsx"
REGISTER_FILE = "重大事项登记.xlsx"
RANKING_FILE = "市局排名.xlsx"
DATE_FORMAT = "yyyy-mm-dd"
YES_NO = ("是", "否")

Kind = Literal["text", "date", "month", "list", "free_list"]


@dataclass(frozen=True, slots=True)
class Column:
    """A ledger column as the blank workbook lays it out."""

    key: str  # the LEDGER.md key
    header: str  # the standard header, as the reader knows it
    required: bool = False
    kind: Kind = "text"  # list: values must come from the list; free_list: the list only suggests
    width: float = 10.0  # the least width, in Excel character units


#: How the blank ledger lays out each column the reader knows: (kind, least width).
_LAYOUT: dict[str, tuple[Kind, float]] = {
    "unit": ("list", 12),
    "author": ("text", 14),
    "title": ("text", 44),
    "category": ("list", 10),
    "focus": ("list", 10),
    "project5": ("list", 10),
    "brand": ("list", 10),
    "submitted": ("date", 12),
    "issue_month": ("month", 10),
    "outlet": ("free_list", 10),
    "level": ("list", 10),
    "adopted": ("date", 12),
    "instructed": ("list", 10),
    "major": ("list", 10),
    "event_date": ("date", 12),
    "verdict": ("list", 10),
    "link": ("text", 24),
    "note": ("text", 20),
}
#: The ledger columns, in the reader's order, with the reader's standard headers and required
#: columns (so the blank ledgers and the reader cannot drift).  单位 is not required: the sheet is
#: named after the body.
COLUMNS: tuple[Column, ...] = tuple(
    Column(key, standard_header(key), key in REQUIRED_KEYS, *_LAYOUT[key]) for key in LEDGER_HEADERS
)

_TITLE_FONT = Font(name="宋体", bold=True, size=16)
_HEADER_FONT = Font(name="宋体", bold=True)
_REQUIRED_FONT = Font(name="宋体", bold=True, color="C00000")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_EXAMPLE_FONT = Font(name="宋体", italic=True, color="808080")
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def write_blank_ledgers(out_dir: Path, settings: Settings, year: int) -> list[Path]:
    """Write the year's blank ledgers into ``out_dir``; return the files written.

    One ledger per registered body (in registry order), then the roster, the major-event
    register and the city ranking.  Existing files of the same names are replaced whole.
    """
    files: list[Path] = []
    for body in settings.bodies:
        target = out_dir / f"{safe_file_name(body.name)}信息报送台账_{year}.xlsx"
        _save(_ledger_workbook(body, settings, year), target)
        files.append(target)
    for name, build in (
        (ROSTER_FILE, _roster_workbook),
        (REGISTER_FILE, _register_workbook),
        (RANKING_FILE, _ranking_workbook),
    ):
        target = out_dir / name
        _save(build(settings, year), target)
        files.append(target)
    return files


def header_text(column: Column) -> str:
    """The header as written: the canonical name, with ``*`` when the column is required."""
    return f"{column.header}*" if column.required else column.header


def month_labels(year: int) -> list[str]:
    """The year's issue months as the ledgers write them: ``2014-01`` … ``2014-12``."""
    return [f"{year}-{m:02d}" for m in range(1, 13)]


def column_choices(key: str, body: Body | None, settings: Settings, year: int) -> list[str]:
    """The drop-down items of a ledger column (empty: the column has no list)."""
    vocab = settings.vocabulary
    choices: dict[str, Sequence[str]] = {
        "unit": [body.name] if body is not None else [b.name for b in settings.bodies],
        "category": vocab.categories,
        "focus": vocab.focus,
        "project5": vocab.projects,
        "brand": vocab.brands,
        "outlet": [o.name for o in settings.outlets],
        "level": settings.levels,
        "instructed": YES_NO,
        "major": YES_NO,
        "verdict": [*vocab.verdicts_true, *vocab.verdicts_false],
        "issue_month": month_labels(year),
    }
    return list(choices.get(key, ()))


# -- building blocks -------------------------------------------------------------------------


class _Lists:
    """The hidden 词表 sheet of one workbook: each list written once, as one column."""

    def __init__(self, wb: Workbook) -> None:
        self.ws = wb.create_sheet(LISTS_SHEET)
        self.ws.sheet_state = "veryHidden"  # machine-made: the reader skips very hidden sheets
        self.refs: dict[tuple[str, ...], str] = {}

    def ref(self, title: str, items: Sequence[str]) -> str:
        """The absolute reference of ``items`` in 词表, writing them on first use."""
        key = tuple(items)
        if key not in self.refs:
            col = len(self.refs) + 1
            # The label is not a ledger column name, so the reader never takes 词表 for a ledger.
            self.ws.cell(1, col, f"{title}选项").font = _HEADER_FONT
            for row, item in enumerate(items, start=2):
                self.ws.cell(row, col, item)
            letter = get_column_letter(col)
            self.ws.column_dimensions[letter].width = _fit([f"{title}选项", *items], 8)
            self.refs[key] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(items) + 1}"
        return self.refs[key]


def _list_formula(title: str, items: Sequence[str], lists: _Lists) -> str:
    inline = '"' + ",".join(items) + '"'
    if len(inline) <= INLINE_LIMIT and not any("," in i or '"' in i for i in items):
        lists.ref(title, items)  # every list is in 词表 too, for the office to read
        return inline
    return lists.ref(title, items)


def _list_validation(
    ws: Worksheet, sqref: str, title: str, items: Sequence[str], lists: _Lists, *, strict: bool = True
) -> None:
    dv = DataValidation(
        type="list",
        formula1=_list_formula(title, items, lists),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle=title,
        error=f"请从下拉列表中选择{title}" if strict else f"{title}不在常用列表中，确认后继续",
        promptTitle=title,
        prompt="从下拉列表中选择" if strict else "可从下拉列表中选择，也可直接填写",
    )
    dv.add(sqref)
    ws.add_data_validation(dv)


def _date_validation(ws: Worksheet, sqref: str, title: str, year: int) -> None:
    # The window LEDGER.md accepts without a warning: the year, give or take a month.
    first, last = accepted_dates(year)
    dv = DataValidation(
        type="date",
        operator="between",
        formula1=f"DATE({first.year},{first.month},{first.day})",
        formula2=f"DATE({last.year},{last.month},{last.day})",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=title,
        error=f"{title}应为{year}年前后的日期，如 {year}-03-05",
        showInputMessage=True,
        promptTitle=title,
        prompt=f"日期，如 {year}-03-05",
    )
    dv.add(sqref)
    ws.add_data_validation(dv)


def _number_validation(ws: Worksheet, sqref: str, title: str, low: int, high: int) -> None:
    dv = DataValidation(
        type="whole",
        operator="between",
        formula1=str(low),
        formula2=str(high),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=title,
        error=f"{title}应为 {low}–{high} 的整数",
    )
    dv.add(sqref)
    ws.add_data_validation(dv)


def _fit(texts: Sequence[str], least: float) -> float:
    widest = max((display_width(t) for t in texts), default=0)
    return float(min(max(least, widest + 2), 60))


def _title_row(ws: Worksheet, text: str, ncols: int) -> None:
    cell = ws.cell(1, 1, text)
    cell.font = _TITLE_FONT
    cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.row_dimensions[1].height = 30


def _header_row(ws: Worksheet, row: int, headers: Sequence[str], required: Sequence[bool]) -> None:
    for col, (text, req) in enumerate(zip(headers, required, strict=True), start=1):
        cell = ws.cell(row, col, text)
        cell.font = _REQUIRED_FONT if req else _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[row].height = 22


def _print_setup(ws: Worksheet, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{header_row}:{header_row}"


def _new_workbook(settings: Settings, title: str) -> Workbook:
    wb = Workbook()
    wb.properties.creator = settings.county.office
    wb.properties.title = title
    return wb


def _save(wb: Workbook, target: Path) -> None:
    with atomic_path(target) as tmp:
        wb.save(tmp)


# -- the ledger ------------------------------------------------------------------------------


def _ledger_workbook(body: Body, settings: Settings, year: int) -> Workbook:
    title = f"{body.name}{year}年信息宣传报送台账"
    wb = _new_workbook(settings, title)
    ws = wb.active
    assert ws is not None  # a new workbook has one sheet
    ws.title = safe_sheet_title(body.name)
    lists = _Lists(wb)
    _ledger_sheet(ws, body, settings, year, lists, title)
    _example_sheet(wb.create_sheet(EXAMPLE_SHEET, 1), body, settings, year)
    wb.active = 0
    return wb


def _ledger_sheet(
    ws: Worksheet, body: Body, settings: Settings, year: int, lists: _Lists, title: str
) -> None:
    header_row = 2
    first, last = header_row + 1, header_row + DATA_ROWS
    _title_row(ws, title, len(COLUMNS))
    _header_row(ws, header_row, [header_text(c) for c in COLUMNS], [c.required for c in COLUMNS])
    for col, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(col)
        sqref = f"{letter}{first}:{letter}{last}"
        choices = column_choices(column.key, body, settings, year)
        dim = ws.column_dimensions[letter]
        dim.width = _fit([header_text(column), *choices], column.width)
        if column.kind == "date":
            dim.number_format = DATE_FORMAT
            _date_validation(ws, sqref, column.header, year)
        elif column.kind == "month":
            # Text, so that Excel does not turn "2014-03" into a date.
            dim.number_format = "@"
            _list_validation(ws, sqref, column.header, choices, lists, strict=False)
        elif column.kind in ("list", "free_list") and choices:
            _list_validation(ws, sqref, column.header, choices, lists, strict=column.kind == "list")
    ws.freeze_panes = ws.cell(first, 1).coordinate
    _print_setup(ws, header_row)


def _example_notes(body: Body, settings: Settings, year: int) -> list[str]:
    vocab = settings.vocabulary
    cutoff = settings.cadence.cutoff_day
    required = "、".join(c.header for c in COLUMNS if c.required)
    return [
        "填写说明",
        "1. 一行一篇稿件；同一篇稿件被多家媒体采用的，每家媒体写一行，标题相同。",
        f"2. 带 * 的列必须填写：{required}。",
        f"3. 日期可写 {year}-03-05、{year}/3/5、{year}.3.5、{year}年3月5日，或直接用 Excel 日期。",
        "4. 多位作者用“、”隔开。",
        f"5. 所属月份可不填：{cutoff}日（含）以前报送的算当月，以后报送的算下月；"
        f"写了所属月份但在该月{cutoff}日以后才报送的，算迟报。",
        f"6. 宣传重点选“{vocab.brand_focus}”的须填品牌，选“{vocab.project_focus}”的须填主题工程。",
        f"7. 重大政务信息填“是”并填事发日期，事发后{settings.cadence.major_allowance_days}日内报送。",
        "8. 用稿媒体不在下拉列表中的，须填媒体级别。核查结果由" + settings.county.office + "填写。",
        f"9. 本工作表仅为示例，不计入统计；请在“{safe_sheet_title(body.name)}”工作表中填写。",
    ]


def _example_row(body: Body, settings: Settings, year: int) -> dict[str, str | dt.date]:
    vocab = settings.vocabulary
    row: dict[str, str | dt.date] = {
        "unit": body.name,
        "author": "张三、李四",
        "title": f"{body.name}召开信息宣传工作推进会",
        "category": vocab.dynamic_category,
        "submitted": dt.date(year, 3, 5),
        "issue_month": f"{year}-03",
        "instructed": YES_NO[1],
        "major": YES_NO[1],
        "note": "示例，填写时请删除",
    }
    if body.brands:
        row.update(focus=vocab.brand_focus, brand=body.brands[0])
    elif vocab.projects:
        row.update(focus=vocab.project_focus, project5=vocab.projects[0])
    if settings.outlets:
        outlet = settings.outlets[-1]
        row.update(outlet=outlet.name, level=outlet.level, adopted=dt.date(year, 3, 10))
    return row


def _example_sheet(ws: Worksheet, body: Body, settings: Settings, year: int) -> None:
    notes = _example_notes(body, settings, year)
    for i, line in enumerate(notes, start=1):
        ws.cell(i, 1, line).font = _HEADER_FONT if i == 1 else Font(name="宋体")
    header_row = max(len(notes), HEADER_SEARCH_ROWS) + 2
    _header_row(ws, header_row, [header_text(c) for c in COLUMNS], [c.required for c in COLUMNS])
    values = _example_row(body, settings, year)
    for col, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(header_row + 1, col, values.get(column.key))
        cell.font = _EXAMPLE_FONT
        if column.kind == "date":
            cell.number_format = DATE_FORMAT
        letter = get_column_letter(col)
        choices = column_choices(column.key, body, settings, year)
        ws.column_dimensions[letter].width = _fit([header_text(column), *choices], column.width)


# -- the side workbooks ----------------------------------------------------------------------


def _side_sheet(
    wb: Workbook, sheet: str, title: str, headers: Sequence[str], widths: Sequence[float]
) -> Worksheet:
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    _title_row(ws, title, len(headers))
    _header_row(ws, 2, headers, [False] * len(headers))
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        ws.column_dimensions[get_column_letter(col)].width = _fit([header], width)
    ws.freeze_panes = "A3"
    _print_setup(ws, 2)
    return ws


def _standard(headers: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The standard header of each column of a side sheet, in the reader's order."""
    return tuple(names[0] for names in headers.values())


def _roster_workbook(settings: Settings, year: int) -> Workbook:
    title = f"{settings.county.bureau}{year}年信息宣传通讯员名册"
    wb = _new_workbook(settings, title)
    bodies = [b.name for b in settings.bodies]
    ws = _side_sheet(wb, "通讯员名册", title, _standard(ROSTER_HEADERS), (_fit(bodies, 12), 12, 16, 14))
    lists = _Lists(wb)
    _list_validation(ws, f"A3:A{2 + DATA_ROWS}", ROSTER_HEADERS["body"][0], bodies, lists)
    return wb


def _register_workbook(settings: Settings, year: int) -> Workbook:
    title = f"{settings.county.bureau}{year}年重大事项登记"
    wb = _new_workbook(settings, title)
    bodies = [b.name for b in settings.bodies]
    ws = _side_sheet(wb, "重大事项登记", title, _standard(REGISTER_HEADERS), (44, 12, _fit(bodies, 12), 16))
    ws.column_dimensions["B"].number_format = DATE_FORMAT
    _date_validation(ws, f"B3:B{2 + DATA_ROWS}", REGISTER_HEADERS["event_date"][0], year)
    _list_validation(ws, f"C3:C{2 + DATA_ROWS}", REGISTER_HEADERS["body"][0], bodies, _Lists(wb))
    return wb


def _ranking_workbook(settings: Settings, year: int) -> Workbook:
    counties = settings.city_rank.counties
    title = f"市交通运输局信息用稿考核名次（{year}年，{counties}县（市、区））"
    wb = _new_workbook(settings, title)
    ws = _side_sheet(wb, "市局排名", title, _standard(RANKING_HEADERS)[:3], (12, 8, 8))
    for month in range(1, 13):
        ws.cell(2 + month, 1, f"{year}年{month}月").number_format = "@"
    _number_validation(ws, "B3:B14", RANKING_HEADERS["rank"][0], 1, counties)
    return wb

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

Plus ``通讯员名册.xlsx`` (roster, with a task column per level at which a body has a task, for the
body to break its task down to persons), ``重大事项登记.xlsx`` (major-event register) and
``市局排名.xlsx`` (the city's monthly ranking, the year's months filled in).

Everything comes from :class:`~xcreport.config.Settings` and ``year``; each file is written to a
temporary name and renamed (:func:`~xcreport.fsutil.atomic_path`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from xlsxwriter.utility import xl_col_to_name

from xcreport.config import Body, Settings
from xcreport.reading.dates import accepted_dates
from xcreport.reading.headers import (
    EXAMPLE_MARK,
    EXAMPLE_SHEET,
    HEADER_SEARCH_ROWS,
    LEDGER_HEADERS,
    RANKING_HEADERS,
    REGISTER_HEADERS,
    REQUIRED_KEYS,
    ROSTER_HEADERS,
    standard_header,
    task_headers,
)
from xcreport.render.ooxml import fixed_timestamp
from xcreport.render.outputs import CITY_RANKING_NAME, REGISTER_NAME, ROSTER_NAME, blank_ledger_name
from xcreport.render.terms import group_duty
from xcreport.render.xlsx import FONT, Worksheet, fit, print_setup, workbook
from xcreport.text import safe_sheet_title

#: Rows below the header that carry the drop-downs and validations.
DATA_ROWS = 1000
#: Excel refuses an inline list (formula1 "a,b,c") longer than this.
INLINE_LIMIT = 255

LISTS_SHEET = "词表"
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


def write_blank_ledgers(out_dir: Path, settings: Settings, year: int) -> list[Path]:
    """Write the year's blank ledgers into ``out_dir``; return the files written.

    One ledger per registered body (in registry order), then the roster, the major-event
    register and the city ranking.  Existing files of the same names are replaced whole.
    """
    files: list[Path] = []
    for body in settings.bodies:
        target = out_dir / blank_ledger_name(body.name, year)
        _ledger_workbook(target, body, settings, year)
        files.append(target)
    for name, build in (
        (ROSTER_NAME, _roster_workbook),
        (REGISTER_NAME, _register_workbook),
        (CITY_RANKING_NAME, _ranking_workbook),
    ):
        build(out_dir / name, settings, year)
        files.append(out_dir / name)
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


class _Formats:
    """The cell formats of one blank workbook."""

    def __init__(self, wb: Any) -> None:
        bold = {"font_name": FONT, "bold": True}
        header = bold | {"bg_color": "#D9D9D9", "border": 1, "border_color": "#808080"}
        header |= {"align": "center", "valign": "vcenter", "text_wrap": True}
        example = {"font_name": FONT, "italic": True, "font_color": "#808080"}
        self.title = wb.add_format(bold | {"font_size": 16, "align": "center", "valign": "vcenter"})
        self.header = wb.add_format(header)
        self.required = wb.add_format(header | {"font_color": "#C00000"})
        self.bold = wb.add_format(bold)
        self.plain = wb.add_format({"font_name": FONT})
        self.example = wb.add_format(example)
        self.example_date = wb.add_format(example | {"num_format": DATE_FORMAT})
        self.date = wb.add_format({"num_format": DATE_FORMAT})
        self.text = wb.add_format({"num_format": "@"})


@contextmanager
def _book(path: Path, settings: Settings, title: str, year: int) -> Iterator[tuple[Any, _Formats]]:
    """A blank workbook for ``year``, signed by the office, dated the year's first day."""
    stamp = fixed_timestamp(dt.date(year, 1, 1))
    with workbook(path, title=title, author=settings.county.office, stamp=stamp) as wb:
        yield wb, _Formats(wb)


class _Lists:
    """The hidden 词表 sheet of one workbook: each list written once, as one column."""

    def __init__(self, wb: Any, formats: _Formats) -> None:
        self.ws = wb.add_worksheet(LISTS_SHEET)
        self.ws.very_hidden()  # machine-made: the reader skips very hidden sheets
        self.bold = formats.bold
        self.refs: dict[tuple[str, ...], str] = {}

    def ref(self, title: str, items: Sequence[str]) -> str:
        """The absolute reference of ``items`` in 词表, writing them on first use."""
        key = tuple(items)
        if key not in self.refs:
            col = len(self.refs)
            # The label is not a ledger column name, so the reader never takes 词表 for a ledger.
            self.ws.write_string(0, col, f"{title}选项", self.bold)
            for row, item in enumerate(items, start=1):
                self.ws.write_string(row, col, item)
            self.ws.set_column(col, col, fit([f"{title}选项", *items], 8))
            letter = xl_col_to_name(col)
            sheet = "'" + LISTS_SHEET.replace("'", "''") + "'"
            self.refs[key] = f"{sheet}!${letter}$2:${letter}${len(items) + 1}"
        return self.refs[key]


def _list_validation(
    ws: Worksheet, col: int, rows: tuple[int, int], title: str, items: Sequence[str], lists: _Lists, *,
    strict: bool = True,
) -> None:  # fmt: skip
    """A drop-down on ``rows`` (0-based, inclusive) of column ``col``; inline when Excel allows."""
    inline = '"' + ",".join(items) + '"'
    ref = lists.ref(title, items)  # every list is in 词表 too, for the office to read
    short = len(inline) <= INLINE_LIMIT and not any("," in i or '"' in i for i in items)
    ws.data_validation(rows[0], col, rows[1], col, {
        "validate": "list",
        "source": list(items) if short else "=" + ref,
        "error_type": "stop" if strict else "warning",
        "error_title": title,
        "error_message": f"请从下拉列表中选择{title}" if strict else f"{title}不在常用列表中，确认后继续",
        "input_title": title,
        "input_message": "从下拉列表中选择" if strict else "可从下拉列表中选择，也可直接填写",
    })  # fmt: skip


def _date_validation(ws: Worksheet, col: int, rows: tuple[int, int], title: str, year: int) -> None:
    # The window LEDGER.md accepts without a warning: the year, give or take a month.
    first, last = accepted_dates(year)
    ws.data_validation(rows[0], col, rows[1], col, {
        "validate": "date",
        "criteria": "between",
        "minimum": f"=DATE({first.year},{first.month},{first.day})",
        "maximum": f"=DATE({last.year},{last.month},{last.day})",
        "error_type": "warning",
        "error_title": title,
        "error_message": f"{title}应为{year}年前后的日期，如 {year}-03-05",
        "input_title": title,
        "input_message": f"日期，如 {year}-03-05",
    })  # fmt: skip


def _number_validation(
    ws: Worksheet, col: int, rows: tuple[int, int], title: str, low: int, high: int
) -> None:
    ws.data_validation(rows[0], col, rows[1], col, {
        "validate": "integer",
        "criteria": "between",
        "minimum": low,
        "maximum": high,
        "show_input": False,
        "error_type": "stop",
        "error_title": title,
        "error_message": f"{title}应为 {low}–{high} 的整数",
    })  # fmt: skip


def _title_row(ws: Worksheet, formats: _Formats, text: str, ncols: int) -> None:
    ws.merge_range(0, 0, 0, ncols - 1, text, formats.title)
    ws.set_row(0, 30)


def _header_row(
    ws: Worksheet, formats: _Formats, row: int, headers: Sequence[str], required: Sequence[bool]
) -> None:
    """The header at ``row`` (0-based); required columns in red."""
    for col, (text, req) in enumerate(zip(headers, required, strict=True)):
        ws.write_string(row, col, text, formats.required if req else formats.header)
    ws.set_row(row, 22)


# -- the ledger ------------------------------------------------------------------------------


def _ledger_workbook(path: Path, body: Body, settings: Settings, year: int) -> None:
    title = f"{body.name}{year}年信息宣传报送台账"
    with _book(path, settings, title, year) as (wb, formats):
        ledger = wb.add_worksheet(safe_sheet_title(body.name))
        example = wb.add_worksheet(EXAMPLE_SHEET)
        lists = _Lists(wb, formats)
        _ledger_sheet(ledger, formats, body, settings, year, lists, title)
        _example_sheet(example, formats, body, settings, year)


def _ledger_sheet(
    ws: Worksheet, formats: _Formats, body: Body, settings: Settings, year: int, lists: _Lists, title: str
) -> None:
    header_row = 1  # 0-based: the title above it
    rows = (header_row + 1, header_row + DATA_ROWS)
    _title_row(ws, formats, title, len(COLUMNS))
    _header_row(ws, formats, header_row, [header_text(c) for c in COLUMNS], [c.required for c in COLUMNS])
    for col, column in enumerate(COLUMNS):
        choices = column_choices(column.key, body, settings, year)
        width = fit([header_text(column), *choices], column.width)
        if column.kind == "date":
            ws.set_column(col, col, width, formats.date)
            _date_validation(ws, col, rows, column.header, year)
        elif column.kind == "month":
            # Text, so that Excel does not turn "2014-03" into a date.
            ws.set_column(col, col, width, formats.text)
            _list_validation(ws, col, rows, column.header, choices, lists, strict=False)
        else:
            ws.set_column(col, col, width)
            if column.kind in ("list", "free_list") and choices:
                _list_validation(ws, col, rows, column.header, choices, lists, strict=column.kind == "list")
    ws.freeze_panes(header_row + 1, 0)
    print_setup(ws, (header_row, header_row))


def _example_notes(body: Body, settings: Settings, year: int) -> list[str]:
    vocab = settings.vocabulary
    cutoff = settings.cadence.cutoff_day
    required = "、".join(c.header for c in COLUMNS if c.required)
    group = settings.group_by_key[body.group]
    duty = group_duty(settings, group)
    notes = [
        "一行一篇稿件；同一篇稿件被多家媒体采用的，每家媒体写一行，标题相同。",
        f"带 * 的列必须填写：{required}。",
        f"日期可写 {year}-03-05、{year}/3/5、{year}.3.5、{year}年3月5日，或直接用 Excel 日期。",
        "多位作者用“、”隔开。",
        f"所属月份可不填：{cutoff}日（含）以前报送的算当月，以后报送的算下月；"
        f"写了所属月份但在该月{cutoff}日以后才报送的，算迟报。",
        *([f"本单位属于“{group.label}”，{duty}。"] if duty else []),
        f"宣传重点选“{vocab.brand_focus}”的须填品牌，选“{vocab.project_focus}”的须填主题工程。",
        f"重大政务信息填“是”并填事发日期，事发后{settings.cadence.major_allowance_days}日内报送。",
        "用稿媒体不在下拉列表中的，须填媒体级别。核查结果由" + settings.county.office + "填写。",
        f"本工作表仅为示例，不计入统计；请在“{safe_sheet_title(body.name)}”工作表中填写。",
    ]
    return ["填写说明", *(f"{i}. {note}" for i, note in enumerate(notes, start=1))]


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
        "note": EXAMPLE_MARK,
    }
    if body.brands:
        row.update(focus=vocab.brand_focus, brand=body.brands[0])
    elif vocab.projects:
        row.update(focus=vocab.project_focus, project5=vocab.projects[0])
    if settings.outlets:
        outlet = settings.outlets[-1]
        row.update(outlet=outlet.name, level=outlet.level, adopted=dt.date(year, 3, 10))
    return row


def _example_sheet(ws: Worksheet, formats: _Formats, body: Body, settings: Settings, year: int) -> None:
    notes = _example_notes(body, settings, year)
    for i, line in enumerate(notes):
        ws.write_string(i, 0, line, formats.bold if i == 0 else formats.plain)
    header_row = max(len(notes), HEADER_SEARCH_ROWS) + 1  # 0-based: below row 10 (1-based)
    _header_row(ws, formats, header_row, [header_text(c) for c in COLUMNS], [c.required for c in COLUMNS])
    values = _example_row(body, settings, year)
    for col, column in enumerate(COLUMNS):
        value = values.get(column.key)
        if isinstance(value, dt.date):
            ws.write_datetime(header_row + 1, col, value, formats.example_date)
        elif value is None:
            ws.write_blank(header_row + 1, col, None, formats.example)
        else:
            ws.write_string(header_row + 1, col, value, formats.example)
        choices = column_choices(column.key, body, settings, year)
        ws.set_column(col, col, fit([header_text(column), *choices], column.width))


# -- the side workbooks ----------------------------------------------------------------------


def _side_sheet(
    wb: Any, formats: _Formats, sheet: str, title: str, headers: Sequence[str], widths: Sequence[float]
) -> Worksheet:
    """A side sheet: title, header in row 2, frozen below; ``widths`` the least of each column."""
    ws = wb.add_worksheet(sheet)
    _title_row(ws, formats, title, len(headers))
    _header_row(ws, formats, 1, headers, [False] * len(headers))
    for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
        ws.set_column(col, col, fit([header], width))
    ws.freeze_panes(2, 0)
    print_setup(ws, (1, 1))
    return ws


def _standard(headers: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The standard header of each column of a side sheet, in the reader's order."""
    return tuple(names[0] for names in headers.values())


#: The data rows of a side sheet (0-based, inclusive): below the title and the header.
_SIDE_ROWS = (2, 1 + DATA_ROWS)


def task_levels(settings: Settings) -> list[str]:
    """The levels at which some body has an annual task (R9), highest first: the roster has a task
    column for each, to break the body's task down to its persons (分解落实到人)."""
    given = {level for body in settings.bodies for level in body.tasks}
    return [level for level in settings.levels if level in given]


def _roster_workbook(path: Path, settings: Settings, year: int) -> None:
    title = f"{settings.county.bureau}{year}年信息宣传通讯员名册"
    bodies = [b.name for b in settings.bodies]
    levels = task_levels(settings)
    with _book(path, settings, title, year) as (wb, formats):
        headers = (*_standard(ROSTER_HEADERS), *(task_headers(level)[0] for level in levels))
        widths = (fit(bodies, 12), 12, 16, 14, *([10.0] * len(levels)))
        ws = _side_sheet(wb, formats, "通讯员名册", title, headers, widths)
        _list_validation(ws, 0, _SIDE_ROWS, ROSTER_HEADERS["body"][0], bodies, _Lists(wb, formats))
        for col in range(len(ROSTER_HEADERS), len(headers)):
            _number_validation(ws, col, _SIDE_ROWS, headers[col], 0, DATA_ROWS)


def _register_workbook(path: Path, settings: Settings, year: int) -> None:
    title = f"{settings.county.bureau}{year}年重大事项登记"
    bodies = [b.name for b in settings.bodies]
    with _book(path, settings, title, year) as (wb, formats):
        headers = _standard(REGISTER_HEADERS)
        ws = _side_sheet(wb, formats, "重大事项登记", title, headers, (44, 12, fit(bodies, 12), 16))
        ws.set_column(1, 1, fit([headers[1]], 12), formats.date)
        _date_validation(ws, 1, _SIDE_ROWS, REGISTER_HEADERS["event_date"][0], year)
        _list_validation(ws, 2, _SIDE_ROWS, REGISTER_HEADERS["body"][0], bodies, _Lists(wb, formats))


def _ranking_workbook(path: Path, settings: Settings, year: int) -> None:
    counties = settings.city_rank.counties
    title = f"{settings.county.city_office}信息用稿考核名次（{year}年，{counties}县（市、区））"
    with _book(path, settings, title, year) as (wb, formats):
        ws = _side_sheet(wb, formats, "市局排名", title, _standard(RANKING_HEADERS)[:3], (12, 8, 8))
        for month in range(1, 13):
            ws.write_string(1 + month, 0, f"{year}年{month}月", formats.text)
        _number_validation(ws, 1, (2, 13), RANKING_HEADERS["rank"][0], 1, counties)

"""The ranking workbook (信息宣传排名): all bodies, the two groups, persons, and the annual 考核汇总.

Every sheet has its header frozen, an auto-filter, column widths fitted to Chinese text (a wide
character counts as two), numbers stored as numbers, and an A4 landscape print setup one page
wide.  Text is always stored as text: a value that begins with ``=``, ``+``, ``-`` or ``@`` (a
title typed by a clerk, a cell value quoted in a finding) never becomes a formula.  Workbook
properties carry fixed timestamps, so two runs give the same files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from xcreport.config import GROUP_LABELS, Settings
from xcreport.fsutil import atomic_path
from xcreport.metrics import BodyMetrics, Metrics
from xcreport.period import Period
from xcreport.render.context import MET, MISSED, bodies_of, office_name, rank_groups, task_levels
from xcreport.render.ooxml import fixed_timestamp, normalise_package
from xcreport.text import display_width

Value = str | int | float | None

_HEADER_FONT = Font(name="宋体", bold=True, size=10)
_BODY_FONT = Font(name="宋体", size=10)
_ERROR_FONT = Font(name="宋体", size=10, color="C00000")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

# Cells take these by name: assigning a registered named style copies a small index array, where
# assigning a Font and a Border hashes both objects for every cell (most of the time of a
# findings list with thousands of rows).
_BODY = NamedStyle(name="xcreport 正文", font=_BODY_FONT, border=_BORDER)
_HEADER = NamedStyle(
    name="xcreport 表头",
    font=_HEADER_FONT,
    fill=_HEADER_FILL,
    border=_BORDER,
    alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
)
_ERROR = NamedStyle(name="xcreport 错误", font=_ERROR_FONT, border=_BORDER)
_STYLES = (_BODY, _HEADER, _ERROR)


# -- cells and sheets -----------------------------------------------------------------------------


def _put(ws: Worksheet, row: int, col: int, value: Value) -> None:
    """Write one value: numbers as numbers, text always as text (never a formula)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # '=SUM(…)' typed by a clerk stays the text they typed
    else:
        cell.value = value
    cell.style = _BODY.name


def _table(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence[Value]],
    *,
    first_row: int = 1,
    title: str = "",
    formats: dict[str, str] | None = None,
) -> int:
    """Write a header and rows from ``first_row``; freeze, filter, fit and set up printing.

    Returns the number of data rows.
    """
    for c, head in enumerate(headers, start=1):
        _put(ws, first_row, c, head)
        ws.cell(row=first_row, column=c).style = _HEADER.name
    count = 0
    for r, values in enumerate(rows, start=first_row + 1):
        count += 1
        for c, value in enumerate(values, start=1):
            _put(ws, r, c, value)
            fmt = (formats or {}).get(headers[c - 1])
            if fmt and isinstance(value, int | float):
                ws.cell(row=r, column=c).number_format = fmt
    last_col = get_column_letter(len(headers))
    ws.freeze_panes = f"A{first_row + 1}"
    ws.auto_filter.ref = f"A{first_row}:{last_col}{first_row + count}"
    _fit_widths(ws, first_row)
    _print_setup(ws, title, first_row)
    return count


def _fit_widths(ws: Worksheet, from_row: int) -> None:
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=from_row):
        for cell in row:
            if cell.value is None:
                continue
            text = f"{cell.value:.2f}" if isinstance(cell.value, float) else str(cell.value)
            widths[cell.column] = max(widths.get(cell.column, 0), display_width(text))
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 6), 60)


def _print_setup(ws: Worksheet, title: str, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"1:{header_row}"
    header, footer = ws.oddHeader, ws.oddFooter
    if title and header is not None:
        header.center.text = title
    if footer is not None:
        footer.center.text = "第 &P 页，共 &N 页"


def _save(wb: Workbook, path: Path, title: str, author: str, stamp: dt.datetime) -> Path:
    wb.properties.creator = wb.properties.lastModifiedBy = author
    wb.properties.title = title
    wb.properties.created = wb.properties.modified = stamp
    with atomic_path(path) as tmp:
        wb.save(tmp)
        normalise_package(tmp, stamp)
    return path


def _new_workbook() -> Workbook:
    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    for style in _STYLES:
        wb.add_named_style(style)
    return wb


# -- ranking --------------------------------------------------------------------------------------


def _ranking_rows(
    bodies: Sequence[BodyMetrics], levels: Sequence[str], annual: bool, *, in_group: bool, kind: bool
) -> tuple[list[str], list[list[Value]]]:
    word = "全年" if annual else "本月"
    headers = ["名次", "单位"] + (["类别"] if kind else [])
    headers += [f"{word}报送"] if annual else ["本月报送", "累计报送", "上半月", "下半月"]
    headers += ["达标", *levels, "迟报", f"{word}得分"] + ([] if annual else ["累计得分"])
    rows: list[list[Value]] = []
    for b in bodies:
        row: list[Value] = [b.rank_in_group if in_group else b.rank, b.body]
        row += [GROUP_LABELS.get(b.group, b.group)] if kind else []
        row += [b.submitted] if annual else [b.submitted, b.submitted_ytd, b.first_half, b.second_half]
        row += [MET if b.cadence_met else MISSED, *(b.adopted.get(lv, 0) for lv in levels), b.late, b.score]
        row += [] if annual else [b.score_ytd]
        rows.append(row)
    return headers, rows


def write_ranking(metrics: Metrics, settings: Settings, period: Period, path: Path) -> Path:
    """信息宣传排名_….xlsx: 单位排名, 基层单位, 机关科室, 通讯员排名 (+ 考核汇总 for a year)."""
    annual = period.kind == "annual"
    title = f"{settings.county.name}交通运输系统信息宣传排名（{period.label}）"
    wb = _new_workbook()
    score_fmt = dict.fromkeys(("本月得分", "累计得分", "全年得分", "得分", "综合考核得分"), "0.0#")

    headers, rows = _ranking_rows(metrics.bodies, metrics.levels, annual, in_group=False, kind=True)
    _table(wb.create_sheet("单位排名"), headers, rows, title=title, formats=score_fmt)
    for label, groups in rank_groups():
        members = bodies_of(metrics, groups)
        headers, rows = _ranking_rows(members, metrics.levels, annual, in_group=True, kind=False)
        _table(wb.create_sheet(label), headers, rows, title=f"{title} {label}", formats=score_fmt)

    persons = [
        [p.rank, p.name, p.body, p.pieces, p.adopted, p.points, "是" if p.on_roster else "否"]
        for p in metrics.persons
    ]
    _table(
        wb.create_sheet("通讯员排名"),
        ["名次", "姓名", "单位", "稿件数", "采用数", "得分", "在册"],
        persons,
        title=f"{title} 通讯员",
        formats=score_fmt,
    )
    if annual:
        levels = task_levels(metrics)
        headers = ["考核名次", "单位", "类别", "全年得分"]
        for lv in levels:
            headers += [f"{lv}任务", f"{lv}完成", f"{lv}完成率"]
        headers += ["任务完成率", "综合考核得分"]
        rows = []
        ranked = sorted(
            metrics.bodies,
            key=lambda b: b.assessment_rank if b.assessment_rank is not None else len(metrics.bodies),
        )
        for b in ranked:
            row: list[Value] = [b.assessment_rank, b.body, GROUP_LABELS.get(b.group, b.group), b.score]
            by_level = {t.level: t for t in b.tasks}
            for lv in levels:
                t = by_level.get(lv)
                row += [t.task, t.actual, t.rate] if t else [None, None, None]
            row += [b.task_rate, b.assessment]
            rows.append(row)
        rate_fmt = {h: "0.0%" for h in headers if h.endswith("完成率")}
        _table(
            wb.create_sheet("考核汇总"),
            headers,
            rows,
            title=f"{title} 年度综合考核",
            formats=score_fmt | rate_fmt,
        )
    return _save(wb, path, title, office_name(settings), fixed_timestamp(period.end))

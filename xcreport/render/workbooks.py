"""The Excel outputs: the ranking tables, the findings list and the per-body correction lists.

Every sheet has its header frozen, an auto-filter, column widths fitted to Chinese text (a wide
character counts as two), numbers stored as numbers, and an A4 landscape print setup one page
wide.  Text is always stored as text: a value that begins with ``=``, ``+``, ``-`` or ``@`` (a
title typed by a clerk, a cell value quoted in a finding) never becomes a formula.  Workbook
properties carry fixed timestamps, so two runs give the same files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from xcreport.config import GROUP_LABELS, Settings
from xcreport.fsutil import atomic_path
from xcreport.metrics import BodyMetrics, Metrics
from xcreport.model import FINDING_HEADERS, SEVERITY_LABELS, Finding, Period, findings_frame
from xcreport.render.context import MET, MISSED, bodies_of, office_name, rank_groups, task_levels
from xcreport.render.ooxml import display_width, fixed_timestamp, normalise_package

CORRECTIONS_DIR = "退回修改"
#: Timestamp of workbooks written without a period (the findings of ``xcreport validate``).
DEFAULT_STAMP = dt.datetime(2000, 1, 1, 0, 0, 0)
Value = str | int | float | None

_HEADER_FONT = Font(name="宋体", bold=True, size=10)
_BODY_FONT = Font(name="宋体", size=10)
_ERROR_FONT = Font(name="宋体", size=10, color="C00000")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

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


def ranking_file_name(period: Period) -> str:
    return f"信息宣传排名_{period.label}.xlsx"


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


# -- findings -------------------------------------------------------------------------------------


def _finding_rows(findings: list[Finding], columns: Sequence[str]) -> list[list[Value]]:
    frame = findings_frame(findings)
    rows: list[list[Value]] = []
    for record in frame.to_dict("records"):
        row: list[Value] = []
        for key in columns:
            value: Any = record[key]
            if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
                row.append(None)
            elif key == "severity":
                row.append(SEVERITY_LABELS.get(str(value), str(value)))
            elif key == "row":
                row.append(int(value))
            else:
                row.append(str(value) if value != "" else None)
        rows.append(row)
    return rows


def findings_file_name(label: str | None) -> str:
    """校验问题清单_2014年3月.xlsx, or 校验问题清单.xlsx without a period."""
    return f"校验问题清单_{label}.xlsx" if label else "校验问题清单.xlsx"


def _findings_book(
    path: Path,
    heads: Sequence[str],
    rows: list[list[Value]],
    *,
    sheet: str,
    title: str,
    author: str,
    stamp: dt.datetime,
    notes: Sequence[str] = (),
) -> Path:
    """A findings table as its own workbook, written with XlsxWriter.

    The findings lists are the workbooks that grow with the data (15 000 rows at a million ledger
    rows); XlsxWriter streams them about three times faster than openpyxl, with the same frozen
    header, filter, fitted widths and print setup as the other tables.  Text is written as text
    (``write_string``), so a value that looks like a formula stays the text typed.  ``notes`` are
    lines above the header (a title, what to do).
    """
    first = len(notes) + (1 if notes else 0)  # 0-based row of the header
    widths = [display_width(h) for h in heads]
    for row in rows:
        for c, value in enumerate(row):
            if value is not None:
                widths[c] = max(widths[c], display_width(str(value)))
    with atomic_path(path) as tmp:
        options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
        wb = xlsxwriter.Workbook(str(tmp), {**options, "strings_to_urls": False})
        wb.set_properties({"title": title, "author": author, "created": stamp})
        font = {"font_name": "宋体", "font_size": 10}
        body = wb.add_format({**font, "border": 1, "border_color": "#808080"})
        error = wb.add_format({**font, "border": 1, "border_color": "#808080", "font_color": "#C00000"})
        head = wb.add_format(
            {**font, "bold": True, "border": 1, "border_color": "#808080", "bg_color": "#D9E1F2"}
            | {"align": "center", "valign": "vcenter", "text_wrap": True}
        )
        ws = wb.add_worksheet(sheet)
        for c, width in enumerate(widths):
            ws.set_column(c, c, min(max(width + 2, 6), 60))
        ws.freeze_panes(first + 1, 0)
        ws.autofilter(first, 0, first + len(rows), len(heads) - 1)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.repeat_rows(0, first)
        ws.set_header("&C" + title.replace("&", "&&"))
        ws.set_footer("&C第 &P 页，共 &N 页")
        for r, line in enumerate(notes):
            ws.write_string(
                r, 0, line, wb.add_format({**font, "bold": r == 0, "font_size": 14 if r == 0 else 10})
            )
        for c, text in enumerate(heads):
            ws.write_string(first, c, text, head)
        error_label = SEVERITY_LABELS["error"]
        for r, row in enumerate(rows, start=first + 1):
            for c, value in enumerate(row):
                fmt = error if c == 0 and value == error_label else body
                if value is None:
                    ws.write_blank(r, c, None, fmt)
                elif isinstance(value, str):
                    ws.write_string(r, c, ILLEGAL_CHARACTERS_RE.sub("", value), fmt)
                else:
                    ws.write_number(r, c, value, fmt)
        wb.close()
        normalise_package(tmp, stamp)
    return path


def write_findings(findings: list[Finding], path: Path, *, stamp: dt.datetime | None = None) -> Path:
    """校验问题清单: one row per finding, the FINDING_HEADERS columns in Chinese, filterable."""
    rows = _finding_rows(findings, list(FINDING_HEADERS))
    heads = list(FINDING_HEADERS.values())
    title = "台账校验问题清单"
    return _findings_book(
        path, heads, rows, sheet="校验问题清单", title=title, author="xcreport", stamp=stamp or DEFAULT_STAMP
    )


def correction_file_name(body: str) -> str:
    return f"{_UNSAFE_FILE_CHARS.sub('_', body).strip() or '_'}.xlsx"


def write_corrections(
    findings: list[Finding], settings: Settings, out_dir: Path, *, stamp: dt.datetime | None = None
) -> list[Path]:
    """退回修改/<body>.xlsx for every body with findings, each holding only its own findings.

    Findings that name no body (an unreadable file, a sheet whose body is not registered) cannot be
    sent back to anyone: they are in the 校验问题清单 only.  A list left from an earlier run in the
    same folder for a registered body that now has no findings is removed, so it is never sent.
    """
    folder = out_dir / CORRECTIONS_DIR
    order = {b.name: i for i, b in enumerate(settings.bodies)}
    by_body: dict[str, list[Finding]] = {}
    for f in findings:
        if f.body:
            by_body.setdefault(f.body, []).append(f)
    columns = [k for k in FINDING_HEADERS if k != "body"]
    heads = [FINDING_HEADERS[k] for k in columns]
    office = office_name(settings)
    written: list[Path] = []
    for body in sorted(by_body, key=lambda b: (order.get(b, len(order)), b)):
        title = f"{body}信息宣传台账问题清单（退回修改）"
        ask = (
            f"请对照下列问题逐条核对、改正本单位台账（“错误”必须改正，“警告”请核实），"
            f"于每月{settings.cadence.cutoff_day}日前重新报送{office}。"
        )
        rows = _finding_rows(by_body[body], columns)
        path = folder / correction_file_name(body)
        written.append(
            _findings_book(
                path, heads, rows, sheet="退回修改", title=title, author=office,
                stamp=stamp or DEFAULT_STAMP, notes=(title, ask),
            )
        )  # fmt: skip
    current = {p.name for p in written}
    for b in settings.bodies:
        stale = folder / correction_file_name(b.name)
        if stale.name not in current and stale.is_file():
            stale.unlink()
    return written

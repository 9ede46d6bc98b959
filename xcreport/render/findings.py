"""The findings list (校验问题清单) and each body's correction list (退回修改/<body>.xlsx).

These are the workbooks that grow with the data (15 000 findings at a million ledger rows, each
written twice), so they are streamed row by row (XlsxWriter's ``constant_memory``).  They are
tables of :mod:`xcreport.render.xlsx` like the ranking's: frozen header, filter, fitted widths,
A4 landscape, text always as text (a value typed as ``=…`` stays the text a clerk typed), fixed
timestamps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from xcreport.accounting import Accounting
from xcreport.config import Settings
from xcreport.findings import Finding
from xcreport.render.account_sheets import write_account_sheets
from xcreport.render.outputs import CORRECTIONS_DIR, correction_name
from xcreport.render.terms import office_name
from xcreport.render.xlsx import FONT, TableFormats, Value, put, table, workbook

#: Column order and Chinese headers of the findings list (校验问题清单).
FINDING_HEADERS: dict[str, str] = {
    "severity": "级别",
    "rule": "规则",
    "body": "单位",
    "file": "文件",
    "sheet": "工作表",
    "row": "行号",
    "column": "列",
    "header": "列名",
    "value": "原值",
    "message": "问题说明",
}
SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告"}


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Findings as a tidy table in a stable order (body, file, sheet, row, severity, rule, column)."""
    cols = list(Finding.__dataclass_fields__)
    frame = pd.DataFrame([f.as_dict() for f in findings], columns=cols)
    frame["row"] = frame["row"].astype("Int64")
    order = {"error": 0, "warning": 1}
    return (
        frame.assign(_sev=frame["severity"].map(order))
        .sort_values(
            ["body", "file", "sheet", "row", "_sev", "rule", "column"], na_position="first", kind="stable"
        )
        .drop(columns="_sev")
        .reset_index(drop=True)
    )


#: The columns of long text, wrapped within these widths (Excel character units), so that a
#: printed list (A4 landscape, one page wide) stays legible: the message, the file, the value.
WRAP: dict[str, float] = {
    FINDING_HEADERS["message"]: 48,
    FINDING_HEADERS["file"]: 26,
    FINDING_HEADERS["value"]: 18,
    FINDING_HEADERS["header"]: 10,
    FINDING_HEADERS["sheet"]: 12,
}
#: Timestamp of workbooks written without a period (the findings of ``xcreport validate``).
DEFAULT_STAMP = dt.datetime(2000, 1, 1, 0, 0, 0)


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
    accounting: Accounting | None = None,
) -> Path:
    """A findings table as its own workbook, streamed row by row (``constant_memory``).

    ``notes`` are lines above the header (a title, what to do); the 错误 rows' severity is red.
    """
    first = len(notes) + (1 if notes else 0)  # 0-based row of the header
    with workbook(path, title=title, author=author, stamp=stamp, constant_memory=True) as wb:
        ws = wb.add_worksheet(sheet)
        for r, line in enumerate(notes):
            font = {"font_name": FONT, "bold": r == 0, "font_size": 14 if r == 0 else 10}
            put(ws, r, 0, line, wb.add_format(font))
        table(
            ws,
            TableFormats(wb),
            heads,
            rows,
            title=title,
            first_row=first,
            error_label=SEVERITY_LABELS["error"],
            wrap=WRAP,
        )
        if accounting is not None:
            write_account_sheets(wb, accounting)
    return path


def write_findings(
    findings: list[Finding],
    path: Path,
    *,
    stamp: dt.datetime | None = None,
    accounting: Accounting | None = None,
) -> Path:
    """校验问题清单: one row per finding, the FINDING_HEADERS columns in Chinese, filterable; with
    ``accounting``, the run's account after it (sheets 收到情况 and 文件清单)."""
    rows = _finding_rows(findings, list(FINDING_HEADERS))
    heads = list(FINDING_HEADERS.values())
    title = "台账校验问题清单"
    return _findings_book(
        path,
        heads,
        rows,
        sheet="校验问题清单",
        title=title,
        author="xcreport",
        stamp=stamp or DEFAULT_STAMP,
        accounting=accounting,
    )


def write_corrections(
    findings: list[Finding],
    settings: Settings,
    out_dir: Path,
    *,
    stamp: dt.datetime | None = None,
    senders: Collection[str] | None = None,
) -> dict[str, Path]:
    """退回修改/<body>.xlsx for every body with findings, each holding only its own findings.

    With ``senders`` (the bodies that sent a ledger), only they get one: a body that sent nothing
    has no ledger to correct (its 未报送 is in the report and the findings list).
    Findings that name no body (an unreadable file, a sheet whose body is not registered) cannot be
    sent back to anyone: they are in the 校验问题清单 only.  A list left from an earlier run in the
    same folder for a registered body that now has no findings is removed, so it is never sent.
    Returns body → list, in registry order.
    """
    folder = out_dir / CORRECTIONS_DIR
    order = {b.name: i for i, b in enumerate(settings.bodies)}
    by_body: dict[str, list[Finding]] = {}
    for f in findings:
        if f.body and (senders is None or f.body in senders):
            by_body.setdefault(f.body, []).append(f)
    columns = [k for k in FINDING_HEADERS if k != "body"]
    heads = [FINDING_HEADERS[k] for k in columns]
    office = office_name(settings)
    written: dict[str, Path] = {}
    for body in sorted(by_body, key=lambda b: (order.get(b, len(order)), b)):
        title = f"{body}信息宣传台账问题清单（退回修改）"
        ask = (
            f"请对照下列问题逐条核对、改正本单位台账（“错误”必须改正，“警告”请核实），"
            f"于每月{settings.cadence.cutoff_day}日前重新报送{office}。"
        )
        rows = _finding_rows(by_body[body], columns)
        path = folder / correction_name(body)
        written[body] = (
            _findings_book(
                path, heads, rows, sheet="退回修改", title=title, author=office,
                stamp=stamp or DEFAULT_STAMP, notes=(title, ask),
            )
        )  # fmt: skip
    current = {p.name for p in written.values()}
    for b in settings.bodies:
        stale = folder / correction_name(b.name)
        if stale.name not in current and stale.is_file():
            stale.unlink()
    return written

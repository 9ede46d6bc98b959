"""The run's account in the findings workbook: 收到情况 (which body sent which files, or 未报送)
and 文件清单 (every file under the ledger folder: 已读取 / 未读取 / 已忽略, with the reason).

Both are tables of :mod:`xcreport.render.xlsx` (frozen header, filter, fitted widths, A4
landscape), above them one line that says how the rows add up.  They format
:class:`~xcreport.accounting.Accounting`; they compute nothing.
"""

from __future__ import annotations

from typing import Any

from xcreport.accounting import FILE_STATUS_LABELS, RECEIPT_STATUS_LABELS, Accounting
from xcreport.render.xlsx import FONT, TableFormats, Value, put, table

RECEIVED_SHEET = "收到情况"
FILES_SHEET = "文件清单"
RECEIVED_HEADS = ("单位", "报送情况", "本期计入行数", "台账行数（各期）", "文件")
FILES_HEADS = ("文件", "状态", "原因", "工作表数", "台账行数", "单位")
WRAP = {"文件": 40.0, "原因": 40.0, "单位": 24.0}


def rows_line(accounting: Accounting) -> str:
    """读取台账N行 = 计入本期 + 不属本期 + 有错误未计入 (by rule), in one sentence."""
    r = accounting.rows
    rules = "，".join(f"{rule} {n}行" for rule, n in r.left_out_by_rule.items())
    line = (
        f"共读取台账{r.read}行：本期计入{r.counted}行，不属本期{r.outside_period}行，"
        f"有错误未计入{r.left_out}行{f'（{rules}）' if rules else ''}"
    )
    if r.unexplained:
        line += f"；另有{r.unexplained}行去向不明，请把台账和本清单一并反馈给维护人员"
    return line + "。"


def _sheet(wb: Any, name: str, heads: tuple[str, ...], rows: list[list[Value]], note: str) -> None:
    ws = wb.add_worksheet(name)
    put(ws, 0, 0, note, wb.add_format({"font_name": FONT, "font_size": 10}))
    table(ws, TableFormats(wb), heads, rows, title=name, first_row=2, wrap=WRAP)


def write_account_sheets(wb: Any, accounting: Accounting) -> None:
    """Add the 收到情况 and 文件清单 sheets to the findings workbook ``wb``."""
    received: list[list[Value]] = [
        [r.body, RECEIPT_STATUS_LABELS[r.status], r.counted, r.rows, "、".join(r.files) or None]
        for r in accounting.received
    ]
    silent = len(accounting.nothing_in_period)
    unsent = sum(r.status == "not_sent" for r in accounting.received)
    note = rows_line(accounting)
    if silent:
        note += f"本期无计入记录{silent}个单位" + (f"（其中未报送台账{unsent}个）。" if unsent else "。")
    _sheet(wb, RECEIVED_SHEET, RECEIVED_HEADS, received, note)
    files: list[list[Value]] = [
        [f.file, FILE_STATUS_LABELS[f.status], f.reason, f.sheets, f.rows, "、".join(f.bodies) or None]
        for f in accounting.files
    ]
    counts = {s: sum(f.status == s for f in accounting.files) for s in FILE_STATUS_LABELS}
    summary = "，".join(f"{FILE_STATUS_LABELS[s]}{n}个" for s, n in counts.items())
    _sheet(wb, FILES_SHEET, FILES_HEADS, files, f"台账文件夹中共{len(accounting.files)}个文件：{summary}。")

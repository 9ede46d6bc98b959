"""The ranking workbook (信息宣传排名): all bodies, each ranking table of the configuration (基层单位,
机关科室, …), persons, for a year 考核汇总 and, when the roster gives persons tasks, 个人任务, and the
row-by-row 明细 whose lines add up to every body's score.

Every sheet is a table of :mod:`xcreport.render.xlsx`: header frozen, auto-filter, column widths
fitted to Chinese text, numbers stored as numbers (scores ``0.0#``, rates ``0.0%``), text always
as text, A4 landscape one page wide, fixed timestamps.  The workbook is streamed row by row
(``constant_memory``): the 明细 of a year holds every ledger row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

import pandas as pd

from xcreport.config import Settings
from xcreport.metrics import BodyMetrics, Metrics
from xcreport.period import Period
from xcreport.render.ooxml import fixed_timestamp
from xcreport.render.terms import bodies_of, group_label, met_mark, office_name, rank_groups, task_levels
from xcreport.render.xlsx import TableFormats, Value, table, workbook
from xcreport.text import month_label, safe_sheet_title

#: The score columns' number format (one decimal at least, two at most).
_SCORE = dict.fromkeys(("本月得分", "累计得分", "全年得分", "得分", "综合考核得分"), "0.0#")
#: 明细: header → column of the detail (scoring/detail.py, DETAIL_COLUMNS).
DETAIL_HEADS = {
    "单位": "body",
    "月份": "month",
    "报送日期": "submitted",
    "半月": "half",
    "类别": "category",
    "标题": "title",
    "用稿媒体": "outlet",
    "计分级别": "level",
    "得分": "points",
    "加分": "bonus",
    "扣分": "deductions",
    "小计": "net",
    "说明": "why",
    "文件": "source_file",
    "工作表": "sheet",
    "行号": "excel_row",
}
#: Data rows of one sheet (Excel's 1,048,576 less the header); a longer 明细 goes on in 明细(2) ….
SHEET_ROWS = 1_048_575
_CHUNK = 20_000
_DETAIL_FORMATS = dict.fromkeys(("得分", "加分", "扣分", "小计"), "0.0#")


# -- ranking --------------------------------------------------------------------------------------


def _ranking_rows(
    bodies: Sequence[BodyMetrics], settings: Settings, levels: Sequence[str], annual: bool, *, in_group: bool
) -> tuple[list[str], list[list[Value]]]:
    """The ranking over all bodies (with their 类别), or within one ranking table (``in_group``)."""
    kind = not in_group
    word = "全年" if annual else "本月"
    headers = ["名次", "单位"] + (["类别"] if kind else [])
    headers += [f"{word}报送"] if annual else ["本月报送", "累计报送", "上半月", "下半月"]
    headers += ["达标", *levels, "迟报", f"{word}得分"] + ([] if annual else ["累计得分"])
    rows: list[list[Value]] = []
    for b in bodies:
        row: list[Value] = [b.rank_in_group if in_group else b.rank, b.body]
        row += [group_label(settings, b.group)] if kind else []
        row += [b.submitted] if annual else [b.submitted, b.submitted_ytd, b.first_half, b.second_half]
        row += [met_mark(b, settings), *(b.adopted.get(lv, 0) for lv in levels), b.late, b.score]
        row += [] if annual else [b.score_ytd]
        rows.append(row)
    return headers, rows


def _persons(metrics: Metrics) -> tuple[list[str], list[list[Value]]]:
    headers = ["名次", "姓名", "单位", "稿件数", "采用数", "得分", "在册"]
    rows: list[list[Value]] = [
        [p.rank, p.name, p.body, p.pieces, p.adopted, p.points, "是" if p.on_roster else "否"]
        for p in metrics.persons
    ]
    return headers, rows


def _assessment(metrics: Metrics, settings: Settings) -> tuple[list[str], list[list[Value]]]:
    """考核汇总: the annual tasks (R9) and the 年度综合考核, by assessment rank."""
    levels = task_levels(metrics)
    headers = ["考核名次", "单位", "类别", "全年得分"]
    for lv in levels:
        headers += [f"{lv}任务", f"{lv}完成", f"{lv}完成率"]
    headers += ["任务完成率", "综合考核得分"]
    rows: list[list[Value]] = []
    ranked = sorted(
        metrics.bodies,
        key=lambda b: b.assessment_rank if b.assessment_rank is not None else len(metrics.bodies),
    )
    for b in ranked:
        row: list[Value] = [b.assessment_rank, b.body, group_label(settings, b.group), b.score]
        by_level = {t.level: t for t in b.tasks}
        for lv in levels:
            t = by_level.get(lv)
            row += [t.task, t.actual, t.rate] if t else [None, None, None]
        row += [b.task_rate, b.assessment]
        rows.append(row)
    return headers, rows


#: A sheet of the workbook: (sheet name, title suffix, headers, rows).
Sheet = tuple[str, str, list[str], list[list[Value]]]


def _person_tasks(metrics: Metrics) -> tuple[list[str], list[list[Value]]]:
    """个人任务: each person's annual tasks (R9, 分解落实到人), as the roster lists them."""
    present = {t.level for p in metrics.person_tasks for t in p.tasks}
    levels = [lv for lv in metrics.levels if lv in present]
    headers = ["单位", "姓名"]
    for lv in levels:
        headers += [f"{lv}任务", f"{lv}完成", f"{lv}完成率"]
    headers.append("任务完成率")
    rows: list[list[Value]] = []
    for p in metrics.person_tasks:
        row: list[Value] = [p.body, p.name]
        by_level = {t.level: t for t in p.tasks}
        for lv in levels:
            t = by_level.get(lv)
            row += [t.task, t.actual, t.rate] if t else [None, None, None]
        rows.append([*row, p.task_rate])
    return headers, rows


def _sheets(metrics: Metrics, settings: Settings, annual: bool) -> list[Sheet]:
    """(sheet, title suffix, headers, rows) of every sheet, in order: 单位排名, one sheet per ranking
    table of the configuration, 通讯员排名, and for a year 考核汇总 (and 个人任务)."""
    levels = metrics.levels
    headers, rows = _ranking_rows(metrics.bodies, settings, levels, annual, in_group=False)
    sheets: list[Sheet] = [("单位排名", "", headers, rows)]
    for label, groups in rank_groups(settings):
        headers, rows = _ranking_rows(bodies_of(metrics, groups), settings, levels, annual, in_group=True)
        sheets.append((label, f" {label}", headers, rows))
    sheets.append(("通讯员排名", " 通讯员", *_persons(metrics)))
    if annual:
        sheets.append(("考核汇总", " 年度综合考核", *_assessment(metrics, settings)))
    if annual and metrics.person_tasks:
        sheets.append(("个人任务", " 通讯员年度任务", *_person_tasks(metrics)))
    return _unique_names(sheets)


def _unique_names(sheets: list[Sheet]) -> list[Sheet]:
    """The sheets with names Excel takes: 31 characters at most, none of []:*?/\\, each once (a
    ranking table called 单位排名 becomes 单位排名2)."""
    seen: set[str] = set()
    out: list[Sheet] = []
    for name, suffix, headers, rows in sheets:
        base = safe_sheet_title(name)
        unique, n = base, 1
        while unique.casefold() in seen:
            n += 1
            unique = safe_sheet_title(base[: 31 - len(str(n))] + str(n))
        seen.add(unique.casefold())
        out.append((unique, suffix, headers, rows))
    return out


class DetailRows(Sequence[list[Value]]):
    """The lines of a detail as table rows (:data:`DETAIL_HEADS`), converted a chunk at a time as
    they are written, so a detail of a million lines is never held as a million Python lists."""

    def __init__(self, detail: pd.DataFrame) -> None:
        frame = detail[list(DETAIL_HEADS.values())].copy()
        months = frame["month"].astype("string").fillna("")
        frame["month"] = months.map({m: month_label(m) if m else "" for m in months.unique()})
        self._frame = frame

    def __len__(self) -> int:
        return len(self._frame)

    @overload
    def __getitem__(self, index: int) -> list[Value]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[list[Value]]: ...
    def __getitem__(self, index: int | slice) -> list[Value] | Sequence[list[Value]]:
        if isinstance(index, slice):
            return self._chunk(*index.indices(len(self))[:2])
        return self._chunk(index, index + 1)[0]

    def __iter__(self) -> Iterator[list[Value]]:
        for start in range(0, len(self._frame), _CHUNK):
            yield from self._chunk(start, start + _CHUNK)

    def _chunk(self, start: int, stop: int) -> list[list[Value]]:
        part = self._frame.iloc[start:stop].astype(object)
        part = part.where(part.notna() & (part != ""), None)
        rows: list[list[Value]] = part.to_numpy().tolist()
        return rows


def _detail_sheets(wb: object, formats: TableFormats, detail: pd.DataFrame, title: str) -> None:
    """明细 (and 明细(2) … beyond a sheet's rows): every line, filterable by 单位 and 月份."""
    heads = list(DETAIL_HEADS)
    for n, start in enumerate(range(0, max(len(detail), 1), SHEET_ROWS), start=1):
        name = "明细" if n == 1 else f"明细({n})"
        rows = DetailRows(detail.iloc[start : start + SHEET_ROWS])
        table(
            wb.add_worksheet(name),  # type: ignore[attr-defined]
            formats,
            heads,
            rows,
            title=f"{title} 明细",
            number_formats=_DETAIL_FORMATS,
            fit_rows=2_000,
        )


def write_ranking(
    metrics: Metrics, settings: Settings, period: Period, path: Path, detail: pd.DataFrame | None = None
) -> Path:
    """信息宣传排名_….xlsx: 单位排名, the configuration's ranking tables (基层单位, 机关科室), 通讯员排名
    (+ 考核汇总 for a year), and
    with a ``detail`` (scoring's 明细 of the period) the sheet 明细, whose 小计 add up per body to
    its 本月得分 (a year: 全年得分)."""
    title = f"{settings.county.name}交通运输系统信息宣传排名（{period.label}）"
    stamp = fixed_timestamp(period.end)
    author = office_name(settings)
    with workbook(path, title=title, author=author, stamp=stamp, constant_memory=True) as wb:
        formats = TableFormats(wb)
        for sheet, suffix, headers, rows in _sheets(metrics, settings, period.kind == "annual"):
            number_formats = _SCORE | {h: "0.0%" for h in headers if h.endswith("完成率")}
            table(
                wb.add_worksheet(sheet),
                formats,
                headers,
                rows,
                title=title + suffix,
                number_formats=number_formats,
            )
        if detail is not None:
            _detail_sheets(wb, formats, detail, title)
    return path

"""One workbook's raw sheets → the tables of its recognised sheets (step one of two, per workbook).

Each sheet's header row and kind are found (:mod:`xcreport.reading.headers`) — ledger (台账),
roster (通讯员名册), major-event register (重大事项登记) or ranking (市局排名 / 外部考核) — and
the cells of the known columns are kept, blank rows dropped, each column coded (:class:`Coded`).
This step is cheap and may run in a worker process; what it cannot recognise is an L-HEADER
finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from xcreport.findings import (
    EXAMPLE_ROWS,
    HEADER_SAME_ITEM,
    HEADER_TOO_LOW,
    SHEET_NO_HEADER,
    WORKBOOK_EMPTY,
    WORKBOOK_NO_HEADER,
    Finding,
)
from xcreport.reading.headers import (
    EXAMPLE_SHEET,
    HEADER_SEARCH_ROWS,
    LEDGER_MIN_NAMES,
    ExtraHeaders,
    HeaderMatch,
    SheetKind,
    column_letter,
    detect_header,
    find_header,
    header_examples,
    spoken_header,
)
from xcreport.reading.workbook import Cell, RawSheet, RawWorkbook

ObjectArray = npt.NDArray[np.object_]
IntArray = npt.NDArray[np.int64]
#: Positions among a column's distinct cells, in the smallest integer type that holds them.
CodeArray = npt.NDArray[np.signedinteger[Any]]


#: Columns a template fills in ahead (the body of a per-body sheet, the months of the ranking):
#: rows holding nothing but these are blank template rows, not yet filled in.
_PREFILLED: dict[SheetKind, frozenset[str]] = {
    "ledger": frozenset({"unit"}),
    "roster": frozenset({"body"}),
    "register": frozenset({"body"}),
    "ranking": frozenset({"month", "item"}),
}


def code_type(n: int) -> np.dtype[np.signedinteger[Any]]:
    """The smallest signed integer type holding the positions 0…n-1."""
    for candidate in (np.int8, np.int16, np.int32):
        if n <= np.iinfo(candidate).max + 1:
            return np.dtype(candidate)
    return np.dtype(np.int64)


@dataclass(frozen=True, slots=True)
class Coded:
    """A column as its distinct cells and, per row, the position of the row's cell among them.

    Ledgers repeat their values (the same body, category, outlet, date on many rows): coded, a
    column travels cheaply between processes and is transformed once per distinct value.  The
    codes take the smallest integer type that holds them (:func:`code_type`): a million rows of a
    column with a few hundred distinct cells cost 2 MB, not the 8 MB of a pointer per row.
    """

    codes: CodeArray
    uniques: ObjectArray

    @classmethod
    def of(cls, values: ObjectArray | pd.Series) -> Coded:
        # Python equality decides what is "the same cell"; 1.0 == True only merges a yes with a yes.
        codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
        return cls(codes.astype(code_type(len(uniques))), np.asarray(uniques, dtype=object))

    @classmethod
    def blank(cls, n: int) -> Coded:
        """``n`` empty cells (a column the sheet does not have)."""
        return cls(np.zeros(n, dtype=np.int8), np.array([""], dtype=object))


@dataclass(frozen=True, slots=True)
class SheetTable:
    """The known columns of one recognised sheet, blank rows dropped.

    ``columns`` maps each key found to (column letter, header as typed); ``cells[key]`` holds the
    cells of that column as calamine gave them, one per row of ``excel_rows`` (1-based), coded.
    """

    kind: SheetKind
    file: str
    sheet: str
    columns: dict[str, tuple[str, str]]
    cells: dict[str, Coded]
    excel_rows: IntArray


def _grid(rows: list[list[Cell]]) -> ObjectArray:
    width = max(len(r) for r in rows)
    if any(len(r) != width for r in rows):
        # calamine gives rectangular rows; pad defensively so one odd sheet cannot stop a run.
        rows = [[*r, *([""] * (width - len(r)))] for r in rows]
    grid: ObjectArray = np.empty((len(rows), width), dtype=object)
    grid[:] = rows
    return grid


def _nonblank_rows(grid: ObjectArray) -> int:
    return int((grid != "").any(axis=1).sum()) if grid.size else 0


def _coalesced(grid: ObjectArray, match: HeaderMatch) -> ObjectArray:
    """``grid`` with each key's column filled, where blank, from the left-over columns of that key
    (in column order): a date typed under 日期 counts when the 报送日期 beside it is empty."""
    if not match.ignored:
        return grid
    grid = grid.copy()
    for key, other in match.ignored:
        col = match.columns[key]
        blank = grid[:, col] == ""
        grid[blank, col] = grid[blank, other]
    return grid


def _table(file: str, sheet: RawSheet, match: HeaderMatch) -> SheetTable:
    header = sheet.rows[match.row]
    grid = _coalesced(_grid(sheet.rows[match.row + 1 :]), match) if len(sheet.rows) > match.row + 1 else None
    prefilled = _PREFILLED[match.kind]
    content = [col for key, col in match.columns.items() if key not in prefilled]
    if grid is None or not content:
        keep: npt.NDArray[np.bool_] = np.zeros(0, dtype=bool)
    else:
        keep = (grid[:, content] != "").any(axis=1)
    excel_rows = (np.flatnonzero(keep) + match.row + 2).astype(np.int64)
    cells: dict[str, Coded] = {}
    if grid is not None:
        kept = grid[keep]
        cells = {key: Coded.of(kept[:, col]) for key, col in match.columns.items()}
    columns = {key: (column_letter(col), str(header[col]).strip()) for key, col in match.columns.items()}
    return SheetTable(match.kind, file, sheet.name, columns, cells, excel_rows)


def _ignored_findings(file: str, sheet: RawSheet, match: HeaderMatch) -> list[Finding]:
    """An L-HEADER warning for each column left over because another one (the standard name, else
    the first) names the same key."""
    header = sheet.rows[match.row]
    out: list[Finding] = []
    for key, other in match.ignored:
        col = match.columns[key]
        kept, typed = str(header[col]).strip(), str(header[other]).strip()
        used, left = column_letter(col), column_letter(other)
        out.append(
            HEADER_SAME_ITEM(
                file=file,
                sheet=sheet.name,
                row=match.row + 1,
                column=left,
                header=typed,
                said=spoken_header(typed),
                used=used,
                kept=spoken_header(kept),
            )
        )
    return out


#: How far below the first ten rows a header is looked for, to tell the clerk where it is.
LATE_HEADER_ROWS = 1000


def _workbook_finding(workbook: RawWorkbook, extra: ExtraHeaders) -> Finding:
    """Why a workbook gave nothing: it is empty, its header sits too low, or it has none."""
    grids = [(sheet, _grid(sheet.rows)) for sheet in workbook.sheets if sheet.rows]
    if not any(_nonblank_rows(grid) for _, grid in grids):
        return WORKBOOK_EMPTY(file=workbook.file)
    for sheet, _ in grids:
        late, _ = find_header(sheet.rows, HEADER_SEARCH_ROWS, LATE_HEADER_ROWS, extra)
        if late is not None:
            return HEADER_TOO_LOW(
                file=workbook.file, sheet=sheet.name, row=late.row + 1, limit=HEADER_SEARCH_ROWS
            )
    return WORKBOOK_NO_HEADER(
        file=workbook.file, limit=HEADER_SEARCH_ROWS, least=LEDGER_MIN_NAMES, examples=header_examples()
    )


def _example_table(file: str, sheet: RawSheet, extra: ExtraHeaders) -> tuple[SheetTable, Finding] | None:
    """Rows a clerk typed into the blank ledger's example sheet (below its notes, so its header is
    looked for further down): read, with one warning to move them; None when it holds none."""
    match, _ = find_header(sheet.rows, 0, LATE_HEADER_ROWS, extra)
    if match is None or match.kind != "ledger":
        return None
    table = _table(file, sheet, match)
    if not len(table.excel_rows):
        return None
    rows = table.excel_rows
    found = EXAMPLE_ROWS(file=file, sheet=sheet.name, row=int(rows[0]), last=int(rows[-1]), count=len(rows))
    return table, found


def extract_tables(workbook: RawWorkbook, extra: ExtraHeaders = ()) -> tuple[list[SheetTable], list[Finding]]:
    """The recognised sheets of a workbook and L-HEADER warnings: one for each sheet that looks like a
    ledger whose header could not be found (it has data and one or two known column names), one
    for each header column ignored because an earlier one names the same item (its cells still
    fill the kept column's blanks), and one for a workbook that gives no recognised sheet at all
    (it is empty, its header sits below row ten, or it has none) unless a sheet's warning says why.

    Otherwise a sheet with fewer than two non-empty rows, or with no known column name in its first
    ten rows (notes, charts' data, drop-down lists), is skipped silently.  ``extra``: the
    configuration's header words (:func:`~xcreport.reading.headers.configured_headers`).
    """
    tables: list[SheetTable] = []
    findings: list[Finding] = []
    for sheet in workbook.sheets:
        if not sheet.rows:
            continue
        if sheet.name.strip() == EXAMPLE_SHEET:
            example = _example_table(workbook.file, sheet, extra)
            if example is not None:
                tables.append(example[0])
                findings.append(example[1])
            continue
        match, ledger_names = detect_header(sheet.rows, extra)
        if match is not None:
            tables.append(_table(workbook.file, sheet, match))
            findings += _ignored_findings(workbook.file, sheet, match)
            continue
        if ledger_names >= 1 and _nonblank_rows(_grid(sheet.rows)) >= 2:
            findings.append(
                SHEET_NO_HEADER(
                    file=workbook.file,
                    sheet=sheet.name,
                    limit=HEADER_SEARCH_ROWS,
                    least=LEDGER_MIN_NAMES,
                    examples=header_examples(),
                )
            )
    if not tables and not findings and workbook.problem is None:
        findings.append(_workbook_finding(workbook, extra))
    return tables, findings

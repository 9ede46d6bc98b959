"""合计/小计/总计 rows: a clerk's sum under the ledger is not a piece; each is left out with one
finding (L-TOTAL) before any other check, so it is not also a bad unit, a blank title and a bad date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from xcreport.findings import TOTAL_ROW, Finding
from xcreport.reading.cells import cell_text
from xcreport.reading.tables import Coded, SheetTable
from xcreport.text import fold_name

#: A cell that names a total row: the word alone, or followed by a colon or a figure (合计：12篇).
_TOTAL = re.compile(r"(?:合计|小计|总计|共计)(?:[:：\d].*)?")
#: The columns where a clerk writes the word (the first text columns of a ledger row).
_WHERE = ("unit", "author", "title")


def _is_total(value: object) -> bool:
    return _TOTAL.fullmatch(fold_name(cell_text(value))) is not None


def _total_rows(table: SheetTable) -> dict[int, str]:
    """Position of each total row in ``table`` → the key of the column that says so (the first)."""
    named: dict[int, str] = {}
    for key in _WHERE:
        coded = table.cells.get(key)
        if coded is None:
            continue
        hits = np.fromiter((_is_total(v) for v in coded.uniques), dtype=bool, count=len(coded.uniques))
        for i in np.flatnonzero(hits[coded.codes]):
            named.setdefault(int(i), key)
    return named


def _finding(table: SheetTable, i: int, key: str) -> Finding:
    letter, header = table.columns[key]
    coded = table.cells[key]
    value = cell_text(coded.uniques[coded.codes[i]])
    row = int(table.excel_rows[i])
    return TOTAL_ROW(file=table.file, sheet=table.sheet, row=row, column=letter, header=header, value=value)


def drop_total_rows(tables: Sequence[SheetTable], findings: list[Finding]) -> list[SheetTable]:
    """``tables`` without their total rows; one L-TOTAL finding (an error: not counted) for each."""
    kept: list[SheetTable] = []
    for table in tables:
        named = _total_rows(table)
        if not named:
            kept.append(table)
            continue
        findings.extend(_finding(table, i, key) for i, key in sorted(named.items()))
        keep = np.ones(len(table.excel_rows), dtype=bool)
        keep[list(named)] = False
        cells = {k: Coded(c.codes[keep], c.uniques) for k, c in table.cells.items()}
        kept.append(replace(table, cells=cells, excel_rows=table.excel_rows[keep]))
    return kept

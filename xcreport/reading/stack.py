"""The tables of one kind from all workbooks, one under the other, and where each row came from.

Step two of reading (:func:`xcreport.reading.normalize`) works on a :class:`Stack`: the rows of
every sheet of a kind in one frame, each column coded over all of them, each row knowing its sheet
(``_sid``, an index into :attr:`Stack.refs`) and Excel row.  A problem in a cell is a
:class:`~xcreport.findings.Finding` naming the file, sheet, Excel row, column letter and header
(:func:`cell_findings`); the cell as typed is looked up only for the rows a finding is about.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd

from xcreport.findings import Finding
from xcreport.findings import Kind as FindingKind
from xcreport.reading.cells import cell_text
from xcreport.reading.headers import spoken_header
from xcreport.reading.tables import Coded, IntArray, ObjectArray, SheetTable, code_type


@dataclass(frozen=True, slots=True)
class SheetRef:
    """Where a stacked sheet came from, where its columns are (key → letter, header as typed), and
    the distinct cells of each column of the stack it is part of (key → :attr:`Coded.uniques`,
    the same arrays for every sheet of the stack), which its rows' ``_raw_<key>`` codes point into."""

    file: str
    sheet: str
    columns: Mapping[str, tuple[str, str]]
    cells: Mapping[str, ObjectArray] = field(default_factory=dict, compare=False, repr=False)


@dataclass(slots=True)
class Stack:
    """The rows of the tables of one kind, from :func:`stack_tables`."""

    frame: pd.DataFrame  # provenance (_sid, source_file, sheet, excel_row) and the _raw_<key> codes
    coded: dict[str, Coded]  # key → the column's cells over all sheets, coded
    sid: IntArray
    refs: list[SheetRef]


def stack_tables(tables: Sequence[SheetTable], keys: Sequence[str]) -> Stack:
    """The tables' rows one under the other, each column coded over all of them.

    A row's cell as typed is needed only for the message of a finding about it, so the frame keeps
    it coded — ``_raw_<key>``, the row's position among the column's distinct cells (one to four
    bytes a row), which :func:`cell_findings` looks up in :attr:`SheetRef.cells` for the few rows
    it reports — never as an object column: a pointer a row for each of the eighteen columns, and
    each sheet's own copies of the same values, would be the largest part of the frame.
    """
    lengths = [len(t.excel_rows) for t in tables]
    n = sum(lengths)
    sid = np.repeat(np.arange(len(tables), dtype=np.int64), lengths)
    columns: dict[str, Any] = {}
    coded: dict[str, Coded] = {}
    for key in keys:
        parts = [t.cells.get(key) or Coded.blank(m) for t, m in zip(tables, lengths, strict=True)]
        starts = np.cumsum([0, *(len(p.uniques) for p in parts)])[:-1]
        values = [p.uniques for p in parts] or [np.empty(0, dtype=object)]
        # The same value recurs in many workbooks: one entry for it across all of them.
        merged, uniques = pd.factorize(np.concatenate(values), use_na_sentinel=False)
        merged = merged.astype(code_type(len(uniques)))
        # Each sheet's codes, through its sheet's slice of `merged`, point into the common uniques.
        codes = [merged[start:].take(p.codes) for p, start in zip(parts, starts, strict=True)]
        coded[key] = Coded(np.concatenate(codes or [merged[:0]]), np.asarray(uniques, dtype=object))
        columns[f"_raw_{key}"] = coded[key].codes
    frame = pd.DataFrame(columns, index=pd.RangeIndex(n))
    frame["_sid"] = sid
    files = np.array([t.file for t in tables] or [""], dtype=object)
    sheets = np.array([t.sheet for t in tables] or [""], dtype=object)
    frame["source_file"] = pd.array(files[sid], dtype="string")
    frame["sheet"] = pd.array(sheets[sid], dtype="string")
    rows = np.concatenate([t.excel_rows for t in tables]) if tables else np.empty(0, dtype=np.int64)
    frame["excel_row"] = pd.array(rows, dtype="Int64")
    cells = {key: c.uniques for key, c in coded.items()}
    refs = [SheetRef(t.file, t.sheet, t.columns, cells) for t in tables]
    return Stack(frame, coded, sid, refs)


#: A finding's parameters from the row's record, beyond the finding's own fields (row, value, …).
Params = Callable[[Mapping[str, Any]], Mapping[str, object]]


def cell_findings(
    frame: pd.DataFrame,
    mask: pd.Series,
    key: str,
    sheets: Sequence[SheetRef],
    kind: FindingKind,
    *,
    params: Params | None = None,
    standard_header: str = "",
    fields: Sequence[str] = (),
) -> list[Finding]:
    """One finding of ``kind`` per row of ``frame`` where ``mask`` holds, about the cell of column ``key``.

    ``frame`` carries ``_sid`` (index into ``sheets``), ``excel_row``, ``body`` and ``_raw_<key>``
    (the row's cell as its position among the column's distinct cells, :attr:`SheetRef.cells`:
    only the few failing rows' cells are looked up); ``params`` sees those, ``_year`` when present
    and the columns named in ``fields``.  Where the sheet has no such column, the column letter is
    empty and the header is ``standard_header``.  The finding keeps the header as typed; the message
    names it without its required marks.
    """
    raw = f"_raw_{key}"
    wanted = ["_sid", "excel_row", "body", raw, "_year", *fields]
    records = frame.loc[mask.to_numpy(), [c for c in dict.fromkeys(wanted) if c in frame.columns]]
    out: list[Finding] = []
    for rec in cast(list[dict[str, Any]], records.to_dict("records")):
        ref = sheets[int(rec["_sid"])]
        letter, header = ref.columns.get(key, ("", standard_header))
        cells = ref.cells.get(key)
        body = rec.get("body")
        out.append(
            kind(
                file=ref.file,
                sheet=ref.sheet,
                row=int(rec["excel_row"]),
                column=letter,
                header=header,
                said=spoken_header(header),
                value=cell_text(cells[rec[raw]]) if cells is not None and raw in rec else "",
                body=body if isinstance(body, str) else "",
                **(params(rec) if params is not None else {}),
            )
        )
    return out


def example_year(rec: Mapping[str, Any]) -> dict[str, object]:
    """The year the messages' examples use: the sheet's own, else a placeholder (no year in code)."""
    year = rec.get("_year")
    return {"year": str(int(year)) if isinstance(year, float) and not np.isnan(year) else "年"}

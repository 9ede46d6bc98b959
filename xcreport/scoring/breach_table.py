"""The breach table every rule gives, and how its rows become findings and Problems' rows.

A *breach table* has one row per breach a body must answer for, with the columns of
:data:`BREACH_COLUMNS`: where it is (the ledger row), what it is, and the ``detail`` a clerk can act
on; the columns beyond those are the parameters of the breach's finding.  Each rule module builds
its own (:func:`breach_table`) and raises its findings from it (:func:`row_findings`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from xcreport.findings import Finding, Kind
from xcreport.metrics import RowRef
from xcreport.reading.headers import standard_header
from xcreport.scoring.columns import records

#: The columns that locate a ledger row (provenance).
WHERE = ["source_file", "sheet", "excel_row"]
#: The columns of every breach table.
BREACH_COLUMNS = [
    "body",
    "piece",
    "title",
    "source_file",
    "sheet",
    "excel_row",
    "date",
    "detail",
    "value",
]


def breach_table(frame: pd.DataFrame, **columns: pd.Series | str) -> pd.DataFrame:
    """A breach table from ledger rows: provenance kept, the given columns set (those beyond
    :data:`BREACH_COLUMNS` are the parameters of the breach's finding)."""
    out = frame.assign(**columns)
    extra = [c for c in columns if c not in BREACH_COLUMNS]
    return out.reindex(columns=[*BREACH_COLUMNS, *extra]).reset_index(drop=True)


def empty_breaches() -> pd.DataFrame:
    return pd.DataFrame(columns=BREACH_COLUMNS)


def text(value: Any) -> str:
    """A cell as text, '' when missing."""
    return "" if pd.isna(value) else str(value)


def _row(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def row_findings(frame: pd.DataFrame, kind: Kind, **params: object) -> list[Finding]:
    """A finding of ``kind`` for each breach row, located at its ledger row: its parameters are
    ``params`` and the breach table's own columns beyond :data:`BREACH_COLUMNS`."""
    extra = [str(c) for c in frame.columns if c not in BREACH_COLUMNS]
    out: list[Finding] = []
    for r in records(frame):
        args: dict[str, Any] = {**{c: text(r[c]) for c in extra}, **params}
        out.append(
            kind(
                file=text(r["source_file"]),
                sheet=text(r["sheet"]),
                row=_row(r["excel_row"]),
                header=standard_header(kind.column) if kind.column else "",
                value=text(r.get("value")),
                body=text(r["body"]),
                title=text(r.get("title")),
                **args,
            )
        )
    return out


def row_refs(frame: pd.DataFrame) -> list[RowRef]:
    """The rows of a breach table as :class:`~xcreport.metrics.Problems` lists them."""
    return [
        RowRef(
            body=text(r["body"]),
            title=text(r["title"]),
            file=text(r["source_file"]),
            sheet=text(r["sheet"]),
            row=_row(r["excel_row"]) or 0,
            date=text(r["date"]),
            detail=text(r["detail"]),
        )
        for r in records(frame)
    ]

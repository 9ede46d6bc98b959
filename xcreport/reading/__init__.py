"""Reading: a ledger folder → the rows that count, the side sheets and the reading findings.

Two steps, so that the costly part runs once over every row of every workbook:

1. :func:`~xcreport.reading.tables.extract_tables` (per workbook, cheap, may run in a worker
   process) finds each sheet's header row and kind and keeps the cells of the known columns.
2. :func:`normalize` stacks the tables of one kind from all workbooks and turns every column into
   its contract form column-wise (pandas string methods, ``to_datetime``), never cell by cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import Finding
from xcreport.reading.headers import HEADERS, SheetKind
from xcreport.reading.ledger import normalize_ledger
from xcreport.reading.sides import normalize_rankings, normalize_register, normalize_roster
from xcreport.reading.stack import SheetRef
from xcreport.reading.tables import SheetTable


@dataclass(slots=True)
class Normalized:
    """Everything normalised, before the checks.

    ``ledger`` has every contract column (correct dtypes) plus ``_sid`` (index into ``sheets``),
    ``_error`` (the row has an error finding already), ``_raw_<key>`` (the cell as read, coded:
    see :func:`~xcreport.reading.stack.cell_findings`) and ``_bad_<key>`` for the date columns
    (typed, but not a date: already an L-DATE error).
    """

    ledger: pd.DataFrame
    sheets: list[SheetRef]
    roster: pd.DataFrame
    register: pd.DataFrame
    rankings: pd.DataFrame
    findings: list[Finding]


def normalize(tables: Sequence[SheetTable], settings: Settings, *, year: int | None = None) -> Normalized:
    """Stack the recognised sheets of every workbook by kind and normalise them column-wise.

    ``year`` (the year being reported, if any) is the last resort for dates typed without a year.
    """
    by_kind: dict[SheetKind, list[SheetTable]] = {k: [t for t in tables if t.kind == k] for k in HEADERS}
    ledger, refs, findings = normalize_ledger(by_kind["ledger"], settings, year)
    roster, f_roster = normalize_roster(by_kind["roster"], settings)
    register, f_register = normalize_register(by_kind["register"], settings, year)
    rankings, f_rankings = normalize_rankings(by_kind["ranking"], year)
    return Normalized(ledger, refs, roster, register, rankings, findings + f_roster + f_register + f_rankings)

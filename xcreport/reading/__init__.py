"""Reading: a ledger folder → :class:`~xcreport.model.LedgerData`, through :func:`read_ledgers`.

The steps, a module each:

1. :mod:`~xcreport.reading.discover` — the workbooks under the folder.
2. :mod:`~xcreport.reading.workbook` — one workbook opened with python-calamine into raw sheets
   (the only code that opens a file; one that cannot be read is an L-FILE finding).
3. :mod:`~xcreport.reading.tables` — per workbook, each sheet's header and kind
   (:mod:`~xcreport.reading.headers`, the only code that knows header words) and the cells of its
   known columns, blank rows dropped (L-HEADER).
4. :func:`normalize` — the tables of one kind from all workbooks stacked
   (:mod:`~xcreport.reading.stack`) and every column turned into its contract form: the ledger
   (:mod:`~xcreport.reading.ledger`, with :mod:`~xcreport.reading.cells`,
   :mod:`~xcreport.reading.dates` and :mod:`~xcreport.reading.bodies`) and the side sheets
   (:mod:`~xcreport.reading.sides`).
5. :mod:`~xcreport.reading.checks` — required values, vocabularies, dates, duplicates; the rows
   with an error are left out.

Steps 1–3 are cheap and run per workbook, in a pool of processes when there are many; the costly
part, steps 4 and 5, runs once over the rows of all of them, column-wise (pandas string methods,
``to_datetime``), never cell by cell.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import Finding, Kind
from xcreport.model import InputFile, LedgerData
from xcreport.reading.bodies import fallback_body
from xcreport.reading.checks import validate
from xcreport.reading.discover import discover, ignored, shown_name
from xcreport.reading.formulas import explain_formulas
from xcreport.reading.headers import HEADERS, ExtraHeaders, SheetKind, configured_headers
from xcreport.reading.ledger import normalize_ledger
from xcreport.reading.orphan import exit_with_parent
from xcreport.reading.sides import normalize_rankings, normalize_register, normalize_roster
from xcreport.reading.stack import SheetRef
from xcreport.reading.tables import SheetTable, extract_tables
from xcreport.reading.workbook import read_workbook

#: Below this many workbooks, starting processes costs more than it saves.
POOL_MIN_FILES = 8


class ProgressHook(Protocol):
    """Told how reading goes: ``start`` with the number of workbooks found, ``advance`` once per
    workbook read, ``close`` at the end (also when reading fails)."""

    def start(self, total: int) -> None: ...

    def advance(self) -> None: ...

    def close(self) -> None: ...


def read_ledgers(
    folder: Path,
    settings: Settings,
    *,
    today: dt.date,
    year: int | None = None,
    workers: int = 0,
    progress: ProgressHook | None = None,
) -> LedgerData:
    """Read, normalise and check every ledger workbook under ``folder``.

    Returns the valid Ledger rows (contract columns, sorted by body, submitted, source_file,
    excel_row), the roster, major-event register and rankings (empty, with their columns, when
    absent), one :class:`InputFile` per workbook — ``rows`` counts the non-blank ledger rows read
    from it, valid or not, ``sheets`` the sheets recognised — and every reading finding, ordered by
    file, sheet, row and column.  ``workers`` processes read the workbooks (0 = one per core); a pool
    is used only for more than :data:`POOL_MIN_FILES` files.  ``progress``, if given, is started with
    the number of workbooks found, advanced as each is read and closed at the end, whatever happens.

    ``year`` (the year being reported, when the run names one) is the year dates are checked
    against — more than a month outside it is an L-DATE warning — and the last resort for dates
    typed without a year; without it, the dates are checked against the ledger's dominant year
    (see :func:`~xcreport.reading.checks.validate`).  A workbook's findings about a whole sheet or file
    (L-HEADER) are addressed to the body its sheet or file name stands for, when it names one.
    """
    paths = discover(folder)
    inputs: list[InputFile] = []
    tables: list[SheetTable] = []
    findings: list[Finding] = []
    sheets: dict[tuple[str, str], int] = {}
    if progress is not None:
        progress.start(len(paths))
    try:
        for read in _read_all(paths, folder, workers, configured_headers(settings)):
            if progress is not None:
                progress.advance()
            rows = sum(len(t.excel_rows) for t in read.tables if t.kind == "ledger")
            if read.problem is not None:
                rejected = read.problem(file=read.file)
                inputs.append(InputFile(read.file, read.sha256, 0, 0, "rejected", rejected.message))
                findings.append(rejected)
                continue
            inputs.append(InputFile(read.file, read.sha256, len(read.tables), rows, "ok"))
            tables.extend(read.tables)
            sheets.update({(t.file, t.sheet): len(t.excel_rows) for t in read.tables if t.kind == "ledger"})
            findings.extend(_with_body(f, settings) for f in read.findings)
    finally:
        if progress is not None:
            progress.close()
    normalized = normalize(tables, settings, year=year)
    # What the checks need of the tables lives on in `normalized`: let the rest go before them.
    del tables
    ledger, checked = validate(normalized.ledger, normalized.sheets, settings, today=today, year=year)
    findings.extend(normalized.findings)
    findings.extend(checked)
    located = {shown_name(p.relative_to(folder).as_posix()): p for p in paths}
    findings = explain_formulas(findings, located)  # a blank that is an uncalculated formula says so
    findings.sort(key=_finding_order)
    return LedgerData(
        ledger=ledger,
        roster=normalized.roster,
        register=normalized.register,
        rankings=normalized.rankings,
        inputs=inputs,
        findings=findings,
        ledger_sheets=sheets,
        ignored=ignored(folder, paths),
    )


@dataclass(frozen=True, slots=True)
class _FileRead:
    file: str
    sha256: str
    problem: Kind | None
    tables: list[SheetTable]
    findings: list[Finding]


def _read_one(path: str, file: str, extra: ExtraHeaders) -> _FileRead:
    """Read and cut one workbook into its recognised tables (top-level: runs in worker processes)."""
    workbook = read_workbook(Path(path), file)
    tables, findings = extract_tables(workbook, extra)
    return _FileRead(workbook.file, workbook.sha256, workbook.problem, tables, findings)


def _read_all(paths: Sequence[Path], folder: Path, workers: int, extra: ExtraHeaders) -> Iterator[_FileRead]:
    names = [shown_name(p.relative_to(folder).as_posix()) for p in paths]
    extras = [extra] * len(paths)
    processes = workers or os.cpu_count() or 1
    if processes <= 1 or len(paths) <= POOL_MIN_FILES:
        yield from map(_read_one, map(str, paths), names, extras)
        return
    chunk = max(1, len(paths) // (processes * 4))
    with ProcessPoolExecutor(
        max_workers=min(processes, len(paths)), initializer=exit_with_parent, initargs=(os.getpid(),)
    ) as pool:
        yield from pool.map(_read_one, map(str, paths), names, extras, chunksize=chunk)


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


def _with_body(finding: Finding, settings: Settings) -> Finding:
    """A sheet's or workbook's finding, addressed to the body its sheet or file name stands for."""
    if finding.body:
        return finding
    body = fallback_body(finding.file, finding.sheet, settings)
    return finding if body is None else dataclasses.replace(finding, body=body)


def _finding_order(f: Finding) -> tuple[str, str, int, str, str]:
    return (f.file, f.sheet, -1 if f.row is None else f.row, f.column, f.rule)

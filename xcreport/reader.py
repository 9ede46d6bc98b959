"""The reading stage's one entry point: a ledger folder → :class:`~xcreport.model.LedgerData`.

``discover → read (ingest) → extract_tables (normalize, per workbook) → normalize (all rows at once)
→ validate``.  Workbooks may be read in a pool of processes; the column-wise normalisation and the
checks then run once over the rows of all of them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from xcreport.config import Settings
from xcreport.ingest import discover, read_workbook
from xcreport.model import Finding, InputFile, LedgerData
from xcreport.normalize import SheetTable, extract_tables, normalize
from xcreport.validate import validate

#: Below this many workbooks, starting processes costs more than it saves.
POOL_MIN_FILES = 8


@dataclass(frozen=True, slots=True)
class _FileRead:
    file: str
    sha256: str
    reason: str | None
    tables: list[SheetTable]
    findings: list[Finding]


def _read_one(path: str, file: str) -> _FileRead:
    """Read and cut one workbook into its recognised tables (top-level: runs in worker processes)."""
    workbook = read_workbook(Path(path), file)
    tables, findings = extract_tables(workbook)
    return _FileRead(workbook.file, workbook.sha256, workbook.reason, tables, findings)


def _read_all(paths: Sequence[Path], folder: Path, workers: int) -> Iterator[_FileRead]:
    names = [p.relative_to(folder).as_posix() for p in paths]
    processes = workers or os.cpu_count() or 1
    if processes <= 1 or len(paths) <= POOL_MIN_FILES:
        yield from map(_read_one, map(str, paths), names)
        return
    chunk = max(1, len(paths) // (processes * 4))
    with ProcessPoolExecutor(max_workers=min(processes, len(paths))) as pool:
        yield from pool.map(_read_one, map(str, paths), names, chunksize=chunk)


def _file_finding(read: _FileRead) -> Finding:
    return Finding("error", "L-FILE", f"「{read.file}」{read.reason}", file=read.file)


def _finding_order(f: Finding) -> tuple[str, str, int, str, str]:
    return (f.file, f.sheet, -1 if f.row is None else f.row, f.column, f.rule)


def read_ledgers(
    folder: Path,
    settings: Settings,
    *,
    today: dt.date,
    year: int | None = None,
    workers: int = 0,
) -> LedgerData:
    """Read, normalise and check every ledger workbook under ``folder``.

    Returns the valid Ledger rows (contract columns, sorted by body, submitted, source_file,
    excel_row), the roster, major-event register and rankings (empty, with their columns, when
    absent), one :class:`InputFile` per workbook — ``rows`` counts the non-blank ledger rows read
    from it, valid or not, ``sheets`` the sheets recognised — and every reading finding, ordered by
    file, sheet, row and column.  ``workers`` processes read the workbooks (0 = one per core); a pool
    is used only for more than :data:`POOL_MIN_FILES` files.  No input file is modified.
    """
    paths = discover(folder)
    inputs: list[InputFile] = []
    tables: list[SheetTable] = []
    findings: list[Finding] = []
    for read in _read_all(paths, folder, workers):
        rows = sum(len(t.excel_rows) for t in read.tables if t.kind == "ledger")
        if read.reason is not None:
            inputs.append(InputFile(read.file, read.sha256, 0, 0, "rejected", read.reason))
            findings.append(_file_finding(read))
            continue
        inputs.append(InputFile(read.file, read.sha256, len(read.tables), rows, "ok"))
        tables.extend(read.tables)
        findings.extend(read.findings)
    normalized = normalize(tables, settings, year=year)
    ledger, checked = validate(normalized.ledger, normalized.sheets, settings, today=today, year=year)
    findings.extend(normalized.findings)
    findings.extend(checked)
    findings.sort(key=_finding_order)
    return LedgerData(
        ledger=ledger,
        roster=normalized.roster,
        register=normalized.register,
        rankings=normalized.rankings,
        inputs=inputs,
        findings=findings,
    )

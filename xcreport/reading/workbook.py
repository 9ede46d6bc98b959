"""One workbook → raw sheets: the only code that opens workbooks.

:func:`read_workbook` reads one workbook with python-calamine (formula cells give their cached
values; ``.xls``, ``.xlsb``, WPS ``.et`` and LibreOffice ``.ods`` are read too) into plain rows of
cells, each sheet from cell A1 so that list positions are Excel rows and columns.  A merged cell
is read as a person reads it: its value holds on every row it spans (:func:`fill_merged`).
The blank ledgers' example sheet (:data:`xcreport.reading.headers.EXAMPLE_SHEET`) is read
without its example row (the row marked :data:`~xcreport.reading.headers.EXAMPLE_MARK`): rows a
clerk typed there are not lost.  A file that cannot be read is not an exception: it comes back
with the ``problem`` that becomes its one L-FILE finding.  Input files are only ever opened for reading.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from python_calamine import (
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from xcreport.findings import (
    FILE_CORRUPT,
    FILE_ENCRYPTED,
    FILE_INFLATED,
    FILE_UNREADABLE,
    FILE_UNSUPPORTED,
    Kind,
)
from xcreport.fsutil import sha256_file
from xcreport.reading.discover import UNSUPPORTED_SUFFIXES
from xcreport.reading.headers import EXAMPLE_MARK, EXAMPLE_SHEET

#: A cell as calamine gives it; an empty cell is "".
Cell = int | float | str | bool | dt.date | dt.datetime | dt.time | dt.timedelta

#: Every OLE compound file (an .xls, or an OOXML workbook once encrypted) starts with these bytes.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The stream an encrypted OOXML package keeps its key data in; its name is stored in UTF-16.
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")

#: A zip-based workbook (.xlsx, .xlsm, .xlsb, .ods) whose members add up to more than this
#: uncompressed is not parsed: a clerk's ledger is a few MB, a zip bomb gigabytes.
MAX_INFLATED_BYTES = 256 * 1024 * 1024
#: …nor one with a member this large that inflates more than :data:`MAX_INFLATE_RATIO` times.
MAX_RATIO_MEMBER_BYTES = 16 * 1024 * 1024
MAX_INFLATE_RATIO = 100


@dataclass(frozen=True, slots=True)
class RawSheet:
    """One worksheet's cells: ``rows[i][j]`` is the cell in Excel row i+1, column j+1."""

    name: str
    rows: list[list[Cell]]


@dataclass(frozen=True, slots=True)
class RawWorkbook:
    """What was read from one workbook; ``problem`` is set (and ``sheets`` empty) when it could not be."""

    file: str  # relative to the ledger folder, '/' separators
    sha256: str
    sheets: tuple[RawSheet, ...]
    problem: Kind | None = None  # the L-FILE finding's kind


def _is_encrypted_package(path: Path) -> bool:
    """An encrypted .xlsx is an OLE file holding an EncryptionInfo stream, not a zip."""
    with path.open("rb") as fh:
        head = fh.read(len(_OLE_SIGNATURE))
        if head != _OLE_SIGNATURE:
            return False
        # The directory that names the streams sits near the start in files written by Office and
        # msoffcrypto; reading the whole (small) file keeps the check independent of where it is.
        return _ENCRYPTION_STREAM in fh.read()


def inflates_too_far(path: Path) -> bool:
    """Whether the zip directory of the workbook at ``path`` says it inflates beyond reason (see
    :data:`MAX_INFLATED_BYTES`): read from the directory alone, before anything is decompressed.
    A file that is not a zip, or whose directory cannot be read, is left to the parser to judge."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False
    total = sum(m.file_size for m in members)
    return total > MAX_INFLATED_BYTES or any(
        m.file_size > MAX_RATIO_MEMBER_BYTES and m.file_size > MAX_INFLATE_RATIO * max(m.compress_size, 1)
        for m in members
    )


#: A merged range as calamine gives it: ((first row, first column), (last row, last column)), 0-based.
MergedRange = tuple[tuple[int, int], tuple[int, int]]


def fill_merged(rows: list[list[Cell]], ranges: Sequence[MergedRange]) -> list[list[Cell]]:
    """``rows`` with each merged range's top-left value on every row the range spans (in place).

    Excel stores a merged cell's value in its top-left cell only; a clerk who merges 单位 over three
    rows means all three.  The value goes down the range's first column only: a cell merged across
    columns (a title over the table, a wide 标题) is one cell of its first column, and copying it
    sideways would put a title into the 类别 column or repeat a header name.  Rows and columns
    beyond the sheet's cells (a range over an empty margin) are ignored.
    """
    for (top, left), (bottom, _) in ranges:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for row in rows[top + 1 : bottom + 1]:
            if left < len(row):
                row[left] = value
    return rows


def _sheet_rows(sheet: CalamineSheet) -> list[list[Cell]]:
    """The sheet's cells from A1, merged ranges filled (calamine reads them from .xlsx and .xls;
    for a format it cannot read them from it gives None, and the cells are taken as they are)."""
    rows: list[list[Cell]] = sheet.to_python(skip_empty_area=False)
    return fill_merged(rows, sheet.merged_cell_ranges or ())


def _open(path: Path) -> CalamineWorkbook:
    """calamine's workbook at ``path``; a path that is not valid UTF-8 (surrogate escapes, which
    calamine cannot pass on to the system) is opened by Python and handed over as a file."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        with path.open("rb") as fh:
            return CalamineWorkbook.from_filelike(fh)
    return CalamineWorkbook.from_path(path)


def _without_example(sheet: RawSheet) -> RawSheet:
    """The example sheet with its example row blanked (its place kept: rows stay Excel rows)."""
    if sheet.name.strip() != EXAMPLE_SHEET:
        return sheet
    rows = [_blanked(row) if _is_example(row) else row for row in sheet.rows]
    return RawSheet(sheet.name, rows)


def _is_example(row: list[Cell]) -> bool:
    return any(isinstance(c, str) and c.strip() == EXAMPLE_MARK for c in row)


def _blanked(row: list[Cell]) -> list[Cell]:
    return ["" for _ in row]


def read_workbook(path: Path, file: str) -> RawWorkbook:
    """Read every visible worksheet of the workbook at ``path`` (``file`` is its relative name).

    Never raises for a bad file: an encrypted, corrupt or non-workbook file, a spreadsheet
    of a format that is not read (:data:`~xcreport.reading.discover.UNSUPPORTED_SUFFIXES`), or one that
    would inflate beyond reason (:func:`inflates_too_far`, checked before parsing), comes back with
    ``problem`` set and no sheets.  Chart sheets, sheets hidden as *very hidden* (machine-made
    lists behind drop-downs, never a clerk's data) are not read; the blank ledgers' example row
    is blanked (:func:`_without_example`).
    """
    try:
        digest = sha256_file(path)
    except OSError:
        return RawWorkbook(file, "", (), FILE_UNREADABLE)
    if path.suffix.lower() in UNSUPPORTED_SUFFIXES:
        return RawWorkbook(file, digest, (), FILE_UNSUPPORTED)
    if inflates_too_far(path):
        return RawWorkbook(file, digest, (), FILE_INFLATED)
    try:
        with _open(path) as workbook:
            sheets = tuple(
                _without_example(RawSheet(meta.name, _sheet_rows(workbook.get_sheet_by_name(meta.name))))
                for meta in workbook.sheets_metadata
                if meta.typ == SheetTypeEnum.WorkSheet and meta.visible != SheetVisibleEnum.VeryHidden
            )
    except PasswordError:
        return RawWorkbook(file, digest, (), FILE_ENCRYPTED)
    except BaseException as exc:
        # Any failure to parse one input is that file's L-FILE finding, never the end of the run.
        # On some malformed files calamine's Rust core panics, which pyo3 raises as PanicException,
        # a BaseException; anything else outside Exception (Ctrl-C, exit) is not the file's fault.
        if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
            raise
        # calamine may report an encrypted .xlsx as a plain zip error: look closer.
        problem = FILE_ENCRYPTED if _is_encrypted_package(path) else FILE_CORRUPT
        return RawWorkbook(file, digest, (), problem)
    return RawWorkbook(file, digest, sheets)

"""The ledger folder → the files to read.

Discovery walks the ledger folder recursively — following sub-folders that are symbolic links (a
unit's shared folder linked in), each real folder once, so that a link loop ends — and keeps every
file that looks like a spreadsheet, in the order of their paths, leaving out what is never a
ledger: Office lock files, temporary files and anything hidden.  A spreadsheet of a format that is
not read (:data:`UNSUPPORTED_SUFFIXES`) is kept too: it becomes an L-FILE finding.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

#: The formats python-calamine reads: Excel (.xlsx, .xlsm, .xlsb, .xls), WPS (.et, OLE2 like .xls)
#: and LibreOffice (.ods).
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".et", ".ods"})
#: Spreadsheets of other formats (text tables, Apple Numbers, templates, older office suites):
#: listed, each one L-FILE finding asking for an .xlsx, never silently left out.
UNSUPPORTED_SUFFIXES = frozenset(
    {".csv", ".tsv", ".numbers", ".xlt", ".xltx", ".xltm", ".ett", ".ots", ".fods", ".sxc", ".dbf"}
)
SPREADSHEET_SUFFIXES = WORKBOOK_SUFFIXES | UNSUPPORTED_SUFFIXES


def _skipped(name: str) -> bool:
    """Office lock files (~$x.xlsx), other temporary files and hidden entries are never ledgers."""
    return name.startswith((".", "~")) or name.lower().endswith(".tmp")


def shown_name(relative: str) -> str:
    """A relative path as the clerk is shown it: each part that is not valid UTF-8 (GBK bytes from
    a zip made on Windows, which Python holds as surrogate escapes) decoded as GBK where that works,
    else its bad bytes written as ``\\xNN`` — never a string that cannot be printed or saved."""
    return "/".join(_shown_part(part) for part in relative.split("/"))


def _shown_part(part: str) -> str:
    raw = os.fsencode(part)
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="backslashreplace")


def discover(folder: Path) -> list[Path]:
    """Every spreadsheet under ``folder`` (recursively), sorted by relative path.

    Folders linked in by symbolic links are followed, each real folder once (a loop of links ends;
    a folder linked twice is read under its first path).  Skips, silently, lock files (``~$*``),
    temporary files (``~*``, ``*.tmp``) and anything hidden (a leading ``.`` in the file's or any of
    its folders' names below ``folder``).
    """
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for top, dirs, files in os.walk(folder, followlinks=True):
        try:
            here = Path(top).stat()
        except OSError:  # gone or unreadable since it was listed: os.walk skips such folders too
            continue
        if (here.st_dev, here.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((here.st_dev, here.st_ino))
        dirs[:] = sorted(d for d in dirs if not _skipped(d))
        for name in files:
            path = Path(top, name)
            if _skipped(name) or path.suffix.lower() not in SPREADSHEET_SUFFIXES:
                continue
            if path.is_file():
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _ignored_reason(rel: Path) -> str:
    name = rel.name
    if name.startswith("~$"):
        return "Office 锁定文件（文件打开时自动生成），不是台账"
    if any(part.startswith(".") for part in rel.parts):
        return "隐藏文件，不是台账"
    if name.startswith("~") or name.lower().endswith(".tmp"):
        return "临时文件，不是台账"
    return "不是电子表格文件，未读取"


def ignored(folder: Path, found: Iterable[Path]) -> list[tuple[str, str]]:
    """Every other file under ``folder`` — not in ``found`` (:func:`discover`) — with the reason it
    was not read, as (relative path, reason), sorted by path: the run's account names them all."""
    kept = {p.relative_to(folder).as_posix() for p in found}
    others: list[tuple[str, str]] = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if rel.as_posix() not in kept and path.is_file():
            others.append((shown_name(rel.as_posix()), _ignored_reason(rel)))
    return sorted(others)

"""The ledger folder → the workbooks to read.

Discovery walks the ledger folder recursively and keeps every workbook in it, in the order of
their paths, leaving out what is never a ledger: Office lock files, temporary files and anything
hidden.
"""

from __future__ import annotations

from pathlib import Path

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls"})


def _skipped(name: str) -> bool:
    """Office lock files (~$x.xlsx), other temporary files and hidden entries are never ledgers."""
    return name.startswith((".", "~")) or name.lower().endswith(".tmp")


def discover(folder: Path) -> list[Path]:
    """Every workbook under ``folder`` (recursively), sorted by relative path.

    Skips, silently, lock files (``~$*``), temporary files (``~*``, ``*.tmp``) and anything hidden
    (a leading ``.`` in the file's or any of its folders' names below ``folder``).
    """
    found: list[Path] = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if path.suffix.lower() not in WORKBOOK_SUFFIXES or any(_skipped(part) for part in rel.parts):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())

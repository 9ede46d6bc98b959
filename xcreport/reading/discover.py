"""The ledger folder → the workbooks to read.

Discovery walks the ledger folder recursively and keeps every workbook in it, in the order of
their paths, leaving out what is never a ledger: Office lock files, temporary files and anything
hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
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
            others.append((rel.as_posix(), _ignored_reason(rel)))
    return sorted(others)

"""Formula cells without a calculated value: say so instead of 「未填写」.

A workbook written by a program (a script, a web form's export) may hold formulas that no
spreadsheet ever calculated: the file stores the formula but no value, and python-calamine, which
reads stored values, gives an empty cell.  The checks then say the cell is blank, which the clerk
who sees a value on the screen cannot act on.  :func:`explain_formulas` looks, for the findings
about an empty cell only, whether that cell is such a formula, and words the finding for what it
is: 公式未计算，请用 Excel/WPS 打开并保存.  Only .xlsx/.xlsm files whose findings name an empty cell
are opened again, so a folder of well-kept ledgers costs nothing.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from xcreport.findings import FORMULA_UNCALCULATED, Finding

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: A cell holding a formula and no value: <c r="B5" …><f>…</f></c> (or a shared <f …/>).
_UNCACHED = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"[^>]*?(?<!/)>\s*<f(?:[^>]*/>|[^>]*>[^<]*</f>)\s*(?:<v>\s*</v>\s*)?</c>'
)
#: The most bytes of a sheet's XML looked through (a ledger's sheet is far smaller).
_MAX_SHEET_BYTES = 64 * 1024 * 1024


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part's name in the package (xl/worksheets/sheet1.xml)."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        where = target.get(sheet.get(f"{_REL}id"), "")
        if where:
            path = where.lstrip("/") if where.startswith("/") else str(PurePosixPath("xl") / where)
            parts[sheet.get("name", "")] = path
    return parts


def uncalculated_cells(path: Path, sheets: Iterable[str]) -> set[tuple[str, str]]:
    """(sheet, cell reference such as B5) of every formula without a value in those sheets."""
    found: set[tuple[str, str]] = set()
    try:
        with zipfile.ZipFile(path) as book:
            parts = _sheet_parts(book)
            for sheet in sheets:
                part = parts.get(sheet)
                if part is None or book.getinfo(part).file_size > _MAX_SHEET_BYTES:
                    continue
                found.update((sheet, ref.decode()) for ref in _UNCACHED.findall(book.read(part)))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return set()  # the file was read once already; if it cannot be looked into, say nothing more
    return found


def explain_formulas(findings: list[Finding], paths: Mapping[str, Path]) -> list[Finding]:
    """``findings`` with each one about an empty cell that is an uncalculated formula reworded;
    ``paths`` maps a file's name as findings show it to where it is on disk."""
    empty = [f for f in findings if f.row is not None and f.column and not f.value]
    files = {f.file for f in empty if f.file.lower().endswith((".xlsx", ".xlsm")) and f.file in paths}
    if not files:
        return findings
    formulas: set[tuple[str, str, str]] = set()
    for file in files:
        sheets = {f.sheet for f in empty if f.file == file}
        formulas.update((file, s, ref) for s, ref in uncalculated_cells(paths[file], sheets))
    if not formulas:
        return findings
    return [
        _reworded(f) if f.row is not None and (f.file, f.sheet, f"{f.column}{f.row}") in formulas else f
        for f in findings
    ]


def _reworded(f: Finding) -> Finding:
    text = FORMULA_UNCALCULATED.message(row=f.row, header=f.header)
    return replace(f, message=text, kind=FORMULA_UNCALCULATED.slug)

"""Messy ledger workbooks, as clerks keep them, built with openpyxl in a test's tmp_path.

``write_workbook`` takes sheets as lists of rows (from A1; None or "" = empty cell), optional merged
ranges, and formula cells with the value Excel would have cached — openpyxl cannot write cached
values, so they are put into the sheet XML afterwards, as Excel stores them.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

#: The template's header row, in the standard names (LEDGER.md).
HEADER = [
    "单位",
    "作者",
    "标题",
    "类别",
    "宣传重点",
    "主题工程",
    "品牌",
    "报送日期",
    "所属月份",
    "用稿媒体",
    "媒体级别",
    "用稿日期",
    "领导批示",
    "重大政务信息",
    "事发日期",
    "核查结果",
    "链接",
    "备注",
]
KEYS = [
    "unit",
    "author",
    "title",
    "category",
    "focus",
    "project5",
    "brand",
    "submitted",
    "issue_month",
    "outlet",
    "level",
    "adopted",
    "instructed",
    "major",
    "event_date",
    "verdict",
    "link",
    "note",
]
#: Column letter of each key in a sheet written with :data:`HEADER` from column A.
LETTER = {key: chr(ord("A") + i) for i, key in enumerate(KEYS)}

Rows = Sequence[Sequence[object]]


def row(**values: object) -> list[object]:
    """A ledger row in :data:`HEADER` order; unnamed columns are left empty."""
    unknown = set(values) - set(KEYS)
    assert not unknown, unknown
    return [values.get(key) for key in KEYS]


def good(unit: str | None = "运管所", **values: object) -> list[object]:
    """A complete, valid row (动态信息 submitted 2014-03-05), with ``values`` changed."""
    base: dict[str, object] = {
        "unit": unit,
        "author": "张三",
        "title": "春运工作稳步推进",
        "category": "动态信息",
        "submitted": "2014-03-05",
    }
    base.update(values)
    return row(**base)


def write_workbook(
    path: Path,
    sheets: Mapping[str, Rows],
    *,
    merges: Mapping[str, Sequence[str]] | None = None,
    cached: Mapping[str, Mapping[str, tuple[str, object]]] | None = None,
    number_formats: Mapping[str, Mapping[str, str]] | None = None,
) -> Path:
    """Write ``sheets`` (name → rows from A1) to ``path``; return ``path``.

    ``merges``: sheet → ranges such as "A1:F1".  ``cached``: sheet → cell → (formula without "=",
    cached value) — the value stored as Excel would after calculating.  ``number_formats``: sheet →
    cell → format such as "yyyy-mm-dd" (a date-formatted number is a date cell).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is not None and value != "":
                    ws.cell(row=r, column=c, value=value)
        for rng in (merges or {}).get(name, ()):
            ws.merge_cells(rng)
        for ref, (formula, _) in (cached or {}).get(name, {}).items():
            ws[ref] = f"={formula}"
        for ref, fmt in (number_formats or {}).get(name, {}).items():
            ws[ref].number_format = fmt
    wb.save(path)
    if cached:
        _write_cached_values(path, list(sheets), cached)
    return path


def _write_cached_values(
    path: Path, names: list[str], cached: Mapping[str, Mapping[str, tuple[str, object]]]
) -> None:
    with zipfile.ZipFile(path) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    for index, name in enumerate(names, start=1):
        part = f"xl/worksheets/sheet{index}.xml"
        xml = parts[part].decode("utf-8")
        for ref, (_, value) in cached.get(name, {}).items():
            kind = ' t="str"' if isinstance(value, str) else ""
            text = escape(value) if isinstance(value, str) else repr(value)
            found = re.search(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>', xml)
            assert found is not None, (ref, xml)
            cell = f'<c r="{ref}"{found.group(1)}{kind}><f>{found.group(2)}</f><v>{text}</v></c>'
            xml = xml[: found.start()] + cell + xml[found.end() :]
        parts[part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for n, data in parts.items():
            zout.writestr(n, data)


def ledger(path: Path, rows: Rows, *, sheet: str = "Sheet1", header: Sequence[str] = HEADER) -> Path:
    """A one-sheet ledger: the header in row 1, ``rows`` from row 2."""
    return write_workbook(path, {sheet: [list(header), *rows]})


def encrypt(source: Path, target: Path, password: str = "secret") -> Path:
    """``source`` encrypted with a password, as Excel's 用密码进行加密 writes it."""
    with source.open("rb") as fin, target.open("wb") as fout:
        OOXMLFile(fin).encrypt(password, fout)
    return target


# -- a real .xls (BIFF8 in an OLE compound file), for the legacy format clerks still save -------------

_ENDOFCHAIN, _FREESECT, _FATSECT, _NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _cell_range(ref: str) -> tuple[int, int, int, int]:
    """Cell range "B3:C5" → (first row, last row, first column, last column), 0-based."""
    first, last = ref.split(":")
    return int(first[1:]) - 1, int(last[1:]) - 1, ord(first[0]) - 65, ord(last[0]) - 65


def _biff8(sheets: Mapping[str, Rows], merges: Mapping[str, Sequence[str]]) -> bytes:
    """The Workbook stream: globals (BOF, CODEPAGE, BOUNDSHEET per sheet, SST, EOF) and one
    substream per sheet with LABELSST and NUMBER cells, and MERGEDCELLS for its merged ranges."""
    strings: list[str] = []
    for rows in sheets.values():
        for values in rows:
            strings += [v for v in values if isinstance(v, str) and v and v not in strings]
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
    sst = struct.pack("<II", len(strings), len(strings)) + b"".join(
        struct.pack("<HB", len(s), 1) + s.encode("utf-16-le") for s in strings
    )
    assert len(sst) < 8224, "a test workbook this small needs no CONTINUE records"
    bodies: list[bytes] = []
    for sheet, rows in sheets.items():
        cells: list[bytes] = []
        width = max((len(r) for r in rows), default=0)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                if isinstance(value, str) and value:
                    cells.append(_record(0x00FD, struct.pack("<HHHI", r, c, 0, strings.index(value))))
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    cells.append(_record(0x0203, struct.pack("<HHHd", r, c, 0, float(value))))
        ranges = [_cell_range(ref) for ref in merges.get(sheet, ())]
        if ranges:
            merged = struct.pack("<H", len(ranges)) + b"".join(struct.pack("<HHHH", *r) for r in ranges)
            cells.append(_record(0x00E5, merged))
        dims = struct.pack("<IIHHH", 0, len(rows), 0, width, 0)
        bodies.append(
            _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))
            + _record(0x0200, dims)
            + b"".join(cells)
            + _record(0x000A, b"")
        )
    names = [name.encode("utf-16-le") for name in sheets]
    head_len = len(_record(0x0809, bof)) + len(_record(0x0042, b"\xb0\x04"))
    head_len += sum(len(_record(0x0085, b"\0" * (8 + len(n)))) for n in names)
    head_len += len(_record(0x00FC, sst)) + len(_record(0x000A, b""))
    globals_ = _record(0x0809, bof) + _record(0x0042, struct.pack("<H", 1200))
    offset = head_len
    for name, body in zip(names, bodies, strict=True):
        globals_ += _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name) // 2, 1) + name)
        offset += len(body)
    globals_ += _record(0x00FC, sst) + _record(0x000A, b"")
    assert len(globals_) == head_len
    return globals_ + b"".join(bodies)


def _dir_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", _NOSTREAM, _NOSTREAM, child)
        + b"\0" * 16
        + struct.pack("<IQQIQ", 0, 0, 0, start, size)
    )


def write_xls(
    path: Path, sheets: Mapping[str, Rows], *, merges: Mapping[str, Sequence[str]] | None = None
) -> Path:
    """A genuine Excel 97–2003 workbook (.xls) holding text and numbers (no LibreOffice needed);
    ``merges``: sheet → ranges such as "A3:A4" (single-letter columns)."""
    # Padded to at least 4096 bytes, so the stream lives in ordinary sectors (no mini stream);
    # readers stop at the last sheet's EOF record.
    stream = _biff8(sheets, merges or {})
    stream = stream.ljust(max(4096, -(-len(stream) // 512) * 512), b"\0")
    n = len(stream) // 512
    assert n + 2 <= 128, "one FAT sector is enough for a test workbook"
    fat = [_FATSECT, _ENDOFCHAIN] + [3 + i for i in range(n - 1)] + [_ENDOFCHAIN]
    fat += [_FREESECT] * (128 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _ENDOFCHAIN, 0, _ENDOFCHAIN, 0)
        + struct.pack("<I", 0)
        + struct.pack("<108I", *([_FREESECT] * 108))
    )
    directory = (
        _dir_entry("Root Entry", 5, 1, _ENDOFCHAIN, 0)
        + _dir_entry("Workbook", 2, _NOSTREAM, 2, len(stream))
        + _dir_entry("", 0, _NOSTREAM, 0, 0) * 2
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + struct.pack("<128I", *fat) + directory + stream)
    return path

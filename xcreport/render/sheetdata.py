"""The rows of a long table written straight into XlsxWriter's row file, as XlsxWriter would.

A constant-memory XlsxWriter worksheet turns every cell into a tuple, then into XML through
four method calls and three regular expressions: about 15 µs a cell, 25 s for the 明细 of a
year at 100 k rows.  :func:`write_rows` writes the same XML for a table's rows, byte for byte,
with one f-string a cell, into the worksheet's temporary row file, and tells the worksheet how
far its data reaches.  The cell formats' style indexes are taken in the order the cells first use
them, as XlsxWriter takes them, so the styles part is the same too.

This leans on four private members of XlsxWriter's ``Worksheet`` (``_write_single_row``,
``_check_dimensions``, ``fh`` and ``previous_row``) and on its string escaping;
``tests/test_render_sheetdata.py`` writes the same messy table both ways and compares the bytes,
so an XlsxWriter that changes them fails there, not in an office.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from xlsxwriter.utility import _utf16_len, _utf16_truncate, xl_col_to_name

Value = str | int | float | None
Format = Any  # xlsxwriter.format.Format

#: Characters XML 1.0 forbids, dropped from text (what openpyxl strips too).
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: What XlsxWriter escapes as _xHHHH_ (control characters, U+FFFE/U+FFFF, a literal _xHHHH_).
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_ESCAPED = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_XML = re.compile("[&<>]")
_SPACE_AT_ENDS = re.compile(r"^\s|\s$")
#: Text that needs more than the plain inline-string cell: markup, control or escape-looking
#: characters, white space at either end (xml:space), a rich-text look-alike.
_SPECIAL = re.compile("[&<>\x00-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\\s|\\s$")
#: The most UTF-16 units a cell holds (Excel's limit; XlsxWriter truncates beyond it).
_STRMAX = 32767
#: Rows joined before each write to the row file.
_BATCH = 2_000


def _escape_control(text: str) -> str:
    """XlsxWriter's ``_escape_control_characters``: "\\r" → ``_x000D_``, ``_x0041_`` → ``_x005F_x0041_``."""
    text = _ESCAPED.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
    return text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")


def _string(ref: str, style: int, text: str) -> str:
    """One inline-string cell, as XlsxWriter's ``_write_cell`` writes it in constant memory."""
    escape = _NEEDS_ESCAPE.search(text) is not None
    if escape:
        text = ILLEGAL_CHARACTERS.sub("", text)
    if len(text) > _STRMAX // 2 and _utf16_len(text) > _STRMAX:
        text = _utf16_truncate(text, _STRMAX)
    if escape:
        text = _escape_control(text)
    if text.startswith("<r>") and text.endswith("</r>"):
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is>{text}</is></c>'
    preserve = ' xml:space="preserve"' if _SPACE_AT_ENDS.search(text) else ""
    if _XML.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{preserve}>{text}</t></is></c>'


class _Styles:
    """Each format's style index, taken from XlsxWriter when a cell first uses it."""

    def __init__(self) -> None:
        self._index: dict[int, int] = {}

    def __call__(self, fmt: Format) -> int:
        try:
            return self._index[id(fmt)]
        except KeyError:
            index: int = fmt._get_xf_index()
            self._index[id(fmt)] = index
            return index


def write_rows(
    ws: Any,
    rows: Iterable[Sequence[Value]],
    first: int,
    texts: Sequence[Format],
    numbers: Sequence[Format],
    blank: Format,
    error: tuple[str, Format] | None = None,
) -> int:
    """Write ``rows`` from 0-based row ``first`` on, the cells in column order; return the count.

    A None is a blank cell in ``blank``, text is a string cell in ``texts[column]`` (a first cell
    equal to ``error[0]`` in ``error[1]``), anything else a number in ``numbers[column]``.  The
    rows above ``first`` must be written already, and nothing may be written to this sheet below.
    Characters XML forbids are dropped from text, as :func:`~xcreport.render.xlsx.put` does.

    The last row goes through XlsxWriter itself: XlsxWriter keeps a sheet's last row until the
    workbook closes, and the formats that row first uses take their style index then.
    """
    ws._write_single_row(first)  # the row above (the header) goes to the row file first
    style = _Styles()
    refs: list[str] = []
    out: list[str] = []
    write = ws.fh.write
    r, last = first - 1, None
    for row in rows:
        if last is not None:
            r += 1
            out.append(_row_xml(r, last, refs, style, texts, numbers, blank, error))
            if len(out) >= _BATCH:
                write("".join(out))
                out.clear()
        last = row
    write("".join(out))
    if r >= first:
        ws._check_dimensions(r, len(refs) - 1)
        ws.previous_row = r
    if last is None:
        return 0
    xlsxwriter_row(ws, r + 1, last, texts, numbers, blank, error)
    return r + 2 - first


def _row_xml(
    r: int,
    row: Sequence[Value],
    refs: list[str],
    style: _Styles,
    texts: Sequence[Format],
    numbers: Sequence[Format],
    blank: Format,
    error: tuple[str, Format] | None,
) -> str:
    n = str(r + 1)
    while len(refs) < len(row):
        refs.append(xl_col_to_name(len(refs)))
    cells = [f'<row r="{n}">']
    append = cells.append
    for c, value in enumerate(row):
        if value is None:
            append(f'<c r="{refs[c]}{n}" s="{style(blank)}"/>')
        elif value.__class__ is str:
            fmt = error[1] if error is not None and c == 0 and value == error[0] else texts[c]
            append(_text_cell(refs[c] + n, style(fmt), value))
        else:
            append(f'<c r="{refs[c]}{n}" s="{style(numbers[c])}"><v>{value:.16G}</v></c>')
    append("</row>")
    return "".join(cells)


def _text_cell(ref: str, style: int, text: str) -> str:
    """Most text needs no escaping and fits a cell: one f-string; the rest :func:`_string`."""
    if len(text) <= _STRMAX // 2 and _SPECIAL.search(text) is None:
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{text}</t></is></c>'
    return _string(ref, style, text)


def xlsxwriter_row(
    ws: Any,
    r: int,
    row: Sequence[Value],
    texts: Sequence[Format],
    numbers: Sequence[Format],
    blank: Format,
    error: tuple[str, Format] | None,
) -> None:
    """One row through XlsxWriter's own cell writers (the cells as :func:`write_rows` says)."""
    for c, value in enumerate(row):
        if value is None:
            ws.write_blank(r, c, None, blank)
        elif isinstance(value, str):
            fmt = error[1] if error is not None and c == 0 and value == error[0] else texts[c]
            ws.write_string(r, c, ILLEGAL_CHARACTERS.sub("", value), fmt)
        else:
            ws.write_number(r, c, value, numbers[c])

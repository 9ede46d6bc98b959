"""What every workbook xcreport writes shares, on XlsxWriter: the ranking, the findings and
correction lists, and the blank ledgers of ``xcreport init``.

* text is always stored as text: a value that begins with ``=``, ``+``, ``-`` or ``@`` (a title
  typed by a clerk, a cell value quoted in a finding) never becomes a formula, a number or a link;
  characters XML 1.0 forbids are dropped;
* column widths fitted to Chinese text (a wide character counts as two);
* tables: header frozen, auto-filter over the rows, the header formats;
* A4 landscape, one page wide, the header rows repeated on every printed page;
* fixed timestamps (:func:`~xcreport.render.ooxml.normalise_package`), so two runs on the same
  inputs write the same bytes.

XlsxWriter writes a workbook front to back without keeping a cell model (in ``constant_memory``
mode row by row), which makes it several times faster than openpyxl on the tables the runs
write, and it writes what the blank ledgers need too: data validations, very hidden sheets,
merged cells.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from xcreport.fsutil import atomic_path
from xcreport.render.ooxml import normalise_package
from xcreport.render.sheetdata import ILLEGAL_CHARACTERS, write_rows, xlsxwriter_row
from xcreport.text import display_width

Value = str | int | float | None
Format = Any  # xlsxwriter.format.Format (XlsxWriter ships no type hints)
Worksheet = Any  # xlsxwriter.worksheet.Worksheet

FONT = "宋体"
A4 = 9
#: Column widths in Excel character units: the text's width plus padding, within these bounds.
MIN_WIDTH, MAX_WIDTH = 6.0, 60.0
#: The height of a line of 10 pt table text, in points (rows of wrapped text are this × lines).
LINE_HEIGHT = 13.5
#: Rows with no wrapped cell go through :func:`~xcreport.render.sheetdata.write_rows` (the same
#: bytes as XlsxWriter's own cell writers, ten times faster); False: XlsxWriter's, cell by cell.
FAST_ROWS = True
_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
#: XlsxWriter leaves out attributes whose value is the schema's default; they are written out
#: (as openpyxl did) for readers that do not apply defaults: one page wide; a validation that
#: stops a bad value, and compares "between" its two limits.
_FIT_WIDTH = re.compile(rb'(<pageSetup [^>]*?)(fitToHeight="0")')
_VALIDATION = re.compile(rb'<dataValidation type="([a-zA-Z]+)"([^>]*)>')
_COMPARED = (b"whole", b"decimal", b"date", b"time", b"textLength")


@contextmanager
def workbook(
    path: Path, *, title: str, author: str, stamp: dt.datetime, constant_memory: bool = False
) -> Iterator[Any]:
    """A new XlsxWriter workbook that becomes ``path`` (atomically, with fixed timestamps) when the
    block ends; an exception leaves ``path`` as it was.  ``constant_memory``: rows in order only."""
    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {**_OPTIONS, "constant_memory": constant_memory})
        wb.set_properties({"title": title, "author": author, "created": stamp})
        yield wb
        _close(wb, path)
        normalise_package(tmp, stamp, fix=_explicit_defaults)


def _close(wb: Any, path: Path) -> None:
    """Close ``wb``; XlsxWriter's FileCreateError (a full disk, a read-only folder) is not an
    OSError, so it becomes the OSError it wraps, naming ``path``: the console's one line, exit 1."""
    try:
        wb.close()
    except FileCreateError as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
        errno_ = cause.errno if cause is not None else None
        text = (cause.strerror if cause is not None else None) or str(exc)
        raise OSError(errno_, text, str(path)) from exc


def _explicit_defaults(name: str, data: bytes) -> bytes:
    if not name.startswith("xl/worksheets/sheet"):
        return data
    if b"<pageSetup " in data and b"fitToWidth=" not in data:
        data = _FIT_WIDTH.sub(rb'\1fitToWidth="1" \2', data, count=1)
    if b"<dataValidation " in data:
        data = _VALIDATION.sub(_explicit_validation, data)
    return data


def _explicit_validation(match: re.Match[bytes]) -> bytes:
    kind, rest = match.group(1), match.group(2)
    if b"errorStyle=" not in rest:
        rest = b' errorStyle="stop"' + rest
    if kind in _COMPARED and b"operator=" not in rest:
        rest = b' operator="between"' + rest
    return b'<dataValidation type="' + kind + b'"' + rest + b">"


def put(ws: Worksheet, row: int, col: int, value: Value, fmt: Format | None = None) -> None:
    """Write one value (0-based ``row``, ``col``): numbers as numbers, text always as text."""
    if value is None:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, ILLEGAL_CHARACTERS.sub("", value), fmt)
    else:
        ws.write_number(row, col, value, fmt)


def fit(texts: Iterable[str], least: float = MIN_WIDTH) -> float:
    """The width of a column holding ``texts``: the widest plus two, at least ``least``, at most 60."""
    widest = max((display_width(t) for t in texts), default=0)
    return min(max(least, widest + 2), MAX_WIDTH)


def column_widths(heads: Sequence[str], rows: Iterable[Sequence[Value]]) -> list[float]:
    """The fitted width of every column of a table: its header and every value below (a float as
    it shows, with two decimals)."""
    widest = [display_width(h) for h in heads]
    for row in rows:
        for c, value in enumerate(row):
            if value is not None:
                text = f"{value:.2f}" if isinstance(value, float) else str(value)
                widest[c] = max(widest[c], display_width(text))
    return [min(max(w + 2, MIN_WIDTH), MAX_WIDTH) for w in widest]


class TableFormats:
    """The cell formats of a table: header, body, error text, and body with a number format."""

    def __init__(self, wb: Any) -> None:
        font = {"font_name": FONT, "font_size": 10, "border": 1, "border_color": "#808080", "valign": "top"}
        self._wb = wb
        self._font = font
        self.body = wb.add_format(font)
        self.error = wb.add_format({**font, "font_color": "#C00000"})
        self.wrapped = wb.add_format({**font, "text_wrap": True})
        self.header = wb.add_format(
            {**font, "bold": True, "bg_color": "#D9E1F2", "align": "center", "valign": "vcenter"}
            | {"text_wrap": True}
        )
        self._numbers: dict[str, Format] = {}

    def number(self, num_format: str) -> Format:
        """The body format with ``num_format`` (one format per number format in the workbook)."""
        if num_format not in self._numbers:
            self._numbers[num_format] = self._wb.add_format({**self._font, "num_format": num_format})
        return self._numbers[num_format]


def print_setup(ws: Worksheet, repeat: tuple[int, int], title: str | None = None) -> None:
    """A4 landscape, one page wide; rows ``repeat`` (0-based, inclusive) on every page.

    With a ``title``: centred on the page, the title in the page header, 第 N 页，共 M 页 below.
    """
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(*repeat)
    if title is not None:
        ws.center_horizontally()
        ws.set_header("&C" + title.replace("&", "&&"))
        ws.set_footer("&C第 &P 页，共 &N 页")


def table(
    ws: Worksheet,
    formats: TableFormats,
    heads: Sequence[str],
    rows: Sequence[Sequence[Value]],
    *,
    title: str,
    first_row: int = 0,
    number_formats: dict[str, str] | None = None,
    error_label: str | None = None,
    wrap: dict[str, float] | None = None,
    fit_rows: int | None = None,
) -> None:
    """A header at ``first_row`` (0-based) and ``rows`` below: fitted, frozen, filtered, printable.

    ``number_formats``: header → Excel number format of that column's numbers.  A first cell equal
    to ``error_label`` is written in red (the 错误 rows of a findings list).  ``wrap``: header →
    the most a column may be wide; longer text in it wraps onto more lines (its row grows).
    ``fit_rows``: the widths are fitted to the first that many rows only (a table of a million rows).
    """
    limits = wrap or {}
    fitted = rows if fit_rows is None else itertools.islice(rows, fit_rows)
    widths = [min(w, limits.get(h, w)) for h, w in zip(heads, column_widths(heads, fitted), strict=True)]
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    ws.freeze_panes(first_row + 1, 0)
    ws.autofilter(first_row, 0, first_row + len(rows), len(heads) - 1)
    print_setup(ws, (0, first_row), title)
    for c, text in enumerate(heads):
        put(ws, first_row, c, text, formats.header)
    numbers = [formats.number(f) if (f := (number_formats or {}).get(h)) else formats.body for h in heads]
    wrapped = [w if h in limits else None for h, w in zip(heads, widths, strict=True)]
    _rows(ws, formats, rows, first_row + 1, numbers, wrapped, error_label)


def _lines(row: Sequence[Value], wrapped: list[float | None]) -> int:
    """How many lines the row's wrapped cells take (a wide character is two units of width)."""
    most = 1
    for value, width in zip(row, wrapped, strict=False):
        if width is not None and isinstance(value, str):
            most = max(most, -(-display_width(value) // max(1, int(width) - 1)))
    return most


def _rows(
    ws: Worksheet,
    formats: TableFormats,
    rows: Sequence[Sequence[Value]],
    first: int,
    numbers: list[Format],
    wrapped: list[float | None],
    error_label: str | None,
) -> None:
    """:func:`put` for every cell: straight into the row file where no row grows, else through
    XlsxWriter, a row whose wrapped text takes several lines made that high (readers do not all
    grow it)."""
    body, error = formats.body, formats.error
    texts = [body if w is None else formats.wrapped for w in wrapped]
    marked = (error_label, error) if error_label else None
    wraps = any(w is not None for w in wrapped)
    if FAST_ROWS and ws.constant_memory and not wraps:  # same bytes
        write_rows(ws, rows, first, texts, numbers, body, marked)
        return
    for r, row in enumerate(rows, start=first):
        if wraps and (lines := _lines(row, wrapped)) > 1:
            ws.set_row(r, LINE_HEIGHT * lines + 3)
        xlsxwriter_row(ws, r, row, texts, numbers, body, marked)

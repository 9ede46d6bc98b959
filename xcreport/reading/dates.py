"""Dates and months as people type them (LEDGER.md), read a whole column at once.

A column is read in two steps, so that a date typed without a year (3月5日) can take the year of
its sheet: :func:`date_parts` / :func:`month_parts` read every cell's calendar parts, then
:func:`_context_years` finds each sheet's year — named by the sheet, its file or their folders,
else the most common year among the sheet's full dates — and :func:`resolve_dates` makes the
dates.  Nothing is ever guessed: what is not a date is ``invalid``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

import numpy as np
import pandas as pd

from xcreport.findings import DATE_INVALID, DATE_NO_YEAR, MONTH_INVALID, Finding
from xcreport.reading.cells import Column, spread_frame
from xcreport.reading.stack import SheetRef, Stack, cell_findings, example_year
from xcreport.reading.tables import IntArray


def accepted_dates(year: int) -> tuple[dt.date, dt.date]:
    """The dates a ledger of ``year`` holds without a warning: the year, give or take a month."""
    return dt.date(year - 1, 12, 1), dt.date(year + 1, 1, 31)


_EXCEL_EPOCH = pd.Timestamp(1899, 12, 30)
# Serial numbers further out than this are typing slips, not dates Excel would show (1950–2099).
_SERIAL_MIN = (pd.Timestamp(1950, 1, 1) - _EXCEL_EPOCH).days
_SERIAL_MAX = (pd.Timestamp(2099, 12, 31) - _EXCEL_EPOCH).days

# An optional time part after a date (10:30, 10:30:00.5, 10时30分), read and dropped.
_TIME = (
    r"(?:(?:\s+|T)\d{1,2}(?::\d{1,2}){1,2}(?:\.\d+)?"
    r"|\s*\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分)?(?:\s*\d{1,2}\s*秒)?)?"
)
_DATE_PATTERN = (
    r"^(?:(?P<y1>\d{4})\s*[-/.]\s*(?P<m1>\d{1,2})\s*[-/.]\s*(?P<d1>\d{1,2})"
    r"|(?P<y2>\d{4})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?"
    r"|(?P<m3>\d{1,2})\s*月\s*(?P<d3>\d{1,2})\s*[日号]?"
    r"|(?P<y4>\d{4})(?P<m4>\d{2})(?P<d4>\d{2})"
    r"|(?P<n5>\d{5}))" + _TIME + r"$"
)
_MONTH_PATTERN = (
    r"^(?:(?P<y1>\d{4})\s*[-/.年]\s*(?P<m1>\d{1,2})\s*(?:月份?)?(?:\s*[-/.]?\s*\d{1,2}\s*[日号]?)?"
    r"|(?P<y2>\d{4})(?P<m2>\d{2})(?:\d{2})?"
    r"|(?P<m3>\d{1,2})\s*月份?)" + _TIME + r"$"
)
_YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
#: The columns of a read date column: year/month/day as floats (NaN = unknown), and flags.
_PARSED = ["year", "month", "day", "blank", "unreadable", "no_year"]


def _type_masks(cells: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    kinds = cells.map(type)
    return (
        kinds.isin([str]),
        kinds.isin([float, int]),  # bool is its own type here: TRUE is not a date
        kinds.isin([dt.datetime, dt.date]),
    )


def _first(parts: pd.DataFrame, names: Sequence[str]) -> pd.Series:
    out = pd.to_numeric(parts[names[0]], errors="coerce")
    for name in names[1:]:
        out = out.fillna(pd.to_numeric(parts[name], errors="coerce"))
    return out


def _date_values(cells: pd.Series) -> pd.DataFrame:
    """Distinct date cells → :data:`_PARSED` columns; every form of LEDGER.md (see date_parts)."""
    index = cells.index
    out = pd.DataFrame(np.nan, index=index, columns=["year", "month", "day"])
    serial = pd.Series(np.nan, index=index)
    no_year = pd.Series(False, index=index)
    is_str, is_num, is_date = _type_masks(cells)

    texts = cells[is_str].str.normalize("NFKC").str.strip()
    blank_text = texts == ""
    parts = texts[~blank_text].str.extract(_DATE_PATTERN)
    if len(parts):
        out.loc[parts.index, "year"] = _first(parts, ["y1", "y2", "y4"])
        out.loc[parts.index, "month"] = _first(parts, ["m1", "m2", "m3", "m4"])
        out.loc[parts.index, "day"] = _first(parts, ["d1", "d2", "d3", "d4"])
        serial.loc[parts.index] = pd.to_numeric(parts["n5"], errors="coerce")
        no_year.loc[parts.index] = parts["m3"].notna()

    numbers = cells[is_num].astype(float)
    yyyymmdd = numbers.mod(1).eq(0) & numbers.between(10000101, 99991231)
    eight = numbers[yyyymmdd]
    out.loc[eight.index, "year"] = eight // 10000
    out.loc[eight.index, "month"] = eight // 100 % 100
    out.loc[eight.index, "day"] = eight % 100
    rest = numbers[~yyyymmdd]
    serial.loc[rest.index] = rest

    days = serial.where(serial.between(_SERIAL_MIN, _SERIAL_MAX)).floordiv(1).dropna()
    from_serial = _EXCEL_EPOCH + pd.to_timedelta(days, unit="D")
    out.loc[from_serial.index, "year"] = from_serial.dt.year
    out.loc[from_serial.index, "month"] = from_serial.dt.month
    out.loc[from_serial.index, "day"] = from_serial.dt.day

    _put_stamps(out, cells, is_date, with_day=True)
    blank = cells.isna()
    blank.loc[blank_text.index] = blank_text
    readable = out["month"].notna() & out["day"].notna() & (out["year"].notna() | no_year)
    return out.assign(blank=blank, unreadable=~blank & ~readable, no_year=no_year)


def _put_stamps(out: pd.DataFrame, cells: pd.Series, is_date: pd.Series, *, with_day: bool) -> None:
    """Real date cells (calamine gives date/datetime objects): their calendar parts, time dropped."""
    stamps = pd.to_datetime(cells[is_date].tolist(), errors="coerce")
    where = cells.index[is_date.to_numpy()]
    out.loc[where, "year"] = np.asarray(stamps.year, dtype=float)
    out.loc[where, "month"] = np.asarray(stamps.month, dtype=float)
    if with_day:
        out.loc[where, "day"] = np.asarray(stamps.day, dtype=float)


def _month_values(cells: pd.Series) -> pd.DataFrame:
    """Distinct 所属月份 cells → :data:`_PARSED` columns (day 1): 2014-03, 2014年3月, 2014.3, 201403,
    3月, a date cell."""
    index = cells.index
    out = pd.DataFrame(np.nan, index=index, columns=["year", "month", "day"])
    no_year = pd.Series(False, index=index)
    is_str, is_num, is_date = _type_masks(cells)

    texts = cells[is_str].str.normalize("NFKC").str.strip()
    blank_text = texts == ""
    parts = texts[~blank_text].str.extract(_MONTH_PATTERN)
    if len(parts):
        out.loc[parts.index, "year"] = _first(parts, ["y1", "y2"])
        out.loc[parts.index, "month"] = _first(parts, ["m1", "m2", "m3"])
        no_year.loc[parts.index] = parts["m3"].notna()

    numbers = cells[is_num].astype(float)
    whole = numbers.mod(1).eq(0)
    six = numbers[whole & numbers.between(100001, 999912)]
    out.loc[six.index, "year"] = six // 100
    out.loc[six.index, "month"] = six % 100
    # 2014.3 typed into a number cell: the fraction is the month; 2014.1 could be 1 or 10, so no guess.
    dotted = numbers[~whole & numbers.between(1000, 9999.9999)]
    hundredths = dotted.mod(1).mul(100).round()
    out.loc[dotted.index, "year"] = dotted.floordiv(1)
    out.loc[dotted.index, "month"] = hundredths.where(hundredths % 10 != 0, hundredths // 10).where(
        hundredths != 10
    )

    _put_stamps(out, cells, is_date, with_day=False)
    out["day"] = out["month"].where(out["month"].isna(), 1.0)
    blank = cells.isna()
    blank.loc[blank_text.index] = blank_text
    readable = out["month"].between(1, 12) & (out["year"].notna() | no_year)
    return out.assign(blank=blank, unreadable=~blank & ~readable, no_year=no_year)


def _name_year(file: str, sheet: str) -> float:
    """The year a sheet's name stands for: the first 20xx year named by the sheet, the file, then
    the folders it is in (the innermost first), else NaN."""
    path = PurePosixPath(file)
    for name in (sheet, path.stem, *reversed(path.parent.parts)):
        found = _YEAR_IN_NAME.search(unicodedata.normalize("NFKC", name))
        if found:
            return float(found.group(1))
    return np.nan


def _context_years(
    sid: IntArray, parsed: Sequence[pd.DataFrame], name_years: Sequence[float], fallback: int | None
) -> pd.Series:
    """Per row: the year for dates typed without one — the sheet's or file's name, else the most
    common year among the sheet's full dates (the later year on a tie), else ``fallback``."""
    sheet_year = pd.Series(name_years, dtype=float)
    frames = []
    for p in parsed:
        full = (p["year"].notna() & ~p["no_year"] & ~p["unreadable"]).to_numpy()
        frames.append(pd.DataFrame({"sid": sid[full], "year": p["year"].to_numpy()[full]}))
    if frames and len(sheet_year):
        counts = pd.concat(frames).value_counts().rename("n").reset_index()
        mode = (
            counts.sort_values(["sid", "n", "year"], ascending=[True, False, False])
            .drop_duplicates("sid")
            .set_index("sid")["year"]
        )
        sheet_year = sheet_year.fillna(mode.reindex(sheet_year.index))
    if fallback is not None:
        sheet_year = sheet_year.fillna(float(fallback))
    return pd.Series(sheet_year.to_numpy()[sid] if len(sid) else [], dtype=float)


def sheet_years(stack: Stack, parsed: Sequence[pd.DataFrame], fallback: int | None) -> pd.Series:
    """Per row of ``stack``, the year its dates typed without one take (:func:`_context_years`), from
    the ``parsed`` parts of the stack's date columns; indexed as the stack's frame."""
    name_years = [_name_year(r.file, r.sheet) for r in stack.refs]
    years = _context_years(stack.sid, parsed, name_years, fallback)
    years.index = stack.frame.index
    return years


@dataclass(slots=True)
class DateColumn:
    """A date column read: ``value`` (datetime64[s], NaT when blank or not a date), ``blank``,
    ``invalid`` (typed but not a date), ``no_year`` (typed as 3月5日 and no year to be found)."""

    value: pd.Series
    blank: pd.Series
    invalid: pd.Series
    no_year: pd.Series


def resolve_dates(parsed: pd.DataFrame, years: pd.Series) -> DateColumn:
    """Dates from parsed parts, year-less ones taking ``years`` (per row, NaN = none known)."""
    no_year = parsed["no_year"].astype(bool)
    unreadable = parsed["unreadable"].astype(bool)
    blank = parsed["blank"].astype(bool)
    ymd = parsed[["year", "month", "day"]].astype(float)
    ymd["year"] = ymd["year"].fillna(years.where(no_year))
    value = pd.to_datetime(ymd, errors="coerce").astype("datetime64[s]")
    missing_year = no_year & years.isna() & ~unreadable
    invalid = ~blank & value.isna() & ~missing_year
    return DateColumn(value, blank, invalid, missing_year)


def date_parts(cells: Column) -> pd.DataFrame:
    """Read a column of date cells as people type them (LEDGER.md), all at once: per row, the
    calendar parts (``year``, ``month``, ``day``; NaN = unknown) and the flags ``blank``,
    ``unreadable`` and ``no_year``, for :func:`resolve_dates`.

    Real date cells; serial numbers (41703); 2014-03-05, 2014/3/5, 2014.3.5, 2014年3月5日,
    20140305 (text or number); 3月5日, its year to come from the sheet; full-width digits; a time
    part is dropped.  Anything else — 2014.13.5, 2月30日, words — is unreadable: never a guess.
    """
    return spread_frame(cells, _date_values)


def month_parts(cells: Column) -> pd.DataFrame:
    """As :func:`date_parts`, for a column of months (所属月份, 月份): day 1."""
    return spread_frame(cells, _month_values)


def parse_months(cells: Column, years: pd.Series) -> tuple[pd.Series, DateColumn]:
    """Read a column of months (所属月份) → ('YYYY-MM' strings or <NA>, the column as dates)."""
    read = resolve_dates(month_parts(cells), years)
    return month_keys(read.value), read


def month_keys(value: pd.Series) -> pd.Series:
    keys: pd.Series = value.dt.strftime("%Y-%m").astype("string")
    return keys.where(value.notna(), None)


def date_findings(
    frame: pd.DataFrame,
    col: DateColumn,
    key: str,
    refs: Sequence[SheetRef],
    standard_header: str,
) -> list[Finding]:
    """L-DATE errors: cells that are not dates, and dates typed without a year none can be found for.

    ``frame`` carries ``_year`` (the sheet's year, for the example in the message)."""
    invalid = cell_findings(
        frame, col.invalid, key, refs, DATE_INVALID, params=example_year, standard_header=standard_header
    )
    no_year = cell_findings(frame, col.no_year, key, refs, DATE_NO_YEAR, standard_header=standard_header)
    return invalid + no_year


def month_findings(
    frame: pd.DataFrame, col: DateColumn, key: str, refs: Sequence[SheetRef], standard_header: str
) -> list[Finding]:
    """L-DATE errors of a month column: cells that are not months, or months no year is found for.

    ``frame`` carries ``_year``, as for :func:`date_findings`."""
    return cell_findings(
        frame,
        col.invalid | col.no_year,
        key,
        refs,
        MONTH_INVALID,
        params=example_year,
        standard_header=standard_header,
    )

"""Raw sheets → the Ledger: the code that knows the forms people type (header words are in
:mod:`xcreport.reading.headers`).

Two steps, so that the costly part runs once over every row of every workbook:

1. :func:`extract_tables` (per workbook, cheap, may run in a worker process) finds each sheet's
   header row and kind — ledger (台账), roster (通讯员名册), major-event register (重大事项登记)
   or ranking (市局排名 / 外部考核) — and keeps the cells of the known columns, blank rows dropped.
2. :func:`normalize` stacks the tables of one kind from all workbooks and turns every column into
   its contract form column-wise (pandas string methods, ``to_datetime``), never cell by cell.

A problem in a cell is a :class:`~xcreport.model.Finding` naming the file, sheet, Excel row, column
letter and header; a row with an error is marked in the private ``_error`` column and left out later
by :mod:`xcreport.validate`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, cast

import numpy as np
import pandas as pd

from xcreport.config import Settings
from xcreport.findings import (
    DATE_INVALID,
    DATE_NO_YEAR,
    LEVEL_BLANK,
    LEVEL_CONFLICT,
    LEVEL_INVALID,
    MONTH_INVALID,
    RANK_BLANK,
    RANK_INVALID,
    RANKING_MONTH_BLANK,
    REGISTER_BLANK,
    ROSTER_NAME_BLANK,
    SCORE_INVALID,
    UNIT_BLANK,
    UNIT_NO_COLUMN,
    UNIT_UNKNOWN,
    YES_NO_UNKNOWN,
    Finding,
)
from xcreport.findings import Kind as FindingKind
from xcreport.model import LEDGER_COLUMNS, RANKING_COLUMNS, REGISTER_COLUMNS, ROSTER_COLUMNS
from xcreport.reading.headers import (
    HEADERS,
    LEDGER_HEADERS,
    RANKING_HEADERS,
    REGISTER_HEADERS,
    ROSTER_HEADERS,
    SheetKind,
    spoken_header,
    standard_header,
)
from xcreport.reading.tables import (
    Coded,
    IntArray,
    ObjectArray,
    SheetTable,
    code_type,
)
from xcreport.text import fold_name

# -- cells as text --------------------------------------------------------------------------------
#
# Ledgers repeat their values (the same body, category, outlet, date on many rows), so every column
# transform below runs on the column's distinct cells only and is spread back by position
# (:func:`_spread`): the same vectorised string operations, on a few hundred values, not 100 000.


def cell_text(value: object) -> str:
    """A cell as the clerk sees it: text stripped, whole numbers without '.0', dates ISO."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if np.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return "" if value is None else str(value)


#: A column of cells: a Series (index kept), or coded (rows 0…n-1).
Column = pd.Series | Coded


def _coded(cells: Column) -> tuple[Coded, pd.Index]:
    if isinstance(cells, Coded):
        return cells, pd.RangeIndex(len(cells.codes))
    return Coded.of(cells), cells.index


def _spread(cells: Column, transform: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``transform`` applied to the distinct cells of ``cells``, spread back to every row."""
    coded, index = _coded(cells)
    values = transform(pd.Series(coded.uniques, dtype=object))
    return pd.Series(values.array.take(coded.codes), index=index)


def _spread_frame(cells: Column, transform: Callable[[pd.Series], pd.DataFrame]) -> pd.DataFrame:
    """As :func:`_spread`, for a transform giving several columns."""
    coded, index = _coded(cells)
    out = transform(pd.Series(coded.uniques, dtype=object)).take(coded.codes)
    out.index = index
    return out


def _text_values(cells: pd.Series) -> pd.Series:
    """Cells → str, "" for blank (object dtype)."""
    if pd.api.types.infer_dtype(cells, skipna=False) == "string":
        return cells.str.strip()
    # Distinct values of a column mixing numbers, dates and text: few, so one by one.
    return cells.map(cell_text).astype(object)


def _canonical(texts: pd.Series) -> pd.Series:
    """Vectorised :func:`xcreport.config.canonical_name`."""
    return texts.str.normalize("NFKC").str.replace(r"\s+", "", regex=True)


def _texts(cells: Column) -> pd.Series:
    """Column of cells → column of str, "" for blank."""
    return _spread(cells, _text_values)


def _opt_text(cells: Column) -> pd.Series:
    """Column of cells → "string" column, <NA> for blank."""
    return _spread(cells, lambda u: _nonblank(_text_values(u)))


def _nonblank(texts: pd.Series) -> pd.Series:
    return texts.where(texts != "", None).astype("string")


def _vocab(cells: Column, vocabulary: Sequence[str]) -> pd.Series:
    """The vocabulary's spelling where a value matches one (after NFKC, spaces), else as typed."""
    lookup = {fold_name(v): v for v in vocabulary}

    def transform(unique: pd.Series) -> pd.Series:
        texts = _text_values(unique)
        matched = _canonical(texts).map(lookup)
        return _nonblank(matched.where(matched.notna(), texts))

    return _spread(cells, transform)


_SEPARATORS = r"[、,;/\s]+"  # after NFKC: ，→ ,  ；→ ;  全角空格 → space


def _empty_tuples(n: int, index: pd.Index) -> pd.Series:
    out: ObjectArray = np.empty(n, dtype=object)
    out.fill(())
    return pd.Series(out, index=index, dtype=object)


def _authors(cells: Column) -> pd.Series:
    """Author names as tuples, split on 、，,;；/ and spaces; () when blank."""

    def transform(unique: pd.Series) -> pd.Series:
        texts = _text_values(unique).str.normalize("NFKC")
        joined = texts.str.replace(_SEPARATORS, " ", regex=True).str.strip()
        parts = joined.str.split(" ").map(tuple)
        return parts.where(joined != "", _empty_tuples(len(joined), joined.index))

    return _spread(cells, transform)


_NOT_WORD = re.compile(r"[\W_]+")


def _key_of(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def title_key(cells: Column) -> pd.Series:
    """A piece's identity: NFKC, case-folded, white space and punctuation removed; <NA> when blank."""

    def transform(unique: pd.Series) -> pd.Series:
        texts = _text_values(unique)
        # Titles rarely repeat, so this runs once per row: one pass composing the three steps
        # costs a third of pandas' three .str passes, which loop over the values just the same.
        keys = texts.map(_key_of)
        return keys.where(texts != "", None).astype("string")

    return _spread(cells, transform)


_YES = frozenset({"是", "Y", "√", "✓", "✔", "1", "TRUE"})
_NO = frozenset({"否", "N", "×", "✗", "✘", "0", "FALSE", ""})


def yes_no(cells: Column) -> tuple[pd.Series, pd.Series]:
    """(value, unreadable): 是/否 and their usual marks; blank is no, anything else is no and flagged."""

    def transform(unique: pd.Series) -> pd.DataFrame:
        token = _canonical(_text_values(unique)).str.upper()
        yes = token.isin(_YES)
        return pd.DataFrame({"yes": yes.astype(bool), "bad": ~(yes | token.isin(_NO))})

    out = _spread_frame(cells, transform)
    return out["yes"], out["bad"]


# -- dates --------------------------------------------------------------------------------------


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
    """Distinct date cells → :data:`_PARSED` columns; every form of LEDGER.md (see parse_dates)."""
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


def _name_year(*names: str) -> float:
    """The first 20xx year named in any of ``names`` (sheet, file, folders), else NaN."""
    for name in names:
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


@dataclass(slots=True)
class DateColumn:
    """A date column read: ``value`` (datetime64[s], NaT when blank or not a date), ``blank``,
    ``invalid`` (typed but not a date), ``no_year`` (typed as 3月5日 and no year to be found)."""

    value: pd.Series
    blank: pd.Series
    invalid: pd.Series
    no_year: pd.Series


def _resolve(parsed: pd.DataFrame, years: pd.Series) -> DateColumn:
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


def _no_years(cells: Column) -> pd.Series:
    return pd.Series(np.nan, index=_coded(cells)[1])


def parse_dates(cells: Column, years: pd.Series | None = None) -> DateColumn:
    """Read a column of date cells as people type them (LEDGER.md), all at once.

    Real date cells; serial numbers (41703); 2014-03-05, 2014/3/5, 2014.3.5, 2014年3月5日,
    20140305 (text or number); 3月5日 with its year from ``years`` (per row); full-width digits; a
    time part is dropped.  Anything else — 2014.13.5, 2月30日, words — is ``invalid``: never a guess.
    """
    parsed = _spread_frame(cells, _date_values)
    return _resolve(parsed, years if years is not None else _no_years(cells))


def parse_months(cells: Column, years: pd.Series | None = None) -> tuple[pd.Series, DateColumn]:
    """Read a column of months (所属月份) → ('YYYY-MM' strings or <NA>, the column as dates)."""
    parsed = _spread_frame(cells, _month_values)
    read = _resolve(parsed, years if years is not None else _no_years(cells))
    return _month_keys(read.value), read


def _month_keys(value: pd.Series) -> pd.Series:
    keys: pd.Series = value.dt.strftime("%Y-%m").astype("string")
    return keys.where(value.notna(), None)


# -- bodies -------------------------------------------------------------------------------------


def body_from_name(name: str, settings: Settings) -> str | None:
    """The registered body a sheet or file name stands for: an exact name or alias, else the one
    body whose name or alias the text contains (longest match; 运管所2014年台账 → 运管所).  None when
    no body, or more than one, is named."""
    exact = settings.resolve_body(name)
    if exact is not None:
        return exact
    text = fold_name(name)
    hits = [key for key in settings.body_lookup if key in text]
    # A hit inside a longer hit (公路 in 海启高速公路项目组) is part of that name, not a second body.
    longest = [k for k in hits if not any(k != other and k in other for other in hits)]
    bodies = {settings.body_lookup[k] for k in longest}
    return bodies.pop() if len(bodies) == 1 else None


def fallback_body(file: str, sheet: str, settings: Settings) -> str | None:
    """Where a row names no body: the sheet name, then the file name (LEDGER.md)."""
    return body_from_name(sheet, settings) or body_from_name(PurePosixPath(file).stem, settings)


# -- findings -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SheetRef:
    """Where a stacked sheet came from, where its columns are (key → letter, header as typed), and
    the distinct cells of each column of the stack it is part of (key → :attr:`Coded.uniques`,
    the same arrays for every sheet of the stack), which its rows' ``_raw_<key>`` codes point into."""

    file: str
    sheet: str
    columns: Mapping[str, tuple[str, str]]
    cells: Mapping[str, ObjectArray] = field(default_factory=dict, compare=False, repr=False)


#: A finding's parameters from the row's record, beyond the finding's own fields (row, value, …).
Params = Callable[[Mapping[str, Any]], Mapping[str, object]]


def cell_findings(
    frame: pd.DataFrame,
    mask: pd.Series,
    key: str,
    sheets: Sequence[SheetRef],
    kind: FindingKind,
    *,
    params: Params | None = None,
    standard_header: str = "",
    fields: Sequence[str] = (),
) -> list[Finding]:
    """One finding of ``kind`` per row of ``frame`` where ``mask`` holds, about the cell of column ``key``.

    ``frame`` carries ``_sid`` (index into ``sheets``), ``excel_row``, ``body`` and ``_raw_<key>``
    (the row's cell as its position among the column's distinct cells, :attr:`SheetRef.cells`:
    only the few failing rows' cells are looked up); ``params`` sees those, ``_year`` when present
    and the columns named in ``fields``.  Where the sheet has no such column, the column letter is
    empty and the header is ``standard_header``.  The finding keeps the header as typed; the message
    names it without its required marks.
    """
    raw = f"_raw_{key}"
    wanted = ["_sid", "excel_row", "body", raw, "_year", *fields]
    records = frame.loc[mask.to_numpy(), [c for c in dict.fromkeys(wanted) if c in frame.columns]]
    out: list[Finding] = []
    for rec in cast(list[dict[str, Any]], records.to_dict("records")):
        ref = sheets[int(rec["_sid"])]
        letter, header = ref.columns.get(key, ("", standard_header))
        cells = ref.cells.get(key)
        body = rec.get("body")
        out.append(
            kind(
                file=ref.file,
                sheet=ref.sheet,
                row=int(rec["excel_row"]),
                column=letter,
                header=header,
                said=spoken_header(header),
                value=cell_text(cells[rec[raw]]) if cells is not None and raw in rec else "",
                body=body if isinstance(body, str) else "",
                **(params(rec) if params is not None else {}),
            )
        )
    return out


def example_year(rec: Mapping[str, Any]) -> dict[str, object]:
    """The year the messages' examples use: the sheet's own, else a placeholder (no year in code)."""
    year = rec.get("_year")
    return {"year": str(int(year)) if isinstance(year, float) and not np.isnan(year) else "年"}


# -- step 2: all workbooks ----------------------------------------------------------------------


@dataclass(slots=True)
class Normalized:
    """Everything normalised, before validation.

    ``ledger`` has every contract column (correct dtypes) plus ``_sid`` (index into ``sheets``),
    ``_error`` (the row has an error finding already), ``_raw_<key>`` (the cell as read, coded:
    see :func:`cell_findings`) and ``_bad_<key>`` for the date columns (typed, but not a date:
    already an L-DATE error).
    """

    ledger: pd.DataFrame
    sheets: list[SheetRef]
    roster: pd.DataFrame
    register: pd.DataFrame
    rankings: pd.DataFrame
    findings: list[Finding]


@dataclass(slots=True)
class _Stack:
    frame: pd.DataFrame  # provenance (_sid, source_file, sheet, excel_row) and the _raw_<key> codes
    coded: dict[str, Coded]  # key → the column's cells over all sheets, coded
    sid: IntArray
    refs: list[SheetRef]


def _stack(tables: Sequence[SheetTable], keys: Sequence[str]) -> _Stack:
    """The tables' rows one under the other, each column coded over all of them.

    A row's cell as typed is needed only for the message of a finding about it, so the frame keeps
    it coded — ``_raw_<key>``, the row's position among the column's distinct cells (one to four
    bytes a row), which :func:`cell_findings` looks up in :attr:`SheetRef.cells` for the few rows
    it reports — never as an object column: a pointer a row for each of the eighteen columns, and
    each sheet's own copies of the same values, would be the largest part of the frame.
    """
    lengths = [len(t.excel_rows) for t in tables]
    n = sum(lengths)
    sid = np.repeat(np.arange(len(tables), dtype=np.int64), lengths)
    columns: dict[str, Any] = {}
    coded: dict[str, Coded] = {}
    for key in keys:
        parts = [t.cells.get(key) or Coded.blank(m) for t, m in zip(tables, lengths, strict=True)]
        starts = np.cumsum([0, *(len(p.uniques) for p in parts)])[:-1]
        values = [p.uniques for p in parts] or [np.empty(0, dtype=object)]
        # The same value recurs in many workbooks: one entry for it across all of them.
        merged, uniques = pd.factorize(np.concatenate(values), use_na_sentinel=False)
        merged = merged.astype(code_type(len(uniques)))
        # Each sheet's codes, through its sheet's slice of `merged`, point into the common uniques.
        codes = [merged[start:].take(p.codes) for p, start in zip(parts, starts, strict=True)]
        coded[key] = Coded(np.concatenate(codes or [merged[:0]]), np.asarray(uniques, dtype=object))
        columns[f"_raw_{key}"] = coded[key].codes
    frame = pd.DataFrame(columns, index=pd.RangeIndex(n))
    frame["_sid"] = sid
    files = np.array([t.file for t in tables] or [""], dtype=object)
    sheets = np.array([t.sheet for t in tables] or [""], dtype=object)
    frame["source_file"] = pd.array(files[sid], dtype="string")
    frame["sheet"] = pd.array(sheets[sid], dtype="string")
    rows = np.concatenate([t.excel_rows for t in tables]) if tables else np.empty(0, dtype=np.int64)
    frame["excel_row"] = pd.array(rows, dtype="Int64")
    cells = {key: c.uniques for key, c in coded.items()}
    refs = [SheetRef(t.file, t.sheet, t.columns, cells) for t in tables]
    return _Stack(frame, coded, sid, refs)


def _name_years(refs: Sequence[SheetRef]) -> list[float]:
    return [
        _name_year(r.sheet, PurePosixPath(r.file).stem, *reversed(PurePosixPath(r.file).parent.parts))
        for r in refs
    ]


def _bodies(
    frame: pd.DataFrame, stack: _Stack, key: str, settings: Settings, findings: list[Finding]
) -> tuple[pd.Series, pd.Series]:
    """Body per row (registered name or <NA>) and the rows whose body is unknown (L-UNIT errors)."""
    lookup = dict(settings.body_lookup)

    def transform(unique: pd.Series) -> pd.DataFrame:
        texts = _text_values(unique)
        return pd.DataFrame({"blank": texts == "", "body": _canonical(texts).map(lookup)})

    read = _spread_frame(stack.coded[key], transform)
    blank, typed = read["blank"].astype(bool), read["body"]
    fallback = pd.Series(
        [fallback_body(r.file, r.sheet, settings) for r in stack.refs] or [None], dtype=object
    )
    by_sheet = pd.Series(fallback.to_numpy()[stack.sid], index=frame.index, dtype=object)
    body = typed.where(~blank, by_sheet)
    unknown = ~blank & typed.isna()
    example = settings.bodies[0].name
    # The finding goes to the body the sheet or file name stands for, where one does, so that it
    # reaches that body's list of corrections; the row still fails (the typed name may mean another).
    findings += cell_findings(
        frame.assign(body=by_sheet),
        unknown,
        key,
        stack.refs,
        UNIT_UNKNOWN,
        params=lambda rec: {"example": example},
    )
    nameless = blank & by_sheet.isna()
    has_column = pd.Series(
        np.array([key in r.columns for r in stack.refs] or [False])[stack.sid], index=frame.index
    )
    findings += cell_findings(
        frame.assign(body=by_sheet),  # nameless: no body by name either, so the finding has none
        nameless & has_column,
        key,
        stack.refs,
        UNIT_BLANK,
    )
    # Without a 单位 column a whole sheet has no body: one finding for the sheet, not one per row.
    for sid in np.unique(stack.sid[(nameless & ~has_column).to_numpy()]):
        ref = stack.refs[sid]
        count = int((stack.sid == sid).sum())
        findings.append(
            UNIT_NO_COLUMN(
                file=ref.file, sheet=ref.sheet, count=count, example=example, unit=standard_header("unit")
            )
        )
    return body.astype("string"), unknown | nameless


def _date_findings(
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


def _month_findings(
    frame: pd.DataFrame, col: DateColumn, key: str, refs: Sequence[SheetRef], standard_header: str
) -> list[Finding]:
    return cell_findings(
        frame,
        col.invalid | col.no_year,
        key,
        refs,
        MONTH_INVALID,
        params=example_year,
        standard_header=standard_header,
    )


def _normalize_ledger(
    tables: Sequence[SheetTable], settings: Settings, year: int | None
) -> tuple[pd.DataFrame, list[SheetRef], list[Finding]]:
    stack = _stack(tables, list(LEDGER_HEADERS))
    coded = stack.coded
    findings: list[Finding] = []
    # The stack is this function's own: the normalised columns join its frame, which is not copied.
    frame = stack.frame
    error = pd.Series(False, index=frame.index)

    body, body_error = _bodies(frame, stack, "unit", settings, findings)
    frame["body"] = body
    error |= body_error
    groups = {b.name: b.group for b in settings.bodies}
    frame["group"] = body.map(groups).astype("string")

    frame["authors"] = _authors(coded["author"])
    frame["title"] = _opt_text(coded["title"])
    frame["title_key"] = title_key(coded["title"])
    vocab = settings.vocabulary
    frame["category"] = _vocab(coded["category"], vocab.categories)
    frame["focus"] = _vocab(coded["focus"], vocab.focus)
    frame["project5"] = _vocab(coded["project5"], vocab.projects)
    frame["brand"] = _vocab(coded["brand"], vocab.brands)
    frame["verdict"] = _vocab(coded["verdict"], (*vocab.verdicts_true, *vocab.verdicts_false))
    frame["link"] = _opt_text(coded["link"])
    frame["note"] = _opt_text(coded["note"])

    error |= _ledger_dates(frame, stack, year, findings)

    for key in ("instructed", "major"):
        value, unreadable = yes_no(coded[key])
        frame[key] = value
        findings += cell_findings(
            frame,
            unreadable,
            key,
            stack.refs,
            YES_NO_UNKNOWN,
        )

    level_error = _outlets(frame, coded["outlet"], coded["level"], stack.refs, settings, findings)
    error |= level_error
    frame["_error"] = error.to_numpy()
    frame = frame.drop(columns=["_year"])
    return frame, stack.refs, findings


def _ledger_dates(frame: pd.DataFrame, stack: _Stack, year: int | None, findings: list[Finding]) -> pd.Series:
    """Fill the date columns, ``_bad_<key>`` and ``_year``; return the rows with an L-DATE error.

    A function of its own so that the parsed parts (six columns a row for each date column) are
    let go as soon as their dates are read, not kept alive while the rest of the ledger is built.
    """
    # Every date column is read first, so that 3月5日 can take the sheet's most common year.
    keys = ("submitted", "adopted", "event_date")
    parsed = {key: _spread_frame(stack.coded[key], _date_values) for key in keys}
    years = _context_years(stack.sid, list(parsed.values()), _name_years(stack.refs), year)
    years.index = frame.index
    frame["_year"] = years
    error = pd.Series(False, index=frame.index)
    for key in list(parsed):
        col = _resolve(parsed.pop(key), years)
        frame[key] = col.value
        # validate asks for a value only where none was typed: a bad date has its own error already.
        frame[f"_bad_{key}"] = (col.invalid | col.no_year).to_numpy()
        findings += _date_findings(frame, col, key, stack.refs, LEDGER_HEADERS[key][0])
        error |= col.invalid | col.no_year
    months, month_col = parse_months(stack.coded["issue_month"], years)
    frame["issue_month"] = months
    findings += _month_findings(frame, month_col, "issue_month", stack.refs, LEDGER_HEADERS["issue_month"][0])
    return error | month_col.invalid | month_col.no_year


def _outlets(
    frame: pd.DataFrame,
    outlet: Column,
    level: Column,
    refs: Sequence[SheetRef],
    settings: Settings,
    findings: list[Finding],
) -> pd.Series:
    """Fill outlet, level, tracks (the register wins); return the rows with an L-LEVEL error."""
    register = settings.outlet_lookup
    names = {k: o.name for k, o in register.items()}
    levels_of = {k: o.level for k, o in register.items()}
    tracks_of = {k: o.tracks for k, o in register.items()}
    level_lookup = {fold_name(lv): lv for lv in settings.levels}

    def place(unique: pd.Series) -> pd.DataFrame:
        texts = _text_values(unique)
        canon = _canonical(texts)
        name = canon.map(names)
        return pd.DataFrame(
            {
                "text": texts,
                "name": name,
                "level": canon.map(levels_of),
                # () for an outlet not in the register, here once per distinct value, not per row.
                "tracks": canon.map(tracks_of).where(name.notna(), _empty_tuples(len(canon), canon.index)),
            }
        )

    def rank(unique: pd.Series) -> pd.DataFrame:
        texts = _text_values(unique)
        return pd.DataFrame({"given": texts != "", "level": _canonical(texts).map(level_lookup)})

    placed = _spread_frame(outlet, place)
    typed = _spread_frame(level, rank)
    reg_name, reg_level, reg_tracks = placed["name"], placed["level"], placed["tracks"]
    given = placed["text"] != ""
    known = reg_name.notna()
    typed_level, level_given = typed["level"], typed["given"].astype(bool)

    frame["outlet"] = reg_name.where(known, placed["text"]).where(given, None).astype("string")
    effective = reg_level.where(known, typed_level).where(given, None)
    frame["level"] = effective.astype("string")
    frame["tracks"] = reg_tracks

    levels = "、".join(settings.levels)
    conflict = given & known & level_given & typed_level.ne(reg_level).fillna(True)
    findings += cell_findings(
        frame,
        conflict,
        "level",
        refs,
        LEVEL_CONFLICT,
        fields=("outlet", "level"),
        params=lambda rec: {"outlet": rec["outlet"], "level": rec["level"]},
    )
    unplaced = given & ~known & typed_level.isna()
    for kind, typed_in in ((LEVEL_INVALID, level_given), (LEVEL_BLANK, ~level_given)):
        findings += cell_findings(
            frame,
            unplaced & typed_in,
            "level",
            refs,
            kind,
            fields=("outlet",),
            standard_header=standard_header("level"),
            params=lambda rec: {"outlet": rec["outlet"], "levels": levels},
        )
    return unplaced


def _side_dates(
    stack: _Stack, key: str, values: Callable[[pd.Series], pd.DataFrame], year: int | None
) -> DateColumn:
    """A side sheet's date or month column, a missing year taken from the sheet's context.

    The year each row took is kept in ``_year`` of the stack's frame, for the example dates of its
    findings' messages.
    """
    parsed = _spread_frame(stack.coded[key], values)
    years = _context_years(stack.sid, [parsed], _name_years(stack.refs), year)
    years.index = stack.frame.index
    stack.frame["_year"] = years
    return _resolve(parsed, years)


def _normalize_roster(tables: Sequence[SheetTable], settings: Settings) -> tuple[pd.DataFrame, list[Finding]]:
    stack = _stack(tables, list(ROSTER_HEADERS))
    frame = stack.frame
    findings: list[Finding] = []
    body, body_error = _bodies(frame, stack, "body", settings, findings)
    frame["body"] = body
    name = _spread(stack.coded["name"], lambda u: _canonical(_text_values(u)))
    missing = name == ""
    findings += cell_findings(
        frame,
        missing & ~body_error,
        "name",
        stack.refs,
        ROSTER_NAME_BLANK,
    )
    frame["name"] = name.astype("string")
    frame["phone"] = _opt_text(stack.coded["phone"])
    frame["post"] = _opt_text(stack.coded["post"])
    keep = ~(body_error | missing)
    return _side_frame(frame[keep.to_numpy()], ROSTER_COLUMNS), findings


def _normalize_register(
    tables: Sequence[SheetTable], settings: Settings, year: int | None
) -> tuple[pd.DataFrame, list[Finding]]:
    stack = _stack(tables, list(REGISTER_HEADERS))
    frame = stack.frame
    findings: list[Finding] = []
    body, body_error = _bodies(frame, stack, "body", settings, findings)
    frame["body"] = body
    when = _side_dates(stack, "event_date", _date_values, year)
    findings += _date_findings(frame, when, "event_date", stack.refs, REGISTER_HEADERS["event_date"][0])
    event = _texts(stack.coded["event"])
    blank_required = (event == "") | when.blank
    for key, blank in (("event", event == ""), ("event_date", when.blank)):
        findings += cell_findings(
            frame,
            blank,
            key,
            stack.refs,
            REGISTER_BLANK,
        )
    frame["event"] = _nonblank(event)
    frame["event_date"] = when.value
    frame["handling"] = _opt_text(stack.coded["handling"])
    keep = ~(body_error | when.invalid | when.no_year | blank_required)
    return _side_frame(frame[keep.to_numpy()], REGISTER_COLUMNS), findings


_RANK_PATTERN = r"^第?\s*(\d+)\s*名?$"


def _normalize_rankings(tables: Sequence[SheetTable], year: int | None) -> tuple[pd.DataFrame, list[Finding]]:
    stack = _stack(tables, list(RANKING_HEADERS))
    frame = stack.frame
    frame["body"] = None
    findings: list[Finding] = []
    month = _side_dates(stack, "month", _month_values, year)
    findings += _month_findings(frame, month, "month", stack.refs, RANKING_HEADERS["month"][0])
    findings += cell_findings(
        frame,
        month.blank,
        "month",
        stack.refs,
        RANKING_MONTH_BLANK,
        params=example_year,
    )
    frame["month"] = _month_keys(month.value)
    rank_text = _texts(stack.coded["rank"]).str.normalize("NFKC")
    rank = pd.to_numeric(rank_text.str.extract(_RANK_PATTERN, expand=False), errors="coerce")
    bad_rank = rank.isna() | (rank < 1)
    rank_blank = rank_text == ""
    findings += cell_findings(frame, bad_rank & rank_blank, "rank", stack.refs, RANK_BLANK)
    findings += cell_findings(frame, bad_rank & ~rank_blank, "rank", stack.refs, RANK_INVALID)
    frame["rank"] = rank.astype("Int64")
    score_text = _texts(stack.coded["score"])
    score = pd.to_numeric(score_text.str.normalize("NFKC"), errors="coerce")
    bad_score = (score_text != "") & score.isna()
    findings += cell_findings(
        frame,
        bad_score,
        "score",
        stack.refs,
        SCORE_INVALID,
    )
    frame["score"] = score.astype("Float64")
    frame["item"] = _opt_text(stack.coded["item"])
    keep = ~(month.invalid | month.no_year | month.blank | bad_rank)
    return _side_frame(frame[keep.to_numpy()], RANKING_COLUMNS), findings


def _side_frame(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    out = frame.loc[:, list(columns)].reset_index(drop=True)
    for col in columns:
        if out[col].dtype == object:
            out[col] = out[col].astype("string")
    return out


def empty_side(columns: Sequence[str]) -> pd.DataFrame:
    """A side sheet frame (roster, register, rankings) with no rows and its columns."""
    dtypes = {"excel_row": "Int64", "event_date": "datetime64[s]", "rank": "Int64", "score": "Float64"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "string")) for c in columns})


def normalize(tables: Sequence[SheetTable], settings: Settings, *, year: int | None = None) -> Normalized:
    """Stack the recognised sheets of every workbook by kind and normalise them column-wise.

    ``year`` (the year being reported, if any) is the last resort for dates typed without a year.
    """
    by_kind: dict[SheetKind, list[SheetTable]] = {k: [t for t in tables if t.kind == k] for k in HEADERS}
    ledger, refs, findings = _normalize_ledger(by_kind["ledger"], settings, year)
    for col, (dtype, _) in LEDGER_COLUMNS.items():
        if str(ledger[col].dtype) != dtype:
            ledger[col] = ledger[col].astype(cast(Any, dtype))
    roster, f_roster = (
        _normalize_roster(by_kind["roster"], settings)
        if by_kind["roster"]
        else (
            empty_side(ROSTER_COLUMNS),
            [],
        )
    )
    register, f_register = (
        _normalize_register(by_kind["register"], settings, year)
        if by_kind["register"]
        else (empty_side(REGISTER_COLUMNS), [])
    )
    rankings, f_rankings = (
        _normalize_rankings(by_kind["ranking"], year)
        if by_kind["ranking"]
        else (empty_side(RANKING_COLUMNS), [])
    )
    return Normalized(ledger, refs, roster, register, rankings, findings + f_roster + f_register + f_rankings)

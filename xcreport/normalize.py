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
from xcreport.reading.cells import (
    Column,
    authors,
    canonical,
    cell_text,
    cell_texts,
    empty_tuples,
    nonblank,
    optional_text,
    spread,
    spread_frame,
    text_values,
    title_key,
    vocab_text,
    yes_no,
)
from xcreport.reading.dates import (
    DateColumn,
    context_years,
    date_parts,
    month_keys,
    month_parts,
    name_year,
    parse_months,
    resolve_dates,
)
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
    return [name_year(r.file, r.sheet) for r in refs]


def _bodies(
    frame: pd.DataFrame, stack: _Stack, key: str, settings: Settings, findings: list[Finding]
) -> tuple[pd.Series, pd.Series]:
    """Body per row (registered name or <NA>) and the rows whose body is unknown (L-UNIT errors)."""
    lookup = dict(settings.body_lookup)

    def transform(unique: pd.Series) -> pd.DataFrame:
        texts = text_values(unique)
        return pd.DataFrame({"blank": texts == "", "body": canonical(texts).map(lookup)})

    read = spread_frame(stack.coded[key], transform)
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

    frame["authors"] = authors(coded["author"])
    frame["title"] = optional_text(coded["title"])
    frame["title_key"] = title_key(coded["title"])
    vocab = settings.vocabulary
    frame["category"] = vocab_text(coded["category"], vocab.categories)
    frame["focus"] = vocab_text(coded["focus"], vocab.focus)
    frame["project5"] = vocab_text(coded["project5"], vocab.projects)
    frame["brand"] = vocab_text(coded["brand"], vocab.brands)
    frame["verdict"] = vocab_text(coded["verdict"], (*vocab.verdicts_true, *vocab.verdicts_false))
    frame["link"] = optional_text(coded["link"])
    frame["note"] = optional_text(coded["note"])

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
    parsed = {key: date_parts(stack.coded[key]) for key in keys}
    years = context_years(stack.sid, list(parsed.values()), _name_years(stack.refs), year)
    years.index = frame.index
    frame["_year"] = years
    error = pd.Series(False, index=frame.index)
    for key in list(parsed):
        col = resolve_dates(parsed.pop(key), years)
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
        texts = text_values(unique)
        canon = canonical(texts)
        name = canon.map(names)
        return pd.DataFrame(
            {
                "text": texts,
                "name": name,
                "level": canon.map(levels_of),
                # () for an outlet not in the register, here once per distinct value, not per row.
                "tracks": canon.map(tracks_of).where(name.notna(), empty_tuples(len(canon), canon.index)),
            }
        )

    def rank(unique: pd.Series) -> pd.DataFrame:
        texts = text_values(unique)
        return pd.DataFrame({"given": texts != "", "level": canonical(texts).map(level_lookup)})

    placed = spread_frame(outlet, place)
    typed = spread_frame(level, rank)
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
    stack: _Stack, key: str, parts: Callable[[Column], pd.DataFrame], year: int | None
) -> DateColumn:
    """A side sheet's date or month column, a missing year taken from the sheet's context.

    The year each row took is kept in ``_year`` of the stack's frame, for the example dates of its
    findings' messages.
    """
    parsed = parts(stack.coded[key])
    years = context_years(stack.sid, [parsed], _name_years(stack.refs), year)
    years.index = stack.frame.index
    stack.frame["_year"] = years
    return resolve_dates(parsed, years)


def _normalize_roster(tables: Sequence[SheetTable], settings: Settings) -> tuple[pd.DataFrame, list[Finding]]:
    stack = _stack(tables, list(ROSTER_HEADERS))
    frame = stack.frame
    findings: list[Finding] = []
    body, body_error = _bodies(frame, stack, "body", settings, findings)
    frame["body"] = body
    name = spread(stack.coded["name"], lambda u: canonical(text_values(u)))
    missing = name == ""
    findings += cell_findings(
        frame,
        missing & ~body_error,
        "name",
        stack.refs,
        ROSTER_NAME_BLANK,
    )
    frame["name"] = name.astype("string")
    frame["phone"] = optional_text(stack.coded["phone"])
    frame["post"] = optional_text(stack.coded["post"])
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
    when = _side_dates(stack, "event_date", date_parts, year)
    findings += _date_findings(frame, when, "event_date", stack.refs, REGISTER_HEADERS["event_date"][0])
    event = cell_texts(stack.coded["event"])
    blank_required = (event == "") | when.blank
    for key, blank in (("event", event == ""), ("event_date", when.blank)):
        findings += cell_findings(
            frame,
            blank,
            key,
            stack.refs,
            REGISTER_BLANK,
        )
    frame["event"] = nonblank(event)
    frame["event_date"] = when.value
    frame["handling"] = optional_text(stack.coded["handling"])
    keep = ~(body_error | when.invalid | when.no_year | blank_required)
    return _side_frame(frame[keep.to_numpy()], REGISTER_COLUMNS), findings


_RANK_PATTERN = r"^第?\s*(\d+)\s*名?$"


def _normalize_rankings(tables: Sequence[SheetTable], year: int | None) -> tuple[pd.DataFrame, list[Finding]]:
    stack = _stack(tables, list(RANKING_HEADERS))
    frame = stack.frame
    frame["body"] = None
    findings: list[Finding] = []
    month = _side_dates(stack, "month", month_parts, year)
    findings += _month_findings(frame, month, "month", stack.refs, RANKING_HEADERS["month"][0])
    findings += cell_findings(
        frame,
        month.blank,
        "month",
        stack.refs,
        RANKING_MONTH_BLANK,
        params=example_year,
    )
    frame["month"] = month_keys(month.value)
    rank_text = cell_texts(stack.coded["rank"]).str.normalize("NFKC")
    rank = pd.to_numeric(rank_text.str.extract(_RANK_PATTERN, expand=False), errors="coerce")
    bad_rank = rank.isna() | (rank < 1)
    rank_blank = rank_text == ""
    findings += cell_findings(frame, bad_rank & rank_blank, "rank", stack.refs, RANK_BLANK)
    findings += cell_findings(frame, bad_rank & ~rank_blank, "rank", stack.refs, RANK_INVALID)
    frame["rank"] = rank.astype("Int64")
    score_text = cell_texts(stack.coded["score"])
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
    frame["item"] = optional_text(stack.coded["item"])
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

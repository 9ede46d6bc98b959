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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import (
    LEVEL_BLANK,
    LEVEL_CONFLICT,
    LEVEL_INVALID,
    RANK_BLANK,
    RANK_INVALID,
    RANKING_MONTH_BLANK,
    REGISTER_BLANK,
    ROSTER_NAME_BLANK,
    SCORE_INVALID,
    YES_NO_UNKNOWN,
    Finding,
)
from xcreport.model import LEDGER_COLUMNS, RANKING_COLUMNS, REGISTER_COLUMNS, ROSTER_COLUMNS
from xcreport.reading.bodies import row_bodies
from xcreport.reading.cells import (
    Column,
    authors,
    canonical,
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
    date_findings,
    date_parts,
    month_findings,
    month_keys,
    month_parts,
    parse_months,
    resolve_dates,
    sheet_years,
)
from xcreport.reading.headers import (
    HEADERS,
    LEDGER_HEADERS,
    RANKING_HEADERS,
    REGISTER_HEADERS,
    ROSTER_HEADERS,
    SheetKind,
    standard_header,
)
from xcreport.reading.stack import SheetRef, Stack, cell_findings, example_year, stack_tables
from xcreport.reading.tables import (
    SheetTable,
)
from xcreport.text import fold_name


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


def _normalize_ledger(
    tables: Sequence[SheetTable], settings: Settings, year: int | None
) -> tuple[pd.DataFrame, list[SheetRef], list[Finding]]:
    stack = stack_tables(tables, list(LEDGER_HEADERS))
    coded = stack.coded
    findings: list[Finding] = []
    # The stack is this function's own: the normalised columns join its frame, which is not copied.
    frame = stack.frame
    error = pd.Series(False, index=frame.index)

    body, body_error = row_bodies(frame, stack, "unit", settings, findings)
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


def _ledger_dates(frame: pd.DataFrame, stack: Stack, year: int | None, findings: list[Finding]) -> pd.Series:
    """Fill the date columns, ``_bad_<key>`` and ``_year``; return the rows with an L-DATE error.

    A function of its own so that the parsed parts (six columns a row for each date column) are
    let go as soon as their dates are read, not kept alive while the rest of the ledger is built.
    """
    # Every date column is read first, so that 3月5日 can take the sheet's most common year.
    keys = ("submitted", "adopted", "event_date")
    parsed = {key: date_parts(stack.coded[key]) for key in keys}
    years = sheet_years(stack, list(parsed.values()), year)
    frame["_year"] = years
    error = pd.Series(False, index=frame.index)
    for key in list(parsed):
        col = resolve_dates(parsed.pop(key), years)
        frame[key] = col.value
        # validate asks for a value only where none was typed: a bad date has its own error already.
        frame[f"_bad_{key}"] = (col.invalid | col.no_year).to_numpy()
        findings += date_findings(frame, col, key, stack.refs, LEDGER_HEADERS[key][0])
        error |= col.invalid | col.no_year
    months, month_col = parse_months(stack.coded["issue_month"], years)
    frame["issue_month"] = months
    findings += month_findings(frame, month_col, "issue_month", stack.refs, LEDGER_HEADERS["issue_month"][0])
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
    stack: Stack, key: str, parts: Callable[[Column], pd.DataFrame], year: int | None
) -> DateColumn:
    """A side sheet's date or month column, a missing year taken from the sheet's context.

    The year each row took is kept in ``_year`` of the stack's frame, for the example dates of its
    findings' messages.
    """
    parsed = parts(stack.coded[key])
    years = sheet_years(stack, [parsed], year)
    stack.frame["_year"] = years
    return resolve_dates(parsed, years)


def _normalize_roster(tables: Sequence[SheetTable], settings: Settings) -> tuple[pd.DataFrame, list[Finding]]:
    stack = stack_tables(tables, list(ROSTER_HEADERS))
    frame = stack.frame
    findings: list[Finding] = []
    body, body_error = row_bodies(frame, stack, "body", settings, findings)
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
    stack = stack_tables(tables, list(REGISTER_HEADERS))
    frame = stack.frame
    findings: list[Finding] = []
    body, body_error = row_bodies(frame, stack, "body", settings, findings)
    frame["body"] = body
    when = _side_dates(stack, "event_date", date_parts, year)
    findings += date_findings(frame, when, "event_date", stack.refs, REGISTER_HEADERS["event_date"][0])
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
    stack = stack_tables(tables, list(RANKING_HEADERS))
    frame = stack.frame
    frame["body"] = None
    findings: list[Finding] = []
    month = _side_dates(stack, "month", month_parts, year)
    findings += month_findings(frame, month, "month", stack.refs, RANKING_HEADERS["month"][0])
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

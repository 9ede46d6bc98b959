"""The ledger sheets' rows → the Ledger's columns, in contract form (:data:`~xcreport.model.LEDGER_COLUMNS`).

The tables of every ledger sheet are stacked (:mod:`xcreport.reading.stack`) and every column is
turned into its contract form column-wise (pandas string methods, ``to_datetime``), never cell by
cell: bodies, authors, titles, the vocabularies' spellings, dates, yes/no, and the outlet with its
level and tracks, the outlet register winning over a typed level.  A problem in a cell is a finding
about it; a row with an error is marked in the private ``_error`` column and left out later by
:mod:`xcreport.reading.checks`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import LEVEL_BLANK, LEVEL_CONFLICT, LEVEL_INVALID, YES_NO_UNKNOWN, Finding
from xcreport.model import LEDGER_COLUMNS
from xcreport.reading.bodies import row_bodies
from xcreport.reading.cells import (
    Column,
    authors,
    canonical,
    empty_tuples,
    optional_text,
    spread_frame,
    text_values,
    title_key,
    vocab_text,
    yes_no,
)
from xcreport.reading.dates import (
    date_findings,
    date_parts,
    month_findings,
    parse_months,
    resolve_dates,
    sheet_years,
)
from xcreport.reading.headers import LEDGER_HEADERS, standard_header
from xcreport.reading.stack import SheetRef, Stack, cell_findings, stack_tables
from xcreport.reading.tables import SheetTable
from xcreport.reading.totals import drop_total_rows
from xcreport.text import fold_name


def normalize_ledger(
    tables: Sequence[SheetTable], settings: Settings, year: int | None
) -> tuple[pd.DataFrame, list[SheetRef], list[Finding]]:
    """The ledger sheets' rows in contract form (:class:`~xcreport.reading.Normalized`), the sheets
    they came from and the findings of reading their cells."""
    findings: list[Finding] = []
    stack = stack_tables(drop_total_rows(tables, findings), list(LEDGER_HEADERS))
    coded = stack.coded
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
        value, unreadable = yes_no(coded[key], settings.yes_no.yes, settings.yes_no.no)
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
    for col, (dtype, _) in LEDGER_COLUMNS.items():
        if str(frame[col].dtype) != dtype:
            frame[col] = frame[col].astype(cast(Any, dtype))
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

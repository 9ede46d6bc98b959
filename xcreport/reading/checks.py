"""The normalised Ledger → findings, and the Ledger of the rows that count.

Pure: no files, no clock (``today`` is passed in).  Every check is a boolean mask over whole
columns; Python runs per *finding*, never per row.  Errors leave their row out of the returned
Ledger; warnings keep it.

Checks (LEDGER.md): required values (L-REQUIRED), values outside the vocabularies (L-VALUE; R10 for
宣传重点 and 品牌), dates that are impossible in order or time (L-DATE warnings), and duplicates —
same body, normalised title and outlet (L-DUP: the later row is left out).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from xcreport.config import Settings
from xcreport.findings import (
    ADOPTED_BLANK,
    BRAND_MISSING,
    BRAND_UNKNOWN,
    CATEGORY_UNKNOWN,
    COLUMNS_MISSING,
    DATE_BEFORE_SUBMITTED,
    DATE_FUTURE,
    DATE_OUTSIDE_YEAR,
    DATE_YEAR_TYPO,
    DUPLICATE,
    EVENT_DATE_BLANK,
    FOCUS_UNKNOWN,
    NO_SUCH_COLUMN,
    PROJECT_MISSING,
    PROJECT_UNKNOWN,
    REQUIRED_BLANK,
    VERDICT_UNKNOWN,
    Finding,
    Kind,
)
from xcreport.model import LEDGER_COLUMNS
from xcreport.reading.dates import accepted_dates
from xcreport.reading.headers import REQUIRED_KEYS, standard_header
from xcreport.reading.stack import Params, SheetRef, cell_findings
from xcreport.text import join

DATE_KEYS = ("submitted", "adopted", "event_date")
#: Ledger order: by body, then as submitted, then where the row is.
LEDGER_ORDER = ["body", "submitted", "source_file", "excel_row"]


def _std(key: str) -> str:
    return standard_header(key)


def _date(value: object) -> str:
    return pd.Timestamp(value).date().isoformat() if isinstance(value, pd.Timestamp | dt.date) else ""


def _missing_columns(
    frame: pd.DataFrame, sheets: Sequence[SheetRef], findings: list[Finding]
) -> dict[str, pd.Series]:
    """One L-REQUIRED error per sheet lacking an always-required column; all its rows fail.

    Returns, per required key, the rows whose sheet has that column (per-row checks apply there).
    """
    has: dict[str, pd.Series] = {}
    for key in REQUIRED_KEYS:
        with_column = [sid for sid, ref in enumerate(sheets) if key in ref.columns]
        has[key] = frame["_sid"].isin(with_column)
    counts = frame["_sid"].value_counts()
    for sid, ref in enumerate(sheets):
        missing = [_std(k) for k in REQUIRED_KEYS if k not in ref.columns]
        rows = int(counts.get(sid, 0))
        if not missing or not rows:
            continue
        names = "、".join(f"“{m}”" for m in missing)
        findings.append(
            COLUMNS_MISSING(
                file=ref.file, sheet=ref.sheet, header="、".join(missing), names=names, count=rows
            )
        )
    return has


class _Checks:
    """The checks of one ledger: each adds its findings, and an error marks its rows."""

    def __init__(self, frame: pd.DataFrame, sheets: Sequence[SheetRef]) -> None:
        self.frame = frame
        self.sheets = sheets
        self.findings: list[Finding] = []
        self.error = frame["_error"].astype(bool).copy()

    def check(
        self, mask: pd.Series, key: str, kind: Kind, params: Params | None = None, fields: Sequence[str] = ()
    ) -> None:
        self.findings += cell_findings(
            self.frame, mask, key, self.sheets, kind, params=params, fields=fields, standard_header=_std(key)
        )
        if kind.severity == "error":
            self.error |= mask

    def hint(self, rec: Mapping[str, Any], key: str) -> str:
        """What to add when the row's sheet has no column for ``key``."""
        return "" if key in self.sheets[int(rec["_sid"])].columns else NO_SUCH_COLUMN.format(name=_std(key))

    def asking(self, key: str, **fixed: object) -> Params:
        """Parameters ``fixed``, and the hint to add column ``key`` where the row's sheet lacks it."""
        return lambda rec: {**fixed, "hint": self.hint(rec, key)}


def _fixed(**params: object) -> Params:
    """The same parameters for every row."""
    return lambda rec: params


def _required(c: _Checks, settings: Settings) -> None:
    """Required values (L-REQUIRED) and the detail a focus asks for (R10)."""
    frame, vocab = c.frame, settings.vocabulary
    has = _missing_columns(frame, c.sheets, c.findings)
    for key in REQUIRED_KEYS:
        c.error |= ~has[key]
    blank = {
        "author": frame["authors"].str.len().eq(0),
        "title": frame["title"].isna(),
        "category": frame["category"].isna(),
        "submitted": frame["submitted"].isna() & ~frame["_bad_submitted"],
    }
    for key, mask in blank.items():
        c.check(mask & has[key], key, REQUIRED_BLANK)
    c.check(
        frame["major"] & frame["event_date"].isna() & ~frame["_bad_event_date"],
        "event_date",
        EVENT_DATE_BLANK,
        c.asking("event_date"),
    )
    c.check(
        frame["outlet"].notna() & frame["adopted"].isna() & ~frame["_bad_adopted"],
        "adopted",
        ADOPTED_BLANK,
        lambda rec: {"outlet": rec["outlet"], "hint": c.hint(rec, "adopted")},
        ("outlet",),
    )
    # R10 (LEDGER.md, findings): a focus that must name a project or a brand and does not is a
    # warning — the piece was still written and submitted, so it keeps counting.
    for kind, focus, key, choices in (
        (PROJECT_MISSING, vocab.project_focus, "project5", vocab.projects),
        (BRAND_MISSING, vocab.brand_focus, "brand", vocab.brands),
    ):
        c.check(
            frame["focus"].eq(focus).fillna(False) & frame[key].isna(),
            key,
            kind,
            c.asking(key, focus=focus, choices=join(choices)),
        )


def _vocabularies(c: _Checks, settings: Settings) -> None:
    """Values outside the configured vocabularies (L-VALUE; R10 for 宣传重点 and 品牌)."""
    vocab = settings.vocabulary
    for key, kind, allowed in (
        ("category", CATEGORY_UNKNOWN, vocab.categories),
        ("focus", FOCUS_UNKNOWN, vocab.focus),
        ("brand", BRAND_UNKNOWN, vocab.brands),
        ("project5", PROJECT_UNKNOWN, vocab.projects),
        ("verdict", VERDICT_UNKNOWN, (*vocab.verdicts_true, *vocab.verdicts_false)),
    ):
        # isin on object values hashes in C; on the "string" dtype it goes value by value.
        values = c.frame[key].astype(object)
        outside = c.frame[key].notna() & ~values.isin(list(allowed))
        c.check(outside, key, kind, _fixed(choices=join(allowed)))


def _dates(c: _Checks, today: dt.date, year: int | None) -> None:
    """Dates impossible in order (用稿 before 报送) or in time (future, outside the year)."""
    frame = c.frame
    c.check(
        (frame["adopted"] < frame["submitted"]).fillna(False),
        "adopted",
        DATE_BEFORE_SUBMITTED,
        lambda rec: {"submitted": _date(rec["submitted"])},
        ("submitted",),
    )
    now = pd.Timestamp(today)
    in_year = year if year is not None else dominant_year(frame["submitted"])
    accepted = accepted_dates(in_year) if in_year is not None else None
    today_iso = today.isoformat()
    for key in DATE_KEYS:
        future = (frame[key] > now).fillna(False)
        outside = pd.Series(False, index=frame.index)
        if accepted is not None:
            first, last = (pd.Timestamp(day) for day in accepted)
            outside = ((frame[key] < first) | (frame[key] > last)).fillna(False)
        # A year typo (2105 for 2015) is both: one finding for the cell, and the row counts nowhere.
        typo = future & outside
        c.check(typo, key, DATE_YEAR_TYPO, lambda rec: {"today": today_iso, "year": in_year})
        c.check(future & ~typo, key, DATE_FUTURE, lambda rec: {"today": today_iso})
        c.check(outside & ~typo, key, DATE_OUTSIDE_YEAR, lambda rec: {"year": in_year})


def validate(
    ledger: pd.DataFrame,
    sheets: Sequence[SheetRef],
    settings: Settings,
    *,
    today: dt.date,
    year: int | None = None,
) -> tuple[pd.DataFrame, list[Finding]]:
    """Check the normalised ledger (:attr:`xcreport.reading.Normalized.ledger`).

    The input's columns are moved into the result one by one (the input is left without them), so
    a million-row ledger is never held twice.

    Returns the Ledger of the rows without an error — exactly the contract columns of
    :data:`~xcreport.model.LEDGER_COLUMNS`, sorted by body, submitted, source_file, excel_row — and
    the findings of these checks (those of normalisation are not repeated).  A date after ``today``
    is a warning, and so is a date more than a month outside the year: ``year`` when given (a run
    for a named month or year), else the ledger's dominant year — the most common year of 报送日期
    over every row read, the later on a tie (:func:`dominant_year`) — so that a plain
    ``xcreport validate`` flags a stray 2041 too.  No year at all (no dates): no such check.
    """
    frame = ledger
    checks = _Checks(frame, sheets)
    _required(checks, settings)
    _vocabularies(checks, settings)
    _dates(checks, today, year)
    error, findings = checks.error, checks.findings
    # -- duplicates among the rows that otherwise count ------------------------------------------
    dup = _duplicates(frame, ~error, sheets, findings)

    # The rows that count, taken once, already in ledger order: not a copy, then a sorted copy.
    keep = np.flatnonzero(~(error | dup))
    rows = keep[_order(frame[LEDGER_ORDER].iloc[keep], LEDGER_ORDER)]
    out: dict[str, pd.Series] = {}
    for col in LEDGER_COLUMNS:
        out[col] = frame[col].take(rows).reset_index(drop=True)
        del frame[col]  # the input's column goes as soon as the result has its own
    return pd.DataFrame(out, copy=False), findings


def dominant_year(dates: pd.Series) -> int | None:
    """The most common year among ``dates`` (the later on a tie), None when there is no date."""
    counts = dates.dt.year.value_counts()
    if counts.empty:
        return None
    return int(counts[counts == counts.max()].index.max())


def _codes(column: pd.Series) -> npt.NDArray[np.int64]:
    """Sortable integer codes of a column (<NA> last): string columns sort by their few distinct
    values instead of comparing every row's text."""
    codes, uniques = pd.factorize(column, sort=True)
    return np.where(codes < 0, len(uniques), codes).astype(np.int64)


def _order(frame: pd.DataFrame, by: Sequence[str]) -> npt.NDArray[np.intp]:
    """Positions that sort ``frame`` by the columns ``by`` (first key most significant), stably."""
    return np.lexsort([_codes(frame[c]) for c in reversed(by)])


def _duplicates(
    frame: pd.DataFrame, candidates: pd.Series, sheets: Sequence[SheetRef], findings: list[Finding]
) -> pd.Series:
    """Rows repeating an earlier row's body, title and outlet (L-DUP); the earliest submitted stays."""
    columns = ["body", "title_key", "outlet", "submitted", "source_file", "sheet", "excel_row"]
    pool = frame.loc[candidates.to_numpy(), columns]
    # The piece's identity as integer codes (outlet <NA> = not adopted, a value like any other).
    identity = pd.DataFrame(
        {key: pd.factorize(pool[key], use_na_sentinel=False)[0] for key in ("body", "title_key", "outlet")},
        index=pool.index,
    )
    # Hashing finds the few pieces typed twice; only those are ordered and grouped.
    repeated = identity.duplicated(keep=False).to_numpy()
    pool, identity = pool[repeated], identity[repeated]
    order = _order(pool, ["submitted", "source_file", "sheet", "excel_row"])
    pool, identity = pool.iloc[order], identity.iloc[order]
    groups = identity.groupby(list(identity.columns), sort=False)
    later = groups.cumcount() > 0
    first = (
        pd.Series(pool.index, index=pool.index).groupby([identity[c] for c in identity]).transform("first")
    )
    dup = pd.Series(False, index=frame.index)
    dup[pool.index[later.to_numpy()]] = True
    firsts = first[later].to_numpy()
    origin = pd.DataFrame(
        {
            "_first_sid": frame.loc[firsts, "_sid"].to_numpy(),
            "_first_row": frame.loc[firsts, "excel_row"].to_numpy(),
        },
        index=pool.index[later.to_numpy()],
    ).reindex(frame.index)

    def first_row(rec: Mapping[str, Any]) -> dict[str, object]:
        ref = sheets[int(rec["_first_sid"])]
        return {"first_file": ref.file, "first_sheet": ref.sheet, "first_row": int(rec["_first_row"])}

    findings.extend(
        cell_findings(
            frame.join(origin),
            dup,
            "title",
            sheets,
            DUPLICATE,
            standard_header=_std("title"),
            params=first_row,
            fields=("_first_sid", "_first_row"),
        )
    )
    return dup

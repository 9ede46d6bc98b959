"""The ledger rows scoring reads, prepared once and taken a month at a time.

:func:`derive` works out, for every row of a registered body in source order, the columns every
rule reads; :func:`ledger_rows` joins them to the :data:`READ` columns of the Ledger for the rows
wanted; :func:`split_months` hands each month of the period the rows it is scored on, and
:func:`period_rows` the rows of the period itself.

Vocabulary used throughout:

- a *piece* (稿件) is one (body, title_key); a piece adopted by several outlets is several rows;
- the *issue month* (所属月份, R3) of a row decides the period it scores in;
- the *calendar month* of ``submitted`` decides R1/R2;
- the *event month* of a major item decides the period of R5.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from xcreport.config import Settings
from xcreport.period import Period, month_index
from xcreport.scoring import false_pieces, late, points
from xcreport.scoring.breach_table import WHERE
from xcreport.scoring.columns import flag, month_indexes, month_keys

#: The Ledger columns scoring reads (the rest — links, notes, outlets as typed — it does not).
READ = [*WHERE, "body", "authors", "title", "category", "focus", "brand", "submitted", "level", "tracks"]
READ += ["outlet", "instructed", "major", "event_date", "verdict"]
#: The prepared columns the period's rows keep (:func:`period_rows`): R10 coverage and gaps, R11.
PERIOD_COLUMNS = [*WHERE, "body", "piece", "title", "submitted", "authors", "focus", "brand"]


def registered_rows(ledger: pd.DataFrame, settings: Settings) -> pd.Series:
    """The rows of a registered body; the others count nowhere (reading reports them, L-UNIT)."""
    return flag(ledger["body"].isin(list(settings.body_by_name)))


def derive(ledger: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The columns every rule reads, one row per registered row (:func:`registered_rows`) in
    source order (file, sheet, Excel row), so "the first row of a piece" is well defined and runs
    are reproducible; and ``position``: where the row is in ``ledger`` (:func:`ledger_rows` takes
    its columns there).

    ``ledger`` holds the valid rows only: reading (:mod:`xcreport.reading.checks`) has already left out
    the rows with an error and the later of two duplicates (LEDGER.md).  The columns: ``issue``,
    ``late`` (R3), ``month`` and ``day`` (calendar month and day of ``submitted``, R1/R2), the
    integer forms ``issue_ym``, ``month_ym``, ``event_ym`` (:func:`~xcreport.period.month_index`)
    the masks use, ``piece`` (an integer per body + title_key), ``is_adopted`` (a level of
    ``settings.levels``), ``row_points``, ``is_false`` (R4, this row) and ``piece_false`` (any row
    of the piece in its issue month).
    """
    registered = np.flatnonzero(registered_rows(ledger, settings).to_numpy())
    order = _source_order(ledger, registered)
    derived = _derived_columns(ledger, registered[order], _pieces(ledger, registered)[order], settings)
    derived["piece_false"] = false_pieces.false_pieces(derived)
    return derived


def _source_order(ledger: pd.DataFrame, registered: np.ndarray) -> np.ndarray:
    """The order (positions into ``registered``) that puts those ledger rows in source order:
    file, sheet, Excel row (stable; unknown last)."""
    where = ledger[WHERE].take(registered).reset_index(drop=True)
    return where.sort_values(WHERE, kind="stable", na_position="last").index.to_numpy()


def _pieces(ledger: pd.DataFrame, registered: np.ndarray) -> np.ndarray:
    """The ``piece`` of each of those ledger rows: an integer per body + title_key (the title
    where there is no title_key), numbered in order of first appearance."""
    keys = ledger[["body", "title_key", "title"]].take(registered)
    title_key = keys["title_key"].astype("string").fillna(keys["title"].astype("string")).fillna("")
    return keys.groupby([keys["body"], title_key], sort=False, dropna=False).ngroup().to_numpy()


def _derived_columns(
    ledger: pd.DataFrame, positions: np.ndarray, piece: np.ndarray, settings: Settings
) -> pd.DataFrame:
    """:func:`derive` but ``piece_false``, for the ledger rows at ``positions``."""
    rows = ledger[["submitted", "issue_month", "event_date", "level", "verdict"]].take(positions)
    rows = rows.reset_index(drop=True)
    issue = late.issue_month(rows, settings)
    submitted = rows["submitted"]
    month_ym, event_ym = month_indexes(submitted), month_indexes(rows["event_date"])
    adopted, row_points = points.adoption(rows["level"], settings)
    return pd.DataFrame(
        {
            "position": positions,
            "issue": issue["issue"],
            "issue_ym": issue["issue_ym"],
            "late": issue["late"],
            "month": month_keys(month_ym),
            "month_ym": month_ym,
            "day": submitted.dt.day,
            "piece": piece,
            "is_adopted": adopted,
            "row_points": row_points,
            "is_false": false_pieces.false_rows(rows["verdict"], settings),
            "event_ym": event_ym,
        },
        index=rows.index,
    )


def ledger_rows(
    ledger: pd.DataFrame, derived: pd.DataFrame, columns: list[str] | None = None
) -> pd.DataFrame:
    """Rows of :func:`derive` (``derived``'s index kept) with their :data:`READ` columns taken from
    ``ledger``: the ``columns`` named, else every :data:`READ` column and every derived one."""
    own = [c for c in derived.columns if c != "position"]
    wanted = [*READ, *own] if columns is None else columns
    read = ledger[[c for c in wanted if c in READ]].take(derived["position"].to_numpy())
    rows = pd.concat([read.set_axis(derived.index), derived[[c for c in wanted if c in own]]], axis=1)
    return rows[wanted]


@dataclass(frozen=True, slots=True)
class MonthRows:
    """The prepared rows (:func:`ledger_rows`) one month is scored on."""

    issued: pd.DataFrame  # of this issue month (R3): points, adoptions, R3, R4
    sent: pd.DataFrame  # submitted in this calendar month: R1/R2
    majors: pd.DataFrame  # every 重大政务信息 row: R5 (迟报 by event month, 漏报 against the register)


def _positions(derived: pd.DataFrame, column: str, year: int, month: int) -> np.ndarray:
    """The positions, in order, of the rows whose ``column`` (a month index) is that month."""
    index = derived[column].to_numpy(dtype=float, na_value=np.nan)
    return np.flatnonzero(index == month_index(year, month))


def split_months(ledger: pd.DataFrame, derived: pd.DataFrame, period: Period) -> Iterator[MonthRows]:
    """January..the period's last month (:meth:`Period.months`), by issue and calendar month: the
    prepared rows (:func:`ledger_rows`) of ``derived`` (:func:`derive`) that each needs.

    One month at a time: a month's rows are taken from the ledger as it is scored and let go
    after, so scoring never holds a copy of the whole ledger."""
    major = ledger["major"].to_numpy(dtype=bool)[derived["position"].to_numpy()]
    majors = ledger_rows(ledger, derived.loc[major])
    for m in range(1, period.last_month + 1):
        issued = ledger_rows(ledger, derived.take(_positions(derived, "issue_ym", period.year, m)))
        sent = ledger_rows(ledger, derived.take(_positions(derived, "month_ym", period.year, m)))
        yield MonthRows(issued, sent, majors)


def period_rows(derived: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The rows of ``derived`` that score in the period (annual: January..its last month;
    monthly: its month), month by month, each in source order: their ``position`` and the derived
    columns of :data:`PERIOD_COLUMNS` (:func:`ledger_rows` adds the rest)."""
    first = 1 if period.kind == "annual" else period.last_month
    months = range(first, period.last_month + 1)
    positions = np.concatenate([_positions(derived, "issue_ym", period.year, m) for m in months])
    return derived[["position", *derived.columns.intersection(PERIOD_COLUMNS)]].take(positions)

"""环比 and 同比 — the figures of the periods a run is compared with, and the comparison itself.

A run of month M is compared with the month before (环比: M − 1, or December of the previous year
for January) and with month M of the previous year (同比); an annual run with the same months of
the previous year.  Figures come from the ledgers when they hold that period (:func:`covers`),
else from the summaries earlier runs kept (:mod:`xcreport.history`), else they are unknown
(None): nothing is invented.

Readings: the ledgers hold a reference period when its last month lies within the issue months of
their rows of that year (rows at or before it, and rows at or after it) — a folder with last
year's ledgers does; a folder of this year with a few rows sent in late December does not, nor a
folder begun in May for April.  From the ledgers, a body is known in a reference
period when it has a row up to that period's end; from a kept summary, when the summary lists it.
A body registered later has no figures for the earlier period (None), even where its rows would
score zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

import pandas as pd

from xcreport.config import Settings
from xcreport.metrics import BodyComparison, Compared, Comparison, Figures, Reference
from xcreport.period import Period, month_index
from xcreport.scoring import late
from xcreport.scoring.columns import flag, month_indexes
from xcreport.scoring.month import MonthScore, adopted_column, sum_months
from xcreport.scoring.prepare import registered_rows
from xcreport.scoring.ranking import DECIMALS, competition_rank


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The figures of one reference period: the totals, and each body known then."""

    totals: Figures
    bodies: dict[str, Figures]

    def known(self, first_months: Mapping[str, int], period: Period) -> Snapshot:
        """Only the bodies with a row up to the end of ``period`` (``first_months``: body → the
        month index of its first row)."""
        end = month_index(period.year, period.last_month)
        kept = {b: f for b, f in self.bodies.items() if first_months.get(b, end + 1) <= end}
        return Snapshot(self.totals, kept)


#: A reference period, and its figures (None: unknown).
Sourced = tuple[Reference, Snapshot | None]


def reference_periods(period: Period) -> tuple[Period | None, Period]:
    """The previous month (None for an annual run) and the same period of the previous year."""
    if period.kind == "monthly" and period.month is not None:
        y, m = period.year, period.month
        return (Period("monthly", y, m - 1) if m > 1 else Period("monthly", y - 1, 12)), Period(
            "monthly", y - 1, m
        )
    return None, Period("annual", period.year - 1, through=period.through if period.partial else None)


def covers(ledger: pd.DataFrame, settings: Settings, period: Period) -> bool:
    """The ledgers hold ``period``: rows of registered bodies of its year with an issue month at or
    before its last month, and rows with one at or after it."""
    rows = ledger.loc[registered_rows(ledger, settings), ["submitted", "issue_month"]]
    issue = late.issue_month(rows, settings)["issue_ym"]
    start, last, after = (month_index(period.year, m) for m in (1, period.last_month, 13))
    return bool(
        flag((issue >= start) & (issue <= last)).any() and flag((issue >= last) & (issue < after)).any()
    )


def first_months(ledger: pd.DataFrame, settings: Settings) -> dict[str, int]:
    """Each registered body with rows → the month index of its earliest row (报送日期 or a stated
    所属月份, whichever is earlier)."""
    rows = ledger.loc[registered_rows(ledger, settings)]
    sent = month_indexes(rows["submitted"])
    stated = month_indexes(pd.to_datetime(rows["issue_month"], format="%Y-%m", errors="coerce"))
    first = pd.concat([sent, stated], axis=1).min(axis=1).dropna()
    return {str(b): int(m) for b, m in first.groupby(rows.loc[first.index, "body"]).min().items()}


def snapshot_of_months(months: list[MonthScore], settings: Settings) -> Snapshot:
    """The last of ``months`` (January..a month, scored) as a reference: its figures and those of
    its year to date, ranked as the report of that month ranks them."""
    table, ytd = months[-1].table, sum_months(months)
    score_of, score_ytd_of = table["score"].round(DECIMALS), ytd["score"].round(DECIMALS)
    score, score_ytd = score_of.to_dict(), score_ytd_of.to_dict()
    rank, rank_ytd = competition_rank(score_of).to_dict(), competition_rank(score_ytd_of).to_dict()
    levels = list(settings.levels)
    month_rows, ytd_rows = table.to_dict("index"), ytd.to_dict("index")

    def adopted(row: Mapping[Any, Any]) -> dict[str, int]:
        return {lv: int(row[adopted_column(lv)]) for lv in levels}

    bodies = {
        str(name): Figures(
            submitted=int(row["submitted"]),
            adopted=adopted(row),
            submitted_ytd=int(ytd_rows[name]["submitted"]),
            adopted_ytd=adopted(ytd_rows[name]),
            score=float(score[name]),
            rank=int(rank[name]),
            score_ytd=float(score_ytd[name]),
            rank_ytd=int(rank_ytd[name]),
        )
        for name, row in month_rows.items()
    }
    totals = Figures(
        submitted=int(table["submitted"].sum()),
        adopted={lv: int(table[adopted_column(lv)].sum()) for lv in levels},
        submitted_ytd=int(ytd["submitted"].sum()),
        adopted_ytd={lv: int(ytd[adopted_column(lv)].sum()) for lv in levels},
    )
    return Snapshot(totals, bodies)


def _counts(value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise TypeError("adopted is not a table")
    return {str(k): int(v) for k, v in value.items()}


def _figures(item: Mapping[str, Any], body: bool) -> Figures:
    """A summary's body or totals entry as Figures (totals have no score or rank)."""
    return Figures(
        submitted=int(item["submitted"]),
        adopted=_counts(item["adopted"]),
        submitted_ytd=int(item["submitted_ytd"]),
        adopted_ytd=_counts(item["adopted_ytd"]),
        score=float(item["score"]) if body else None,
        rank=int(item["rank"]) if body else None,
        score_ytd=float(item["score_ytd"]) if body else None,
        rank_ytd=int(item["rank_ytd"]) if body else None,
    )


def snapshot_of_summary(summary: Mapping[str, Any]) -> Snapshot | None:
    """A summary.json — this run's own kind of figures, or one an earlier run kept — as a
    reference; None when it is not one xcreport wrote.  (An annual summary's year to date is its
    year; a monthly one stands for its January..month through :func:`as_year`.)"""
    try:
        bodies = {str(b["body"]): _figures(b, True) for b in summary["bodies"]}
        return Snapshot(_figures(summary["totals"], False), bodies)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def as_year(snapshot: Snapshot) -> Snapshot:
    """A month's snapshot standing for January..that month: its year to date as its figures."""

    def year(f: Figures) -> Figures:
        return replace(
            f, submitted=f.submitted_ytd, adopted=f.adopted_ytd, score=f.score_ytd, rank=f.rank_ytd
        )

    return Snapshot(year(snapshot.totals), {b: year(f) for b, f in snapshot.bodies.items()})


def reference(period: Period | None, source: Literal["ledgers", "history"] | None = None) -> Reference:
    """The Reference of ``period`` (None: no such period)."""
    if period is None:
        return Reference(period=None, label="", source=None)
    return Reference(period=period.key, label=period.span_label, source=source)


def compare(settings: Settings, previous: Sourced, last_year: Sourced) -> Comparison:
    """The comparison with the previous month and the same period last year, for every body."""
    (prev_ref, prev), (ly_ref, ly) = previous, last_year
    return Comparison(
        previous_month=prev_ref,
        last_year=ly_ref,
        totals=Compared(prev.totals if prev else None, ly.totals if ly else None),
        bodies=[
            BodyComparison(
                body=b.name,
                previous_month=prev.bodies.get(b.name) if prev else None,
                last_year=ly.bodies.get(b.name) if ly else None,
            )
            for b in settings.bodies
        ],
    )

"""R3 — 每期政务信息和报表报送截止时间为每月25日 (三.5): the issue month and late rows.

The *issue month* (所属月份) of a row decides the period it scores in (:func:`issue_month`); a row
that states a month and was sent after that month's cutoff day is late: it still counts for its
issue month, carries ``deduct_late`` and is listed.

Readings: a piece with several late rows is one late submission, charged ``deduct_late`` once and
listed at its first late row.  A row with neither a stated 所属月份 nor a 报送日期 has no issue
month and scores in no period.
"""

from __future__ import annotations

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import LATE, Finding
from xcreport.scoring.breach_table import breach_table, row_findings
from xcreport.scoring.columns import flag, iso_date, month_day, month_indexes, month_keys
from xcreport.text import month_label


def issue_month(ledger: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """``issue`` ('YYYY-MM'), ``issue_ym`` (:func:`~xcreport.period.month_index`) and ``late``
    for every row of ``ledger`` (its columns ``submitted`` and ``issue_month``).

    The issue month is the month the row states; where it states none, the month of ``submitted``
    if the day is ≤ the cutoff day, else the next month (26 December → January of the next year).
    A row that states month M is late when it was submitted after the cutoff day of M, or in any
    later month.  A row with neither a stated month nor a date has no issue month (<NA>).
    """
    cutoff = settings.cadence.cutoff_day
    submitted = ledger["submitted"]
    submitted_ym = month_indexes(submitted)
    after_cutoff = flag(submitted.dt.day > cutoff)
    stated_ym = month_indexes(pd.to_datetime(ledger["issue_month"], format="%Y-%m", errors="coerce"))
    derived_ym = submitted_ym + after_cutoff.astype("Int64")
    issue = stated_ym.fillna(derived_ym)
    later_month = submitted_ym > stated_ym
    after_cutoff_same_month = (submitted_ym == stated_ym) & after_cutoff
    late = flag(stated_ym.notna() & (later_month | after_cutoff_same_month))
    return pd.DataFrame({"issue": month_keys(issue), "issue_ym": issue, "late": late}, index=ledger.index)


def first_late_rows(issued: pd.DataFrame) -> pd.DataFrame:
    """The late rows of one issue month that are charged: the first late row of each piece (a
    piece written as several adoption rows was submitted once, so it is one late submission)."""
    return issued.loc[issued["late"]].drop_duplicates("piece")


def late_pieces(issued: pd.DataFrame) -> pd.DataFrame:
    """The breach table of the late rows of one issue month, one per piece, at its first late row
    (:func:`first_late_rows`)."""
    late = first_late_rows(issued)
    stated = late["issue"]
    submitted = month_day(late["submitted"])
    detail = "所属月份" + stated + "，" + submitted + "报送"
    date = iso_date(late["submitted"])
    return breach_table(
        late,
        date=date,
        detail=detail,
        value=date,
        stated=stated.map({k: month_label(k) for k in stated.unique()}),  # a few distinct months
        submitted_day=submitted,
    )


def deduction(late: pd.Series, settings: Settings) -> pd.Series:
    """What the late pieces (a count per body) cost: ``deduct_late`` each."""
    return late * settings.scoring.deduct_late


def findings(late: pd.DataFrame, settings: Settings) -> list[Finding]:
    """One warning per late piece, at its first late row."""
    return row_findings(late, LATE, cutoff=settings.cadence.cutoff_day)

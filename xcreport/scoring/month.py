"""One month scored (:func:`score_month`), and every month of the period (:func:`score_months`).

Every period figure is a sum of months (:func:`sum_months`): a monthly run is its month (本月) plus
January..M (累计), an annual run January..the period's last month.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from xcreport.config import Settings
from xcreport.period import Period, month_key
from xcreport.scoring import cadence, false_pieces, late, major, points
from xcreport.scoring.detail import month_detail
from xcreport.scoring.prepare import PERIOD_COLUMNS, MonthRows, derive, ledger_rows, period_rows, split_months

#: The prepared columns a month keeps of its adoption rows: R6–R8 tallies, R9 tasks.
ADOPTION_COLUMNS = ["issue", "body", "piece", "level", "tracks"]


@dataclass(frozen=True, slots=True)
class MonthScore:
    """One month scored (:func:`score_month`).

    ``table``: index body (registry order); the counts submitted, first_half, second_half,
    cadence_unmet, late, false_pieces, major_late, major_missed (漏报 and 瞒报), concealed (瞒报
    alone), bonus_pieces; one
    ``adopted:<level>`` column per level; points, bonus, deductions, score — every column adds up
    over months.  The breach tables are those of the rule modules for this month;
    ``adoptions`` the adoption rows that count (non-false; :data:`ADOPTION_COLUMNS` only),
    ``credits`` the authors' shares.  No month keeps its ledger rows: the period's are taken once
    (:func:`~xcreport.scoring.prepare.period_rows`).
    """

    key: str
    table: pd.DataFrame
    cadence: pd.DataFrame
    late: pd.DataFrame
    false: pd.DataFrame
    major_late: pd.DataFrame
    major_missed: pd.DataFrame
    adoptions: pd.DataFrame
    credits: pd.DataFrame
    #: 明细 (:func:`~xcreport.scoring.detail.month_detail`), for the months of the period only
    detail: pd.DataFrame | None = None


def adopted_column(level: str) -> str:
    return f"adopted:{level}"


def score_months(
    ledger: pd.DataFrame, register: pd.DataFrame, settings: Settings, period: Period
) -> tuple[list[MonthScore], pd.DataFrame]:
    """Every month January..the period's last scored (:func:`score_month`), and the period's rows
    (:func:`~xcreport.scoring.prepare.period_rows`) with their
    :data:`~xcreport.scoring.prepare.PERIOD_COLUMNS`."""
    derived = derive(ledger, settings)
    scored = period_rows(derived, period)
    first = 1 if period.kind == "annual" else period.last_month  # the months whose detail is shown
    months = [
        score_month(month_rows, register, settings, period.year, m, detail=m >= first)
        for m, month_rows in enumerate(split_months(ledger, derived, period), start=1)
    ]
    del derived  # let go before the period's rows are taken
    return months, ledger_rows(ledger, scored, PERIOD_COLUMNS).reset_index(drop=True)


def score_month(
    rows: MonthRows,
    register: pd.DataFrame,
    settings: Settings,
    year: int,
    month: int,
    *,
    detail: bool = False,
) -> MonthScore:
    """Score every registered body for one month, the same way for 本月 and for each month of 累计.

    R1/R2 on the calendar month; R3, R4, points, bonus and adoptions on the issue month; R5 on the
    month of the event date.  Each rule charges its own deductions (``deduction`` of its module).
    With ``detail``, the month's 明细 too.
    """
    names = [b.name for b in settings.bodies]
    issued = rows.issued
    month_cadence = cadence.of_month(rows.sent, settings, year, month)
    late_pieces = late.late_pieces(issued)
    false = false_pieces.of_month(issued)
    major_late = major.late_items(rows.majors, register, settings, year, month)
    major_missed = major.missed_events(rows.majors, register, year, month)
    pieces = points.piece_points(issued, settings)
    adoptions = issued.loc[issued["is_adopted"] & ~issued["piece_false"], ADOPTION_COLUMNS]

    def count(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("body").size().reindex(names, fill_value=0).astype(int)

    def total(values: pd.Series) -> pd.Series:
        return values.groupby(pieces["body"]).sum().reindex(names, fill_value=0.0).astype(float)

    table = pd.DataFrame(
        {
            "submitted": count(pieces),
            "first_half": month_cadence.table["first_half"],
            "second_half": month_cadence.table["second_half"],
            "cadence_unmet": month_cadence.table["unmet"],
            "late": count(late_pieces),
            "false_pieces": count(false),
            "major_late": count(major_late),
            "major_missed": count(major_missed),
            "concealed": count(major.concealed(major_missed)),
            "bonus_pieces": count(pieces.loc[pieces["bonus"] > 0]),
        },
        index=names,
    )
    adopted = pd.crosstab(adoptions["body"], adoptions["level"])
    adopted = adopted.reindex(index=names, columns=list(settings.levels), fill_value=0).astype(int)
    table = table.join(adopted.rename(columns=adopted_column))
    table["points"] = total(pieces["points"])
    table["bonus"] = total(pieces["bonus"])
    table["deductions"] = _deductions(table, settings)
    table["score"] = table["points"] + table["bonus"] - table["deductions"]
    key = month_key(year, month)
    return MonthScore(
        key=key,
        table=table,
        cadence=month_cadence.breaches,
        late=late_pieces,
        false=false,
        major_late=major_late,
        major_missed=major_missed,
        adoptions=adoptions,
        credits=points.person_credits(issued, pieces),
        detail=(
            month_detail(issued, pieces, month_cadence.breaches, major_late, major_missed, settings, key)
            if detail
            else None
        ),
    )


def _deductions(table: pd.DataFrame, settings: Settings) -> pd.Series:
    """The month's deductions per body: what each rule charges for its breaches, added up."""
    charged = [
        cadence.deduction(table["cadence_unmet"], settings),
        late.deduction(table["late"], settings),
        false_pieces.deduction(table["false_pieces"], settings),
        *major.deductions(table["major_late"], table["major_missed"], table["concealed"], settings),
    ]
    deductions = charged[0]
    for term in charged[1:]:
        deductions = deductions + term
    return deductions.astype(float)


def sum_months(months: list[MonthScore]) -> pd.DataFrame:
    """The months' tables added up, per body."""
    return pd.concat([m.table for m in months]).groupby(level=0, sort=False).sum()

"""R4 — 严格控制虚假和失实新闻的事件发生 (四): false and inaccurate pieces.

A row the office marks with a verdict of ``vocabulary.verdicts_false`` (虚假, 失实) in 核查结果 is
false (:func:`false_rows`).  Readings: a piece is false when any of its rows of the issue month
carries a false verdict (:func:`false_pieces`); the whole piece then scores nothing (no points, no
bonus, no adoption in any tally or target, no credit to its authors) and is charged
``deduct_false`` once.
"""

from __future__ import annotations

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import FALSE_PIECE, Finding
from xcreport.scoring.breach_table import breach_table, row_findings
from xcreport.scoring.columns import flag, iso_date
from xcreport.text import num


def false_rows(verdict: pd.Series, settings: Settings) -> pd.Series:
    """``is_false``: the rows whose verdict is one of ``vocabulary.verdicts_false``."""
    return flag(verdict.isin(list(settings.vocabulary.verdicts_false)))


def false_pieces(rows: pd.DataFrame) -> pd.Series:
    """``piece_false``: the rows of a piece with a false row in the same issue month (its columns
    ``issue_ym``, ``piece`` and ``is_false``)."""
    false: pd.Series = rows.groupby(["issue_ym", "piece"], dropna=False)["is_false"].transform("any")
    return false


def first_false_rows(issued: pd.DataFrame) -> pd.DataFrame:
    """The false rows of one issue month that are charged: the first false row of each piece."""
    return issued.loc[issued["is_false"]].drop_duplicates("piece")


def of_month(issued: pd.DataFrame) -> pd.DataFrame:
    """The breach table of the false pieces of one issue month, each at its first false row
    (:func:`first_false_rows`)."""
    hits = first_false_rows(issued)
    verdict = hits["verdict"].astype("string")
    return breach_table(hits, date=iso_date(hits["submitted"]), detail=verdict, value=verdict)


def deduction(false: pd.Series, settings: Settings) -> pd.Series:
    """What the false pieces (a count per body) cost: ``deduct_false`` each."""
    return false * settings.scoring.deduct_false


def findings(false: pd.DataFrame, settings: Settings) -> list[Finding]:
    """One warning per false piece, with what it cost."""
    return row_findings(false, FALSE_PIECE, points=num(settings.scoring.deduct_false))

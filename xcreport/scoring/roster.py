"""R11 — 明确专人负责信息采写和报送; 明确兼职信息宣传工作人员 (三.5, 五.1): the roster of
correspondents (通讯员名册), and the persons the points are credited to (通讯员排名, 先进个人).

Readings: warnings need a roster: with none at all nobody is warned.  An (author, body) off the
roster is listed once, at its first row.  Persons are keyed by (name, body); co-authors named on
any row of a piece share its points and bonus equally (:func:`~xcreport.scoring.points.person_credits`).
"""

from __future__ import annotations

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import NO_ROSTER, OFF_ROSTER, Finding
from xcreport.metrics import PersonMetrics
from xcreport.model import ROSTER_COLUMNS
from xcreport.scoring.breach_table import WHERE, breach_table, empty_breaches, row_findings
from xcreport.scoring.columns import flag, folded, iso_date, records
from xcreport.scoring.ranking import DECIMALS, competition_rank

_SEP = "\x1f"


def prepare_roster(roster: pd.DataFrame) -> pd.DataFrame:
    """The roster as (body, name), each once: reading gives bodies by their registered names and
    names as names are compared, and leaves out the entries without either."""
    ros = roster.reindex(columns=list(ROSTER_COLUMNS))
    return ros[["body", "name"]].drop_duplicates()


def _keys(frame: pd.DataFrame, name: str) -> pd.Series:
    keys: pd.Series = frame["body"] + _SEP + frame[name]
    return keys


def off_roster(
    issued: pd.DataFrame, roster: pd.DataFrame, settings: Settings
) -> tuple[pd.DataFrame, list[str]]:
    """Only when the data holds a roster at all (an office that keeps none is not warned 16 times):
    the breach table of each (author, body) of the period's rows not on that body's roster, listed
    once at its first row; and the bodies with nobody on the roster.
    """
    if roster.empty:
        return empty_breaches(), []
    named = issued[[*WHERE, "body", "piece", "title", "submitted", "authors"]].explode("authors")
    # each (body, name) is judged at its first row: keep only first occurrences before comparing
    named = named.loc[named["authors"].notna()].drop_duplicates(["body", "authors"])
    named = named.assign(name_key=folded(named["authors"]))
    named = named.loc[flag(named["name_key"].str.len() > 0)]
    on = _keys(named, "name_key").isin(set(_keys(roster, "name")))
    off = named.loc[~flag(on)].drop_duplicates(["body", "name_key"])
    off = off.assign(value=off["authors"].astype("string").str.strip())
    breaches = breach_table(off, date=iso_date(off["submitted"]), detail="不在名册")
    staffed = set(roster["body"])
    return breaches, [b.name for b in settings.bodies if b.name not in staffed]


def on_roster(names: pd.DataFrame, roster: pd.DataFrame) -> pd.Series:
    """Whether each (name, body) is on the roster; everyone is when there is no roster."""
    if roster.empty:
        return pd.Series(True, index=names.index)
    return flag(_keys(names, "name").isin(set(_keys(roster, "name"))))


def findings(off: pd.DataFrame, no_roster: list[str]) -> list[Finding]:
    """One warning per author off the roster, at the first row, then one per body without one."""
    return [*row_findings(off, OFF_ROSTER), *[NO_ROSTER(body=name) for name in no_roster]]


def persons_metrics(credits: pd.DataFrame, roster: pd.DataFrame) -> list[PersonMetrics]:
    """通讯员排名: persons keyed by (name, body) with their pieces and shares of points
    (:func:`~xcreport.scoring.points.person_credits`), ranked by points (competition ranking),
    equal points listed by name, then body."""
    if credits.empty:
        return []
    persons = (
        credits.groupby(["name", "body"], sort=False)
        .agg(pieces=("piece", "size"), adopted=("adopted", "sum"), points=("share", "sum"))
        .reset_index()
    )
    persons["points"] = persons["points"].round(DECIMALS)
    persons["rank"] = competition_rank(persons["points"])
    persons["on_roster"] = on_roster(persons, roster)
    persons = persons.sort_values(["points", "name", "body"], ascending=[False, True, True], kind="stable")
    return [
        PersonMetrics(
            name=str(r["name"]),
            body=str(r["body"]),
            pieces=int(r["pieces"]),
            points=float(r["points"]),
            rank=int(r["rank"]),
            adopted=int(r["adopted"]),
            on_roster=bool(r["on_roster"]),
        )
        for r in records(persons)
    ]


def advanced_persons(persons: list[PersonMetrics], settings: Settings) -> list[PersonMetrics]:
    """先进个人: the persons ranked within ``annual.advanced_persons`` with a piece and points."""
    return [
        p for p in persons if p.rank <= settings.annual.advanced_persons and p.pieces > 0 and p.points > 0
    ]

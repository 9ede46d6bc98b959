"""计分 — points per adopted piece, the 领导批示 bonus, and each author's share.

Readings: points follow ``adoption_policy`` ("highest": a piece once, at its highest level; "sum":
every adoption row); every adoption row of a true piece still counts in the per-level tallies and
in R6–R8.  领导批示 gives ``bonus_instructed`` once per piece, adopted or not.  A false piece
(R4) scores neither.  Persons are keyed by (name, body); co-authors named on any row of a piece
share its points and bonus equally.
"""

from __future__ import annotations

import pandas as pd

from xcreport.config import Settings
from xcreport.scoring.columns import flag, folded


def adoption(level: pd.Series, settings: Settings) -> tuple[pd.Series, pd.Series]:
    """``is_adopted`` (a level of ``settings.levels``) and ``row_points`` (the points of that
    level, 0 when not adopted) of each row."""
    level = level.astype("string")
    adopted = flag(level.isin(list(settings.levels)))
    points = level.map(dict(settings.scoring.points)).astype("Float64").where(adopted, 0.0).astype(float)
    return adopted, points


def piece_points(issued: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The pieces of one issue month with their points and bonus.

    One row per piece: body, title, piece_false, adopted (any level), points, bonus.  Points by
    ``adoption_policy``: "highest" scores the piece once at its highest level, "sum" adds every
    adoption row.  Bonus: ``bonus_instructed`` once when any row has 领导批示.  A false piece
    (R4) scores neither.
    """
    pieces = issued.groupby("piece", sort=False).agg(
        body=("body", "first"),
        title=("title", "first"),
        piece_false=("piece_false", "any"),
        instructed=("instructed", "any"),
        adopted=("is_adopted", "any"),
        highest=("row_points", "max"),
        total=("row_points", "sum"),
    )
    earned = pieces["highest"] if settings.scoring.adoption_policy == "highest" else pieces["total"]
    scored = ~pieces["piece_false"].astype(bool)
    bonus = (pieces["instructed"].astype(bool) & scored).astype(float) * settings.scoring.bonus_instructed
    return pieces.assign(points=earned.where(scored, 0.0).astype(float), bonus=bonus).drop(
        columns=["highest", "total"]
    )


def person_credits(issued: pd.DataFrame, pieces: pd.DataFrame) -> pd.DataFrame:
    """分解落实到人: each author's share of the scored pieces of one issue month.

    Co-authors share a piece's points and bonus equally; the authors of a piece are those named
    on any of its rows.  False pieces credit nobody.  Returns name, body, piece, share, adopted.
    """
    named = issued.loc[~issued["piece_false"], ["piece", "body", "authors"]].explode("authors")
    named = named.loc[named["authors"].notna()]
    named = named.assign(name=folded(named["authors"])).drop(columns="authors")
    named = named.loc[flag(named["name"].str.len() > 0)].drop_duplicates(["piece", "name"])
    authors = named.groupby("piece")["name"].transform("size")
    value = named["piece"].map(pieces["points"] + pieces["bonus"])
    return pd.DataFrame(
        {
            "name": named["name"],
            "body": named["body"],
            "piece": named["piece"],
            "share": (value / authors).astype(float),
            "adopted": named["piece"].map(pieces["adopted"]).astype(bool),
        }
    ).reset_index(drop=True)

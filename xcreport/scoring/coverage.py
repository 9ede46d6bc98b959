"""R10 — 工作重点: 政策宣传、主题宣传、五大主题工程、品牌宣传、《交通动态》 (三.1–5).

Coverage per focus and per brand (:func:`coverage`), and the brands a body builds with no piece in
the period (:func:`brand_gaps`).

Readings: coverage counts pieces; a brand gap is a brand a body builds with no piece of its own
naming it in the period.
"""

from __future__ import annotations

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import BRAND_GAP, Finding
from xcreport.period import Period
from xcreport.scoring.columns import records


def coverage(issued: pd.DataFrame, column: str, vocabulary: tuple[str, ...]) -> dict[str, int]:
    """Pieces of the period per focus or brand, every vocabulary entry listed (zeros included)
    in vocabulary order.  Values outside the vocabulary are not counted (the ledger checks report
    them)."""
    named = issued[["piece", column]].dropna().drop_duplicates()
    counts = named[column].value_counts().reindex(list(vocabulary), fill_value=0)
    return {str(k): int(v) for k, v in counts.items()}


def brand_gaps(issued: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """打造品牌宣传 … 都要找准创建品牌的目标，务实推进 (三.4).

    (brand, body) for every brand a body builds (``Body.brands``) with no piece of that body
    naming it in the period.
    """
    wanted = pd.DataFrame(
        [(brand, b.name) for b in settings.bodies for brand in b.brands],
        columns=["brand", "body"],
        dtype="string",
    )
    named = issued[["brand", "body"]].dropna().astype("string").drop_duplicates()
    both = wanted.merge(named, on=["brand", "body"], how="left", indicator=True)
    return both.loc[both["_merge"] == "left_only", ["brand", "body"]].reset_index(drop=True)


def findings(gaps: pd.DataFrame, period: Period) -> list[Finding]:
    """One warning per brand gap."""
    return [
        BRAND_GAP(body=str(r["body"]), brand=str(r["brand"]), period=period.span_label) for r in records(gaps)
    ]


def without_piece(gaps: pd.DataFrame) -> list[tuple[str, str]]:
    """(brand, body) of each gap, as Problems lists them."""
    return [(str(r["brand"]), str(r["body"])) for r in records(gaps)]

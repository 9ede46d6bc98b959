"""R1 — 各单位、各工程项目组至少上下半月各报送1篇动态信息; R2 — 其余科室每月不得少于1篇 (三.5).

Readings: halves and months count distinct pieces, not adoption rows, on the calendar month of
报送日期 (never the issue month).  An office's halves are counted and reported, but only its month
is checked.  An annual ``cadence_met`` means every month of the period met.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from xcreport.config import Settings
from xcreport.findings import CATALOGUE, HALF_NONE, HALF_SHORT, MONTH_NONE, MONTH_SHORT, Finding
from xcreport.period import Period, month_index, month_key
from xcreport.scoring.columns import concat, flag, records
from xcreport.text import month_label


@dataclass(frozen=True, slots=True)
class Cadence:
    """R1/R2 for one calendar month.

    ``table``: index body (every registered body, registry order); columns ``first_half``,
    ``second_half`` (pieces of the dynamic category per half), ``in_month`` (pieces of any
    category), ``unmet`` (unmet halves, or 1 for an office's unmet month) and ``met``.
    ``breaches``: body, kind (the slug of its finding), half (上半月/下半月/本月), month ('YYYY-MM'),
    count (pieces sent), need (the minimum).
    """

    table: pd.DataFrame
    breaches: pd.DataFrame


def of_month(rows: pd.DataFrame, settings: Settings, year: int, month: int) -> Cadence:
    """R1/R2 for the calendar month of ``submitted`` (not the issue month).

    First half = days 1..half_boundary_day, second half = the day after to the month's last day,
    whatever its length.  Units and project groups need ``min_per_half`` pieces of
    ``dynamic_category`` in each half; offices ``min_per_month_office`` pieces of any category in
    the month (their halves are still counted).  A piece adopted by several outlets is one
    submission, so halves count distinct pieces, not adoption rows.
    """
    c = settings.cadence
    key = month_key(year, month)
    names = [b.name for b in settings.bodies]
    office = pd.Series([b.group == "office" for b in settings.bodies], index=names)
    pieces = rows.loc[flag(rows["month_ym"] == month_index(year, month))].drop_duplicates("piece")
    dynamic = flag(pieces["category"] == settings.vocabulary.dynamic_category)
    first = flag(pieces["day"] <= c.half_boundary_day)

    def per_body(mask: pd.Series) -> pd.Series:
        return pieces.loc[mask].groupby("body").size().reindex(names, fill_value=0).astype(int)

    table = pd.DataFrame(
        {
            "first_half": per_body(dynamic & first),
            "second_half": per_body(dynamic & ~first),
            "in_month": per_body(pd.Series(True, index=pieces.index)),
        },
        index=names,
    )
    unmet_first = ~office & (table["first_half"] < c.min_per_half)
    unmet_second = ~office & (table["second_half"] < c.min_per_half)
    unmet_month = office & (table["in_month"] < c.min_per_month_office)
    table["unmet"] = unmet_first.astype(int) + unmet_second.astype(int) + unmet_month.astype(int)
    table["met"] = table["unmet"] == 0
    parts = [
        (unmet_first, (HALF_NONE, HALF_SHORT), "上半月", table["first_half"], c.min_per_half),
        (unmet_second, (HALF_NONE, HALF_SHORT), "下半月", table["second_half"], c.min_per_half),
        (unmet_month, (MONTH_NONE, MONTH_SHORT), "本月", table["in_month"], c.min_per_month_office),
    ]
    frames = []
    for mask, (none, short), half, counts, need in parts:
        count = counts[mask]
        body = pd.Series(count.index, index=count.index, dtype="string")
        kind = np.where(count == 0, none.slug, short.slug)
        frames.append(
            pd.DataFrame(
                {"body": body, "kind": kind, "half": half, "month": key, "count": count, "need": need}
            )
        )
    breaches = pd.concat(frames, ignore_index=True)
    order = {name: i for i, name in enumerate(names)}
    breaches = breaches.sort_values("body", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return Cadence(table=table, breaches=breaches)


def deduction(unmet: pd.Series, settings: Settings) -> pd.Series:
    """What the unmet halves and office months (a count per body) cost: ``deduct_cadence`` each."""
    return unmet * settings.scoring.deduct_cadence


def in_period(months: list[pd.DataFrame], period: Period) -> pd.DataFrame:
    """The breaches of the period's months, one after the other, with a ``label``: the half
    (上半月/下半月/本月), and for an annual period its month before it ('YYYY-MM 上半月')."""
    cadence = concat(months)
    label = cadence["month"] + " " + cadence["half"] if period.kind == "annual" else cadence["half"]
    return cadence.assign(label=label.astype("string"))


def findings(breaches: pd.DataFrame, settings: Settings) -> list[Finding]:
    """One warning per unmet half or office month, of its kind (none sent, or too few)."""
    category = settings.vocabulary.dynamic_category
    return [
        CATALOGUE[str(r["kind"])](
            body=str(r["body"]),
            month=month_label(str(r["month"])),
            half=str(r["half"]),
            category=category,
            count=int(r["count"]),
            need=int(r["need"]),
        )
        for r in records(breaches)
    ]


def missed(breaches: pd.DataFrame) -> list[tuple[str, str]]:
    """(body, label) of each breach of the period, as Problems lists them."""
    return [(str(r["body"]), str(r["label"])) for r in records(breaches)]

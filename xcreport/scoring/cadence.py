"""R1 — 各单位、各工程项目组至少上下半月各报送1篇动态信息; R2 — 其余科室每月不得少于1篇 (三.5).

Each group of the configuration has its duty (``[[groups]]``): ``half-month`` (R1: at least
``minimum`` pieces in each half), ``month`` (R2: at least ``minimum`` in the month) or ``none``;
the pieces counted are those of the group's categories (the dynamic category unless it names
others, or every category with ``"all"``).

Readings: halves and months count distinct pieces, not adoption rows, on the calendar month of
报送日期 (never the issue month).  The halves of a body whose group has no half-month duty are
still counted and reported, of the dynamic category (OUTPUTS.md), but only its month is checked.
An annual ``cadence_met`` means every month of the period met.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from xcreport.config import Settings
from xcreport.findings import CATALOGUE, HALF_NONE, HALF_SHORT, MONTH_NONE, MONTH_SHORT, Finding
from xcreport.period import Period, month_index, month_key
from xcreport.scoring.columns import concat, flag, records
from xcreport.text import month_label

#: What the pieces counted are called when a group counts every category.
ANY_CATEGORY = "信息"


@dataclass(frozen=True, slots=True)
class Cadence:
    """R1/R2 for one calendar month.

    ``table``: index body (every registered body, registry order); columns ``first_half``,
    ``second_half`` (pieces per half: of the group's categories for a half-month duty, else of the
    dynamic category), ``in_month`` (pieces of the group's categories), ``unmet`` (unmet halves,
    or 1 for an unmet month) and ``met``.
    ``breaches``: body, kind (the slug of its finding), half (上半月/下半月/本月), month ('YYYY-MM'),
    count (pieces sent), need (the minimum), category (what was counted, e.g. 动态信息).
    """

    table: pd.DataFrame
    breaches: pd.DataFrame


def duties(settings: Settings) -> pd.DataFrame:
    """Each registered body's duty (index body, registry order): ``cadence`` (half-month / month /
    none), ``need`` (the minimum) and ``category`` (the words of what is counted)."""
    rows = []
    for body in settings.bodies:
        group = settings.group_by_key[body.group]
        categories = settings.counted_categories(group)
        words = ANY_CATEGORY if categories is None else "、".join(categories)
        rows.append({"cadence": group.cadence, "need": group.minimum, "category": words})
    return pd.DataFrame(rows, index=[b.name for b in settings.bodies])


@dataclass(frozen=True, slots=True)
class _Tally:
    """The month's pieces counted by (body, category, first half): a few rows per body, on which
    each group's rule is applied — never on the pieces themselves.  ``body`` is the body's place
    in the registry, ``n`` the pieces; ``counted`` whether they count toward the body's duty,
    ``halves`` toward its halves."""

    body: npt.NDArray[np.int64]
    n: npt.NDArray[np.int64]
    first: npt.NDArray[np.bool_]
    counted: npt.NDArray[np.bool_]
    halves: npt.NDArray[np.bool_]

    @classmethod
    def of(cls, pieces: pd.DataFrame, settings: Settings) -> _Tally:
        first = flag(pieces["day"] <= settings.cadence.half_boundary_day).rename("first")
        keys = [pieces["body"], pieces["category"], first]
        tally = pieces.groupby(keys, dropna=False, sort=False).size().rename("n").reset_index()
        place = {b.name: i for i, b in enumerate(settings.bodies)}
        body = np.asarray(tally["body"].map(place), dtype=np.int64)
        group = np.array([settings.bodies[i].group for i in body], dtype=object)
        category = tally["category"].fillna("").to_numpy(dtype=object)
        counted = np.zeros(len(tally), dtype=bool)
        halves = category == settings.vocabulary.dynamic_category
        for g in settings.groups:
            categories = settings.counted_categories(g)
            member = group == g.key
            mine = member if categories is None else member & np.isin(category, list(categories))
            counted |= mine
            if g.cadence == "half-month":
                halves = np.where(member, mine, halves)
        n = np.asarray(tally["n"], dtype=np.int64)
        return cls(body, n, np.asarray(tally["first"], dtype=bool), counted, np.asarray(halves, dtype=bool))

    def per_body(self, mask: npt.NDArray[np.bool_], names: list[str]) -> pd.Series:
        """The pieces of ``mask`` per body, every registered body (0 for none)."""
        counts = np.bincount(self.body[mask], weights=self.n[mask], minlength=len(names))
        return pd.Series(counts.astype(int), index=names)


def of_month(rows: pd.DataFrame, settings: Settings, year: int, month: int) -> Cadence:
    """R1/R2 for the calendar month of ``submitted`` (not the issue month).

    First half = days 1..half_boundary_day, second half = the day after to the month's last day,
    whatever its length.  A body of a half-month group needs its group's ``minimum`` pieces of the
    group's categories in each half; of a month group, in the month; of a group with no duty,
    nothing.  A piece adopted by several outlets is one submission, so halves count distinct
    pieces, not adoption rows.
    """
    key = month_key(year, month)
    duty = duties(settings)
    names = list(duty.index)
    pieces = rows.loc[flag(rows["month_ym"] == month_index(year, month))].drop_duplicates("piece")
    tally = _Tally.of(pieces, settings)
    table = pd.DataFrame(
        {
            "first_half": tally.per_body(tally.halves & tally.first, names),
            "second_half": tally.per_body(tally.halves & ~tally.first, names),
            "in_month": tally.per_body(tally.counted, names),
        },
        index=names,
    )
    half, whole = duty["cadence"] == "half-month", duty["cadence"] == "month"
    unmet_first = half & (table["first_half"] < duty["need"])
    unmet_second = half & (table["second_half"] < duty["need"])
    unmet_month = whole & (table["in_month"] < duty["need"])
    table["unmet"] = unmet_first.astype(int) + unmet_second.astype(int) + unmet_month.astype(int)
    table["met"] = table["unmet"] == 0
    parts = [
        (unmet_first, (HALF_NONE, HALF_SHORT), "上半月", table["first_half"]),
        (unmet_second, (HALF_NONE, HALF_SHORT), "下半月", table["second_half"]),
        (unmet_month, (MONTH_NONE, MONTH_SHORT), "本月", table["in_month"]),
    ]
    frames = []
    for mask, (none, short), label, counts in parts:
        count = counts[mask]
        frames.append(
            pd.DataFrame(
                {
                    "body": pd.Series(count.index, index=count.index, dtype="string"),
                    "kind": np.where(count == 0, none.slug, short.slug),
                    "half": label,
                    "month": key,
                    "count": count,
                    "need": duty["need"][mask],
                    "category": duty["category"][mask],
                }
            )
        )
    breaches = pd.concat(frames, ignore_index=True)
    order = {name: i for i, name in enumerate(names)}
    breaches = breaches.sort_values("body", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return Cadence(table=table, breaches=breaches)


def deduction(unmet: pd.Series, settings: Settings) -> pd.Series:
    """What the unmet halves and months (a count per body) cost: ``deduct_cadence`` each."""
    return unmet * settings.scoring.deduct_cadence


def in_period(months: list[pd.DataFrame], period: Period) -> pd.DataFrame:
    """The breaches of the period's months, one after the other, with a ``label``: the half
    (上半月/下半月/本月), and for an annual period its month before it ('YYYY-MM 上半月')."""
    cadence = concat(months)
    label = cadence["month"] + " " + cadence["half"] if period.kind == "annual" else cadence["half"]
    return cadence.assign(label=label.astype("string"))


def findings(breaches: pd.DataFrame) -> list[Finding]:
    """One warning per unmet half or month, of its kind (none sent, or too few)."""
    return [
        CATALOGUE[str(r["kind"])](
            body=str(r["body"]),
            month=month_label(str(r["month"])),
            half=str(r["half"]),
            category=str(r["category"]),
            count=int(r["count"]),
            need=int(r["need"]),
        )
        for r in records(breaches)
    ]


def missed(breaches: pd.DataFrame) -> list[tuple[str, str]]:
    """(body, label) of each breach of the period, as Problems lists them."""
    return [(str(r["body"]), str(r["label"])) for r in records(breaches)]

"""Every registered body's figures (:func:`body_metrics`), and the findings per body."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import Finding
from xcreport.metrics import BodyMetrics
from xcreport.period import Period
from xcreport.scoring.breaches import Breaches
from xcreport.scoring.month import MonthScore, adopted_column
from xcreport.scoring.ranking import DECIMALS, competition_rank, group_rank, ranking_order
from xcreport.scoring.tasks import Tasks, assessment


@dataclass(frozen=True, slots=True)
class FindingsPerBody:
    """Error and warning findings per body (registered name; '' for a file's or sheet's own)."""

    errors: Counter[str]
    warnings: Counter[str]
    #: (file, severity) → findings that name no registered body (a file's or an unknown sheet's)
    unattributed: Counter[tuple[str, str]]

    @classmethod
    def of(cls, findings: Iterable[Finding], settings: Settings) -> FindingsPerBody:
        registered = {b.name for b in settings.bodies}
        errors: Counter[str] = Counter()
        warnings: Counter[str] = Counter()
        unattributed: Counter[tuple[str, str]] = Counter()
        for f in findings:
            (errors if f.severity == "error" else warnings)[f.body] += 1
            if f.body not in registered:
                unattributed[(f.file or "", f.severity)] += 1
        return cls(errors, warnings, unattributed)

    def files_with_errors(self) -> list[tuple[str, int, int]]:
        """(file, errors, warnings) of each file with an error no registered body answers for, by
        file name; '' is the findings of no file (a side sheet missing)."""
        files = sorted({file for (file, severity) in self.unattributed if severity == "error"})
        return [(f, self.unattributed[(f, "error")], self.unattributed[(f, "warning")]) for f in files]

    def bodies_with_errors(self, settings: Settings) -> list[tuple[str, int, int]]:
        """(body, errors, warnings) of each registered body with an error, in registry order."""
        return [
            (b.name, self.errors[b.name], self.warnings[b.name])
            for b in settings.bodies
            if self.errors[b.name]
        ]


def _adopted(row: Mapping[Hashable, Any], levels: Iterable[str]) -> dict[str, int]:
    return {lv: int(row[adopted_column(lv)]) for lv in levels}


def body_metrics(
    table: pd.DataFrame,
    ytd: pd.DataFrame,
    months: list[MonthScore],
    breaches: Breaches,
    per_body: FindingsPerBody,
    tasks: Tasks,
    roster: pd.DataFrame,
    settings: Settings,
    period: Period,
) -> list[BodyMetrics]:
    """Every registered body, in ranking order: the period's figures (本月, or the year), the year
    to date (累计), what it must answer for, and for annual runs the grid, tasks and 综合考核."""
    levels = list(settings.levels)
    annual = period.kind == "annual"
    score = table["score"].round(DECIMALS)
    rank, rank_in_group, rank_ytd = (
        competition_rank(score),
        group_rank(score, settings),
        competition_rank(ytd["score"]),
    )
    assessed = assessment(table.assign(score=score), tasks, settings) if annual else pd.Series(dtype=float)
    assessment_rank = competition_rank(assessed)
    missed = breaches.cadence.groupby("body")["label"].agg(list).to_dict()
    roster_size = roster.groupby("body").size()
    this_period, year_to_date = table.to_dict("index"), ytd.to_dict("index")

    out: list[BodyMetrics] = []
    for name in ranking_order(table.assign(score=score), "score", settings):
        row, cum = this_period[name], year_to_date[name]
        grid = {m.key: bool(m.table.at[name, "cadence_unmet"] == 0) for m in months} if annual else {}
        body_tasks, task_rate = tasks.get(name, ([], None))
        out.append(
            BodyMetrics(
                body=name,
                group=settings.body_by_name[name].group,
                submitted=int(row["submitted"]),
                first_half=int(row["first_half"]),
                second_half=int(row["second_half"]),
                cadence_met=bool(row["cadence_unmet"] == 0),
                late=int(row["late"]),
                adopted=_adopted(row, levels),
                points=round(float(row["points"]), DECIMALS),
                bonus=round(float(row["bonus"]), DECIMALS),
                deductions=round(float(row["deductions"]), DECIMALS),
                score=float(score[name]),
                rank=int(rank[name]),
                rank_in_group=int(rank_in_group[name]),
                submitted_ytd=int(cum["submitted"]),
                adopted_ytd=_adopted(cum, levels),
                score_ytd=round(float(cum["score"]), DECIMALS),
                rank_ytd=int(rank_ytd[name]),
                cadence_missed=[str(x) for x in missed.get(name, [])],
                false_pieces=int(row["false_pieces"]),
                major_late=int(row["major_late"]),
                major_missed=int(row["major_missed"]),
                errors=per_body.errors[name],
                warnings=per_body.warnings[name],
                roster=int(roster_size.get(name, 0)),
                cadence_grid=grid,
                tasks=body_tasks,
                task_rate=task_rate,
                assessment=float(assessed[name]) if annual else None,
                assessment_rank=int(assessment_rank[name]) if annual else None,
            )
        )
    return out

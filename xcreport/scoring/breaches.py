"""What the bodies must answer for in the period (存在问题): the breaches of every rule, and the
findings and :class:`~xcreport.metrics.Problems` made of them — each rule's by its own module.

The rules' own findings are all warnings.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import Finding
from xcreport.metrics import Problems
from xcreport.period import Period
from xcreport.scoring import cadence, coverage, false_pieces, late, major, person_tasks, roster
from xcreport.scoring.breach_table import row_refs
from xcreport.scoring.columns import concat
from xcreport.scoring.month import MonthScore


@dataclass(frozen=True, slots=True)
class Breaches:
    """The breaches of the period, one table per rule.

    ``cadence`` has a ``label`` (上半月/下半月/本月; annual: 'YYYY-MM 上半月').
    """

    cadence: pd.DataFrame
    late: pd.DataFrame
    false: pd.DataFrame
    major_late: pd.DataFrame
    major_missed: pd.DataFrame
    brand_gaps: pd.DataFrame
    off_roster: pd.DataFrame
    no_roster: list[str]
    unassigned: pd.DataFrame  # R9: tasks not broken down to persons in full

    @classmethod
    def collect(
        cls,
        in_period: list[MonthScore],
        issued: pd.DataFrame,
        roster_rows: pd.DataFrame,
        tasks_given: pd.DataFrame,
        settings: Settings,
        period: Period,
    ) -> Breaches:
        """The breaches of the period's months, those judged on the period's rows (``issued``):
        R10's brand gaps and R11's roster, and on the roster's tasks (``tasks_given``): R9's."""
        off_roster, no_roster = roster.off_roster(issued, roster_rows, settings)
        return cls(
            cadence=cadence.in_period([m.cadence for m in in_period], period),
            late=concat([m.late for m in in_period]),
            false=concat([m.false for m in in_period]),
            major_late=concat([m.major_late for m in in_period]),
            major_missed=concat([m.major_missed for m in in_period]),
            brand_gaps=coverage.brand_gaps(issued, settings),
            off_roster=off_roster,
            no_roster=no_roster,
            unassigned=person_tasks.unassigned(tasks_given, settings),
        )

    def findings(self, settings: Settings, period: Period) -> list[Finding]:
        """One warning per breach, of its rule's kind, located where a row is concerned."""
        return [
            *cadence.findings(self.cadence),
            *late.findings(self.late, settings),
            *false_pieces.findings(self.false, settings),
            *major.findings(self.major_late, self.major_missed, settings),
            *coverage.findings(self.brand_gaps, period),
            *roster.findings(self.off_roster, self.no_roster),
            *person_tasks.findings(self.unassigned),
        ]

    def problems(
        self, bodies_with_errors: list[tuple[str, int, int]], files_with_errors: list[tuple[str, int, int]]
    ) -> Problems:
        return Problems(
            cadence_missed=cadence.missed(self.cadence),
            late=row_refs(self.late),
            false_pieces=row_refs(self.false),
            major_late=row_refs(self.major_late),
            major_missed=major.missed_list(self.major_missed),
            bodies_with_errors=bodies_with_errors,
            files_with_errors=files_with_errors,
            brands_without_piece=coverage.without_piece(self.brand_gaps),
            no_roster=list(self.no_roster),
        )

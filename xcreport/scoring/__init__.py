"""Scoring (计分): the ledger against the work opinion — rules R1–R11, scores, rankings, targets.

:func:`score` is the stage the pipeline calls; :func:`latest_sent_month` finds the month a run
reports when none is named.  Each month is scored by one function (:mod:`.month`), and every
period figure is a sum of months: a monthly run is its month (本月) plus January..M (累计), an
annual run is January..the period's last month (``Period.last_month``: December, or the last
ended month of a year still under way).  ``data.ledger`` holds the valid rows only: reading has
already left out the rows with an error and the later of two duplicates (LEDGER.md), so scoring
never drops a row by its findings.

Each rule lives in one module — its parameters, its computation, its breach table and its
findings: R1/R2 :mod:`.cadence`, R3 :mod:`.late`, R4 :mod:`.false_pieces`, R5 :mod:`.major`,
计分 :mod:`.points`, R6/R8 :mod:`.targets`, R7 :mod:`.city`, R9 :mod:`.tasks`, R10
:mod:`.coverage`, R11 :mod:`.roster`.  The rows they read are prepared in :mod:`.prepare`, ranks
are given in :mod:`.ranking`, the breaches of the period collected in :mod:`.breaches`, and the
bodies' figures put together in :mod:`.bodies`.

Readings of RULES.md — where the text leaves a choice, what xcreport does and why (the readings of
one rule are in its module's docstring):

- A *piece* (稿件) is one body + normalised title (``title_key``).  One piece adopted by several
  outlets is several ledger rows but one submission.
- ``submitted`` (报送) counts distinct pieces of the period, although OUTPUTS.md says "all scored
  rows": a piece adopted by three outlets is three rows but was submitted once, and 报送 should
  match what a clerk counts.  ``rows_scored`` is the row count.
- R1/R2 halves and months count distinct pieces on the calendar month of 报送日期: :mod:`.cadence`.
- R3 late pieces, and rows with no issue month: :mod:`.late`.
- R4 false pieces score nothing: :mod:`.false_pieces`.
- Points, bonus and persons' shares: :mod:`.points`.
- R5 迟报, 漏报 and 瞒报, which month each belongs to and what is charged once: :mod:`.major`.
- R6/R8 pace and status: :mod:`.targets`.
- R9 tasks count pieces at their highest level; 先进单位: :mod:`.tasks`; persons' tasks from the
  roster, a co-written piece counting for each author: :mod:`.person_tasks`.
- R10 coverage and brand gaps: :mod:`.coverage`.
- R11 warnings need a roster; persons are keyed by (name, body): :mod:`.roster`.
- Ranks compare rounded scores; equal scores share a rank and are ordered by adoptions, then by
  name: :mod:`.ranking`.  The rules' own findings are all warnings.
- The default period is chosen by the calendar month of 报送日期, not the issue month
  (:func:`latest_sent_month`): a row sent on 26 December belongs to January's issue but does not
  make January, unfinished, the month to report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import Finding
from xcreport.metrics import FindingCounts, Metrics, PersonMetrics, PersonTaskMetrics, Totals
from xcreport.model import LedgerData
from xcreport.period import Period, month_index
from xcreport.scoring import city, comparison, coverage, forecast, major, person_tasks, roster, targets, tasks
from xcreport.scoring.bodies import FindingsPerBody, body_metrics
from xcreport.scoring.breaches import Breaches
from xcreport.scoring.columns import concat, month_indexes
from xcreport.scoring.detail import empty_detail, in_body_order
from xcreport.scoring.month import adopted_column, score_months, sum_months
from xcreport.scoring.prepare import registered_rows


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """What scoring hands on: the figures, every finding (reading's plus the rules'), and the
    明细 of the period (:data:`~xcreport.scoring.detail.DETAIL_COLUMNS`: its lines add up to each
    body's score of the period)."""

    metrics: Metrics
    findings: list[Finding]
    detail: pd.DataFrame = field(default_factory=empty_detail)
    #: a monthly run's month before, in the same year, as scored with it (环比 needs no second run)
    previous: comparison.Snapshot | None = None
    #: body → rows counted in the period (the run's account, :mod:`xcreport.accounting`)
    counted_by_body: dict[str, int] = field(default_factory=dict)


def score(data: LedgerData, settings: Settings, period: Period) -> ScoreResult:
    """Score the period: :class:`~xcreport.metrics.Metrics` (summary.json) and every finding —
    ``data.findings`` followed by the rules' own (R1/R2, R3, R4, R5, R10, R11), all warnings."""
    register = major.prepare_register(data.register)
    roster_rows = roster.prepare_roster(data.roster)
    months, issued = score_months(data.ledger, register, settings, period)
    in_period = months if period.kind == "annual" else months[-1:]
    table, ytd = sum_months(in_period), sum_months(months)
    adoptions = pd.concat([m.adoptions for m in months], ignore_index=True)  # January..last month
    tallies = targets.adoption_tallies(adoptions, settings, period, city.tallied_tracks(settings))
    given = person_tasks.roster_tasks(data.roster, settings)
    breaches = Breaches.collect(in_period, issued, roster_rows, given, settings, period)
    rows_scored = len(issued)
    counted_by_body = {str(b): int(n) for b, n in issued["body"].value_counts().items()}
    focus_coverage = coverage.coverage(issued, "focus", settings.vocabulary.focus)
    brand_coverage = coverage.coverage(issued, "brand", settings.vocabulary.brands)
    del issued  # the period's rows are done with: let them go before persons and tasks
    findings = [*data.findings, *breaches.findings(settings, period)]
    per_body = FindingsPerBody.of(findings, settings)
    levels = list(settings.levels)
    annual = period.kind == "annual"

    credits = concat([m.credits for m in in_period])
    persons = roster.persons_metrics(credits, roster_rows)
    year_tasks = tasks.tasks(adoptions, settings)  # R9 to date: the annual report and the forecast
    body_tasks = year_tasks if annual else {}
    bodies = body_metrics(table, ytd, months, breaches, per_body, body_tasks, roster_rows, settings, period)
    advanced_units: list[str] = []
    advanced_persons: list[PersonMetrics] = []
    persons_tasks: list[PersonTaskMetrics] = []
    if annual:
        advanced_units = tasks.advanced_units(bodies, settings)
        advanced_persons = roster.advanced_persons(persons, settings)
        persons_tasks = person_tasks.person_tasks(given, credits, adoptions, settings)

    count_targets = targets.targets(tallies, settings, period)
    metrics = Metrics(
        kind=period.kind,
        period=period.as_dict(),
        inputs=list(data.inputs),
        totals=Totals(
            rows=sum(i.rows for i in data.inputs) if data.inputs else len(data.ledger),
            rows_scored=rows_scored,
            submitted=int(table["submitted"].sum()),
            adopted={lv: int(table[adopted_column(lv)].sum()) for lv in levels},
            submitted_ytd=int(ytd["submitted"].sum()),
            adopted_ytd={lv: int(ytd[adopted_column(lv)].sum()) for lv in levels},
            bonus_pieces=int(table["bonus_pieces"].sum()),
        ),
        bodies=bodies,
        persons=persons,
        targets=count_targets,
        findings=FindingCounts.of(findings),
        city_rank=city.city_rank(data.rankings, tallies, settings, period),
        tracks=targets.tracks(data.rankings, tallies, settings, period),
        problems=breaches.problems(per_body.bodies_with_errors(settings), per_body.files_with_errors()),
        focus_coverage=focus_coverage,
        brand_coverage=brand_coverage,
        trend=targets.trend(months, tallies, settings),
        levels=levels,
        advanced_units=advanced_units,
        advanced_persons=advanced_persons,
        person_tasks=persons_tasks,
        forecast=forecast.forecast(count_targets, year_tasks, settings, period),
    )
    details = [m.detail for m in in_period if m.detail is not None]
    detail = in_body_order(concat(details), settings) if details else empty_detail()
    metrics.problems.sides_missing = sides_missing(data)
    previous = (
        comparison.snapshot_of_months(months[:-1], settings) if len(months) > 1 and not annual else None
    )
    return ScoreResult(metrics, findings, detail, previous, counted_by_body)


#: The side sheets whose absence turns checks off: R11 (the roster), R5 漏报/瞒报 (the register).
SIDES = {"roster": "通讯员名册", "register": "重大事项登记"}


def sides_missing(data: LedgerData) -> list[str]:
    """The side sheets the ledger folder holds no row of (the checks they feed are not made)."""
    return [name for attr, name in SIDES.items() if getattr(data, attr).empty]


def latest_sent_month(ledger: pd.DataFrame, settings: Settings, today: dt.date) -> int | None:
    """The latest calendar month of ``submitted`` (报送日期, not the issue month) before ``today``'s
    month in which a registered body has rows, as a month index (:func:`period.latest` makes the
    default period of it); None when no ended month holds rows: an unfinished month is never
    reported.  A row sent on 26 December belongs to January's issue, but does not make January,
    unfinished, the month to report."""
    registered = registered_rows(ledger, settings)
    sent = month_indexes(ledger.loc[registered, "submitted"]).dropna()
    ended = sent.loc[sent < month_index(today.year, today.month)]
    return None if ended.empty else int(ended.max())

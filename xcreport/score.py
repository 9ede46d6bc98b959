"""Scoring (计分): the ledger against the work opinion — rules R1–R11, scores, rankings, targets.

:func:`score` is the stage the pipeline calls; :func:`latest_sent_month` finds the month a run
reports when none is named.  Each month is scored by one function, :func:`score_month`, and every
period figure is a sum of months: a monthly run is its month (本月) plus January..M (累计), an
annual run is January..the period's last month (``Period.last_month``: December, or the last
ended month of a year still under way).  The rules themselves are in :mod:`xcreport.rules`.
``data.ledger`` holds the valid rows only: reading has already left out the rows with an error
and the later of two duplicates (LEDGER.md), so scoring never drops a row by its findings.

Readings of RULES.md — where the text leaves a choice, what xcreport does and why:

- A *piece* (稿件) is one body + normalised title (``title_key``).  One piece adopted by several
  outlets is several ledger rows but one submission.
- ``submitted`` (报送) counts distinct pieces of the period, although OUTPUTS.md says "all scored
  rows": a piece adopted by three outlets is three rows but was submitted once, and 报送 should
  match what a clerk counts.  ``rows_scored`` is the row count.
- R1/R2 halves and months count distinct pieces, not adoption rows, on the calendar month of
  报送日期 (never the issue month).  An office's halves are counted and reported, but only its
  month is checked.  An annual ``cadence_met`` means every month of the period met.
- R3: a piece with several late rows is one late submission, charged ``deduct_late`` once and
  listed at its first late row.  A row with neither a stated 所属月份 nor a 报送日期 has no issue
  month and scores in no period.
- R4: a piece is false when any of its rows of the issue month carries a false verdict; the whole
  piece then scores nothing (no points, no bonus, no adoption in any tally or target, no credit to
  its authors) and is charged ``deduct_false`` once.
- Points follow ``adoption_policy``; every adoption row of a true piece counts in the per-level
  tallies and in R6–R8.  领导批示 gives ``bonus_instructed`` once per piece, adopted or not.
- R5 迟报 is once per piece and belongs to the month of the event date; 漏报 and 瞒报 to the
  month of the registered event.  A registered event is reported by a 重大政务信息 row of its body
  with the same event date or a title containing the event name.  A late matching row is 迟报,
  not 漏报 as well.  瞒报 comes only from the register's 处理 column (never inferred) and is
  charged ``deduct_concealed``; when its event also has a late matching row, only the 瞒报 is
  charged, not 迟报 besides.  ``major_missed`` counts 漏报 and 瞒报 together (``kind`` tells them
  apart).
- R6/R8 pace is linear: ``target × last month / 12``; within :data:`ON_PACE_MARGIN` pieces is
  on_pace; a target is met once reached (``exceed``, 突破: once passed), whatever the month.
- R9 counts pieces, not adoption rows: each piece of the year once, at its highest adopted level,
  toward every task at that level or lower (a 省部级 piece counts toward a 省部级 and a 市级
  task, once each).  A task of 0 is complete; task_rate is the mean of the rates capped at 1; a
  body with no task has nothing outstanding (the task part of 年度综合考核 in full).  Tasks are
  full-year lines, also in a year still under way.  先进单位 includes every body tied at the line.
- R10 coverage counts pieces; a brand gap is a brand a body builds with no piece of its own
  naming it in the period.
- R11 warnings need a roster: with none at all nobody is warned.  An (author, body) off the
  roster is listed once, at its first row.  Persons are keyed by (name, body); co-authors named on
  any row of a piece share its points and bonus equally.
- Ranks compare scores rounded to :data:`DECIMALS`; equal scores share a rank (1, 2, 2, 4) and
  are listed by more higher-level adoptions (the adoption counts by level, highest first), then by
  name.  The rules' own findings are all warnings.
- The default period is chosen by the calendar month of 报送日期, not the issue month
  (:func:`latest_sent_month`): a row sent on 26 December belongs to January's issue but does not
  make January, unfinished, the month to report.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from xcreport import rules
from xcreport.config import RANK_GROUPS, Settings
from xcreport.findings import (
    BRAND_GAP,
    CATALOGUE,
    FALSE_PIECE,
    LATE,
    MAJOR_CONCEALED,
    MAJOR_LATE,
    MAJOR_MISSED,
    NO_ROSTER,
    OFF_ROSTER,
    Finding,
    Kind,
)
from xcreport.metrics import (
    BodyMetrics,
    CityRankMetrics,
    FindingCounts,
    Metrics,
    MissedEvent,
    MonthPoint,
    PersonMetrics,
    Problems,
    RankPoint,
    RowRef,
    TargetMetrics,
    TargetStatus,
    TaskProgress,
    Totals,
    TrackMetrics,
)
from xcreport.model import LedgerData
from xcreport.period import Period, month_index, month_key
from xcreport.reading.headers import standard_header
from xcreport.text import month_label, num

#: Places of the figures in Metrics (scores, points, paces).
DECIMALS = 2
#: Within this many pieces of the linear pace a target is 持平 (on_pace).
ON_PACE_MARGIN = 0.5
#: The prepared columns the period's rows keep (:func:`period_rows`): R10 coverage and gaps, R11.
PERIOD_COLUMNS = [*rules.WHERE, "body", "piece", "title", "submitted", "authors", "focus", "brand"]
#: The prepared columns a month keeps of its adoption rows: R6–R8 tallies, R9 tasks.
ADOPTION_COLUMNS = ["issue", "body", "piece", "level", "tracks"]


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """What scoring hands on: the figures, and every finding (reading's plus the rules')."""

    metrics: Metrics
    findings: list[Finding]


@dataclass(frozen=True, slots=True)
class MonthScore:
    """One month scored (:func:`score_month`).

    ``table``: index body (registry order); the counts submitted, first_half, second_half,
    cadence_unmet, late, false_pieces, major_late, major_missed (漏报 and 瞒报), concealed (瞒报
    alone), bonus_pieces; one
    ``adopted:<level>`` column per level; points, bonus, deductions, score — every column adds up
    over months.  The breach tables are those of :mod:`xcreport.rules` for this month;
    ``adoptions`` the adoption rows that count (non-false; :data:`ADOPTION_COLUMNS` only),
    ``credits`` the authors' shares.  No month keeps its ledger rows: the period's are taken once
    (:func:`period_rows`).
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


def adopted_column(level: str) -> str:
    return f"adopted:{level}"


@dataclass(frozen=True, slots=True)
class MonthRows:
    """The prepared rows (:func:`rules.prepare`) one month is scored on."""

    issued: pd.DataFrame  # of this issue month (R3): points, adoptions, R3, R4
    sent: pd.DataFrame  # submitted in this calendar month: R1/R2
    majors: pd.DataFrame  # every 重大政务信息 row: R5 (迟报 by event month, 漏报 against the register)


def _positions(derived: pd.DataFrame, column: str, year: int, month: int) -> np.ndarray:
    """The positions, in order, of the rows whose ``column`` (a month index) is that month."""
    index = derived[column].to_numpy(dtype=float, na_value=np.nan)
    return np.flatnonzero(index == month_index(year, month))


def split_months(ledger: pd.DataFrame, derived: pd.DataFrame, period: Period) -> Iterator[MonthRows]:
    """January..the period's last month (:meth:`Period.months`), by issue and calendar month: the
    prepared rows (:func:`rules.prepare`) of ``derived`` (:func:`rules.derive`) that each needs.

    One month at a time: a month's rows are taken from the ledger as it is scored and let go
    after, so scoring never holds a copy of the whole ledger."""
    major = ledger["major"].to_numpy(dtype=bool)[derived["position"].to_numpy()]
    majors = rules.ledger_rows(ledger, derived.loc[major])
    for m in range(1, period.last_month + 1):
        issued = rules.ledger_rows(ledger, derived.take(_positions(derived, "issue_ym", period.year, m)))
        sent = rules.ledger_rows(ledger, derived.take(_positions(derived, "month_ym", period.year, m)))
        yield MonthRows(issued, sent, majors)


def period_rows(derived: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The rows of ``derived`` that score in the period (annual: January..its last month;
    monthly: its month), month by month, each in source order: their ``position`` and the derived
    columns of :data:`PERIOD_COLUMNS` (:func:`rules.ledger_rows` adds the rest)."""
    first = 1 if period.kind == "annual" else period.last_month
    months = range(first, period.last_month + 1)
    positions = np.concatenate([_positions(derived, "issue_ym", period.year, m) for m in months])
    return derived[["position", *derived.columns.intersection(PERIOD_COLUMNS)]].take(positions)


def score_months(
    ledger: pd.DataFrame, register: pd.DataFrame, settings: Settings, period: Period
) -> tuple[list[MonthScore], pd.DataFrame]:
    """Every month January..the period's last scored (:func:`score_month`), and the period's rows
    (:func:`period_rows`) with :data:`PERIOD_COLUMNS`."""
    derived = rules.derive(ledger, settings)
    scored = period_rows(derived, period)
    months = [
        score_month(month_rows, register, settings, period.year, m)
        for m, month_rows in enumerate(split_months(ledger, derived, period), start=1)
    ]
    del derived  # let go before the period's rows are taken
    return months, rules.ledger_rows(ledger, scored, PERIOD_COLUMNS).reset_index(drop=True)


def score_month(
    rows: MonthRows, register: pd.DataFrame, settings: Settings, year: int, month: int
) -> MonthScore:
    """Score every registered body for one month, the same way for 本月 and for each month of 累计.

    R1/R2 on the calendar month; R3, R4, points, bonus and adoptions on the issue month; R5 on the
    month of the event date.  Deductions: each unmet half or office month ``deduct_cadence``, each
    late piece ``deduct_late``, each false piece ``deduct_false``, each 迟报 ``deduct_major_late``,
    each 漏报 ``deduct_major_missed``, each 瞒报 ``deduct_concealed``.
    """
    s = settings.scoring
    key = month_key(year, month)
    names = [b.name for b in settings.bodies]
    issued = rows.issued
    cadence = rules.cadence_r1_r2(rows.sent, settings, year, month)
    late = rules.late_rows_r3(issued, settings)
    false = rules.false_pieces_r4(issued, settings)
    major_late = rules.major_late_r5(rows.majors, register, settings, year, month)
    major_missed = rules.major_missed_r5(rows.majors, register, settings, year, month)
    pieces = rules.piece_points(issued, settings)
    adoptions = issued.loc[issued["is_adopted"] & ~issued["piece_false"], ADOPTION_COLUMNS]

    def count(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("body").size().reindex(names, fill_value=0).astype(int)

    concealed = count(major_missed.loc[major_missed["kind"] == "瞒报"])

    def total(values: pd.Series) -> pd.Series:
        return values.groupby(pieces["body"]).sum().reindex(names, fill_value=0.0).astype(float)

    table = pd.DataFrame(
        {
            "submitted": count(pieces),
            "first_half": cadence.table["first_half"],
            "second_half": cadence.table["second_half"],
            "cadence_unmet": cadence.table["unmet"],
            "late": count(late),
            "false_pieces": count(false),
            "major_late": count(major_late),
            "major_missed": count(major_missed),
            "concealed": concealed,
            "bonus_pieces": count(pieces.loc[pieces["bonus"] > 0]),
        },
        index=names,
    )
    adopted = pd.crosstab(adoptions["body"], adoptions["level"])
    adopted = adopted.reindex(index=names, columns=list(settings.levels), fill_value=0).astype(int)
    table = table.join(adopted.rename(columns=adopted_column))
    table["points"] = total(pieces["points"])
    table["bonus"] = total(pieces["bonus"])
    table["deductions"] = (
        table["cadence_unmet"] * s.deduct_cadence
        + table["late"] * s.deduct_late
        + table["false_pieces"] * s.deduct_false
        + table["major_late"] * s.deduct_major_late
        + (table["major_missed"] - table["concealed"]) * s.deduct_major_missed
        + table["concealed"] * s.deduct_concealed
    ).astype(float)
    table["score"] = table["points"] + table["bonus"] - table["deductions"]
    return MonthScore(
        key=key,
        table=table,
        cadence=cadence.breaches,
        late=late,
        false=false,
        major_late=major_late,
        major_missed=major_missed,
        adoptions=adoptions,
        credits=rules.person_credits(issued, pieces),
    )


# -- ranking ----------------------------------------------------------------------------------


def competition_rank(values: pd.Series) -> pd.Series:
    """Standard competition ranking, highest first: equal values share the best rank (1, 2, 2, 4).
    Values are compared as shown (rounded to :data:`DECIMALS`)."""
    return values.astype(float).round(DECIMALS).rank(method="min", ascending=False).astype(int)


def ranking_order(table: pd.DataFrame, value: str, levels: Iterable[str]) -> list[str]:
    """Bodies (the index) by ``value`` descending; equal values by more higher-level adoptions
    (the ``adopted:<level>`` counts compared highest level first), then by name (Unicode order)."""
    tiebreak = [adopted_column(lv) for lv in levels]
    keyed = table.assign(_value=table[value].astype(float).round(DECIMALS), _name=table.index.astype(str))
    ordered = keyed.sort_values(
        ["_value", *tiebreak, "_name"], ascending=[False] * (1 + len(tiebreak)) + [True], kind="stable"
    )
    return [str(name) for name in ordered.index]


def group_rank(values: pd.Series, settings: Settings) -> pd.Series:
    """Competition ranking within 基层单位 (unit + project) and 机关科室 (office)."""
    groups = values.index.map({b.name: RANK_GROUPS[b.group] for b in settings.bodies})
    rounded = values.astype(float).round(DECIMALS)
    return rounded.groupby(groups).rank(method="min", ascending=False).astype(int)


# -- targets ----------------------------------------------------------------------------------


def target_status(actual: int, target: int, expected: float, exceed: bool) -> TargetStatus:
    """R6/R8 status: met once the full-year target is reached (突破: exceeded); else on_pace
    within :data:`ON_PACE_MARGIN` of the linear pace, ahead above it, behind below it."""
    if (actual > target) if exceed else (actual >= target):
        return "met"
    if abs(actual - expected) <= ON_PACE_MARGIN:
        return "on_pace"
    return "ahead" if actual > expected else "behind"


def register_tracks(settings: Settings) -> list[str]:
    """The tracks of the outlet register, in first-listed order (R8)."""
    return list(dict.fromkeys(track for outlet in settings.outlets for track in outlet.tracks))


def adoption_tallies(adoptions: pd.DataFrame, settings: Settings, period: Period) -> pd.DataFrame:
    """R6–R8: adoption rows per month (index 'YYYY-MM', January to the period's last month) that
    each target counts (column ``target:<id>``) and that each track's outlets gave (``track:<name>``,
    the city bureau's track ``city_rank.track`` included)."""
    counted = {f"target:{t.id}": rules.target_mask(adoptions, t.levels, t.tracks) for t in settings.targets}
    city = [settings.city_rank.track] if settings.city_rank.track else []
    for track in dict.fromkeys([*register_tracks(settings), *city]):
        counted[f"track:{track}"] = rules.target_mask(adoptions, (), (track,))
    frame = pd.DataFrame(counted, index=adoptions.index, columns=list(counted))
    per_month = frame.groupby(adoptions["issue"]).sum()
    return per_month.reindex(period.months(), fill_value=0).astype(int)


def _in_period(column: pd.Series, period: Period) -> int:
    """The report month's figure (monthly) or the year's (annual) of a per-month column."""
    return int(column.iloc[-1]) if period.month else int(column.sum())


def targets_r6_r8(tallies: pd.DataFrame, settings: Settings, period: Period) -> list[TargetMetrics]:
    """R6 — 省部级媒体用稿突破50篇 (二.3); R8 — 中国网及"两办"信息考核和县级媒体用稿进入先进行列 (二.1).

    Year-to-date adoption rows matching each target against the linear pace
    ``target × months elapsed / 12`` (months elapsed = the period's last month).
    """
    out: list[TargetMetrics] = []
    for t in settings.targets:
        counts = tallies[f"target:{t.id}"]
        actual = int(counts.sum())
        expected = round(t.target * period.last_month / 12, DECIMALS)
        out.append(
            TargetMetrics(
                id=t.id,
                label=t.label,
                target=t.target,
                actual=actual,
                expected_by_now=expected,
                status=target_status(actual, t.target, expected, t.exceed),
                shortfall=round(max(0.0, expected - actual), DECIMALS),
                exceed=t.exceed,
                month=_in_period(counts, period),
                chart=t.chart,
            )
        )
    return out


def trend(months: list[MonthScore], tallies: pd.DataFrame, settings: Settings) -> list[MonthPoint]:
    """One point per month, January to the period's last: pieces, adoptions per level, and each
    target's cumulative count against its linear pace."""
    cumulative = tallies.cumsum().to_dict("index")
    return [
        MonthPoint(
            month=m.key,
            submitted=int(m.table["submitted"].sum()),
            adopted={lv: int(m.table[adopted_column(lv)].sum()) for lv in settings.levels},
            target_cumulative={t.id: int(cumulative[m.key][f"target:{t.id}"]) for t in settings.targets},
            target_expected={t.id: round(t.target * i / 12, DECIMALS) for t in settings.targets},
        )
        for i, m in enumerate(months, start=1)
    ]


def city_rank_r7(
    rankings: pd.DataFrame, tallies: pd.DataFrame, settings: Settings, period: Period
) -> CityRankMetrics:
    """R7 — 市交通运输局信息用稿考核名次在六县(市、区)中进入前三名，力争进入前二名 (二.2).

    The ranks the office typed in (:func:`rules.city_items`) for January..the period's last month;
    status of the latest: stretch (≤ stretch_rank), met (≤ target_rank), missed, or unknown when
    none is typed.  Adoptions by the city bureau are the rows of track ``city_rank.track``.
    """
    c = settings.city_rank
    picked = rules.rankings_for(rankings, period.months(), rules.city_items(rankings, c.items))
    points = [
        RankPoint(
            month=str(r["month"]),
            rank=int(r["rank"]),
            score=None if pd.isna(r["score"]) else float(r["score"]),
        )
        for r in _records(picked)
    ]
    latest = points[-1] if points else None
    status: Literal["stretch", "met", "missed", "unknown"] = "unknown"
    if latest is not None and latest.rank <= c.stretch_rank:
        status = "stretch"
    elif latest is not None:
        status = "met" if latest.rank <= c.target_rank else "missed"
    adopted = tallies[f"track:{c.track}"] if c.track else pd.Series(0, index=tallies.index)
    return CityRankMetrics(
        counties=c.counties,
        target_rank=c.target_rank,
        stretch_rank=c.stretch_rank,
        trend=points,
        latest=latest,
        status=status,
        adopted_month=_in_period(adopted, period),
        adopted_ytd=int(adopted.sum()),
    )


def tracks_r8(
    rankings: pd.DataFrame, tallies: pd.DataFrame, settings: Settings, period: Period
) -> list[TrackMetrics]:
    """R8: adoptions per track of the outlet register (first-listed order), with the latest
    external rank the office typed in for it (外部考核, 考核项目 naming the track)."""
    out: list[TrackMetrics] = []
    for track in register_tracks(settings):
        counts = tallies[f"track:{track}"]
        ranks = rules.rankings_for(rankings, period.months(), rules.track_items(rankings, track))
        rank = int(ranks["rank"].iloc[-1]) if len(ranks) else None
        out.append(
            TrackMetrics(
                track=track, month=_in_period(counts, period), ytd=int(counts.sum()), external_rank=rank
            )
        )
    return out


def tasks_r9(
    adoptions: pd.DataFrame, settings: Settings
) -> dict[str, tuple[list[TaskProgress], float | None]]:
    """R9 — 将信息宣传工作任务下达到各单位 … 完成任务情况和年度综合考核挂钩 (五.2).

    Per body and per level of its tasks: the pieces of the year adopted at that level or higher,
    each piece once at its highest level (:func:`rules.task_reach_r9`), the rate (1.0 for a task
    of 0), and the body's task_rate = mean of the rates capped at 1 (None when it has no tasks).
    """
    reached = rules.task_reach_r9(adoptions, settings).to_dict("index")
    out: dict[str, tuple[list[TaskProgress], float | None]] = {}
    for body in settings.bodies:
        progress = [
            TaskProgress(
                level=level,
                task=task,
                actual=int(reached[body.name][level]),
                rate=round(int(reached[body.name][level]) / task, 4) if task else 1.0,
            )
            for level, task in sorted(body.tasks.items(), key=lambda kv: settings.level_rank[kv[0]])
        ]
        rate = round(sum(min(p.rate, 1.0) for p in progress) / len(progress), 4) if progress else None
        out[body.name] = (progress, rate)
    return out


# -- the stage --------------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as text, '' when missing."""
    return "" if pd.isna(value) else str(value)


def _row(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _records(frame: pd.DataFrame) -> list[dict[Hashable, Any]]:
    return frame.to_dict("records")


def _row_findings(frame: pd.DataFrame, kind: Kind, **params: object) -> list[Finding]:
    """A finding of ``kind`` for each breach row, located at its ledger row: its parameters are
    ``params`` and the breach table's own columns beyond :data:`rules.BREACH_COLUMNS`."""
    extra = [str(c) for c in frame.columns if c not in rules.BREACH_COLUMNS]
    out: list[Finding] = []
    for r in _records(frame):
        args: dict[str, Any] = {**{c: _text(r[c]) for c in extra}, **params}
        out.append(
            kind(
                file=_text(r["source_file"]),
                sheet=_text(r["sheet"]),
                row=_row(r["excel_row"]),
                header=standard_header(kind.column) if kind.column else "",
                value=_text(r.get("value")),
                body=_text(r["body"]),
                title=_text(r.get("title")),
                **args,
            )
        )
    return out


def _row_refs(frame: pd.DataFrame) -> list[RowRef]:
    return [
        RowRef(
            body=_text(r["body"]),
            title=_text(r["title"]),
            file=_text(r["source_file"]),
            sheet=_text(r["sheet"]),
            row=_row(r["excel_row"]) or 0,
            date=_text(r["date"]),
            detail=_text(r["detail"]),
        )
        for r in _records(frame)
    ]


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames of the same columns, one after the other (the first, emptied, when all are empty)."""
    kept = [f for f in frames if not f.empty]
    return pd.concat(kept, ignore_index=True) if kept else frames[0].iloc[0:0]


def _sum_tables(months: list[MonthScore]) -> pd.DataFrame:
    return pd.concat([m.table for m in months]).groupby(level=0, sort=False).sum()


def _adopted(row: Mapping[Hashable, Any], levels: Iterable[str]) -> dict[str, int]:
    return {lv: int(row[adopted_column(lv)]) for lv in levels}


def latest_sent_month(ledger: pd.DataFrame, settings: Settings, today: dt.date) -> int | None:
    """The latest calendar month of ``submitted`` (报送日期, not the issue month) before ``today``'s
    month in which a registered body has rows, as a month index (:func:`period.latest` makes the
    default period of it); None when no ended month holds rows: an unfinished month is never
    reported.  A row sent on 26 December belongs to January's issue, but does not make January,
    unfinished, the month to report."""
    registered = rules.registered_rows(ledger, settings)
    sent = rules.month_indexes(ledger.loc[registered, "submitted"]).dropna()
    ended = sent.loc[sent < month_index(today.year, today.month)]
    return None if ended.empty else int(ended.max())


@dataclass(frozen=True, slots=True)
class Breaches:
    """What the bodies must answer for in the period (存在问题), one table per rule.

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

    @classmethod
    def collect(
        cls,
        in_period: list[MonthScore],
        issued: pd.DataFrame,
        roster: pd.DataFrame,
        settings: Settings,
        period: Period,
    ) -> Breaches:
        cadence = _concat([m.cadence for m in in_period])
        label = cadence["month"] + " " + cadence["half"] if period.kind == "annual" else cadence["half"]
        off_roster, no_roster = rules.roster_r11(issued, roster, settings)
        return cls(
            cadence=cadence.assign(label=label.astype("string")),
            late=_concat([m.late for m in in_period]),
            false=_concat([m.false for m in in_period]),
            major_late=_concat([m.major_late for m in in_period]),
            major_missed=_concat([m.major_missed for m in in_period]),
            brand_gaps=rules.brand_gaps_r10(issued, settings),
            off_roster=off_roster,
            no_roster=no_roster,
        )

    def findings(self, settings: Settings, period: Period) -> list[Finding]:
        """One warning per breach, of its rule's kind, located where a row is concerned."""
        c, sc = settings.cadence, settings.scoring
        category = settings.vocabulary.dynamic_category
        cadence = [
            CATALOGUE[str(r["kind"])](
                body=str(r["body"]),
                month=month_label(str(r["month"])),
                half=str(r["half"]),
                category=category,
                count=int(r["count"]),
                need=int(r["need"]),
            )
            for r in _records(self.cadence)
        ]
        missed = self.major_missed.assign(value=self.major_missed["event"])
        concealed = missed["kind"] == rules.CONCEALED
        allowance = c.major_allowance_days
        # 漏报 and 瞒报 in the register's order, each in its own words
        by_entry = dict(
            zip(
                [*missed.index[~concealed], *missed.index[concealed]],
                [
                    *_row_findings(
                        missed[~concealed],
                        MAJOR_MISSED,
                        allowance=allowance,
                        points=num(sc.deduct_major_missed),
                    ),
                    *_row_findings(missed[concealed], MAJOR_CONCEALED, points=num(sc.deduct_concealed)),
                ],
                strict=True,
            )
        )
        return [
            *cadence,
            *_row_findings(self.late, LATE, cutoff=c.cutoff_day),
            *_row_findings(self.false, FALSE_PIECE, points=num(sc.deduct_false)),
            *_row_findings(self.major_late, MAJOR_LATE, allowance=allowance),
            *(by_entry[i] for i in missed.index),
            *[
                BRAND_GAP(body=str(r["body"]), brand=str(r["brand"]), period=period.span_label)
                for r in _records(self.brand_gaps)
            ],
            *_row_findings(self.off_roster, OFF_ROSTER),
            *[NO_ROSTER(body=name) for name in self.no_roster],
        ]

    def problems(self, bodies_with_errors: list[tuple[str, int, int]]) -> Problems:
        return Problems(
            cadence_missed=[(str(r["body"]), str(r["label"])) for r in _records(self.cadence)],
            late=_row_refs(self.late),
            false_pieces=_row_refs(self.false),
            major_late=_row_refs(self.major_late),
            major_missed=[
                MissedEvent(
                    body=str(r["body"]),
                    event=str(r["event"]),
                    event_date=str(r["event_date"]),
                    kind=r["kind"],
                )
                for r in _records(self.major_missed)
            ],
            bodies_with_errors=bodies_with_errors,
            brands_without_piece=[(str(r["brand"]), str(r["body"])) for r in _records(self.brand_gaps)],
            no_roster=list(self.no_roster),
        )


def assessment_r9(
    table: pd.DataFrame, tasks: Mapping[str, tuple[list[TaskProgress], float | None]], settings: Settings
) -> pd.Series:
    """R9 年度综合考核: weight_monthly × the year's score (the sum of its monthly scores) +
    weight_tasks × task_rate; a body given no task has nothing outstanding (task part in full)."""
    a = settings.annual
    rate = pd.Series({n: 1.0 if r is None else r for n, (_, r) in tasks.items()}, dtype=float)
    return (a.weight_monthly * table["score"] + a.weight_tasks * rate.reindex(table.index)).round(DECIMALS)


def advanced_units_r9(bodies: list[BodyMetrics], settings: Settings) -> list[str]:
    """先进单位: the bodies whose 年度综合考核 rank is within ``annual.advanced_units`` — all of
    those tied at the line — by assessment, then more higher-level adoptions, then name."""
    table = pd.DataFrame(
        {
            "assessment": [b.assessment or 0.0 for b in bodies],
            **{adopted_column(lv): [b.adopted[lv] for b in bodies] for lv in settings.levels},
        },
        index=[b.body for b in bodies],
    )
    rank = {b.body: b.assessment_rank or 0 for b in bodies}
    return [
        n
        for n in ranking_order(table, "assessment", settings.levels)
        if rank[n] <= settings.annual.advanced_units
    ]


@dataclass(frozen=True, slots=True)
class FindingsPerBody:
    """Error and warning findings per body (registered name; '' for a file's or sheet's own)."""

    errors: Counter[str]
    warnings: Counter[str]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> FindingsPerBody:
        errors: Counter[str] = Counter()
        warnings: Counter[str] = Counter()
        for f in findings:
            (errors if f.severity == "error" else warnings)[f.body] += 1
        return cls(errors, warnings)

    def bodies_with_errors(self, settings: Settings) -> list[tuple[str, int, int]]:
        """(body, errors, warnings) of each registered body with an error, in registry order."""
        return [
            (b.name, self.errors[b.name], self.warnings[b.name])
            for b in settings.bodies
            if self.errors[b.name]
        ]


def score(data: LedgerData, settings: Settings, period: Period) -> ScoreResult:
    """Score the period: :class:`~xcreport.metrics.Metrics` (summary.json) and every finding —
    ``data.findings`` followed by the rules' own (R1/R2, R3, R4, R5, R10, R11), all warnings."""
    register = rules.prepare_register(data.register, settings)
    roster = rules.prepare_roster(data.roster, settings)
    months, issued = score_months(data.ledger, register, settings, period)
    in_period = months if period.kind == "annual" else months[-1:]
    table, ytd = _sum_tables(in_period), _sum_tables(months)
    adoptions = pd.concat([m.adoptions for m in months], ignore_index=True)  # January..last month
    tallies = adoption_tallies(adoptions, settings, period)
    breaches = Breaches.collect(in_period, issued, roster, settings, period)
    rows_scored = len(issued)
    focus_coverage = rules.coverage_r10(issued, "focus", settings.vocabulary.focus)
    brand_coverage = rules.coverage_r10(issued, "brand", settings.vocabulary.brands)
    del issued  # the period's rows are done with: let them go before persons and tasks
    findings = [*data.findings, *breaches.findings(settings, period)]
    per_body = FindingsPerBody.of(findings)
    levels = list(settings.levels)
    annual = period.kind == "annual"

    persons = persons_metrics(_concat([m.credits for m in in_period]), roster)
    tasks = tasks_r9(adoptions, settings) if annual else {}
    bodies = body_metrics(table, ytd, months, breaches, per_body, tasks, roster, settings, period)
    advanced_units: list[str] = []
    advanced_persons: list[PersonMetrics] = []
    if annual:
        advanced_units = advanced_units_r9(bodies, settings)
        advanced_persons = [p for p in persons if p.rank <= settings.annual.advanced_persons and p.points > 0]

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
        targets=targets_r6_r8(tallies, settings, period),
        findings=FindingCounts.of(findings),
        city_rank=city_rank_r7(data.rankings, tallies, settings, period),
        tracks=tracks_r8(data.rankings, tallies, settings, period),
        problems=breaches.problems(per_body.bodies_with_errors(settings)),
        focus_coverage=focus_coverage,
        brand_coverage=brand_coverage,
        trend=trend(months, tallies, settings),
        levels=levels,
        advanced_units=advanced_units,
        advanced_persons=advanced_persons,
    )
    return ScoreResult(metrics=metrics, findings=findings)


def body_metrics(
    table: pd.DataFrame,
    ytd: pd.DataFrame,
    months: list[MonthScore],
    breaches: Breaches,
    per_body: FindingsPerBody,
    tasks: Mapping[str, tuple[list[TaskProgress], float | None]],
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
    assessment = (
        assessment_r9(table.assign(score=score), tasks, settings) if annual else pd.Series(dtype=float)
    )
    assessment_rank = competition_rank(assessment)
    missed = breaches.cadence.groupby("body")["label"].agg(list).to_dict()
    roster_size = roster.groupby("body").size()
    this_period, year_to_date = table.to_dict("index"), ytd.to_dict("index")

    out: list[BodyMetrics] = []
    for name in ranking_order(table.assign(score=score), "score", levels):
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
                assessment=float(assessment[name]) if annual else None,
                assessment_rank=int(assessment_rank[name]) if annual else None,
            )
        )
    return out


def persons_metrics(credits: pd.DataFrame, roster: pd.DataFrame) -> list[PersonMetrics]:
    """通讯员排名: persons keyed by (name, body) with their pieces and shares of points, ranked by
    points (competition ranking), equal points listed by name, then body."""
    if credits.empty:
        return []
    persons = (
        credits.groupby(["name", "body"], sort=False)
        .agg(pieces=("piece", "size"), adopted=("adopted", "sum"), points=("share", "sum"))
        .reset_index()
    )
    persons["points"] = persons["points"].round(DECIMALS)
    persons["rank"] = competition_rank(persons["points"])
    persons["on_roster"] = rules.on_roster(persons, roster)
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
        for r in _records(persons)
    ]

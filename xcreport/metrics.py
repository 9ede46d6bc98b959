"""What scoring computes — and all that any output shows.

:class:`Metrics` is exactly what ``summary.json`` serialises (:meth:`Metrics.to_json`) and what the
report templates, the ranking workbook, the charts and the mails read.  No other code does
arithmetic on the ledger: renderers format these numbers, they never compute them.

The keys that OUTPUTS.md fixes for summary.json (kind, period, inputs, totals, bodies, persons,
targets, findings) keep their names and meaning; the other keys carry what the report needs
beyond them (year-to-date figures, the problems section, coverage, the annual grid).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from xcreport.accounting import Accounting
from xcreport.findings import Finding
from xcreport.model import InputFile

TargetStatus = Literal["ahead", "on_pace", "behind", "met"]
TARGET_STATUS_LABELS: dict[str, str] = {"ahead": "超前", "on_pace": "持平", "behind": "滞后", "met": "已完成"}


@dataclass(slots=True)
class TaskProgress:
    """R9: one body's annual task at one level (任务数) and how far it has come."""

    level: str
    task: int
    actual: int
    rate: float  # actual / task, 0–1 and beyond; 1.0 when task is 0


@dataclass(slots=True)
class BodyMetrics:
    """One registered body; bodies that sent nothing are listed with zeros and unmet cadence."""

    body: str
    group: str  # the key of its configured group (the sample: unit | project | office)
    submitted: int  # pieces of the period (a piece adopted by several outlets is one piece)
    first_half: int  # pieces counted (half-month groups; else 动态信息) in days 1..half_boundary
    second_half: int
    cadence_met: bool  # its group's R1 (half-month) or R2 (month) duty; annual: every month met
    late: int  # R3 late rows of the period
    adopted: dict[str, int]  # adoptions per level in the period (every adoption row counts)
    points: float
    bonus: float
    deductions: float
    score: float  # points + bonus − deductions (本月得分; annual: the year's)
    rank: int  # competition ranking over all bodies (1, 2, 2, 4)
    rank_in_group: int  # within its group's ranking table (the sample: 基层单位, 机关科室)
    # year to date, January to the period's last month (累计)
    submitted_ytd: int = 0
    adopted_ytd: dict[str, int] = field(default_factory=dict)
    score_ytd: float = 0.0
    rank_ytd: int = 0
    # what the body must answer for in the period
    # 上半月 / 下半月 / 本月; annual: '2014-03 上半月'
    cadence_missed: list[str] = field(default_factory=list)
    false_pieces: int = 0  # R4
    major_late: int = 0  # R5 迟报
    major_missed: int = 0  # R5 漏报
    errors: int = 0  # validation error findings on its rows
    warnings: int = 0
    roster: int = 0  # correspondents on its roster (R11)
    # annual only
    cadence_grid: dict[str, bool] = field(default_factory=dict)  # 'YYYY-MM' → met
    tasks: list[TaskProgress] = field(default_factory=list)
    task_rate: float | None = None  # overall completion of its tasks, None when it has none
    assessment: float | None = None  # 年度综合考核 score
    assessment_rank: int | None = None


@dataclass(slots=True)
class PersonMetrics:
    """A correspondent (通讯员); co-authors share a piece's points equally."""

    name: str
    body: str
    pieces: int  # pieces the person (co-)wrote in the period
    points: float  # the person's share of points and bonuses
    rank: int
    adopted: int = 0  # of which adopted at any level
    on_roster: bool = True


@dataclass(slots=True)
class PersonTaskMetrics:
    """R9 to persons (分解落实到人): one correspondent's annual tasks, from the roster, and progress."""

    name: str
    body: str
    tasks: list[TaskProgress]  # the levels the roster gives a task at, highest first
    task_rate: float  # the mean of the rates capped at 1


@dataclass(slots=True)
class TargetMetrics:
    """R6/R8 count targets with the linear pace."""

    id: str
    label: str
    target: int
    actual: int  # year to date
    expected_by_now: float  # target × months elapsed / 12
    status: TargetStatus
    shortfall: float = 0.0  # pieces behind the pace (0 when ahead)
    exceed: bool = False  # 突破: must be greater than the target
    month: int = 0  # adoptions in the report month (monthly) / the year (annual)
    chart: bool = False  # the report draws its pace chart


@dataclass(slots=True)
class RankPoint:
    month: str  # 'YYYY-MM'
    rank: int
    score: float | None = None


@dataclass(slots=True)
class CityRankMetrics:
    """R7: the city bureau's ranking of the counties, typed in by the office."""

    counties: int
    target_rank: int
    stretch_rank: int
    trend: list[RankPoint] = field(default_factory=list)  # months up to the period, oldest first
    latest: RankPoint | None = None
    status: Literal["stretch", "met", "missed", "unknown"] = "unknown"
    adopted_month: int = 0  # pieces the city bureau adopted (track 市局用稿), report month
    adopted_ytd: int = 0


@dataclass(slots=True)
class TrackMetrics:
    """R8: adoptions per tracked outlet group (中国网, 两办, 县级媒体, 市局用稿)."""

    track: str
    month: int
    ytd: int
    external_rank: int | None = None  # typed in by the office (外部考核), latest


@dataclass(slots=True)
class RowRef:
    """A ledger row a problem points to."""

    body: str
    title: str
    file: str
    sheet: str
    row: int
    date: str = ""  # ISO date that matters for the problem (submitted, event date)
    detail: str = ""  # e.g. 所属月份2014-03，3月27日报送; 虚假; 迟报2天


@dataclass(slots=True)
class MissedEvent:
    """R5 漏报 or 瞒报: a registered major event with no timely row from its body."""

    body: str
    event: str
    event_date: str
    kind: Literal["漏报", "瞒报"]


@dataclass(slots=True)
class Problems:
    """存在问题: what the report names."""

    cadence_missed: list[tuple[str, str]] = field(default_factory=list)  # (body, 上半月/下半月/本月)
    late: list[RowRef] = field(default_factory=list)  # R3
    false_pieces: list[RowRef] = field(default_factory=list)  # R4
    major_late: list[RowRef] = field(default_factory=list)  # R5 迟报
    major_missed: list[MissedEvent] = field(default_factory=list)  # R5 漏报 / 瞒报
    bodies_with_errors: list[tuple[str, int, int]] = field(default_factory=list)  # (body, errors, warnings)
    # (file, errors, warnings): errors no registered body answers for (an unknown body's sheet, an
    # unreadable file; '' for those of no file), so that the bodies' and these add up to all errors
    files_with_errors: list[tuple[str, int, int]] = field(default_factory=list)
    brands_without_piece: list[tuple[str, str]] = field(default_factory=list)  # (brand, body that builds it)
    no_roster: list[str] = field(default_factory=list)  # R11 bodies with nobody on the roster
    # side sheets not found in the ledger folder (通讯员名册, 重大事项登记): the checks they feed are off
    sides_missing: list[str] = field(default_factory=list)


@dataclass(slots=True)
class MonthPoint:
    """One month of the year-to-date trend (charts, annual table)."""

    month: str  # 'YYYY-MM'
    submitted: int
    adopted: dict[str, int]
    target_cumulative: dict[str, int] = field(default_factory=dict)  # target id → count so far
    target_expected: dict[str, float] = field(default_factory=dict)  # target id → linear pace


@dataclass(slots=True)
class Totals:
    rows: int  # rows read from the ledgers (all bodies, all months, errors included)
    rows_scored: int  # rows of the period that passed validation and count
    submitted: int  # pieces of the period
    adopted: dict[str, int]  # adoptions of the period per level
    submitted_ytd: int = 0
    adopted_ytd: dict[str, int] = field(default_factory=dict)
    bonus_pieces: int = 0  # pieces with a 领导批示 in the period


@dataclass(slots=True)
class FindingCounts:
    error: int
    warning: int
    by_rule: dict[str, int]  # rule id → findings, sorted by rule id

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> FindingCounts:
        """Count findings by severity and by rule (summary.json ``findings``)."""
        listed = list(findings)
        rules = Counter(f.rule for f in listed)
        return cls(
            error=sum(f.severity == "error" for f in listed),
            warning=sum(f.severity == "warning" for f in listed),
            by_rule=dict(sorted(rules.items())),
        )


@dataclass(slots=True)
class Metrics:
    """The figures of one run. ``summary.json`` is :meth:`to_json` of this."""

    kind: Literal["monthly", "annual"]
    period: dict[str, Any]  # Period.as_dict()
    inputs: list[InputFile]
    totals: Totals
    bodies: list[BodyMetrics]  # ordered by rank, then name
    persons: list[PersonMetrics]  # ordered by rank, then name
    targets: list[TargetMetrics]
    findings: FindingCounts
    city_rank: CityRankMetrics
    tracks: list[TrackMetrics]
    problems: Problems
    focus_coverage: dict[str, int]  # focus → pieces of the period (R10)
    brand_coverage: dict[str, int]  # brand → pieces of the period (R10)
    trend: list[MonthPoint]  # January to the period's last month
    levels: list[str]  # media levels, highest first (column order of every table)
    advanced_units: list[str] = field(default_factory=list)  # annual: 先进单位
    advanced_persons: list[PersonMetrics] = field(default_factory=list)  # annual: 先进个人
    person_tasks: list[PersonTaskMetrics] = field(default_factory=list)  # annual: R9 to persons
    forecast: Forecast | None = None  # the year's end at the pace so far (None: the year has ended)
    comparison: Comparison | None = None  # 环比 and 同比 (the pipeline adds it: it reads the history)
    accounting: Accounting | None = None  # the run's account (the pipeline adds it: xcreport.accounting)

    def as_dict(self) -> dict[str, Any]:
        """As :func:`dataclasses.asdict` gives it (tuples as lists), without its deep copies."""
        plain: dict[str, Any] = _plain(self)
        return plain

    def to_json(self) -> str:
        """summary.json: UTF-8, Chinese kept as is, keys in declaration order, stable."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"


def _plain(value: Any) -> Any:
    """A dataclass, list, tuple or dict of them as plain dicts and lists (the values are shared)."""
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {name: _plain(getattr(value, name)) for name in fields}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# -- added for the comparison, the forecast and the reminders ---------------------------------------


@dataclass(slots=True)
class TargetForecast:
    """A count target (R6–R8) at the year's end, at the pace so far (:mod:`xcreport.scoring.forecast`)."""

    id: str
    label: str
    target: int
    actual: int  # year to date
    projected: int  # actual × 12 / months elapsed, rounded half up: where the year ends at this pace
    clears: bool  # projected clears the line (exceed, 突破: is greater than the target)
    remaining: int  # pieces still needed to clear the line (0 once cleared)
    per_month: float | None  # remaining / months left; None when no month is left


@dataclass(slots=True)
class TaskGap:
    """R9: what a body still owes of one annual task (任务数) at one level."""

    body: str
    level: str
    task: int
    actual: int  # pieces of the year to date at that level or higher
    gap: int  # task − actual, 0 once done


@dataclass(slots=True)
class Forecast:
    """Where the year ends at the pace so far (summary.json ``forecast``): a monthly run, and an
    annual run of a year still under way; None for a year that has ended."""

    months_elapsed: int  # January to the period's last month
    months_left: int  # the months of the year after it
    targets: list[TargetForecast]
    tasks: list[TaskGap]  # every body's tasks, registry order, highest level first


@dataclass(slots=True)
class Figures:
    """A body's (or the totals') figures in a period a run is compared with (环比, 同比).

    For a month: that month's figures and those of its year to date; for a year (an annual run's
    last year, over the same months): the year's, which are also its year to date.  Totals have
    no score or rank.
    """

    submitted: int
    adopted: dict[str, int]  # adoptions per level
    submitted_ytd: int
    adopted_ytd: dict[str, int]
    score: float | None = None
    rank: int | None = None
    score_ytd: float | None = None
    rank_ytd: int | None = None


@dataclass(slots=True)
class Reference:
    """A period a run is compared with, and where its figures came from."""

    period: str | None  # '2014-11' (a month) or '2013' (an annual run's last year); None: none
    label: str  # '2014年11月', '2013年1—2月'; '' when there is no such period
    source: Literal["ledgers", "history"] | None  # None: no data, nothing is compared


@dataclass(slots=True)
class Compared:
    """Figures of the previous month (环比) and of the same period last year (同比); None: unknown."""

    previous_month: Figures | None
    last_year: Figures | None


@dataclass(slots=True)
class BodyComparison:
    body: str
    previous_month: Figures | None  # None also for a body not known then (registered later)
    last_year: Figures | None


@dataclass(slots=True)
class Comparison:
    """summary.json ``comparison``: the totals and every body against the previous month and the
    same month (an annual run: the same months) of the previous year."""

    previous_month: Reference
    last_year: Reference
    totals: Compared
    bodies: list[BodyComparison]  # registry order


@dataclass(slots=True)
class ReminderDay:
    """A day ``xcreport remind`` reminds on: which deadline it is before, and the day it falls on."""

    kind: Literal["first_half", "cutoff", "month_end"]
    month: str  # 'YYYY-MM': the month whose duty it reminds of
    nominal: str  # ISO: the deadline less the configured days
    day: str  # ISO: the day it is sent (a weekend day moved to the Friday before, as configured)
    deadline: str  # ISO


@dataclass(slots=True)
class Reminder:
    """A body that has not met a duty by a reminder day: what is missing, and by when."""

    body: str
    duty: Literal["first_half", "second_half", "month"]  # R1's halves, R2's month
    label: str  # 3月上半月（1—15日）动态信息
    month: str  # 'YYYY-MM'
    kind: str  # the reminder day's kind (ReminderDay.kind)
    day: str  # ISO: the reminder day — with body and duty, what is never mailed twice
    deadline: str  # ISO
    need: int  # pieces required
    done: int  # pieces sent by the reminder day
    contact: str  # the body's mail addresses, '' when it has none (then: the console list only)
    correspondents: list[str] = field(default_factory=list)  # roster: 张三 13800000000
    mail: str = ""  # the .eml written in the outbox, '' without a contact

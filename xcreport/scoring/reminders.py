"""催报提醒 — the days ``xcreport remind`` reminds on, and who has not yet met a duty by then.

The days are counted back from each deadline of the month (:func:`month_days`): the last day of
the first half (``cadence.half_boundary_day``, R1), the cutoff day (``cadence.cutoff_day``, R3)
and the month's last day, less each number of days in ``[remind]``.  A day on a Saturday or
Sunday is sent on the Friday before (``weekend = "friday"``), or kept (``"keep"``).

Duties (:func:`reminders`), counted as R1/R2 count them (:func:`~xcreport.scoring.cadence.of_month`:
distinct pieces by the calendar month of 报送日期), on the rows sent by the reminder day:

- before the first half ends: units and project groups with fewer than ``min_per_half`` pieces of
  the dynamic category in the first half;
- before the cutoff day and before the month's end: units and project groups short in the second
  half (once it has begun), offices short of ``min_per_month_office`` pieces in the month.

Readings: the deadline a reminder names is the one its day is counted from — the cutoff day for the
cutoff reminder (pieces sent later belong to the next issue, R3), the month's last day for the
month-end one.  Public holidays are not known and not moved.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from typing import Literal

import pandas as pd

from xcreport.config import Settings, addresses
from xcreport.metrics import Reminder, ReminderDay
from xcreport.period import month_key
from xcreport.scoring import cadence
from xcreport.scoring.columns import flag
from xcreport.scoring.prepare import derive, ledger_rows

Kind = Literal["first_half", "cutoff", "month_end"]
SATURDAY = 5


def _deadlines(settings: Settings, year: int, month: int) -> dict[Kind, dt.date]:
    last = calendar.monthrange(year, month)[1]
    c = settings.cadence
    return {
        "first_half": dt.date(year, month, c.half_boundary_day),
        "cutoff": dt.date(year, month, min(c.cutoff_day, last)),
        "month_end": dt.date(year, month, last),
    }


def sent_on(nominal: dt.date, settings: Settings) -> dt.date:
    """The day a reminder due on ``nominal`` is sent: the Friday before a weekend day, or the day."""
    if settings.remind.weekend == "friday" and nominal.weekday() >= SATURDAY:
        return nominal - dt.timedelta(days=nominal.weekday() - 4)
    return nominal


def month_days(settings: Settings, year: int, month: int) -> list[ReminderDay]:
    """The reminder days of a month's duties, in the order they are sent."""
    found: list[ReminderDay] = []
    for kind, deadline in _deadlines(settings, year, month).items():
        for before in getattr(settings.remind, kind):
            nominal = deadline - dt.timedelta(days=before)
            found.append(
                ReminderDay(
                    kind=kind,
                    month=month_key(year, month),
                    nominal=nominal.isoformat(),
                    day=sent_on(nominal, settings).isoformat(),
                    deadline=deadline.isoformat(),
                )
            )
    return sorted(found, key=lambda d: (d.day, d.deadline))


def _months_from(today: dt.date, count: int) -> list[tuple[int, int]]:
    """Today's month and the ``count`` − 1 after it."""
    first = today.year * 12 + today.month - 1
    return [divmod(i, 12) for i in range(first, first + count)]


def _days_from(settings: Settings, today: dt.date, count: int) -> list[ReminderDay]:
    return [d for y, m0 in _months_from(today, count) for d in month_days(settings, y, m0 + 1)]


def due_on(settings: Settings, today: dt.date) -> list[ReminderDay]:
    """The reminder days sent on ``today`` — of this month, or of the next when its first days
    were moved back into this one."""
    return [d for d in _days_from(settings, today, 2) if d.day == today.isoformat()]


def next_day(settings: Settings, today: dt.date) -> ReminderDay | None:
    """The first reminder day after ``today`` (None when none is configured)."""
    later = [d for d in _days_from(settings, today, 3) if d.day > today.isoformat()]
    return min(later, key=lambda d: d.day) if later else None


def sent_by(ledger: pd.DataFrame, settings: Settings, day: dt.date, year: int, month: int) -> pd.DataFrame:
    """R1/R2's counts (first_half, second_half, in_month per body) of a month, of the rows sent by
    ``day`` (a row dated later, a typing slip, does not count yet)."""
    rows = ledger.loc[flag(ledger["submitted"] <= pd.Timestamp(day))].reset_index(drop=True)
    return cadence.of_month(ledger_rows(rows, derive(rows, settings)), settings, year, month).table


def _duty_label(settings: Settings, duty: str, year: int, month: int) -> str:
    boundary, last = settings.cadence.half_boundary_day, calendar.monthrange(year, month)[1]
    category = settings.vocabulary.dynamic_category
    if duty == "first_half":
        return f"{month}月上半月（1—{boundary}日）{category}"
    if duty == "second_half":
        return f"{month}月下半月（{boundary + 1}—{last}日）{category}"
    return f"{month}月信息"


def _duties(
    settings: Settings, day: ReminderDay
) -> list[tuple[str, Literal["first_half", "second_half", "month"]]]:
    """(body, duty) of every duty the reminder day checks."""
    sent = dt.date.fromisoformat(day.day)
    second_begun = sent.day > settings.cadence.half_boundary_day or sent.month != int(day.month[5:])
    out: list[tuple[str, Literal["first_half", "second_half", "month"]]] = []
    for b in settings.bodies:
        cadence = settings.group_of(b.name).cadence
        if cadence == "month":
            if day.kind != "first_half":
                out.append((b.name, "month"))
        elif cadence == "half-month":
            if day.kind == "first_half":
                out.append((b.name, "first_half"))
            elif second_begun:
                out.append((b.name, "second_half"))
    return out


def reminders(
    ledger: pd.DataFrame, roster: pd.DataFrame, settings: Settings, days: list[ReminderDay]
) -> list[Reminder]:
    """Every body short of a duty on each of ``days``, registry order within each day."""
    column = {"first_half": "first_half", "second_half": "second_half", "month": "in_month"}
    people = correspondents(roster)
    out: list[Reminder] = []
    for day in days:
        year, month = int(day.month[:4]), int(day.month[5:])
        counts = sent_by(ledger, settings, dt.date.fromisoformat(day.day), year, month)
        for body, duty in _duties(settings, day):
            done = int(counts[column[duty]].to_dict()[body])
            need = settings.group_of(body).minimum
            if done >= need:
                continue
            contact = settings.body_by_name[body].contact.strip()
            out.append(
                Reminder(
                    body=body,
                    duty=duty,
                    label=_duty_label(settings, duty, year, month),
                    month=day.month,
                    kind=day.kind,
                    day=day.day,
                    deadline=day.deadline,
                    need=need,
                    done=done,
                    contact=", ".join(a for _, a in addresses(contact)),
                    correspondents=people.get(body, []),
                )
            )
    return out


def correspondents(roster: pd.DataFrame) -> Mapping[str, list[str]]:
    """Body → its correspondents as the clerk phones them: 张三 13800000000 (the roster's order)."""
    ros = roster.reindex(columns=["body", "name", "phone"]).dropna(subset=["body", "name"])
    phone = ros["phone"].astype("string").fillna("").str.strip()
    text = (ros["name"].astype("string") + " " + phone).str.strip()
    return {str(b): list(dict.fromkeys(t)) for b, t in text.groupby(ros["body"], sort=False)}

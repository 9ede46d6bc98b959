"""``xcreport remind``: before each deadline, remind the bodies that have not yet met this half's or
this month's duty — by mail, through the outbox and the sent log every mail goes through, and on
the console for the clerk who phones instead.

On a day the configuration does not make a reminder day nothing is read or written; the console
names the next one.  On a reminder day the ledgers are read as for a report, the duties judged on
the rows sent by that day (:mod:`xcreport.scoring.reminders`), one mail written per body, duty and
day into ``out/催报提醒/outbox/`` (:mod:`xcreport.deliver.reminders`), the run's reminders into
``out/催报提醒/summary_<day>.json``, and with ``send`` the outbox sent: a body is never mailed twice
for the same duty and day.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from xcreport.config import Settings
from xcreport.fsutil import write_text_atomic
from xcreport.metrics import FindingCounts, Reminder, ReminderDay
from xcreport.render.outputs import OUTBOX_DIR, REMIND_DIR, SENT_LOG_NAME, remind_summary_name
from xcreport.resources import templates_dir
from xcreport.scoring.reminders import due_on, next_day, reminders
from xcreport.text import cn_date, cn_iso_day, cn_weekday

if TYPE_CHECKING:
    from xcreport.deliver import SendReport

_KIND_WORDS = {"first_half": "上半月截止前", "cutoff": "每月截止日前", "month_end": "月底前"}


@dataclass(slots=True)
class RemindResult:
    """What a remind run found and did."""

    today: dt.date
    days: list[ReminderDay]  # the reminder days sent today (none: not a reminder day)
    reminders: list[Reminder]
    out_dir: Path  # out/催报提醒
    errors: Counter[str]  # error findings per body: rows left out that may be the missing ones
    summary: Path | None = None
    send_report: SendReport | None = None
    next_day: ReminderDay | None = None  # when today is not a reminder day


def run_remind(
    ledgers: Path,
    settings: Settings,
    out_root: Path,
    *,
    today: dt.date,
    send: bool = False,
    template_dir: Path | None = None,
    sent_log: Path | None = None,
) -> RemindResult:
    """``xcreport remind``: the reminders of ``today`` mailed (written; sent with ``send``, recorded
    in ``sent_log``, the log every mail of the configuration shares; by default in ``out_root``)
    and listed."""
    out_dir = out_root / REMIND_DIR
    days = due_on(settings, today)
    if not days:
        return RemindResult(today, [], [], out_dir, Counter(), next_day=next_day(settings, today))
    from xcreport.deliver import send_outbox
    from xcreport.deliver.reminders import build_reminders
    from xcreport.pipeline import load

    data = load(ledgers, settings, today=today, year=int(days[0].month[:4]))
    found = reminders(data.ledger, data.roster, settings, days)
    found = build_reminders(found, settings, out_dir, template_dir or templates_dir())
    errors = Counter(f.body for f in data.findings if f.severity == "error" and f.body)
    summary = {
        "kind": "remind",
        "today": today.isoformat(),
        "days": [asdict(d) for d in days],
        "reminders": [asdict(r) for r in found],
        "findings": asdict(FindingCounts.of(data.findings)),
    }
    path = out_dir / remind_summary_name(today.isoformat())
    write_text_atomic(path, json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    result = RemindResult(today, days, found, out_dir, errors, summary=path)
    if send:
        result.send_report = send_outbox(out_dir, settings, sent_log=sent_log or out_root / SENT_LOG_NAME)
    return result


def _line(r: Reminder, errors: Counter[str]) -> str:
    mail = f"邮件 {r.mail}" if r.mail else "无邮箱，请电话通知"
    people = f"；通讯员：{'、'.join(r.correspondents)}" if r.correspondents else "；名册中无通讯员"
    note = f"（台账中另有错误{errors[r.body]}处未计入，见校验问题清单）" if errors[r.body] else ""
    return f"    {r.body}：已报送{r.done}篇，应报送{r.need}篇{note}；{mail}{people}"


def format_remind(result: RemindResult) -> str:
    """The console list, in Chinese: who is short of what, by when, and how to reach them."""
    today = f"{cn_date(result.today)}（{cn_weekday(result.today)}）"
    if not result.days:
        upcoming = result.next_day
        if upcoming is None:
            return f"催报提醒：{today}不是提醒日；配置中没有设置提醒日（[remind]）"
        when = dt.date.fromisoformat(upcoming.day)
        return (
            f"催报提醒：{today}不是提醒日；下一个提醒日是{cn_date(when)}（{cn_weekday(when)}，"
            f"{_KIND_WORDS[upcoming.kind]}，{cn_iso_day(upcoming.deadline)}截止）"
        )
    lines = [f"催报提醒：{today}"]
    for day in result.days:
        due = [r for r in result.reminders if r.day == day.day and r.kind == day.kind]
        head = f"  {_KIND_WORDS[day.kind]}（{cn_iso_day(day.deadline)}截止）"
        if day.nominal != day.day:
            head += f"，原定{cn_iso_day(day.nominal)}逢周末，提前到今天"
        if not due:
            lines.append(head + "：各单位均已完成，无需提醒")
            continue
        for label in dict.fromkeys(r.label for r in due):
            listed = [r for r in due if r.label == label]
            lines.append(f"{head}，{label}尚未完成的单位{len(listed)}个：")
            lines += [_line(r, result.errors) for r in listed]
    mails = sum(1 for r in result.reminders if r.mail)
    lines.append(
        f"  提醒邮件 {mails} 封：{result.out_dir / OUTBOX_DIR}/"
        + ("" if result.send_report else "（未发送；加 --send 发送）")
    )
    return "\n".join(lines)

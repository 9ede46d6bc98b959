"""The reminders' mails (催报提醒): one ``.eml`` per body, duty and reminder day, in the outbox of
``xcreport remind``, sent like every other mail (:func:`~xcreport.deliver.send.send_outbox`).

A reminder's sent-log key is its duty month, kind ``remind`` and ``remind:<duty>:<day>``, so a
body is never reminded twice of the same duty on the same day, however often the run is repeated;
the next reminder day of the same duty is a new mail.  The text comes from
``templates/mail_remind.txt``, which the office edits.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from email.headerregistry import Address
from pathlib import Path

from xcreport.config import Settings, addresses
from xcreport.deliver.compose import CHINA_TZ, _sender, render_mail, template_environment
from xcreport.deliver.message import compose_message
from xcreport.fsutil import write_bytes_atomic
from xcreport.metrics import Reminder
from xcreport.period import Period
from xcreport.render.outputs import MAIL_PATTERN, OUTBOX_DIR, remind_mail_name
from xcreport.render.terms import group_duty
from xcreport.text import cn_date

log = logging.getLogger(__name__)

REMIND_TEMPLATE = "mail_remind.txt"
KIND = "remind"
#: How a duty is called in a file name.
DUTY_WORDS = {"first_half": "上半月", "second_half": "下半月", "month": "本月"}


def _rule(settings: Settings, body: str) -> str:
    """The duty of the body's group, with the configured minimum: 所属单位上下半月各至少报送1篇动态信息."""
    group = settings.group_of(body)
    return group.label + group_duty(settings, group)


def remind_context(reminder: Reminder, settings: Settings) -> dict[str, object]:
    """The names the reminder template may use."""
    return {
        "body": reminder.body,
        "label": reminder.label,
        "done": reminder.done,
        "need": reminder.need,
        "short": reminder.need - reminder.done,
        "deadline": cn_date(dt.date.fromisoformat(reminder.deadline)),
        "day": cn_date(dt.date.fromisoformat(reminder.day)),
        "kind": reminder.kind,
        "rule": _rule(settings, reminder.body),
        "cutoff_day": settings.cadence.cutoff_day,
        "office": settings.county.office,
        "bureau": settings.county.bureau,
        "county": settings.county.name,
    }


def mail_key(reminder: Reminder) -> str:
    """X-Xcreport-Mail of a reminder: what, with its body, is never sent twice."""
    return f"{KIND}:{reminder.duty}:{reminder.day}"


def build_reminders(
    reminders: list[Reminder], settings: Settings, out_dir: Path, template_dir: Path
) -> list[Reminder]:
    """Write a mail for every reminder to a body with a contact into ``out_dir/outbox`` and remove
    the reminders of earlier runs left there unsent (a duty met since, a day gone by); return the
    reminders with the file each was written to (``mail``; '' without a contact)."""
    outbox = out_dir / OUTBOX_DIR
    outbox.mkdir(parents=True, exist_ok=True)
    env = template_environment(template_dir)
    sender = _sender(settings)
    written: list[Path] = []
    out: list[Reminder] = []
    for r in reminders:
        found = addresses(settings.body_by_name[r.body].contact)
        if not found:
            out.append(r)
            continue
        rendered = render_mail(env, REMIND_TEMPLATE, remind_context(r, settings))
        day = dt.date.fromisoformat(r.day)
        data = compose_message(
            subject=rendered.subject,
            text=rendered.text,
            sender=sender,
            to=[Address(display_name=name or r.body, addr_spec=addr) for name, addr in found],
            date=dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=CHINA_TZ),
            period=Period("monthly", int(r.month[:4]), int(r.month[5:])),
            mail=mail_key(r),
            body=r.body,
            attachments=[],
            kind=KIND,
        )
        target = outbox / remind_mail_name(r.body, r.day, DUTY_WORDS[r.duty])
        write_bytes_atomic(target, data)
        written.append(target)
        out.append(replace(r, mail=target.name))
    for old in outbox.glob(MAIL_PATTERN):
        if old not in written:
            old.unlink()
    log.info("已写入 %d 封催报提醒邮件到 %s", len(written), outbox)
    return out

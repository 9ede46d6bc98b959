"""Compose the run's mails and write them to ``out_dir/outbox/*.eml``.

Two mails, from two templates the office edits (``templates/mail_leaders.txt`` and
``templates/mail_body.txt``; jinja2, StrictUndefined): the first non-blank line of the rendered
text is ``Subject: …``, then a blank line, then the plain-text body.

The Date header written here comes from the period (the morning after it ends, Beijing time), so
that reruns write identical files; sending replaces it with the time of sending
(:func:`xcreport.deliver.message.restamp`).  The message itself is encoded by
:mod:`xcreport.deliver.message`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from pathlib import Path
from typing import Any

import jinja2

from xcreport.config import GROUP_LABELS, Settings, addresses
from xcreport.deliver.message import compose_message
from xcreport.errors import TemplateError
from xcreport.fsutil import write_bytes_atomic
from xcreport.metrics import TARGET_STATUS_LABELS, BodyMetrics, Metrics, TargetMetrics
from xcreport.period import Period
from xcreport.render.outputs import MAIL_PATTERN, OUTBOX_DIR, body_mail_name, leaders_mail_name
from xcreport.text import cn_date, levels_text, num

log = logging.getLogger(__name__)

LEADERS_TEMPLATE = "mail_leaders.txt"
BODY_TEMPLATE = "mail_body.txt"

#: Beijing time: the Date header of every mail.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8))

_KIND_LABELS = {"monthly": "月度", "annual": "年度"}


@dataclass(frozen=True, slots=True)
class _Mail:
    """What a template rendered: a one-line subject and the body text."""

    subject: str
    text: str


def default_mail_date(period: Period) -> dt.datetime:
    """09:00 Beijing time on the day after the period ends — the Date header of the period's mails."""
    day = period.end + dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=CHINA_TZ)


def correction_deadline(period: Period, cutoff_day: int) -> dt.date:
    """The next cutoff day after the period (每月 cutoff_day 日 of the following month)."""
    year, month = (period.year, period.last_month + 1) if period.last_month < 12 else (period.year + 1, 1)
    return dt.date(year, month, min(cutoff_day, calendar.monthrange(year, month)[1]))


def _pace(target: TargetMetrics) -> str:
    if target.status == "behind":
        return f"滞后进度{num(target.shortfall)}篇"
    if target.status == "ahead":
        return "超前于进度"
    if target.status == "on_pace":
        return "与进度持平"
    return "已完成全年目标"


def _target_context(target: TargetMetrics) -> dict[str, Any]:
    return {
        "id": target.id,
        "label": target.label,
        "target": target.target,
        "actual": target.actual,
        "month": target.month,
        "expected": num(target.expected_by_now),
        "status": target.status,
        "status_label": TARGET_STATUS_LABELS.get(target.status, target.status),
        "shortfall": num(target.shortfall),
        "exceed": target.exceed,
        "pace": _pace(target),
    }


def _common_context(settings: Settings, period: Period, date: dt.datetime) -> dict[str, Any]:
    return {
        "county": settings.county.name,
        "bureau": settings.county.bureau,
        "office": settings.county.office,
        "period": period.label,
        "period_key": period.key,
        "kind": period.kind,
        "kind_label": _KIND_LABELS[period.kind],
        "is_annual": period.kind == "annual",
        "scope": "全年" if period.kind == "annual" else "本月",
        "date": cn_date(date.date()),
        "cutoff_day": settings.cadence.cutoff_day,
        "deadline": cn_date(correction_deadline(period, settings.cadence.cutoff_day)),
    }


def leaders_context(
    metrics: Metrics,
    settings: Settings,
    period: Period,
    attachments: Sequence[Path],
    corrected_bodies: Sequence[str],
    date: dt.datetime,
) -> dict[str, Any]:
    """The names the leaders' template may use; every number is one of :class:`Metrics`."""
    totals = metrics.totals
    return {
        **_common_context(settings, period, date),
        "submitted": totals.submitted,
        "submitted_ytd": totals.submitted_ytd,
        "adopted": [{"level": lv, "count": totals.adopted.get(lv, 0)} for lv in metrics.levels],
        "adopted_text": levels_text(metrics.levels, totals.adopted),
        "adopted_ytd_text": levels_text(metrics.levels, totals.adopted_ytd),
        "targets": [_target_context(t) for t in metrics.targets],
        "missed_cadence": [b.body for b in metrics.bodies if not b.cadence_met],
        "findings_error": metrics.findings.error,
        "findings_warning": metrics.findings.warning,
        "bodies_with_errors": [name for name, _errors, _warnings in metrics.problems.bodies_with_errors],
        "corrections": list(corrected_bodies),
        "attachments": [p.name for p in attachments],
    }


def body_context(
    body: str,
    metrics: BodyMetrics | None,
    settings: Settings,
    period: Period,
    attachment: Path,
    date: dt.datetime,
) -> dict[str, Any]:
    """The names the body template may use (zeros when the body has no metrics row)."""
    group = settings.body_by_name[body].group if body in settings.body_by_name else ""
    return {
        **_common_context(settings, period, date),
        "body": body,
        "group": GROUP_LABELS.get(group, ""),
        "attachment": attachment.name,
        "errors": metrics.errors if metrics else 0,
        "warnings": metrics.warnings if metrics else 0,
        "cadence_missed": list(metrics.cadence_missed) if metrics else [],
        "late": metrics.late if metrics else 0,
        "false_pieces": metrics.false_pieces if metrics else 0,
        "major_late": metrics.major_late if metrics else 0,
        "major_missed": metrics.major_missed if metrics else 0,
        "submitted": metrics.submitted if metrics else 0,
        "score": num(metrics.score) if metrics else "0",
        "rank": metrics.rank if metrics else 0,
    }


def template_environment(template_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir), encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_mail(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> _Mail:
    """Render one mail template; :class:`TemplateError` names the template and the problem."""
    try:
        text = env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"邮件模板不存在: {exc.name}") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"邮件模板 {name} 第{exc.lineno}行语法错误: {exc.message}") from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"邮件模板 {name} 使用了未定义的名称: {exc.message}") from exc
    lines = text.replace("\r\n", "\n").lstrip("\n").split("\n")
    first = lines[0]
    if not first.lower().startswith("subject:"):
        raise TemplateError(f"邮件模板 {name}: 第一行应为「Subject: 邮件主题」")
    subject = " ".join(first.split(":", 1)[1].split())
    if not subject:
        raise TemplateError(f"邮件模板 {name}: 邮件主题为空")
    rest = lines[1:]
    if rest and rest[0].strip():
        raise TemplateError(f"邮件模板 {name}: 主题行后应空一行再写正文")
    body = "\n".join(line.rstrip() for line in rest).strip("\n") + "\n"
    return _Mail(subject=subject, text=body)


def _sender(settings: Settings) -> str:
    return settings.smtp.sender.strip() or settings.smtp.user.strip()


def outbox_warnings(settings: Settings, corrections: Mapping[str, Path]) -> list[str]:
    """What the outbox will lack: no leaders' recipients, bodies with no usable contact, no sender."""
    notes: list[str] = []
    if not settings.recipients:
        notes.append("配置中没有 recipients（收件领导），未生成给领导的邮件")
    for body in sorted(corrections, key=lambda b: _body_order(settings, b)):
        # the configuration's check guarantees a contact, when there is one, is made of addresses
        if not settings.body_by_name[body].contact.strip():
            notes.append(f"单位「{body}」未填写 contact（联系邮箱），退回修改清单未生成邮件")
    if not _sender(settings):
        notes.append("配置中 smtp.sender 与 smtp.user 均未填写，邮件暂无发件人（发送前须填写）")
    return notes


def _body_order(settings: Settings, body: str) -> tuple[int, str]:
    names = [b.name for b in settings.bodies]
    return (names.index(body) if body in names else len(names), body)


def _mailed_bodies(
    settings: Settings, corrections: Mapping[str, Path]
) -> list[tuple[str, list[Address], Path]]:
    """(body, its addresses, its correction list) of every body with a list and a usable contact."""
    mailed: list[tuple[str, list[Address], Path]] = []
    for body in sorted(corrections, key=lambda b: _body_order(settings, b)):
        found = addresses(settings.body_by_name[body].contact)
        if found:
            to = [Address(display_name=name or body, addr_spec=addr) for name, addr in found]
            mailed.append((body, to, corrections[body]))
    return mailed


def _write_mail(
    target: Path,
    rendered: _Mail,
    sender: str,
    to: Sequence[Address],
    date: dt.datetime,
    period: Period,
    mail: str,
    body: str,
    attachments: Sequence[Path],
) -> None:
    data = compose_message(
        subject=rendered.subject,
        text=rendered.text,
        sender=sender,
        to=to,
        date=date,
        period=period,
        mail=mail,
        body=body,
        attachments=attachments,
    )
    write_bytes_atomic(target, data)


def build_outbox(
    metrics: Metrics,
    settings: Settings,
    period: Period,
    out_dir: Path,
    report_files: list[Path],
    corrections: dict[str, Path],
    template_dir: Path,
) -> list[Path]:
    """Write the period's mails to ``out_dir/outbox/*.eml`` (replacing a previous run's) and return them.

    The leaders' mail (:func:`~xcreport.render.outputs.leaders_mail_name`) goes to every
    configured recipient with ``report_files`` attached; a body's mail
    (:func:`~xcreport.render.outputs.body_mail_name`) to each body of ``corrections`` (body → its
    correction list) that has a contact.  What gets no mail is logged (see :func:`outbox_warnings`).
    """
    outbox = out_dir / OUTBOX_DIR
    outbox.mkdir(parents=True, exist_ok=True)
    when = default_mail_date(period)
    env = template_environment(template_dir)
    sender = _sender(settings)
    for note in outbox_warnings(settings, corrections):
        log.warning("%s", note)

    mailed = _mailed_bodies(settings, corrections)
    written: list[Path] = []
    if settings.recipients:
        context = leaders_context(metrics, settings, period, report_files, [b for b, _, _ in mailed], when)
        to = [Address(display_name=r.name, addr_spec=r.email) for r in settings.recipients]
        target = outbox / leaders_mail_name(period)
        _write_mail(
            target,
            render_mail(env, LEADERS_TEMPLATE, context),
            sender,
            to,
            when,
            period,
            "leaders",
            "",
            report_files,
        )
        written.append(target)
    by_body = {b.body: b for b in metrics.bodies}
    for body, to, path in mailed:
        context = body_context(body, by_body.get(body), settings, period, path, when)
        target = outbox / body_mail_name(body, period)
        _write_mail(
            target,
            render_mail(env, BODY_TEMPLATE, context),
            sender,
            to,
            when,
            period,
            "body",
            body,
            [path],
        )
        written.append(target)

    keep = set(written)
    for old in outbox.glob(MAIL_PATTERN):
        if old not in keep:
            old.unlink()
    log.info("已写入 %d 封邮件到 %s", len(written), outbox)
    return written

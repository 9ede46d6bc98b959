"""Send ``outbox/*.eml`` over SMTP, once per recipient, recorded in the sent log.

Per message and recipient (see :mod:`xcreport.deliver.sent_log`):

* already ``done`` in the sent log → skipped (``resend=True`` sends it anyway);
* *uncertain* — a ``begin`` with no outcome (the previous send crashed mid-transaction), or an
  ``uncertain`` record (the connection broke, or the reply timed out, after the message's final
  ``.``) → **not sent again automatically**.  The server may already have accepted it, and a
  report that reaches the bureau's leaders twice is the failure the office notices; so it is listed
  (and the run exits 1) until the clerk has asked the recipient and sends it with
  ``--resend-uncertain`` (the uncertain ones only) or ``--resend`` (everything again);
* otherwise sent: ``begin`` is fsync'd, the transaction runs, the outcome is fsync'd.

As sent, a message's Date is the time of sending, and a recipient who already got another version
of the same mail (same period, kind, mail and body; other attachments) gets it with 【更正】 before
the subject (:func:`~xcreport.deliver.message.restamp`); the .eml in the outbox stays as written.

Faults (what they mean: :mod:`xcreport.deliver.smtp`): recipients the server refuses (also those
``sendmail`` returns while accepting the others) are recorded as ``refused``, the others are
``done``; 4xx replies and connections that fail before the message is complete are retried
``smtp.retries`` times with exponential backoff (through the injectable ``sleep``); 5xx replies,
bad credentials and TLS certificate errors stop the run with a clear message.  What was not sent
is listed in :class:`SendReport` and a later ``xcreport send`` sends it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr
from pathlib import Path
from typing import Literal

from xcreport.config import Settings
from xcreport.deliver.message import (
    HEADER_ATTACHMENTS,
    HEADER_BODY,
    HEADER_KIND,
    HEADER_MAIL,
    HEADER_PERIOD,
    restamp,
)
from xcreport.deliver.report import Delivery, SendReport
from xcreport.deliver.sent_log import Event, KeyState, MailKey, SentLog, SentRecord
from xcreport.deliver.sent_log import normalize_address as _norm
from xcreport.deliver.smtp import (
    Connection,
    PermanentFailure,
    TemporaryFailure,
    UncertainFailure,
    password_for,
    resolve_smtp,
    transaction,
)
from xcreport.errors import ConfigError, UsageError
from xcreport.render.outputs import MAIL_PATTERN, OUTBOX_DIR, SENT_LOG_NAME

log = logging.getLogger(__name__)

#: Seconds before the first retry; doubled for each further one, at most MAX_BACKOFF.
BACKOFF = 2.0
MAX_BACKOFF = 120.0

_Outcome = Literal["next", "abort", "stop"]
_UNCERTAIN = "上次发送中途中断，可能已送达"
_NOT_TRIED = "未发送（发送已中止）"


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """An outbox message and what its X- headers say."""

    path: Path
    raw: bytes
    subject: str
    sender: str  # the From address ('' when the file has none)
    recipients: tuple[str, ...]
    period: str
    kind: str
    mail: str
    body: str
    attachments: tuple[str, ...]
    message_id: str

    def key(self, recipient: str) -> MailKey:
        return MailKey(self.period, self.kind, self.mail, self.body, self.attachments, _norm(recipient))

    def version_free_key(self, recipient: str) -> tuple[str, ...]:
        """The key without the attachments (:attr:`SentRecord.version_free_key`)."""
        return (self.period, self.kind, self.mail, self.body, _norm(recipient))

    def record(self, event: Event, recipient: str, *, attempts: int = 0, reason: str = "") -> SentRecord:
        return SentRecord(
            event=event,
            period=self.period,
            kind=self.kind,
            mail=self.mail,
            body=self.body,
            attachments=self.attachments,
            recipient=recipient,
            file=self.path.name,
            message_id=self.message_id,
            attempts=attempts,
            reason=reason,
        )

    def delivery(self, recipient: str, reason: str = "") -> Delivery:
        return Delivery(file=self.path.name, recipient=recipient, subject=self.subject, reason=reason)


# -- the outbox -------------------------------------------------------------------------------------


def read_message(path: Path) -> OutboxMessage:
    """Parse an outbox file; ValueError (in Chinese) when it is not one xcreport wrote."""
    raw = path.read_bytes()
    msg = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True)
    missing = [h for h in (HEADER_PERIOD, HEADER_KIND, HEADER_MAIL, HEADER_ATTACHMENTS) if msg[h] is None]
    if missing:
        raise ValueError(f"缺少邮件头 {', '.join(missing)}，不是 xcreport 生成的邮件")
    recipients: list[str] = []
    for _name, addr in getaddresses([str(v) for h in ("To", "Cc") for v in msg.get_all(h, [])]):
        if addr and _norm(addr) not in {_norm(r) for r in recipients}:
            recipients.append(addr)
    if not recipients:
        raise ValueError("没有收件人")
    hashes = tuple(
        part.strip().removeprefix("sha256:")
        for part in str(msg[HEADER_ATTACHMENTS]).split(",")
        if part.strip()
    )
    return OutboxMessage(
        path=path,
        raw=raw,
        subject=str(msg["Subject"] or ""),
        sender=parseaddr(str(msg["From"] or ""))[1],
        recipients=tuple(recipients),
        period=str(msg[HEADER_PERIOD]).strip(),
        kind=str(msg[HEADER_KIND]).strip(),
        mail=str(msg[HEADER_MAIL]).strip(),
        body=str(msg[HEADER_BODY] or "").strip(),
        attachments=hashes,
        message_id=str(msg["Message-ID"] or "").strip(),
    )


def _delay(attempts: int) -> float:
    return min(BACKOFF * 2.0 ** (attempts - 1), MAX_BACKOFF)


# -- sending one message ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Planned:
    """A message and the recipients to send it to now; ``corrected``: they had another version."""

    message: OutboxMessage
    recipients: list[str]
    corrected: bool = False


@dataclass(slots=True)
class _Sending:
    """What every message of one send shares: the session, the sent log, the report."""

    conn: Connection
    sent_log: SentLog
    sender: str
    report: SendReport
    password: str
    sleep: Callable[[float], None]
    now: Callable[[], dt.datetime]

    def scrub(self, text: str) -> str:
        return text.replace(self.password, "******") if self.password else text

    def settle(
        self, planned: _Planned, event: Event, recipients: list[str], attempts: int, reason: str
    ) -> str:
        """Record ``recipients`` as failed or uncertain (sent log and report); the reason, scrubbed."""
        reason = self.scrub(reason)
        message = planned.message
        self.sent_log.append([message.record(event, r, attempts=attempts, reason=reason) for r in recipients])
        listed = self.report.uncertain if event == "uncertain" else self.report.failed
        listed.extend(self.delivery(planned, r, reason) for r in recipients)
        return reason

    @staticmethod
    def delivery(planned: _Planned, recipient: str, reason: str = "") -> Delivery:
        delivery = planned.message.delivery(recipient, reason)
        return Delivery(delivery.file, recipient, delivery.subject, reason, corrected=planned.corrected)

    def outcomes(
        self, planned: _Planned, pending: list[str], refused: dict[str, tuple[int, str]], attempts: int
    ) -> list[str]:
        """Record what the server said of each recipient; return those to try again (4xx, retries left)."""
        again: list[str] = []
        records: list[SentRecord] = []
        message = planned.message
        for rcpt in pending:
            found = next((v for k, v in refused.items() if _norm(k) == _norm(rcpt)), None)
            if found is None:
                records.append(message.record("done", rcpt, attempts=attempts))
                self.report.sent.append(self.delivery(planned, rcpt))
                log.info("已发送 %s → %s", message.path.name, rcpt)
            elif 400 <= found[0] < 500 and attempts <= self.conn.target.retries:
                again.append(rcpt)
            else:
                reason = self.scrub(f"{found[0]} {found[1]}")
                event: Event = "refused" if found[0] >= 500 else "failed"
                records.append(message.record(event, rcpt, attempts=attempts, reason=reason))
                listed = self.report.refused if event == "refused" else self.report.failed
                listed.append(self.delivery(planned, rcpt, reason))
                log.info("收件人被拒 %s → %s: %s", message.path.name, rcpt, reason)
        self.sent_log.append(records)
        return again


def _deliver(planned: _Planned, s: _Sending) -> tuple[_Outcome, str]:
    """Send one message to its recipients with retries; sent log and report updated for each."""
    message = planned.message
    raw = restamp(
        message.raw,
        date=s.now(),
        subject=message.subject,
        corrected=planned.corrected,
        sender="" if message.sender else s.sender,
    )
    envelope_from = message.sender or parseaddr(s.sender)[1]
    s.sent_log.append([message.record("begin", r) for r in planned.recipients])
    pending = list(planned.recipients)
    attempts = 0
    while pending:
        attempts += 1
        try:
            refused = transaction(s.conn, envelope_from, pending, raw)
        except UncertainFailure as exc:
            reason = s.settle(planned, "uncertain", pending, attempts, exc.reason)
            log.warning("%s: %s；为免重复，不自动重发", message.path.name, reason)
            return "next", ""
        except PermanentFailure as exc:
            return "stop", s.settle(planned, "failed", pending, attempts, str(exc))
        except TemporaryFailure as exc:
            if attempts > s.conn.target.retries:
                outcome: _Outcome = "abort" if exc.connection else "next"
                return outcome, s.settle(planned, "failed", pending, attempts, exc.reason)
            delay = _delay(attempts)
            log.warning(
                "%s: %s；%.0f 秒后重试（第%d次）", message.path.name, s.scrub(exc.reason), delay, attempts
            )
            s.sleep(delay)
            continue
        pending = s.outcomes(planned, pending, refused, attempts)
        if pending:
            delay = _delay(attempts)
            log.warning("%s: 收件人暂时被拒 %s；%.0f 秒后重试", message.path.name, "、".join(pending), delay)
            s.sleep(delay)
    return "next", ""


# -- the plan and the entry point ---------------------------------------------------------------


def _pending(
    message: OutboxMessage,
    states: dict[MailKey, KeyState],
    report: SendReport,
    *,
    resend: bool,
    resend_uncertain: bool,
) -> list[str]:
    """The recipients of ``message`` to send to now; the others are listed in ``report``."""
    pending: list[str] = []
    for rcpt in message.recipients:
        state = states.get(message.key(rcpt), KeyState())
        if resend or (resend_uncertain and state.uncertain):
            pending.append(rcpt)
        elif state.delivered:
            report.skipped.append(message.delivery(rcpt))
        elif state.uncertain:
            said = f"上次发送：{state.reason}" if state.last == "uncertain" else _UNCERTAIN
            report.uncertain.append(message.delivery(rcpt, said))
        else:
            pending.append(rcpt)
    return pending


def _plan(
    outbox: Path, sent_log: SentLog, report: SendReport, *, resend: bool, resend_uncertain: bool
) -> list[_Planned]:
    """Every outbox message with the recipients still to send it to, in file order; those who got
    another version of the mail apart, for their 【更正】."""
    states = sent_log.states()
    delivered = sent_log.delivered_versions()
    plan: list[_Planned] = []
    for path in sorted(outbox.glob(MAIL_PATTERN)):
        try:
            message = read_message(path)
        except (OSError, ValueError) as exc:
            report.failed.append(Delivery(file=path.name, recipient="", subject="", reason=str(exc)))
            continue
        pending = _pending(message, states, report, resend=resend, resend_uncertain=resend_uncertain)
        corrected = [
            r
            for r in pending
            if message.version_free_key(r) in delivered
            and not states.get(message.key(r), KeyState()).delivered
        ]
        first = [r for r in pending if r not in corrected]
        plan += [_Planned(message, rs, c) for rs, c in ((first, False), (corrected, True)) if rs]
    return plan


def _send(plan: list[_Planned], s: _Sending) -> None:
    """Send the plan in order; after a stop, what is left is listed as not tried."""
    for index, planned in enumerate(plan):
        outcome, reason = _deliver(planned, s)
        if outcome == "next":
            continue
        s.report.stopped = reason
        for later in plan[index + 1 :]:
            s.report.failed.extend(s.delivery(later, r, _NOT_TRIED) for r in later.recipients)
        return


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def send_outbox(
    out_dir: Path,
    settings: Settings,
    *,
    env: Mapping[str, str] = os.environ,
    resend: bool = False,
    resend_uncertain: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], dt.datetime] = _local_now,
    ssl_context: ssl.SSLContext | None = None,
    local_hostname: str | None = None,
    sent_log: Path | None = None,
) -> SendReport:
    """Send every ``out_dir/outbox/*.eml`` not yet recorded as sent; see the module text for the rules.

    ``resend`` sends every message to every recipient again; ``resend_uncertain`` only those a
    crashed send left uncertain.  ``ssl_context`` replaces the default (system CAs) for STARTTLS
    and SSL; ``local_hostname`` is the EHLO name (default: this machine's FQDN).  ``sent_log`` is
    the log every run of the configuration shares (:func:`~xcreport.render.outputs.sent_log_path`;
    default: in the output root, the folder above ``out_dir``).
    """
    outbox = out_dir / OUTBOX_DIR
    if not outbox.is_dir():
        raise UsageError(f"{outbox} 不存在：请先运行 xcreport monthly 或 annual")
    log_path = sent_log or out_dir.parent / SENT_LOG_NAME
    report = SendReport(log=log_path)
    sent_log_file = SentLog(log_path)
    with sent_log_file.lock():
        plan = _plan(outbox, sent_log_file, report, resend=resend, resend_uncertain=resend_uncertain)
        if not plan:
            return report
        target = resolve_smtp(settings, env)
        password = password_for(target, env)
        if not target.sender and any(not p.message.sender for p in plan):
            raise ConfigError("smtp.sender: 未配置发件人（也未配置 smtp.user），无法发送")
        conn = Connection(target, password, ssl_context, local_hostname)
        try:
            _send(plan, _Sending(conn, sent_log_file, target.sender, report, password, sleep, now))
        finally:
            conn.close()
    return report

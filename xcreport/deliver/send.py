"""Send ``outbox/*.eml`` over SMTP, once per recipient, recorded in the sent log.

Per message and recipient (see :mod:`xcreport.deliver.sent_log`):

* already ``done`` in the sent log → skipped (``resend=True`` sends it anyway);
* a ``begin`` with no outcome (the previous send crashed mid-transaction) → **uncertain: not sent
  again automatically**.  The server may already have accepted it, and a report that reaches the
  bureau's leaders twice is the failure the office notices; so it is listed (and the run exits 1)
  until the clerk has asked the recipient and sends it with ``--resend-uncertain`` (the uncertain
  ones only) or ``--resend`` (everything again);
* otherwise sent: ``begin`` is fsync'd, the transaction runs, the outcome is fsync'd.

Faults (what they mean: :mod:`xcreport.deliver.smtp`): recipients the server refuses (also those
``sendmail`` returns while accepting the others) are recorded as ``refused``, the others are
``done``; 4xx replies and dropped connections are retried ``smtp.retries`` times with exponential
backoff (through the injectable ``sleep``); 5xx replies, bad credentials and TLS certificate errors
stop the run with a clear message.  What was not sent is listed in :class:`SendReport` and a later
``xcreport send`` sends it.
"""

from __future__ import annotations

import logging
import os
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
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
)
from xcreport.deliver.report import Delivery, SendReport
from xcreport.deliver.sent_log import Event, KeyState, MailKey, SentLog, SentRecord
from xcreport.deliver.sent_log import normalize_address as _norm
from xcreport.deliver.smtp import (
    Connection,
    PermanentFailure,
    TemporaryFailure,
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


def _with_sender(raw: bytes, sender: str) -> bytes:
    """Prefix a From header to a message written when the configuration named no sender."""
    header = EmailMessage(policy=policy.SMTP)
    header["From"] = sender
    return header.as_bytes().split(b"\r\n\r\n", 1)[0] + b"\r\n" + raw


def _delay(attempts: int) -> float:
    return min(BACKOFF * 2.0 ** (attempts - 1), MAX_BACKOFF)


# -- sending one message ------------------------------------------------------------------------


@dataclass(slots=True)
class _Sending:
    """What every message of one send shares: the session, the sent log, the report."""

    conn: Connection
    sent_log: SentLog
    sender: str
    report: SendReport
    password: str
    sleep: Callable[[float], None]

    def scrub(self, text: str) -> str:
        return text.replace(self.password, "******") if self.password else text

    def fail(self, message: OutboxMessage, recipients: list[str], attempts: int, reason: str) -> str:
        """Record ``recipients`` as failed (sent log and report); return the reason, scrubbed."""
        reason = self.scrub(reason)
        self.sent_log.append(
            [message.record("failed", r, attempts=attempts, reason=reason) for r in recipients]
        )
        self.report.failed.extend(message.delivery(r, reason) for r in recipients)
        return reason

    def outcomes(
        self, message: OutboxMessage, pending: list[str], refused: dict[str, tuple[int, str]], attempts: int
    ) -> list[str]:
        """Record what the server said of each recipient; return those to try again (4xx, retries left)."""
        again: list[str] = []
        records: list[SentRecord] = []
        for rcpt in pending:
            found = next((v for k, v in refused.items() if _norm(k) == _norm(rcpt)), None)
            if found is None:
                records.append(message.record("done", rcpt, attempts=attempts))
                self.report.sent.append(message.delivery(rcpt))
                log.info("已发送 %s → %s", message.path.name, rcpt)
            elif 400 <= found[0] < 500 and attempts <= self.conn.target.retries:
                again.append(rcpt)
            else:
                reason = self.scrub(f"{found[0]} {found[1]}")
                event: Event = "refused" if found[0] >= 500 else "failed"
                records.append(message.record(event, rcpt, attempts=attempts, reason=reason))
                listed = self.report.refused if event == "refused" else self.report.failed
                listed.append(message.delivery(rcpt, reason))
                log.warning("收件人被拒 %s → %s: %s", message.path.name, rcpt, reason)
        self.sent_log.append(records)
        return again


def _deliver(message: OutboxMessage, recipients: list[str], s: _Sending) -> tuple[_Outcome, str]:
    """Send one message to ``recipients`` with retries; sent log and report updated for each recipient."""
    raw = message.raw if message.sender else _with_sender(message.raw, s.sender)
    envelope_from = message.sender or parseaddr(s.sender)[1]
    s.sent_log.append([message.record("begin", r) for r in recipients])
    pending = list(recipients)
    attempts = 0
    while pending:
        attempts += 1
        try:
            refused = transaction(s.conn, envelope_from, pending, raw)
        except PermanentFailure as exc:
            return "stop", s.fail(message, pending, attempts, str(exc))
        except TemporaryFailure as exc:
            if attempts > s.conn.target.retries:
                return ("abort" if exc.connection else "next"), s.fail(message, pending, attempts, exc.reason)
            delay = _delay(attempts)
            log.warning(
                "%s: %s；%.0f 秒后重试（第%d次）", message.path.name, s.scrub(exc.reason), delay, attempts
            )
            s.sleep(delay)
            continue
        pending = s.outcomes(message, pending, refused, attempts)
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
            report.uncertain.append(message.delivery(rcpt, _UNCERTAIN))
        else:
            pending.append(rcpt)
    return pending


def _plan(
    outbox: Path, sent_log: SentLog, report: SendReport, *, resend: bool, resend_uncertain: bool
) -> list[tuple[OutboxMessage, list[str]]]:
    """Every outbox message with the recipients still to send it to, in file order."""
    states = sent_log.states()
    plan: list[tuple[OutboxMessage, list[str]]] = []
    for path in sorted(outbox.glob(MAIL_PATTERN)):
        try:
            message = read_message(path)
        except (OSError, ValueError) as exc:
            report.failed.append(Delivery(file=path.name, recipient="", subject="", reason=str(exc)))
            continue
        pending = _pending(message, states, report, resend=resend, resend_uncertain=resend_uncertain)
        if pending:
            plan.append((message, pending))
    return plan


def _send(plan: list[tuple[OutboxMessage, list[str]]], s: _Sending) -> None:
    """Send the plan in order; after a stop, what is left is listed as not tried."""
    for index, (message, recipients) in enumerate(plan):
        outcome, reason = _deliver(message, recipients, s)
        if outcome == "next":
            continue
        s.report.stopped = reason
        for later, rest in plan[index + 1 :]:
            s.report.failed.extend(later.delivery(r, _NOT_TRIED) for r in rest)
        return


def send_outbox(
    out_dir: Path,
    settings: Settings,
    *,
    env: Mapping[str, str] = os.environ,
    resend: bool = False,
    resend_uncertain: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    ssl_context: ssl.SSLContext | None = None,
    local_hostname: str | None = None,
) -> SendReport:
    """Send every ``out_dir/outbox/*.eml`` not yet recorded as sent; see the module text for the rules.

    ``resend`` sends every message to every recipient again; ``resend_uncertain`` only those a
    crashed send left uncertain.  ``ssl_context`` replaces the default (system CAs) for STARTTLS
    and SSL; ``local_hostname`` is the EHLO name (default: this machine's FQDN).
    """
    outbox = out_dir / OUTBOX_DIR
    if not outbox.is_dir():
        raise UsageError(f"{outbox} 不存在：请先运行 xcreport monthly 或 annual")
    report = SendReport()
    sent_log = SentLog(outbox / SENT_LOG_NAME)
    with sent_log.lock():
        plan = _plan(outbox, sent_log, report, resend=resend, resend_uncertain=resend_uncertain)
        if not plan:
            return report
        target = resolve_smtp(settings, env)
        password = password_for(target, env)
        if not target.sender and any(not m.sender for m, _ in plan):
            raise ConfigError("smtp.sender: 未配置发件人（也未配置 smtp.user），无法发送")
        conn = Connection(target, password, ssl_context, local_hostname)
        try:
            _send(plan, _Sending(conn, sent_log, target.sender, report, password, sleep))
        finally:
            conn.close()
    return report

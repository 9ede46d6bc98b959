"""Send ``outbox/*.eml`` over SMTP, once per recipient, recorded in the sent log.

The server: ``[smtp]`` host, port, user and security (none | starttls | ssl) of the configuration,
each overridden by ``XCREPORT_SMTP_HOST``, ``XCREPORT_SMTP_PORT``, ``XCREPORT_SMTP_USER`` and
``XCREPORT_SMTP_SECURITY``.  The password comes only from ``XCREPORT_SMTP_PASSWORD``; it is used
for LOGIN and nowhere else — never logged, never in a message, a report or a file.

Per message and recipient (see :mod:`xcreport.deliver.sent_log`):

* already ``done`` in the sent log → skipped (``resend=True`` sends it anyway);
* a ``begin`` with no outcome (the previous send crashed mid-transaction) → **uncertain: not sent
  again automatically**.  The server may already have accepted it, and a report that reaches the
  bureau's leaders twice is the failure the office notices; so it is listed (and the run exits 1)
  until the clerk has asked the recipient and sends it with ``--resend`` (or a caller passes
  ``resend_uncertain=True``, which re-sends the uncertain ones only);
* otherwise sent: ``begin`` is fsync'd, the transaction runs, the outcome is fsync'd.

Faults: recipients the server refuses (also those ``sendmail`` returns while accepting the
others) are recorded as ``refused``, the others are ``done``; 4xx replies and dropped connections
are retried ``smtp.retries`` times with exponential backoff (through the injectable ``sleep``);
5xx replies, bad credentials and TLS certificate errors stop the run with a clear message.  What
was not sent is listed in :class:`SendReport` and a later ``xcreport send`` sends it.
"""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr
from pathlib import Path
from typing import Literal

from xcreport.config import Settings
from xcreport.deliver.compose import (
    HEADER_ATTACHMENTS,
    HEADER_BODY,
    HEADER_KIND,
    HEADER_MAIL,
    HEADER_PERIOD,
    OUTBOX_DIR,
)
from xcreport.deliver.sent_log import SENT_LOG_NAME, Event, KeyState, MailKey, SentLog, SentRecord
from xcreport.deliver.sent_log import normalize_address as _norm
from xcreport.errors import ConfigError, UsageError

log = logging.getLogger(__name__)

ENV_HOST = "XCREPORT_SMTP_HOST"
ENV_PORT = "XCREPORT_SMTP_PORT"
ENV_USER = "XCREPORT_SMTP_USER"
ENV_SECURITY = "XCREPORT_SMTP_SECURITY"
ENV_PASSWORD = "XCREPORT_SMTP_PASSWORD"

DEFAULT_PORTS: dict[str, int] = {"none": 25, "starttls": 587, "ssl": 465}
SECURITY_MODES = ("none", "starttls", "ssl")
#: Seconds before the first retry; doubled for each further one, at most MAX_BACKOFF.
BACKOFF = 2.0
MAX_BACKOFF = 120.0

Security = Literal["none", "starttls", "ssl"]
_Outcome = Literal["next", "abort", "stop"]


@dataclass(frozen=True, slots=True)
class SmtpTarget:
    """The server to send through, after the environment's overrides (the password is not here)."""

    host: str
    port: int
    user: str
    security: Security
    sender: str
    timeout: float
    retries: int


@dataclass(frozen=True, slots=True)
class Delivery:
    """One message to one recipient, as the report lists it."""

    file: str  # the .eml file in outbox/
    recipient: str
    subject: str
    reason: str = ""


@dataclass(slots=True)
class SendReport:
    """What a send did.  ``ok`` only when nothing is left unsent."""

    sent: list[Delivery] = field(default_factory=list)
    skipped: list[Delivery] = field(default_factory=list)  # already sent (sent log), not sent again
    refused: list[Delivery] = field(default_factory=list)  # the server refused the recipient
    failed: list[Delivery] = field(default_factory=list)  # not sent: errors, or not tried after a stop
    uncertain: list[Delivery] = field(default_factory=list)  # a previous send crashed mid-transaction
    stopped: str = ""  # why sending stopped early (permanent error, unreachable server)

    @property
    def ok(self) -> bool:
        return not (self.refused or self.failed or self.uncertain or self.stopped)

    @property
    def unsent(self) -> list[Delivery]:
        return [*self.refused, *self.failed, *self.uncertain]


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


# -- configuration --------------------------------------------------------------------------------


def resolve_smtp(settings: Settings, env: Mapping[str, str]) -> SmtpTarget:
    """The server from ``[smtp]`` and the environment; :class:`ConfigError` names the key or variable."""
    smtp = settings.smtp
    host = env.get(ENV_HOST, "").strip() or smtp.host.strip()
    if not host:
        raise ConfigError(
            f"smtp.host: 未配置邮件服务器（在配置文件 [smtp] 中填写，或设置环境变量 {ENV_HOST}）"
        )
    security_text = env.get(ENV_SECURITY, "").strip().lower() or smtp.security
    if security_text not in SECURITY_MODES:
        raise ConfigError(f"{ENV_SECURITY}: 取值应为 none、starttls 或 ssl，而不是「{security_text}」")
    security: Security = (
        "none" if security_text == "none" else "ssl" if security_text == "ssl" else "starttls"
    )
    port_text = env.get(ENV_PORT, "").strip()
    if port_text:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise ConfigError(f"{ENV_PORT}: 应为 1–65535 的端口号，而不是「{port_text}」")
        port = int(port_text)
    else:
        port = smtp.port or DEFAULT_PORTS[security]
    user = env.get(ENV_USER, "").strip() or smtp.user.strip()
    return SmtpTarget(
        host=host,
        port=port,
        user=user,
        security=security,
        sender=smtp.sender.strip() or user,
        timeout=smtp.timeout,
        retries=smtp.retries,
    )


def _password(target: SmtpTarget, env: Mapping[str, str]) -> str:
    password = env.get(ENV_PASSWORD, "")
    if target.user and not password:
        raise ConfigError(
            f"{ENV_PASSWORD}: 已配置 smtp.user「{target.user}」，但未设置密码环境变量 {ENV_PASSWORD}"
        )
    return password


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


# -- the connection -------------------------------------------------------------------------------


class _Connection:
    """One SMTP session, opened on first use and reopened after an error."""

    def __init__(
        self,
        target: SmtpTarget,
        password: str,
        ssl_context: ssl.SSLContext | None,
        local_hostname: str | None,
    ) -> None:
        self.target = target
        self._password = password
        self._context = ssl_context
        self._local_hostname = local_hostname
        self._smtp: smtplib.SMTP | None = None

    def __repr__(self) -> str:
        return f"<SMTP {self.target.host}:{self.target.port}>"

    def get(self) -> smtplib.SMTP:
        if self._smtp is not None and self._smtp.sock is not None:
            return self._smtp
        self.close()
        t = self.target
        context = self._context
        if context is None and t.security != "none":
            context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if t.security == "ssl":
            smtp = smtplib.SMTP_SSL(
                t.host, t.port, local_hostname=self._local_hostname, timeout=t.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(t.host, t.port, local_hostname=self._local_hostname, timeout=t.timeout)
        try:
            smtp.ehlo()
            if t.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if t.user:
                smtp.login(t.user, self._password)
        except BaseException:
            smtp.close()
            raise
        self._smtp = smtp
        return smtp

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            if smtp.sock is not None:
                smtp.quit()
        except (smtplib.SMTPException, OSError):
            pass
        finally:
            smtp.close()


def _text(response: bytes | str) -> str:
    text = response.decode("utf-8", errors="replace") if isinstance(response, bytes) else response
    return " ".join(text.split())


class _Fatal(Exception):
    """A permanent error: stop sending."""


class _Temporary(Exception):
    """A temporary error: retry after a pause."""

    def __init__(self, reason: str, *, connection: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.connection = connection


def _transaction(
    conn: _Connection, sender: str, recipients: list[str], raw: bytes
) -> dict[str, tuple[int, str]]:
    """One SMTP transaction; the recipients the server refused → (code, text).  Raises _Fatal/_Temporary."""
    t = conn.target
    where = f"{t.host}:{t.port}"
    try:
        smtp = conn.get()
        refused = smtp.sendmail(sender, recipients, raw)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = exc.recipients
    except smtplib.SMTPAuthenticationError as exc:
        conn.close()
        raise _Fatal(
            f"邮件服务器 {where} 登录失败（{exc.smtp_code} {_text(exc.smtp_error)}）："
            f"请检查 smtp.user「{t.user}」和环境变量 {ENV_PASSWORD}"
        ) from None
    except smtplib.SMTPResponseException as exc:
        conn.close()
        reason = f"{exc.smtp_code} {_text(exc.smtp_error)}"
        if 400 <= exc.smtp_code < 500:
            raise _Temporary(f"服务器暂时拒绝（{reason}）", connection=False) from None
        raise _Fatal(f"邮件服务器 {where} 拒绝（{reason}）") from None
    except smtplib.SMTPNotSupportedError as exc:
        conn.close()
        raise _Fatal(f"邮件服务器 {where} 不支持所需功能（{exc}）：请检查 smtp.security") from None
    except smtplib.SMTPServerDisconnected as exc:
        conn.close()
        raise _Temporary(f"与邮件服务器 {where} 的连接中断（{exc}）", connection=True) from None
    except ssl.SSLCertVerificationError as exc:
        conn.close()
        raise _Fatal(f"邮件服务器 {where} 的证书无法验证（{exc.verify_message}）") from None
    except smtplib.SMTPException as exc:
        conn.close()
        raise _Fatal(f"邮件服务器 {where}: {exc}") from None
    except OSError as exc:  # refused / reset / timed out connections, TLS failures
        conn.close()
        raise _Temporary(f"无法连接邮件服务器 {where}（{exc.strerror or exc}）", connection=True) from None
    return {rcpt: (code, _text(text)) for rcpt, (code, text) in refused.items()}


def _scrub(text: str, password: str) -> str:
    return text.replace(password, "******") if password else text


def _deliver(
    message: OutboxMessage,
    recipients: list[str],
    *,
    conn: _Connection,
    sent_log: SentLog,
    sender: str,
    report: SendReport,
    password: str,
    sleep: Callable[[float], None],
    backoff: float,
) -> tuple[_Outcome, str]:
    """Send one message to ``recipients`` with retries; sent log and report updated for each recipient."""
    raw = message.raw if message.sender else _with_sender(message.raw, sender)
    envelope_from = message.sender or parseaddr(sender)[1]
    retries = conn.target.retries
    sent_log.append([message.record("begin", r) for r in recipients])
    pending = list(recipients)
    attempts = 0
    while pending:
        attempts += 1
        try:
            refused = _transaction(conn, envelope_from, pending, raw)
        except _Fatal as exc:
            reason = _scrub(str(exc), password)
            sent_log.append([message.record("failed", r, attempts=attempts, reason=reason) for r in pending])
            report.failed.extend(message.delivery(r, reason) for r in pending)
            return "stop", reason
        except _Temporary as exc:
            reason = _scrub(exc.reason, password)
            if attempts > retries:
                sent_log.append(
                    [message.record("failed", r, attempts=attempts, reason=reason) for r in pending]
                )
                report.failed.extend(message.delivery(r, reason) for r in pending)
                return ("abort" if exc.connection else "next"), reason
            delay = min(backoff * 2 ** (attempts - 1), MAX_BACKOFF)
            log.warning("%s: %s；%.0f 秒后重试（第%d次）", message.path.name, reason, delay, attempts)
            sleep(delay)
            continue
        temporary: list[str] = []
        records: list[SentRecord] = []
        for rcpt in pending:
            found = next((v for k, v in refused.items() if _norm(k) == _norm(rcpt)), None)
            if found is None:
                records.append(message.record("done", rcpt, attempts=attempts))
                report.sent.append(message.delivery(rcpt))
                log.info("已发送 %s → %s", message.path.name, rcpt)
            elif 400 <= found[0] < 500 and attempts <= retries:
                temporary.append(rcpt)
            else:
                reason = _scrub(f"{found[0]} {found[1]}", password)
                event: Event = "refused" if found[0] >= 500 else "failed"
                records.append(message.record(event, rcpt, attempts=attempts, reason=reason))
                (report.refused if event == "refused" else report.failed).append(
                    message.delivery(rcpt, reason)
                )
                log.warning("收件人被拒 %s → %s: %s", message.path.name, rcpt, reason)
        sent_log.append(records)
        pending = temporary
        if pending:
            delay = min(backoff * 2 ** (attempts - 1), MAX_BACKOFF)
            log.warning("%s: 收件人暂时被拒 %s；%.0f 秒后重试", message.path.name, "、".join(pending), delay)
            sleep(delay)
    return "next", ""


# -- the entry point ------------------------------------------------------------------------------


def send_outbox(
    out_dir: Path,
    settings: Settings,
    *,
    env: Mapping[str, str] = os.environ,
    resend: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    ssl_context: ssl.SSLContext | None = None,
    local_hostname: str | None = None,
    resend_uncertain: bool = False,
    backoff: float = BACKOFF,
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
        states = sent_log.states()
        plan: list[tuple[OutboxMessage, list[str]]] = []
        for path in sorted(outbox.glob("*.eml")):
            try:
                message = read_message(path)
            except (OSError, ValueError) as exc:
                report.failed.append(Delivery(file=path.name, recipient="", subject="", reason=str(exc)))
                continue
            pending: list[str] = []
            for rcpt in message.recipients:
                state = states.get(message.key(rcpt), KeyState())
                if resend or (resend_uncertain and state.uncertain):
                    pending.append(rcpt)
                elif state.delivered:
                    report.skipped.append(message.delivery(rcpt))
                elif state.uncertain:
                    report.uncertain.append(message.delivery(rcpt, "上次发送中途中断，可能已送达"))
                else:
                    pending.append(rcpt)
            if pending:
                plan.append((message, pending))
        if not plan:
            return report

        target = resolve_smtp(settings, env)
        password = _password(target, env)
        if not target.sender and any(not m.sender for m, _ in plan):
            raise ConfigError("smtp.sender: 未配置发件人（也未配置 smtp.user），无法发送")
        conn = _Connection(target, password, ssl_context, local_hostname)
        try:
            for index, (message, recipients) in enumerate(plan):
                outcome, reason = _deliver(
                    message,
                    recipients,
                    conn=conn,
                    sent_log=sent_log,
                    sender=target.sender,
                    report=report,
                    password=password,
                    sleep=sleep,
                    backoff=backoff,
                )
                if outcome == "next":
                    continue
                report.stopped = reason
                for later, rest in plan[index + 1 :]:
                    report.failed.extend(later.delivery(r, "未发送（发送已中止）") for r in rest)
                break
        finally:
            conn.close()
    return report


# -- the report -----------------------------------------------------------------------------------


def _line(d: Delivery) -> str:
    who = d.recipient or "（无收件人）"
    return f"    {who}  {d.file}" + (f"：{d.reason}" if d.reason else "")


def format_send_report(report: SendReport, out_dir: Path | None = None) -> str:
    """The report in Chinese for the clerk, e.g. 已发送 3 封，跳过 2 封（此前已发送），失败 1 封 …"""
    folder = str(out_dir) if out_dir is not None else "DIR"
    command = f'xcreport send --out "{folder}"' if " " in folder else f"xcreport send --out {folder}"
    head = f"邮件发送：已发送 {len(report.sent)} 封，跳过 {len(report.skipped)} 封（此前已发送）"
    if report.refused:
        head += f"，被拒收 {len(report.refused)} 封"
    if report.failed:
        head += f"，失败 {len(report.failed)} 封"
    if report.uncertain:
        head += f"，状态不明 {len(report.uncertain)} 封"
    lines = [head]
    if report.stopped:
        lines.append(f"  发送已中止：{report.stopped}")
    if report.refused:
        lines.append("  被拒收（请核对收件地址）：")
        lines.extend(_line(d) for d in report.refused)
    if report.failed:
        lines.append("  未发送：")
        lines.extend(_line(d) for d in report.failed)
    if report.uncertain:
        lines.append("  状态不明（上次发送中途中断，可能已送达，为免重复未自动补发）：")
        lines.extend(_line(d) for d in report.uncertain)
    if report.refused or report.failed:
        lines.append(f"请检查后运行 {command} 补发（已发送的不会重复发送）")
    if report.uncertain:
        lines.append(
            f"状态不明的请先向收件人确认；未收到的，运行 {command} --resend 重新发送"
            "（将重发 outbox 中全部邮件）"
        )
    if not (report.sent or report.skipped or report.unsent):
        lines = ["邮件发送：outbox 中没有需要发送的邮件"]
    return "\n".join(lines)

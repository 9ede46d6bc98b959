"""The SMTP side of sending: which server, one session, one transaction and what its errors mean.

The server: ``[smtp]`` host, port, user and security (none | starttls | ssl) of the configuration,
each overridden by ``XCREPORT_SMTP_HOST``, ``XCREPORT_SMTP_PORT``, ``XCREPORT_SMTP_USER`` and
``XCREPORT_SMTP_SECURITY``.  The password comes only from ``XCREPORT_SMTP_PASSWORD``; it is used
for LOGIN and nowhere else — never logged, never in a message, a report or a file.

A transaction either returns the recipients the server refused, or raises
:class:`TemporaryFailure` (4xx replies, dropped or refused connections: worth a retry) or
:class:`PermanentFailure` (5xx replies, bad credentials, TLS certificate errors: stop sending).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from xcreport.config import Settings
from xcreport.errors import ConfigError

ENV_HOST = "XCREPORT_SMTP_HOST"
ENV_PORT = "XCREPORT_SMTP_PORT"
ENV_USER = "XCREPORT_SMTP_USER"
ENV_SECURITY = "XCREPORT_SMTP_SECURITY"
ENV_PASSWORD = "XCREPORT_SMTP_PASSWORD"

DEFAULT_PORTS: dict[str, int] = {"none": 25, "starttls": 587, "ssl": 465}
SECURITY_MODES = ("none", "starttls", "ssl")

Security = Literal["none", "starttls", "ssl"]


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


def _security(settings: Settings, env: Mapping[str, str]) -> Security:
    text = env.get(ENV_SECURITY, "").strip().lower() or settings.smtp.security
    if text not in SECURITY_MODES:
        raise ConfigError(f"{ENV_SECURITY}: 取值应为 none、starttls 或 ssl，而不是「{text}」")
    return "none" if text == "none" else "ssl" if text == "ssl" else "starttls"


def _port(settings: Settings, env: Mapping[str, str], security: Security) -> int:
    text = env.get(ENV_PORT, "").strip()
    if not text:
        return settings.smtp.port or DEFAULT_PORTS[security]
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise ConfigError(f"{ENV_PORT}: 应为 1–65535 的端口号，而不是「{text}」")
    return int(text)


def resolve_smtp(settings: Settings, env: Mapping[str, str]) -> SmtpTarget:
    """The server from ``[smtp]`` and the environment; :class:`ConfigError` names the key or variable."""
    smtp = settings.smtp
    host = env.get(ENV_HOST, "").strip() or smtp.host.strip()
    if not host:
        raise ConfigError(
            f"smtp.host: 未配置邮件服务器（在配置文件 [smtp] 中填写，或设置环境变量 {ENV_HOST}）"
        )
    security = _security(settings, env)
    user = env.get(ENV_USER, "").strip() or smtp.user.strip()
    return SmtpTarget(
        host=host,
        port=_port(settings, env, security),
        user=user,
        security=security,
        sender=smtp.sender.strip() or user,
        timeout=smtp.timeout,
        retries=smtp.retries,
    )


def password_for(target: SmtpTarget, env: Mapping[str, str]) -> str:
    """The LOGIN password from the environment; :class:`ConfigError` when a user has none."""
    password = env.get(ENV_PASSWORD, "")
    if target.user and not password:
        raise ConfigError(
            f"{ENV_PASSWORD}: 已配置 smtp.user「{target.user}」，但未设置密码环境变量 {ENV_PASSWORD}"
        )
    return password


class Connection:
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


class PermanentFailure(Exception):
    """A permanent error: stop sending."""


class TemporaryFailure(Exception):
    """A temporary error: retry after a pause.  ``connection``: the server could not be reached."""

    def __init__(self, reason: str, *, connection: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.connection = connection


def _failure(exc: Exception, target: SmtpTarget) -> PermanentFailure | TemporaryFailure:
    """What an exception of smtplib (or of the socket under it) means for the send."""
    where = f"{target.host}:{target.port}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return PermanentFailure(
            f"邮件服务器 {where} 登录失败（{exc.smtp_code} {_text(exc.smtp_error)}）："
            f"请检查 smtp.user「{target.user}」和环境变量 {ENV_PASSWORD}"
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        reason = f"{exc.smtp_code} {_text(exc.smtp_error)}"
        if 400 <= exc.smtp_code < 500:
            return TemporaryFailure(f"服务器暂时拒绝（{reason}）", connection=False)
        return PermanentFailure(f"邮件服务器 {where} 拒绝（{reason}）")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return PermanentFailure(f"邮件服务器 {where} 不支持所需功能（{exc}）：请检查 smtp.security")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return TemporaryFailure(f"与邮件服务器 {where} 的连接中断（{exc}）", connection=True)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return PermanentFailure(f"邮件服务器 {where} 的证书无法验证（{exc.verify_message}）")
    if isinstance(exc, smtplib.SMTPException):
        return PermanentFailure(f"邮件服务器 {where}: {exc}")
    # refused / reset / timed out connections, TLS failures
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return TemporaryFailure(f"无法连接邮件服务器 {where}（{detail}）", connection=True)


def transaction(
    conn: Connection, sender: str, recipients: list[str], raw: bytes
) -> dict[str, tuple[int, str]]:
    """One SMTP transaction; the recipients the server refused → (code, text).

    Raises :class:`PermanentFailure` or :class:`TemporaryFailure` (the session is closed first).
    """
    try:
        refused = conn.get().sendmail(sender, recipients, raw)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = exc.recipients
    except (smtplib.SMTPException, OSError) as exc:
        conn.close()
        raise _failure(exc, conn.target) from None
    return {rcpt: (code, _text(text)) for rcpt, (code, text) in refused.items()}

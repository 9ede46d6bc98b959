"""The SMTP side of sending: which server, one session, one transaction and what its errors mean.

The server: ``[smtp]`` host, port, user and security (none | starttls | ssl) of the configuration,
each overridden by ``XCREPORT_SMTP_HOST``, ``XCREPORT_SMTP_PORT``, ``XCREPORT_SMTP_USER`` and
``XCREPORT_SMTP_SECURITY``.  The password comes only from ``XCREPORT_SMTP_PASSWORD``; it is used
for LOGIN and nowhere else — never logged, never in a message, a report or a file.

A transaction either returns the recipients the server refused, or raises
:class:`TemporaryFailure` (4xx replies, dropped or refused connections: worth a retry),
:class:`PermanentFailure` (5xx replies, bad credentials, TLS certificate errors: stop sending) or
:class:`UncertainFailure`: the connection dropped, or the reply timed out, after the message's
final ``.`` was sent — the server may have stored the message, so it is never sent again
automatically.  Every reason is in Chinese.

A user name or password that is not ASCII logs in with AUTH PLAIN or LOGIN in UTF-8 (what
current servers expect; smtplib alone refuses them).
"""

from __future__ import annotations

import base64
import smtplib
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from xcreport.config import Settings
from xcreport.errors import ConfigError

ENV_HOST = "XCREPORT_SMTP_HOST"
ENV_PORT = "XCREPORT_SMTP_PORT"
ENV_USER = "XCREPORT_SMTP_USER"
ENV_SECURITY = "XCREPORT_SMTP_SECURITY"
ENV_PASSWORD = "XCREPORT_SMTP_PASSWORD"
#: The variables that override a key of [smtp]; the password has no key.
ENV_OVERRIDES = (ENV_HOST, ENV_PORT, ENV_USER, ENV_SECURITY)

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


class Session(smtplib.SMTP):
    """smtplib's session, which also knows when the message's final ``.`` has been sent and logs
    in with a UTF-8 user name or password."""

    final_dot_sent = False

    def send(self, s: Any) -> None:  # smtplib's type (Buffer | str) is not nameable in Python 3.11
        super().send(s)
        # the DATA payload ends with CRLF.CRLF (smtplib adds it); no command does
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.final_dot_sent = True

    def login(self, user: str, password: str, *, initial_response_ok: bool = True) -> tuple[int, bytes]:
        if user.isascii() and password.isascii():
            return super().login(user, password, initial_response_ok=initial_response_ok)
        self.ehlo_or_helo_if_needed()
        offered = self.esmtp_features.get("auth", "").upper().split()
        if "PLAIN" in offered:
            blob = f"\0{user}\0{password}".encode()
            code, reply = self.docmd("AUTH", "PLAIN " + base64.b64encode(blob).decode("ascii"))
        elif "LOGIN" in offered:
            code, reply = self.docmd("AUTH", "LOGIN")
            for step in (user, password):
                if code != 334:
                    break
                code, reply = self.docmd(base64.b64encode(step.encode()).decode("ascii"))
        else:
            raise Utf8LoginUnsupported(" ".join(offered) or "无")
        if code in (235, 503):
            return code, reply
        raise smtplib.SMTPAuthenticationError(code, reply)


class SslSession(Session, smtplib.SMTP_SSL):
    """:class:`Session` over implicit TLS."""


class Utf8LoginUnsupported(smtplib.SMTPException):
    """The server offers neither AUTH PLAIN nor LOGIN, the two that carry a UTF-8 password."""


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
        self._smtp: Session | None = None

    def __repr__(self) -> str:
        return f"<SMTP {self.target.host}:{self.target.port}>"

    def get(self) -> Session:
        if self._smtp is not None and self._smtp.sock is not None:
            return self._smtp
        self.close()
        t = self.target
        context = self._context
        if context is None and t.security != "none":
            context = ssl.create_default_context()
        smtp: Session
        if t.security == "ssl":
            smtp = SslSession(
                t.host, t.port, local_hostname=self._local_hostname, timeout=t.timeout, context=context
            )
        else:
            smtp = Session(t.host, t.port, local_hostname=self._local_hostname, timeout=t.timeout)
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


class UncertainFailure(Exception):
    """The connection broke after the final ``.``: the message may have been delivered."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


#: smtplib's own words (the start of its messages) → Chinese.
_SMTPLIB_WORDS: tuple[tuple[str, str], ...] = (
    (
        "SMTP AUTH extension not supported",
        "服务器不支持登录（AUTH）：请确认是否应填写 smtp.user，或改用 starttls / ssl",
    ),
    (
        "STARTTLS extension not supported",
        "服务器不支持 STARTTLS：请把 smtp.security 改为 ssl 或 none，并核对端口",
    ),
    ("No suitable authentication method", "服务器没有 xcreport 能用的登录方式"),
    ("Server AUTH mechanism infinite loop", "登录时服务器反复要求验证"),
)


def _network_reason(exc: BaseException) -> str:
    """What a socket or TLS error means, in Chinese."""
    if isinstance(exc, socket.gaierror):
        return "找不到这个服务器名称，请检查 smtp.host 和网络"
    if isinstance(exc, TimeoutError):
        return "连接超时，请检查 smtp.host、端口和网络"
    if isinstance(exc, ConnectionRefusedError):
        return "服务器拒绝连接，请检查端口和 smtp.security"
    if isinstance(exc, ConnectionResetError):
        return "连接被服务器重置"
    if isinstance(exc, ssl.SSLError):
        return f"加密连接失败（{exc.reason or exc}），请检查 smtp.security 与端口是否匹配"
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _disconnected(exc: smtplib.SMTPServerDisconnected) -> str:
    return "服务器在等待应答时超时" if "timed out" in str(exc) else "服务器断开了连接"


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
    if isinstance(exc, Utf8LoginUnsupported):
        return PermanentFailure(
            f"邮件服务器 {where} 只支持 {exc} 登录，不能用含中文或全角字符的用户名、密码："
            "请改用只含英文字母、数字和符号的密码"
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return TemporaryFailure(f"与邮件服务器 {where} 的连接中断（{_disconnected(exc)}）", connection=True)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return PermanentFailure(f"邮件服务器 {where} 的证书无法验证（{exc.verify_message}）")
    if isinstance(exc, smtplib.SMTPException):
        text = str(exc)
        said = next((cn for en, cn in _SMTPLIB_WORDS if text.startswith(en)), f"出错（{text}）")
        return PermanentFailure(f"邮件服务器 {where}：{said}")
    # refused / reset / timed out connections, TLS failures
    return TemporaryFailure(f"无法连接邮件服务器 {where}（{_network_reason(exc)}）", connection=True)


def _uncertain(exc: Exception, target: SmtpTarget) -> UncertainFailure:
    what = _disconnected(exc) if isinstance(exc, smtplib.SMTPServerDisconnected) else _network_reason(exc)
    return UncertainFailure(
        f"邮件已全部发出，但没有收到服务器 {target.host}:{target.port} 的确认（{what}），可能已送达"
    )


def transaction(
    conn: Connection, sender: str, recipients: list[str], raw: bytes
) -> dict[str, tuple[int, str]]:
    """One SMTP transaction; the recipients the server refused → (code, text).

    Raises :class:`PermanentFailure`, :class:`TemporaryFailure` or :class:`UncertainFailure` (the
    session is closed first).
    """
    smtp: Session | None = None
    try:
        smtp = conn.get()
        smtp.final_dot_sent = False
        refused = smtp.sendmail(sender, recipients, raw)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = exc.recipients
    except (smtplib.SMTPException, OSError) as exc:
        conn.close()
        if smtp is not None and smtp.final_dot_sent and not isinstance(exc, smtplib.SMTPResponseException):
            raise _uncertain(exc, conn.target) from None
        raise _failure(exc, conn.target) from None
    return {rcpt: (code, _text(text)) for rcpt, (code, text) in refused.items()}

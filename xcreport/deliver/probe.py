"""``xcreport send --test ADDRESS``: one message to the clerk's own mailbox, to try the settings.

It goes through the same server, login and TLS as the reports do (the [smtp] table and the
XCREPORT_SMTP_* variables), is not retried and is not recorded in the sent log.
"""

from __future__ import annotations

import datetime as dt
import os
import ssl
from collections.abc import Callable, Mapping
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from xcreport.config import Settings, addresses
from xcreport.deliver.message import POLICY
from xcreport.deliver.smtp import (
    Connection,
    PermanentFailure,
    SmtpTarget,
    TemporaryFailure,
    UncertainFailure,
    password_for,
    resolve_smtp,
    transaction,
)
from xcreport.errors import ConfigError, DeliveryError, UsageError


def _address(text: str) -> str:
    try:
        found = addresses(text)
    except ValueError:
        found = []
    if len(found) != 1:
        raise UsageError(f"--test「{text}」应为一个邮箱地址")
    return found[0][1]


def _message(settings: Settings, target: SmtpTarget, to: str, now: dt.datetime) -> bytes:
    msg = EmailMessage(policy=POLICY)
    msg["From"] = target.sender
    msg["To"] = to
    msg["Subject"] = f"xcreport 测试邮件（{settings.county.bureau}）"
    msg["Date"] = format_datetime(now)
    domain = parseaddr(target.sender)[1].rpartition("@")[2] or "xcreport.invalid"
    msg["Message-ID"] = make_msgid("xcreport-test", domain=domain)
    login = f"用户 {target.user} 登录" if target.user else "不登录"
    msg.set_content(
        "这是 xcreport 发出的测试邮件，不必回复。\n\n"
        f"邮件服务器：{target.host}:{target.port}（{target.security}），{login}。\n"
        "收到这封邮件，说明发送设置正确，可以用 xcreport send 发送通报和退回修改清单。\n",
        subtype="plain",
        charset="utf-8",
        cte="base64",
    )
    return msg.as_bytes()


def send_test_mail(
    settings: Settings,
    address: str,
    *,
    env: Mapping[str, str] = os.environ,
    ssl_context: ssl.SSLContext | None = None,
    local_hostname: str | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone(),
) -> str:
    """Send the test message to ``address``; the line to print, or :class:`DeliveryError` saying why not."""
    to = _address(address)
    target = resolve_smtp(settings, env)
    password = password_for(target, env)
    if not target.sender:
        raise ConfigError("smtp.sender: 未配置发件人（也未配置 smtp.user），无法发送")
    conn = Connection(target, password, ssl_context, local_hostname)
    try:
        refused = transaction(conn, parseaddr(target.sender)[1], [to], _message(settings, target, to, now()))
    except (PermanentFailure, TemporaryFailure, UncertainFailure) as exc:
        reason = str(exc).replace(password, "******") if password else str(exc)
        raise DeliveryError(f"测试邮件未能发送：{reason}") from None
    finally:
        conn.close()
    if refused:
        code, text = next(iter(refused.values()))
        raise DeliveryError(f"测试邮件被服务器拒收：{to}（{code} {text}）")
    where = f"{target.host}:{target.port}（{target.security}）"
    return f"测试邮件已发送到 {to}（邮件服务器 {where}），请到该邮箱查收"

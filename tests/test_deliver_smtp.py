"""Sending the outbox to a real SMTP server (aiosmtpd) on 127.0.0.1: plain, AUTH, STARTTLS, SSL, faults.

Every server is started by the test on a free port and stopped at teardown; a guard makes any
connection to another host fail the test.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
import logging
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.test_deliver import LEADERS, Run, attachments, body_text, configure, make_run, parse
from xcreport.config import Settings
from xcreport.deliver import (
    SendReport,
    SentLog,
    SentRecord,
    format_send_report,
    read_message,
    send_outbox,
    send_test_mail,
)
from xcreport.errors import ConfigError, DeliveryError, UsageError

HOST = "127.0.0.1"
USER = "xinxi@example.gov.cn"
PASSWORD = "s3cret-Pa55word-for-the-test"
CONTACTS = ["yunguan@example.gov.cn", "jiaoguan@example.gov.cn", "zhenggong@example.gov.cn"]
ALL = LEADERS + CONTACTS


@pytest.fixture(autouse=True)
def only_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """smtplib connects through socket.create_connection: anything but 127.0.0.1 fails the test."""
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        assert address[0] == HOST, f"a test tried to reach {address[0]}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


# -- the server ---------------------------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes
    authenticated: bool
    tls: bool


@dataclass
class Handler:
    """Records what arrives; refuses some recipients, answers DATA with scripted replies or drops."""

    refuse: set[str] = field(default_factory=set)
    refuse_once: set[str] = field(default_factory=set)  # answered 450 the first time only
    data_replies: list[str] = field(default_factory=list)  # replies to the next DATA commands
    drops: int = 0  # DATA commands (after the final '.') on which the connection is closed unanswered
    rcpt_drops: int = 0  # RCPT commands (before the message) on which the connection is closed
    data_delay: float = 0.0  # seconds before answering the message (past the client's timeout)
    received: list[Received] = field(default_factory=list)
    data_calls: int = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if self.rcpt_drops:
            self.rcpt_drops -= 1
            server.transport.close()
            return "421 closing"
        if address.lower() in self.refuse:
            return "550 5.1.1 <" + address + ">: mailbox unavailable"
        if address.lower() in self.refuse_once:
            self.refuse_once.discard(address.lower())
            return "450 4.2.1 <" + address + ">: mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_calls += 1
        if self.data_delay:
            delay, self.data_delay = self.data_delay, 0.0
            await asyncio.sleep(delay)
            return "250 OK queued, too late"
        if self.drops:
            self.drops -= 1
            server.transport.close()
            return "421 closing"
        if self.data_replies:
            return self.data_replies.pop(0)
        self.received.append(
            Received(
                mail_from=envelope.mail_from,
                rcpt_tos=list(envelope.rcpt_tos),
                content=envelope.original_content,
                authenticated=bool(session.authenticated),
                tls=session.ssl is not None,
            )
        )
        return "250 OK queued"

    @property
    def recipients(self) -> list[str]:
        return [r for m in self.received for r in m.rcpt_tos]


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USER.encode()
        and auth_data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)  # not handled: the server answers 535


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def start_server() -> Iterator[Callable[..., tuple[Handler, int]]]:
    """Start an aiosmtpd server on 127.0.0.1 (a free port); every one is stopped at teardown."""
    controllers: list[Controller] = []

    def start(handler: Handler | None = None, **kwargs: Any) -> tuple[Handler, int]:
        handler = handler or Handler()
        port = free_port()
        controller = Controller(
            handler, hostname=HOST, port=port, server_hostname="localhost", ready_timeout=10, **kwargs
        )
        controller.start()
        controllers.append(controller)
        return handler, port

    yield start
    for controller in controllers:
        controller.stop()


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """A self-signed certificate for localhost and 127.0.0.1, made here."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path = folder / "cert.pem"
    key_path = folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return Certificate(cert_path, key_path)


# -- helpers ------------------------------------------------------------------------------------


def smtp_settings(base: Settings, port: int, **smtp: Any) -> Settings:
    table: dict[str, Any] = {
        "host": HOST,
        "port": port,
        "security": "none",
        "sender": "示例县交通运输局办公室 <xinxi@example.gov.cn>",
        "timeout": 10,
        "retries": 2,
    }
    table.update(smtp)
    return configure(base, smtp=table)


class Sleeps(list[float]):
    """A fake time.sleep recording the delays."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def send(run: Run, settings: Settings, **kwargs: Any) -> SendReport:
    kwargs.setdefault("env", {})
    kwargs.setdefault("sleep", Sleeps())
    return send_outbox(run.out_dir, settings, local_hostname="localhost", **kwargs)


def without_date(raw: bytes) -> bytes:
    head, _, rest = raw.rstrip(b"\r\n").partition(b"\r\n\r\n")
    return b"\r\n".join(h for h in head.split(b"\r\n") if not h.startswith(b"Date:")) + rest


def sent_events(run: Run) -> list[tuple[str, str]]:
    lines = run.sent_log.read_text("utf-8").splitlines()
    return [(json.loads(line)["event"], json.loads(line)["recipient"]) for line in lines]


@pytest.fixture
def run(settings: Settings, tmp_path: Path) -> Run:
    """A run's output folder with its outbox built from the sample configuration."""
    made = make_run(tmp_path / "out")
    made.build(settings)
    return made


# -- plain SMTP ---------------------------------------------------------------------------------


def test_plain_send_delivers_every_mail_with_its_attachments(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server()
    report = send(run, smtp_settings(settings, port))
    assert report.ok, format_send_report(report)
    assert sorted(d.recipient for d in report.sent) == sorted(ALL)
    assert len(handler.received) == 4  # one transaction per mail
    assert all(m.mail_from == "xinxi@example.gov.cn" for m in handler.received)

    leaders = handler.received[0]
    assert leaders.rcpt_tos == LEADERS
    msg = parse(leaders.content)
    assert msg["Subject"] == "示例县交通运输局2014年3月信息宣传工作通报及排名"
    assert attachments(msg) == [(p.name, p.read_bytes()) for p in run.reports]
    # as written in the outbox, but for the Date: the time of sending, not the period's
    written = (run.outbox / "01_领导_2014年3月.eml").read_bytes()
    assert without_date(leaders.content) == without_date(written)
    assert parse(written)["Date"].datetime.year == 2014
    assert abs(msg["Date"].datetime - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)

    bodies = {m.rcpt_tos[0]: parse(m.content) for m in handler.received[1:]}
    assert sorted(bodies) == sorted(CONTACTS)
    yunguan = bodies["yunguan@example.gov.cn"]
    assert yunguan["Subject"] == "【退回修改】运管所2014年3月信息宣传台账问题清单"
    assert attachments(yunguan) == [("运管所.xlsx", run.corrections["运管所"].read_bytes())]

    events = sent_events(run)
    assert events[:3] == [("begin", r) for r in LEADERS]
    assert events[3:6] == [("done", r) for r in LEADERS]
    assert sorted(events) == sorted([("begin", r) for r in ALL] + [("done", r) for r in ALL])
    assert format_send_report(report).splitlines()[0] == "邮件发送：已发送 4 封（6 人次）"


def test_a_rerun_sends_nothing(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server()
    configured = smtp_settings(settings, port)
    assert send(run, configured).ok
    run.build(settings)  # the same run again: identical outbox
    report = send(run, configured)
    assert report.ok and not report.sent
    assert sorted(d.recipient for d in report.skipped) == sorted(ALL)
    assert len(handler.received) == 4
    assert (
        format_send_report(report).splitlines()[0] == "邮件发送：已发送 0 封，跳过此前已发送的 4 封（6 人次）"
    )


def test_a_corrected_report_is_sent_again_and_resend_forces(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server()
    configured = smtp_settings(settings, port)
    assert send(run, configured).ok
    run.reports[0].write_bytes(b"PK corrected report, new figures")
    run.build(settings)
    report = send(run, configured)
    assert report.ok
    assert sorted(d.recipient for d in report.sent) == sorted(LEADERS)  # the bodies' lists did not change
    assert sorted(d.recipient for d in report.skipped) == sorted(CONTACTS)
    corrected = parse(handler.received[-1].content)
    assert attachments(corrected)[0] == (run.reports[0].name, run.reports[0].read_bytes())
    assert corrected["Subject"] == "【更正】示例县交通运输局2014年3月信息宣传工作通报及排名"
    assert all(d.corrected for d in report.sent)
    assert "其中更正 1 封（3 人次）" in format_send_report(report)

    forced = send(run, configured, resend=True)
    assert forced.ok and len(forced.sent) == 6 and not forced.skipped
    assert len(handler.received) == 4 + 1 + 4
    # the same version again is no correction
    assert not any(parse(m.content)["Subject"].startswith("【更正】") for m in handler.received[-4:])


def test_a_new_leader_gets_the_corrected_report_without_a_correction_mark(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server()
    configured = smtp_settings(settings, port)
    assert send(run, configured).ok
    run.reports[0].write_bytes(b"PK corrected report, new figures")
    data = configured.model_dump()
    data["recipients"] = [
        *data["recipients"],
        {"name": "赵书记", "role": "书记", "email": "zhao@example.gov.cn"},
    ]
    widened = Settings.model_validate(data)
    run.build(widened)
    report = send(run, widened)
    assert report.ok
    subjects = {r: parse(m.content)["Subject"] for m in handler.received[4:] for r in m.rcpt_tos}
    assert subjects["zhao@example.gov.cn"] == "示例县交通运输局2014年3月信息宣传工作通报及排名"
    assert all(subjects[r].startswith("【更正】") for r in LEADERS)


def test_the_same_mail_from_a_second_out_folder_is_a_duplicate(
    settings: Settings, tmp_path: Path, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    """One sent log for the configuration: another --out with the same mails sends nothing."""
    handler, port = start_server()
    configured = smtp_settings(settings, port)
    log = tmp_path / "county" / "发送记录.jsonl"
    first, second = make_run(tmp_path / "a" / "2014年3月"), make_run(tmp_path / "b" / "2014年3月")
    first.build(settings)
    second.build(settings)
    assert send(first, configured, sent_log=log).ok
    again = send(second, configured, sent_log=log)
    assert again.ok and not again.sent and len(again.skipped) == 6
    assert len(handler.received) == 4
    assert again.log == log and f"发送记录：{log}" in format_send_report(again)


# -- AUTH, STARTTLS, SSL ------------------------------------------------------------------------


def _everything_written(run: Run) -> bytes:
    return b"".join(p.read_bytes() for p in run.out_dir.rglob("*") if p.is_file())


PLAIN_AUTH = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


@PLAIN_AUTH
def test_auth_with_the_password_from_the_environment_only(
    settings: Settings,
    run: Run,
    start_server: Callable[..., tuple[Handler, int]],
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    handler, port = start_server(authenticator=authenticator, auth_require_tls=False, auth_required=True)
    configured = smtp_settings(settings, port, user=USER)
    with caplog.at_level(logging.DEBUG):
        report = send(run, configured, env={"XCREPORT_SMTP_PASSWORD": PASSWORD})
    assert report.ok, format_send_report(report)
    assert len(handler.received) == 4 and all(m.authenticated for m in handler.received)
    out = capsys.readouterr()
    for text in (caplog.text, out.out, out.err, format_send_report(report), repr(report)):
        assert PASSWORD not in text
    assert PASSWORD.encode() not in _everything_written(run)


@PLAIN_AUTH
def test_bad_credentials_stop_with_a_clear_message_and_no_password(
    settings: Settings,
    run: Run,
    start_server: Callable[..., tuple[Handler, int]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    handler, port = start_server(authenticator=authenticator, auth_require_tls=False, auth_required=True)
    wrong = "wrong-" + PASSWORD
    sleeps = Sleeps()
    with caplog.at_level(logging.DEBUG):
        report = send(
            run, smtp_settings(settings, port, user=USER), env={"XCREPORT_SMTP_PASSWORD": wrong}, sleep=sleeps
        )
    assert not report.ok and not report.sent and not handler.received
    assert sleeps == []  # permanent: no retries
    assert (
        "登录失败" in report.stopped
        and "XCREPORT_SMTP_PASSWORD" in report.stopped
        and "535" in report.stopped
    )
    assert len(report.failed) == 6
    text = format_send_report(report, run.out_dir)
    assert "发送已中止" in text and f"xcreport send --out {run.out_dir}" in text
    for output in (caplog.text, text, repr(report)):
        assert wrong not in output and PASSWORD not in output
    assert wrong.encode() not in _everything_written(run)


@PLAIN_AUTH
@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_a_password_in_chinese_logs_in_as_utf8(
    mechanism: str, settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    password = "信息科-密码2015"
    user = "信息科@example.gov.cn"

    def check(server: Any, session: Any, envelope: Any, used: str, auth_data: Any) -> AuthResult:
        ok = (
            used == mechanism and auth_data.login == user.encode() and auth_data.password == password.encode()
        )
        return AuthResult(success=ok, handled=False)

    other = {"PLAIN", "LOGIN"} - {mechanism}
    handler, port = start_server(
        authenticator=check, auth_require_tls=False, auth_required=True, auth_exclude_mechanism=other
    )
    report = send(run, smtp_settings(settings, port, user=user), env={"XCREPORT_SMTP_PASSWORD": password})
    assert report.ok, format_send_report(report)
    assert len(handler.received) == 4 and all(m.authenticated for m in handler.received)


def test_starttls_with_auth(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]], certificate: Certificate
) -> None:
    handler, port = start_server(
        authenticator=authenticator,
        auth_required=True,
        tls_context=certificate.server_context(),
        require_starttls=True,
    )
    # the sample configuration as the office has it, pointed at the test server by the environment
    env = {
        "XCREPORT_SMTP_HOST": HOST,
        "XCREPORT_SMTP_PORT": str(port),
        "XCREPORT_SMTP_SECURITY": "starttls",
        "XCREPORT_SMTP_USER": USER,
        "XCREPORT_SMTP_PASSWORD": PASSWORD,
    }
    report = send(run, settings, env=env, ssl_context=certificate.client_context())
    assert report.ok, format_send_report(report)
    assert len(handler.received) == 4
    assert all(m.tls and m.authenticated for m in handler.received)


def test_starttls_verifies_the_certificate(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]], certificate: Certificate
) -> None:
    handler, port = start_server(tls_context=certificate.server_context(), require_starttls=True)
    sleeps = Sleeps()
    report = send(run, smtp_settings(settings, port, security="starttls"), sleep=sleeps)  # system CAs only
    assert not report.ok and not handler.received and sleeps == []
    assert "证书" in report.stopped


def test_implicit_ssl(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]], certificate: Certificate
) -> None:
    handler, port = start_server(ssl_context=certificate.server_context())
    report = send(
        run, smtp_settings(settings, port, security="ssl"), ssl_context=certificate.client_context()
    )
    assert report.ok, format_send_report(report)
    assert len(handler.received) == 4


# -- faults -------------------------------------------------------------------------------------


def test_a_refused_recipient_is_recorded_and_the_others_still_go(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server(Handler(refuse={"fujuzhang@example.gov.cn", "jiaoguan@example.gov.cn"}))
    configured = smtp_settings(settings, port)
    report = send(run, configured)
    assert not report.ok
    assert sorted(d.recipient for d in report.refused) == [
        "fujuzhang@example.gov.cn",
        "jiaoguan@example.gov.cn",
    ]
    assert all(d.reason.startswith("550 5.1.1") for d in report.refused)
    assert sorted(handler.recipients) == sorted(
        set(ALL) - {"fujuzhang@example.gov.cn", "jiaoguan@example.gov.cn"}
    )
    assert ("refused", "fujuzhang@example.gov.cn") in sent_events(run)
    assert ("refused", "jiaoguan@example.gov.cn") in sent_events(run)
    text = format_send_report(report)
    assert "被拒收 2 封" in text and "fujuzhang@example.gov.cn" in text and "请核对收件地址" in text

    # the address is fixed on the server side: a later send delivers only what is missing
    handler.refuse.clear()
    again = send(run, configured)
    assert again.ok
    assert sorted(d.recipient for d in again.sent) == ["fujuzhang@example.gov.cn", "jiaoguan@example.gov.cn"]
    assert len(again.skipped) == 4


def test_a_recipient_refused_for_now_is_retried_alone(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server(Handler(refuse_once={"fujuzhang@example.gov.cn"}))
    sleeps = Sleeps()
    report = send(run, smtp_settings(settings, port), sleep=sleeps)
    assert report.ok, format_send_report(report)
    assert sleeps == [2.0]
    assert handler.received[0].rcpt_tos == ["juzhang@example.gov.cn", "bangongshi@example.gov.cn"]
    assert handler.received[1].rcpt_tos == ["fujuzhang@example.gov.cn"]
    assert sorted(handler.recipients) == sorted(ALL)


def test_451_twice_then_accepted(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server(Handler(data_replies=["451 4.7.1 try again later"] * 2))
    sleeps = Sleeps()
    report = send(run, smtp_settings(settings, port, retries=3), sleep=sleeps)
    assert report.ok, format_send_report(report)
    assert sleeps == [2.0, 4.0]  # exponential backoff
    assert handler.data_calls == 2 + 4
    assert len(handler.received) == 4 and handler.received[0].rcpt_tos == LEADERS
    assert sent_events(run).count(("begin", LEADERS[0])) == 1  # one begin, one outcome per message


def test_temporary_errors_outlasting_the_retries_fail_that_mail_only(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    _handler, port = start_server(Handler(data_replies=["452 4.3.1 insufficient storage"] * 3))
    sleeps = Sleeps()
    report = send(run, smtp_settings(settings, port, retries=2), sleep=sleeps)
    assert sleeps == [2.0, 4.0]
    assert sorted(d.recipient for d in report.failed) == sorted(LEADERS)
    assert all("452" in d.reason for d in report.failed)
    assert len(report.sent) == 3 and not report.stopped  # the bodies' mails still went
    assert not report.ok


def test_a_connection_dropped_before_the_message_is_retried(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server(Handler(rcpt_drops=1))
    sleeps = Sleeps()
    report = send(run, smtp_settings(settings, port), sleep=sleeps)
    assert report.ok, format_send_report(report)
    assert sleeps == [2.0]
    assert len(handler.received) == 4 and sorted(handler.recipients) == sorted(ALL)


@pytest.mark.parametrize("fault", ["dropped", "timed out"])
def test_a_connection_lost_after_the_final_dot_is_uncertain_never_retried(
    fault: str, settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    """The server had the whole message: it may have stored it.  Recorded, listed, not sent again
    until the clerk says so with --resend-uncertain."""
    faulty = Handler(drops=1) if fault == "dropped" else Handler(data_delay=3.0)
    handler, port = start_server(faulty)
    configured = smtp_settings(settings, port, timeout=1)
    sleeps = Sleeps()
    report = send(run, configured, sleep=sleeps)
    assert sleeps == [] and handler.data_calls == 4  # the leaders' mail once, then the three others
    assert sorted(d.recipient for d in report.uncertain) == sorted(LEADERS)
    assert sorted(d.recipient for d in report.sent) == sorted(CONTACTS)
    assert all("可能已送达" in d.reason for d in report.uncertain)
    assert ("uncertain", LEADERS[0]) in sent_events(run)
    text = format_send_report(report, run.out_dir)
    assert "状态不明 1 封（3 人次）" in text and "--resend-uncertain" in text
    assert not report.ok

    again = send(run, configured)  # a later send still does not send it
    assert not again.sent and len(again.uncertain) == 3 and handler.data_calls == 4
    assert all(d.reason.startswith("上次发送：邮件已全部发出") for d in again.uncertain)
    decided = send(run, configured, resend_uncertain=True)
    assert decided.ok and sorted(d.recipient for d in decided.sent) == sorted(LEADERS)
    assert send(run, configured).ok and handler.data_calls == 5


def test_a_server_that_keeps_dropping_leaves_everything_listed_for_a_later_send(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server(Handler(rcpt_drops=100))
    sleeps = Sleeps()
    report = send(run, smtp_settings(settings, port, retries=2), sleep=sleeps)
    assert not report.ok and not report.sent and not report.uncertain
    assert sleeps == [2.0, 4.0]  # bounded; the other mails are not tried against a dead server
    assert handler.data_calls == 0
    assert "连接中断" in report.stopped
    assert len(report.failed) == 6
    assert sum(d.reason == "未发送（发送已中止）" for d in report.failed) == 3
    assert "请检查后运行 xcreport send --out" in format_send_report(report, run.out_dir)

    healthy, healthy_port = start_server()
    later = send(run, configured := smtp_settings(settings, healthy_port))
    assert later.ok and len(later.sent) == 6
    assert len(healthy.received) == 4
    assert not send(run, configured).sent


def test_a_permanent_error_stops_the_run(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server(Handler(data_replies=["554 5.7.1 message rejected"]))
    sleeps = Sleeps()
    report = send(run, smtp_settings(settings, port), sleep=sleeps)
    assert sleeps == [] and not report.sent and not handler.received
    assert "554 5.7.1 message rejected" in report.stopped
    assert len(report.failed) == 6
    assert sent_events(run) == [("begin", r) for r in LEADERS] + [("failed", r) for r in LEADERS]


def test_an_unreachable_server_is_retried_then_reported(settings: Settings, run: Run) -> None:
    sleeps = Sleeps()
    report = send(run, smtp_settings(settings, free_port(), retries=1), sleep=sleeps)
    assert sleeps == [2.0] and not report.sent
    assert "无法连接邮件服务器 127.0.0.1" in report.stopped
    assert len(report.failed) == 6


# -- a crash in the middle ----------------------------------------------------------------------


class Killed(BaseException):
    """Stands for the process being killed."""


def test_a_crash_during_a_send_is_reported_as_uncertain_not_resent(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server(Handler(data_replies=["451 4.3.0 later"]))
    configured = smtp_settings(settings, port)

    def killed(seconds: float) -> None:
        raise Killed

    with pytest.raises(Killed):
        send(run, configured, sleep=killed)
    assert sent_events(run) == [("begin", r) for r in LEADERS]  # begun, no outcome

    report = send(run, configured)
    assert not report.ok
    assert sorted(d.recipient for d in report.uncertain) == sorted(LEADERS)
    assert sorted(d.recipient for d in report.sent) == sorted(CONTACTS)
    assert LEADERS[0] not in handler.recipients
    text = format_send_report(report, run.out_dir)
    assert "状态不明 1 封（3 人次）" in text and "为免重复未自动补发" in text and "--resend" in text

    # still listed on the next send, until the clerk decides
    assert len(send(run, configured).uncertain) == 3
    decided = send(run, configured, resend_uncertain=True)
    assert decided.ok and sorted(d.recipient for d in decided.sent) == sorted(LEADERS)
    assert len(decided.skipped) == 3
    assert send(run, configured).ok


def test_a_begin_record_without_outcome_is_uncertain(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server()
    message = read_message(run.outbox / "02_退回修改_运管所_2014年3月.eml")
    SentLog(run.sent_log).append([message.record("begin", "yunguan@example.gov.cn")])
    report = send(run, smtp_settings(settings, port))
    assert [d.recipient for d in report.uncertain] == ["yunguan@example.gov.cn"]
    assert "yunguan@example.gov.cn" not in handler.recipients
    assert len(report.sent) == 5
    forced = send(run, smtp_settings(settings, port), resend=True)
    assert forced.ok and len(forced.sent) == 6


def test_a_record_for_another_attachment_does_not_count(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    _handler, port = start_server()
    message = read_message(run.outbox / "01_领导_2014年3月.eml")
    old = SentRecord.from_json(
        message.record("done", LEADERS[0]).to_json().replace(message.attachments[0], "0" * 64)
    )
    SentLog(run.sent_log).append([old])
    report = send(run, smtp_settings(settings, port))
    assert report.ok and len(report.sent) == 6


def test_mails_written_without_a_sender_get_the_configured_one(
    settings: Settings, tmp_path: Path, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server()
    made = make_run(tmp_path / "out")
    made.build(configure(settings, smtp={}))  # no sender, no user when the run was made
    assert b"\r\nFrom:" not in b"\r\n" + (made.outbox / "01_领导_2014年3月.eml").read_bytes()
    with pytest.raises(ConfigError, match=r"smtp\.sender"):
        send(made, configure(settings, smtp={"host": HOST, "port": port, "security": "none"}))
    report = send(made, smtp_settings(settings, port))
    assert report.ok
    msg = parse(handler.received[0].content)
    assert msg["From"].addresses[0].addr_spec == "xinxi@example.gov.cn"
    assert msg["From"].addresses[0].display_name == "示例县交通运输局办公室"
    assert handler.received[0].mail_from == "xinxi@example.gov.cn"


def test_two_sends_at_once_are_refused(settings: Settings, run: Run) -> None:
    with SentLog(run.sent_log).lock(), pytest.raises(DeliveryError, match="另一个发送进程"):
        send(run, smtp_settings(settings, free_port()))


# -- xcreport send --test -------------------------------------------------------------------------


def test_a_test_mail_goes_to_the_clerk_only_and_is_not_logged(
    settings: Settings, run: Run, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    handler, port = start_server()
    said = send_test_mail(
        smtp_settings(settings, port), "xinxi@example.gov.cn", env={}, local_hostname="localhost"
    )
    assert (
        said == f"测试邮件已发送到 xinxi@example.gov.cn（邮件服务器 {HOST}:{port}（none）），请到该邮箱查收"
    )
    assert [m.rcpt_tos for m in handler.received] == [["xinxi@example.gov.cn"]]
    msg = parse(handler.received[0].content)
    assert msg["Subject"] == "xcreport 测试邮件（示例县交通运输局）"
    assert f"{HOST}:{port}" in body_text(msg)
    assert abs(msg["Date"].datetime - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert not run.sent_log.exists()


def test_a_test_mail_that_cannot_go_says_why_in_chinese(
    settings: Settings, start_server: Callable[..., tuple[Handler, int]]
) -> None:
    with pytest.raises(
        DeliveryError, match=r"^测试邮件未能发送：无法连接邮件服务器 127\.0\.0\.1:\d+（服务器拒绝连接"
    ):
        send_test_mail(smtp_settings(settings, free_port()), "xinxi@example.gov.cn", env={})
    _handler, port = start_server(Handler(refuse={"nobody@example.gov.cn"}))
    with pytest.raises(DeliveryError, match=r"测试邮件被服务器拒收：nobody@example\.gov\.cn（550"):
        send_test_mail(
            smtp_settings(settings, port), "nobody@example.gov.cn", env={}, local_hostname="localhost"
        )
    with pytest.raises(UsageError, match="应为一个邮箱地址"):
        send_test_mail(smtp_settings(settings, port), "局办公室", env={})


# -- through the command line ---------------------------------------------------------------------


@PLAIN_AUTH
def test_monthly_send_from_two_out_folders_sends_each_mail_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    start_server: Callable[..., tuple[Handler, int]],
) -> None:
    """The county's configuration keeps its send log beside it: the same mails written into a second
    --out are skipped, and the console says so once."""
    from tests.conftest import SAMPLE_CONFIG, SAMPLE_LEDGERS
    from xcreport.cli import main

    handler, port = start_server(authenticator=authenticator, auth_require_tls=False, auth_required=True)
    for name, value in (("HOST", HOST), ("PORT", str(port)), ("SECURITY", "none"), ("USER", USER)):
        monkeypatch.setenv(f"XCREPORT_SMTP_{name}", value)
    monkeypatch.setenv("XCREPORT_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setattr("xcreport.deliver.send.time.sleep", Sleeps())
    config = tmp_path / "本县" / "xcreport.toml"
    config.parent.mkdir()
    config.write_bytes(SAMPLE_CONFIG.read_bytes())
    base = ["monthly", "--config", str(config), "--ledgers", str(SAMPLE_LEDGERS), "--today", "2015-01-20"]

    assert main([*base, "--out", str(tmp_path / "a"), "--send"]) == 0
    out = capsys.readouterr().out
    mails = len(list((tmp_path / "a" / "2014年12月" / "outbox").glob("*.eml")))
    assert f"  outbox/（{mails} 封邮件）\n" in out and "未发送" not in out
    assert f"邮件发送：已发送 {mails} 封（{len(handler.recipients)} 人次）\n" in out
    assert out.rstrip().endswith(f"发送记录：{config.parent / '发送记录.jsonl'}")
    assert len(handler.received) == mails

    assert main([*base, "--out", str(tmp_path / "b"), "--send"]) == 0
    again = capsys.readouterr().out
    assert f"邮件发送：已发送 0 封，跳过此前已发送的 {mails} 封" in again
    assert len(handler.received) == mails  # nothing twice

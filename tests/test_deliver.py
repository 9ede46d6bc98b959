"""The outbox: what the mails say, how they are encoded, the sent log, the configuration rules.

Sending over a real SMTP server is in test_deliver_smtp.py, which uses the helpers here.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from xcreport.config import Settings
from xcreport.deliver import (
    HEADER_ATTACHMENTS,
    HEADER_BODY,
    HEADER_KIND,
    HEADER_MAIL,
    HEADER_PERIOD,
    Delivery,
    SendReport,
    SentLog,
    SentRecord,
    build_outbox,
    format_send_report,
    outbox_warnings,
    resolve_smtp,
    send_outbox,
)
from xcreport.errors import ConfigError, TemplateError, UsageError
from xcreport.fsutil import sha256_file
from xcreport.metrics import (
    BodyMetrics,
    CityRankMetrics,
    FindingCounts,
    Metrics,
    Problems,
    TargetMetrics,
    Totals,
)
from xcreport.period import Period
from xcreport.render.outputs import SENT_LOG_NAME

TEMPLATES = ROOT / "xcreport" / "templates"
PERIOD = Period("monthly", 2014, 3)
LEVELS = ["国家级", "省部级", "市级", "县级", "内部"]
LEADERS = ["juzhang@example.gov.cn", "fujuzhang@example.gov.cn", "bangongshi@example.gov.cn"]


def _body(name: str, group: str, **kw: Any) -> BodyMetrics:
    base: dict[str, Any] = {
        "submitted": 4,
        "first_half": 2,
        "second_half": 2,
        "cadence_met": True,
        "late": 0,
        "adopted": dict.fromkeys(LEVELS, 0),
        "points": 10.0,
        "bonus": 0.0,
        "deductions": 0.0,
        "score": 10.0,
        "rank": 1,
        "rank_in_group": 1,
    }
    base.update(kw)
    return BodyMetrics(body=name, group=group, **base)


def make_metrics(period: Period = PERIOD) -> Metrics:
    """A small, hand-made Metrics: the figures the mails must show and nothing else."""
    return Metrics(
        kind=period.kind,
        period=period.as_dict(),
        inputs=[],
        totals=Totals(
            rows=60,
            rows_scored=29,
            submitted=29,
            adopted={"国家级": 1, "省部级": 4, "市级": 7, "县级": 9, "内部": 0},
            submitted_ytd=83,
            adopted_ytd={"国家级": 3, "省部级": 28, "市级": 19, "县级": 30, "内部": 2},
        ),
        bodies=[
            _body("运管所", "unit", score=20.5, errors=2, warnings=1),
            _body("交管所", "unit", rank=2, cadence_met=False, cadence_missed=["下半月"], late=1, warnings=3),
            _body("政工科", "office", rank=3, cadence_met=False, cadence_missed=["本月"], errors=1),
        ],
        persons=[],
        targets=[
            TargetMetrics("R6", "省部级及以上媒体用稿", 50, 31, 12.5, "ahead", exceed=True, month=5),
            TargetMetrics("R8-两办", "“两办”信息采用", 36, 5, 9.0, "behind", shortfall=4.0, month=1),
        ],
        findings=FindingCounts(error=7, warning=11, by_rule={"L-DATE": 3}),
        city_rank=CityRankMetrics(counties=6, target_rank=3, stretch_rank=2),
        tracks=[],
        problems=Problems(bodies_with_errors=[("运管所", 2, 1), ("政工科", 1, 0)]),
        focus_coverage={},
        brand_coverage={},
        trend=[],
        levels=LEVELS,
    )


def configure(
    base: Settings, *, smtp: dict[str, Any] | None = None, no_contact: tuple[str, ...] = ()
) -> Settings:
    """The sample configuration with another [smtp] table and some bodies' contacts removed."""
    data = base.model_dump()
    if smtp is not None:
        data["smtp"] = smtp
    data["bodies"] = [
        {**b, "contact": "" if b["name"] in no_contact else b["contact"]} for b in data["bodies"]
    ]
    return Settings.model_validate(data)


@dataclass
class Run:
    """A finished run's output folder: the reports and the correction lists to attach."""

    out_dir: Path
    reports: list[Path]
    corrections: dict[str, Path]

    def build(
        self, settings: Settings, template_dir: Path = TEMPLATES, metrics: Metrics | None = None
    ) -> list[Path]:
        return build_outbox(
            metrics or make_metrics(),
            settings,
            PERIOD,
            self.out_dir,
            self.reports,
            self.corrections,
            template_dir,
        )

    @property
    def outbox(self) -> Path:
        return self.out_dir / "outbox"

    @property
    def sent_log(self) -> Path:
        """Where send_outbox keeps the sent log by default: in the output root, above the folder."""
        return self.out_dir.parent / SENT_LOG_NAME


def make_run(out_dir: Path) -> Run:
    out_dir.mkdir(parents=True, exist_ok=True)
    report = out_dir / "信息宣传工作通报_2014年3月.docx"
    report.write_bytes(b"PK\x03\x04 docx " + bytes(range(256)) * 40)
    ranking = out_dir / "信息宣传排名_2014年3月.xlsx"
    ranking.write_bytes(b"PK\x03\x04 xlsx " + bytes(reversed(range(256))) * 30)
    folder = out_dir / "退回修改"
    folder.mkdir(exist_ok=True)
    corrections: dict[str, Path] = {}
    for body in ("运管所", "交管所", "政工科"):
        path = folder / f"{body}.xlsx"
        path.write_bytes(f"PK correction list of {body}".encode() + bytes(range(200)))
        corrections[body] = path
    return Run(out_dir, [report, ranking], corrections)


@pytest.fixture
def run(tmp_path: Path) -> Run:
    return make_run(tmp_path / "out")


def parse(raw: bytes) -> EmailMessage:
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def attachments(msg: EmailMessage) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for part in msg.iter_attachments():
        assert isinstance(part, EmailMessage)
        content = part.get_content()
        assert isinstance(content, bytes)
        found.append((part.get_filename() or "", content))
    return found


def body_text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None
    text = part.get_content()
    assert isinstance(text, str)
    return text.replace("\r\n", "\n")


# -- the outbox ---------------------------------------------------------------------------------


def test_outbox_has_one_mail_for_leaders_and_one_per_body_with_a_contact(
    settings: Settings, run: Run
) -> None:
    paths = run.build(settings)
    assert [p.name for p in paths] == [
        "01_领导_2014年3月.eml",
        "02_退回修改_运管所_2014年3月.eml",
        "02_退回修改_交管所_2014年3月.eml",
        "02_退回修改_政工科_2014年3月.eml",
    ]
    assert all(p.parent == run.outbox for p in paths)

    leaders = parse(paths[0].read_bytes())
    assert [a.addr_spec for a in leaders["To"].addresses] == LEADERS
    assert [a.display_name for a in leaders["To"].addresses] == ["张局长", "李副局长", "王主任"]
    assert leaders["Subject"] == "示例县交通运输局2014年3月信息宣传工作通报及排名"
    assert leaders["From"].addresses[0].addr_spec == "xinxi@example.gov.cn"
    assert leaders["From"].addresses[0].display_name == "示例县交通运输局办公室"
    assert leaders["Date"].datetime == dt.datetime(
        2014, 4, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))
    )
    assert attachments(leaders) == [(p.name, p.read_bytes()) for p in run.reports]
    assert leaders[HEADER_PERIOD] == "2014-03"
    assert leaders[HEADER_KIND] == "monthly"
    assert leaders[HEADER_MAIL] == "leaders"
    assert leaders[HEADER_ATTACHMENTS] == ", ".join(f"sha256:{sha256_file(p)}" for p in run.reports)

    body = parse(paths[1].read_bytes())
    assert [a.addr_spec for a in body["To"].addresses] == ["yunguan@example.gov.cn"]
    assert body["Subject"] == "【退回修改】运管所2014年3月信息宣传台账问题清单"
    assert body[HEADER_MAIL] == "body"
    assert body[HEADER_BODY] == "运管所"
    assert attachments(body) == [("运管所.xlsx", run.corrections["运管所"].read_bytes())]


def test_leaders_mail_summarises_the_period_from_metrics(settings: Settings, run: Run) -> None:
    text = body_text(parse(run.build(settings)[0].read_bytes()))
    assert "本月各单位共报送信息29篇" in text
    assert "用稿：国家级1篇次、省部级4篇次、市级7篇次、县级9篇次、内部0篇次" in text
    assert "今年累计报送83篇" in text
    assert "省部级及以上媒体用稿：累计31篇，按进度应达12.5篇，超前于进度（全年目标突破50篇）" in text
    assert "“两办”信息采用：累计5篇，按进度应达9篇，滞后进度4篇（全年目标36篇）" in text
    assert "2个单位未达到报送频次要求：交管所、政工科" in text
    assert "共发现错误7处、提醒11处，已向3个单位发送退回修改清单，要求于2014年4月25日前改正" in text
    assert "1. 信息宣传工作通报_2014年3月.docx\n2. 信息宣传排名_2014年3月.xlsx" in text
    assert "{{" not in text and "{%" not in text


def test_body_mail_says_what_to_fix_and_by_when(settings: Settings, run: Run) -> None:
    paths = run.build(settings)
    text = body_text(parse(paths[2].read_bytes()))
    assert text.startswith("交管所：")
    assert "附件《交管所.xlsx》" in text
    assert "提醒3处" in text and "报送频次未达标：下半月" in text and "迟报1条（每月25日后报送）" in text
    assert "错误" not in text  # the body has no error findings
    assert "于2014年4月25日前将修改后的台账报局办公室" in text


def test_eml_files_are_7bit_with_encoded_chinese_headers_and_file_names(settings: Settings, run: Run) -> None:
    for path in run.build(settings):
        raw = path.read_bytes()
        raw.decode("ascii")  # nothing 8-bit: any server, any client
        assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
        assert max(len(line) for line in raw.split(b"\r\n")) < 998
        assert b"Subject: =?utf-8?" in raw
        assert b"filename*" in raw  # RFC 2231 in Content-Disposition
        assert b'name="=?utf-8?b?' in raw  # and RFC 2047 in Content-Type, as Outlook writes it
        msg = parse(raw)
        assert not msg.defects
        for part in msg.iter_attachments():
            assert not part.defects
            assert part.get_content_type().startswith("application/vnd.openxmlformats-officedocument.")
            assert part.get_param("name") == part.get_filename()


def test_two_runs_write_identical_files(settings: Settings, run: Run) -> None:
    first = {p.name: p.read_bytes() for p in run.build(settings)}
    second = {p.name: p.read_bytes() for p in run.build(settings)}
    assert first == second
    ids = {parse(raw)["Message-ID"] for raw in first.values()}
    assert len(ids) == len(first)
    assert all(i.startswith("<xcreport.2014-03.") and i.endswith("@example.gov.cn>") for i in ids)


def test_a_changed_report_changes_hash_and_message_id(settings: Settings, run: Run) -> None:
    before = parse(run.build(settings)[0].read_bytes())
    run.reports[0].write_bytes(b"PK corrected report")
    after = parse(run.build(settings)[0].read_bytes())
    assert before[HEADER_ATTACHMENTS] != after[HEADER_ATTACHMENTS]
    assert before["Message-ID"] != after["Message-ID"]


def test_old_mails_of_a_previous_run_are_replaced(settings: Settings, run: Run) -> None:
    run.build(settings)
    stray = run.outbox / "99_old.eml"
    stray.write_bytes(b"old")
    sent = run.outbox / "notes.txt"
    sent.write_text("{}\n", encoding="utf-8")
    del run.corrections["交管所"]
    names = {p.name for p in run.build(settings)}
    assert {p.name for p in run.outbox.glob("*.eml")} == names
    assert "02_退回修改_交管所_2014年3月.eml" not in names
    assert sent.exists()  # only the mails are replaced


def test_body_without_contact_gets_no_mail_and_is_reported(
    settings: Settings, run: Run, caplog: pytest.LogCaptureFixture
) -> None:
    configured = configure(settings, no_contact=("政工科",))
    with caplog.at_level(logging.WARNING):
        names = [p.name for p in run.build(configured)]
    assert "02_退回修改_政工科_2014年3月.eml" not in names
    assert len(names) == 3
    assert "政工科" in caplog.text and "contact" in caplog.text
    assert outbox_warnings(configured, run.corrections) == [
        "单位「政工科」未填写 contact（联系邮箱），退回修改清单未生成邮件"
    ]
    assert outbox_warnings(settings, run.corrections) == []


def test_annual_run_names_and_dates(settings: Settings, run: Run) -> None:
    year = Period("annual", 2014)
    metrics = make_metrics(year)
    paths = build_outbox(metrics, settings, year, run.out_dir, run.reports, {}, TEMPLATES)
    assert [p.name for p in paths] == ["01_领导_2014年度.eml"]
    msg = parse(paths[0].read_bytes())
    assert msg[HEADER_PERIOD] == "2014" and msg[HEADER_KIND] == "annual"
    assert msg["Date"].datetime.date() == dt.date(2015, 1, 1)
    text = body_text(msg)
    assert "全年各单位共报送信息29篇" in text and "今年累计" not in text


def _templates(folder: Path, leaders: str) -> Path:
    folder.mkdir()
    (folder / "mail_leaders.txt").write_text(leaders, encoding="utf-8")
    (folder / "mail_body.txt").write_text((TEMPLATES / "mail_body.txt").read_text("utf-8"), encoding="utf-8")
    return folder


def test_an_undefined_name_in_a_template_is_an_error_naming_it(
    settings: Settings, run: Run, tmp_path: Path
) -> None:
    folder = _templates(tmp_path / "tpl", "Subject: {{ period }}\n\n{{ submited }}\n")
    with pytest.raises(TemplateError, match=r"mail_leaders\.txt.*submited"):
        run.build(settings, folder)


def test_a_template_without_subject_line_is_an_error(settings: Settings, run: Run, tmp_path: Path) -> None:
    folder = _templates(tmp_path / "tpl", "各位领导：\n\n{{ submitted }}\n")
    with pytest.raises(TemplateError, match="Subject"):
        run.build(settings, folder)


def test_an_edited_template_is_used(settings: Settings, run: Run, tmp_path: Path) -> None:
    folder = _templates(
        tmp_path / "tpl", "{# 注释 #}\nSubject: 月报 {{ period }}\n\n本月报送{{ submitted }}篇。\n"
    )
    msg = parse(run.build(settings, folder)[0].read_bytes())
    assert msg["Subject"] == "月报 2014年3月"
    assert body_text(msg).strip() == "本月报送29篇。"


# -- the sent log -------------------------------------------------------------------------------


def _record(event: str, recipient: str = "a@example.gov.cn", hashes: tuple[str, ...] = ("h1",)) -> SentRecord:
    return SentRecord.from_json(
        SentRecord(
            event="begin",
            period="2014-03",
            kind="monthly",
            mail="leaders",
            body="",
            attachments=hashes,
            recipient=recipient,
        )
        .to_json()
        .replace('"begin"', f'"{event}"')
    )


def test_sent_log_states_and_a_torn_last_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    sent_log = SentLog(tmp_path / SENT_LOG_NAME)
    sent_log.append(
        [_record("begin"), _record("begin", "b@example.gov.cn"), _record("begin", "c@example.gov.cn")]
    )
    sent_log.append([_record("done"), _record("refused", "b@example.gov.cn")])
    with sent_log.path.open("ab") as fh:  # a crash in the middle of writing a line
        fh.write(b'{"ts": "2014-04-01T00:00:00+00:00", "event": "do')
    sent_log.append([_record("begin", "d@example.gov.cn", ("h2",))])
    with caplog.at_level(logging.WARNING):
        states = sent_log.states()
    assert "第6行无法读取" in caplog.text
    by_recipient = {k.recipient + "/" + ",".join(k.attachments): s for k, s in states.items()}
    assert by_recipient["a@example.gov.cn/h1"].delivered
    assert by_recipient["b@example.gov.cn/h1"].last == "refused"
    assert by_recipient["c@example.gov.cn/h1"].uncertain
    assert by_recipient["d@example.gov.cn/h2"].uncertain
    lines = sent_log.path.read_text("utf-8").splitlines()
    assert len(lines) == 7 and lines[-1].startswith('{"ts": ')


def test_sent_record_round_trips(tmp_path: Path) -> None:
    record = SentRecord(
        event="refused",
        period="2014-03",
        kind="monthly",
        mail="body",
        body="运管所",
        attachments=("ab" * 32,),
        recipient="Yunguan@Example.gov.cn",
        file="02_退回修改_运管所_2014年3月.eml",
        message_id="<x@y>",
        attempts=2,
        reason="550 no such user",
    )
    line = record.to_json()
    assert "运管所" in line  # readable, not \\u escaped
    assert SentRecord.from_json(line) == record
    assert record.key.recipient == "yunguan@example.gov.cn"


# -- configuration ------------------------------------------------------------------------------


def test_smtp_settings_from_config_and_environment(settings: Settings) -> None:
    target = resolve_smtp(settings, {})
    assert (target.host, target.port, target.user, target.security) == (
        "smtp.example.gov.cn",
        465,
        "xinxi@example.gov.cn",
        "ssl",
    )
    env = {
        "XCREPORT_SMTP_HOST": "127.0.0.1",
        "XCREPORT_SMTP_PORT": "2525",
        "XCREPORT_SMTP_USER": "other@example.gov.cn",
        "XCREPORT_SMTP_SECURITY": "STARTTLS",
    }
    target = resolve_smtp(settings, env)
    assert (target.host, target.port, target.user, target.security) == (
        "127.0.0.1",
        2525,
        "other@example.gov.cn",
        "starttls",
    )
    bare = configure(settings, smtp={"host": "mail.example.gov.cn", "security": "starttls"})
    assert resolve_smtp(bare, {}).port == 587
    assert resolve_smtp(bare, {"XCREPORT_SMTP_SECURITY": "none"}).port == 25
    assert resolve_smtp(bare, {}).sender == ""


@pytest.mark.parametrize(
    ("smtp", "env", "key"),
    [
        ({}, {}, "smtp.host"),
        ({"host": "127.0.0.1"}, {"XCREPORT_SMTP_PORT": "smtp"}, "XCREPORT_SMTP_PORT"),
        ({"host": "127.0.0.1"}, {"XCREPORT_SMTP_SECURITY": "tls"}, "XCREPORT_SMTP_SECURITY"),
    ],
)
def test_bad_smtp_settings_name_the_key(
    settings: Settings, smtp: dict[str, Any], env: dict[str, str], key: str
) -> None:
    with pytest.raises(ConfigError, match=key):
        resolve_smtp(configure(settings, smtp=smtp), env)


def test_sending_checks_the_configuration_first(settings: Settings, run: Run) -> None:
    run.build(settings)
    with pytest.raises(ConfigError, match=r"smtp\.host"):
        send_outbox(run.out_dir, configure(settings, smtp={}), env={})
    with pytest.raises(ConfigError, match="XCREPORT_SMTP_PASSWORD"):
        send_outbox(run.out_dir, settings, env={"XCREPORT_SMTP_HOST": "127.0.0.1"})
    assert not run.sent_log.exists()  # nothing began


def test_send_without_outbox_is_a_usage_error(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="outbox"):
        send_outbox(tmp_path, settings, env={})


def test_nothing_to_send_needs_no_server(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "outbox").mkdir()
    report = send_outbox(tmp_path, configure(settings, smtp={}), env={})
    assert report.ok and not report.sent
    assert format_send_report(report, tmp_path) == "邮件发送：outbox 中没有需要发送的邮件"


# -- the report for the clerk -------------------------------------------------------------------


def test_format_send_report_in_chinese() -> None:
    report = SendReport(
        sent=[Delivery("01.eml", f"a{i}@example.gov.cn", "s") for i in range(3)]
        + [Delivery("04.eml", "f@example.gov.cn", "s", corrected=True)],
        skipped=[Delivery("05.eml", "b@example.gov.cn", "s"), Delivery("06.eml", "b@example.gov.cn", "s")],
        refused=[Delivery("02.eml", "c@example.gov.cn", "s", "550 5.1.1 no such user")],
        failed=[Delivery("03.eml", "d@example.gov.cn", "s", "未发送（发送已中止）")],
        uncertain=[Delivery("01.eml", "e@example.gov.cn", "s", "上次发送中途中断，可能已送达")],
        stopped="邮件服务器 127.0.0.1:25 拒绝（554 no）",
        log=Path("发送记录.jsonl"),
    )
    text = format_send_report(report, Path("out"))
    assert text.splitlines()[0] == (
        "邮件发送：已发送 2 封（4 人次），其中更正 1 封，跳过此前已发送的 2 封，"
        "被拒收 1 封，未发送 1 封，状态不明 1 封"
    )
    assert "发送已中止：邮件服务器 127.0.0.1:25 拒绝（554 no）" in text
    assert "f@example.gov.cn  04.eml（更正）" in text
    assert "c@example.gov.cn  02.eml：550 5.1.1 no such user" in text
    assert "请检查后运行 xcreport send --out out 补发" in text
    assert "xcreport send --out out --resend" in text
    assert text.splitlines()[-1] == "发送记录：发送记录.jsonl"
    # said once: each delivery is on one line only
    assert text.count("a0@example.gov.cn") == 1 and text.count("e@example.gov.cn") == 1
    assert not report.ok
    assert SendReport(sent=report.sent, skipped=report.skipped).ok


def test_the_mail_and_the_report_print_one_figure_one_way(settings: Settings, tmp_path: Path) -> None:
    from xcreport.render.context import report_context

    metrics = make_metrics()
    metrics.targets = [TargetMetrics("R8-中国网", "中国网用稿", 50, 3, 4.17, "behind", shortfall=1.17)]
    mail = body_text(parse(make_run(tmp_path / "out").build(settings, metrics=metrics)[0].read_bytes()))
    report = "".join(report_context(metrics, settings, PERIOD)["overview"])
    assert "按进度应达4.17篇" in mail and "按进度应达4.17篇" in report
    assert "滞后进度1.17篇" in mail and "落后1.17篇" in report

"""xcreport remind: the reminder days counted back from the configured deadlines, a weekend day
moved to the Friday before, the bodies short of a duty mailed through the outbox and the sent log
— exactly those, and never twice for the same body, duty and day — and listed for the phone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLE_CONFIG, SAMPLE_LEDGERS
from tests.dumps import dump_eml
from tests.folder_factory import messy_folder
from tests.test_deliver import configure
from tests.test_deliver_smtp import HOST, Handler, only_localhost, start_server
from xcreport.cli import main
from xcreport.config import Settings, load_settings
from xcreport.errors import ConfigError
from xcreport.pipeline import load
from xcreport.remind import format_remind, run_remind
from xcreport.scoring.reminders import due_on, month_days

__all__ = ["only_localhost", "start_server"]  # the SMTP test server's fixtures, used here too
MARCH_13 = dt.date(2014, 3, 13)


def _with(settings: Settings, **sections: dict[str, Any]) -> Settings:
    data = settings.model_dump()
    for key, values in sections.items():
        data[key] = {**data[key], **values}
    return Settings.model_validate(data)


def _days(settings: Settings, year: int, month: int) -> list[tuple[str, str, str, str]]:
    return [(d.kind, d.nominal, d.day, d.deadline) for d in month_days(settings, year, month)]


def test_reminder_days_count_back_from_the_deadlines_and_leave_the_weekend(settings: Settings) -> None:
    # March 2014: the 13th is a Thursday; the 23rd a Sunday and the 29th a Saturday → Friday
    assert _days(settings, 2014, 3) == [
        ("first_half", "2014-03-13", "2014-03-13", "2014-03-15"),
        ("cutoff", "2014-03-23", "2014-03-21", "2014-03-25"),
        ("month_end", "2014-03-29", "2014-03-28", "2014-03-31"),
    ]
    kept = _with(settings, remind={"weekend": "keep"})
    assert [d[2] for d in _days(kept, 2014, 3)] == ["2014-03-13", "2014-03-23", "2014-03-29"]
    # another county's deadlines: halves of 1–10, cutoff the 20th; three days and one before
    other = _with(settings, cadence={"half_boundary_day": 10, "cutoff_day": 20}, remind={"cutoff": [3, 1]})
    assert [(d[0], d[2]) for d in _days(other, 2014, 4)] == [
        ("first_half", "2014-04-08"),
        ("cutoff", "2014-04-17"),
        ("cutoff", "2014-04-18"),  # the 19th is a Saturday
        ("month_end", "2014-04-28"),
    ]


def test_a_reminder_of_the_first_of_a_month_moves_back_into_the_month_before(settings: Settings) -> None:
    # 1 June 2014 is a Sunday: a reminder on the deadline day itself is sent on Friday 30 May
    early = _with(
        settings, cadence={"half_boundary_day": 1}, remind={"first_half": [0], "cutoff": [], "month_end": []}
    )
    [day] = due_on(early, dt.date(2014, 5, 30))
    assert (day.month, day.nominal, day.deadline) == ("2014-06", "2014-06-01", "2014-06-01")
    assert due_on(early, dt.date(2014, 6, 1)) == []


def _first_half_missing(ledgers: Path, settings: Settings, day: dt.date) -> set[str]:
    """Worked out here from the rows: units and project groups with no 动态信息 sent 1..day."""
    ledger = load(ledgers, settings, today=day).ledger
    start = dt.datetime(day.year, day.month, 1)
    sent = ledger.loc[
        (ledger["submitted"] >= start) & (ledger["submitted"] <= dt.datetime(day.year, day.month, day.day))
        & (ledger["category"] == "动态信息")
    ]  # fmt: skip
    senders = set(sent["body"].dropna())
    return {b.name for b in settings.bodies if b.group != "office" and b.name not in senders}


def _smtp(settings: Settings, port: int) -> Settings:
    return configure(
        settings, smtp={"host": HOST, "port": port, "security": "none", "sender": "xinxi@example.gov.cn"}
    )


def test_remind_mails_exactly_the_bodies_without_a_first_half_piece_and_a_second_run_nobody(
    settings: Settings, tmp_path: Path, start_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in ("XCREPORT_SMTP_HOST", "XCREPORT_SMTP_PORT", "XCREPORT_SMTP_SECURITY", "XCREPORT_SMTP_USER"):
        monkeypatch.delenv(key, raising=False)
    handler, port = start_server(Handler())
    configured = _smtp(settings, port)
    expected = _first_half_missing(SAMPLE_LEDGERS, settings, MARCH_13)
    assert expected  # the sample has a body without a first-half piece by the 13th
    first = run_remind(SAMPLE_LEDGERS, configured, tmp_path, today=MARCH_13, send=True)
    assert {r.body for r in first.reminders} == expected
    contacts = {settings.body_by_name[b].contact for b in expected}
    assert set(handler.recipients) == contacts and len(handler.recipients) == len(contacts)
    assert first.send_report is not None and first.send_report.ok
    again = run_remind(SAMPLE_LEDGERS, configured, tmp_path, today=MARCH_13, send=True)
    assert again.send_report is not None
    assert (len(again.send_report.sent), len(again.send_report.skipped)) == (0, len(contacts))
    assert len(handler.recipients) == len(contacts)  # nobody mailed twice
    summary = (tmp_path / "催报提醒" / "summary_2014-03-13.json").read_text(encoding="utf-8")
    assert '"kind": "remind"' in summary and all(b in summary for b in expected)


def _shortfalls(settings: Settings, ledgers: Path, day: dt.date) -> set[str]:
    """Worked out here: units and groups with no 动态信息 sent 16..day; offices with nothing 1..day."""
    ledger = load(ledgers, settings, today=day).ledger
    end = dt.datetime(day.year, day.month, day.day)
    month = ledger.loc[
        (ledger["submitted"] >= dt.datetime(day.year, day.month, 1)) & (ledger["submitted"] <= end)
    ]
    second = month.loc[(month["submitted"].dt.day > 15) & (month["category"] == "动态信息")]
    units = {b.name for b in settings.bodies if b.group != "office" and b.name not in set(second["body"])}
    return units | {
        b.name for b in settings.bodies if b.group == "office" and b.name not in set(month["body"])
    }


def test_a_cutoff_reminder_on_a_sunday_is_sent_on_the_friday(settings: Settings, tmp_path: Path) -> None:
    names = [b.name for b in settings.bodies]
    ledgers = messy_folder(tmp_path / "台账", names, months=[3], skip={"交管所": {3}, "政工科": {3}}, seed=13)
    friday, sunday = dt.date(2014, 3, 21), dt.date(2014, 3, 23)
    moved = run_remind(ledgers, settings, tmp_path / "out", today=friday)
    assert [(d.kind, d.nominal) for d in moved.days] == [("cutoff", "2014-03-23")]
    assert {r.body for r in moved.reminders} == _shortfalls(settings, ledgers, friday) >= {"交管所", "政工科"}
    assert {r.duty for r in moved.reminders if r.body == "政工科"} == {"month"}
    assert all(r.deadline == "2014-03-25" for r in moved.reminders)
    assert "原定3月23日逢周末，提前到今天" in format_remind(moved)
    # on the Sunday itself nothing is sent: that reminder went out on Friday
    assert run_remind(ledgers, settings, tmp_path / "out", today=sunday).days == []
    # a county that keeps weekend days reminds on the Sunday, of what is still missing by then
    kept = run_remind(ledgers, _with(settings, remind={"weekend": "keep"}), tmp_path / "kept", today=sunday)
    assert {r.body for r in kept.reminders} == _shortfalls(settings, ledgers, sunday)


def test_the_second_half_is_not_asked_for_before_it_begins(settings: Settings, tmp_path: Path) -> None:
    # a cutoff reminder twelve days early falls on the 13th, inside the first half: offices only
    early = _with(settings, remind={"cutoff": [12], "first_half": []})
    result = run_remind(SAMPLE_LEDGERS, early, tmp_path, today=MARCH_13)
    assert [d.kind for d in result.days] == ["cutoff"]
    assert {r.duty for r in result.reminders} <= {"month"}


def test_a_body_without_a_mail_address_is_listed_for_the_phone(settings: Settings, tmp_path: Path) -> None:
    expected = _first_half_missing(SAMPLE_LEDGERS, settings, MARCH_13)
    body = sorted(expected)[0]
    result = run_remind(SAMPLE_LEDGERS, configure(settings, no_contact=(body,)), tmp_path, today=MARCH_13)
    [listed] = [r for r in result.reminders if r.body == body]
    assert listed.mail == "" and listed.correspondents  # the sample roster gives names and phones
    text = format_remind(result)
    assert f"{body}：已报送0篇，应报送1篇" in text and "无邮箱，请电话通知" in text
    assert listed.correspondents[0] in text
    assert not list((tmp_path / "催报提醒" / "outbox").glob(f"*{body}*"))


def test_a_day_that_is_no_reminder_day_names_the_next_and_writes_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    result = run_remind(SAMPLE_LEDGERS, settings, tmp_path, today=dt.date(2014, 3, 14))
    assert result.days == [] and result.next_day is not None and result.next_day.day == "2014-03-21"
    assert "下一个提醒日是2014年3月21日（星期五" in format_remind(result)
    assert not (tmp_path / "催报提醒").exists()


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "remind",
        "--ledgers",
        str(SAMPLE_LEDGERS),
        "--config",
        str(SAMPLE_CONFIG),
        "--out",
        str(tmp_path),
    ]
    assert main([*args, "--today", "2014-03-13"]) == 0
    out = capsys.readouterr().out
    assert "催报提醒：2014年3月13日（星期四）" in out and "未发送；加 --send 发送" in out
    assert list((tmp_path / "催报提醒" / "outbox").glob("03_催报_*_2014-03-13_上半月.eml"))


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("first_half = [2]", "first_half = [15]", "remind.first_half[0]"),  # before the 1st
        ("cutoff = [2]", 'cutoff = ["2"]', "remind.cutoff[0]"),  # a number in quotes
        ('weekend = "friday"', 'weekend = "sunday"', "remind.weekend"),
    ],
)
def test_a_wrong_remind_section_is_one_line_naming_the_key(
    old: str, new: str, key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "xcreport.toml"
    config.write_text(SAMPLE_CONFIG.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert key in str(caught.value) and "第" in str(caught.value)
    code = main(["remind", "--config", str(config), "--out", str(tmp_path / "out"), "--today", "2014-03-13"])
    err = capsys.readouterr().err
    assert code == 2 and key in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_another_county_s_deadlines_and_minimums_are_what_the_reminder_says(
    settings: Settings, tmp_path: Path
) -> None:
    # halves of 1–10, two pieces a half, cutoff the 20th: the first-half reminder is on the 8th
    data = settings.model_dump()
    for group in data["groups"]:
        if group["cadence"] == "half-month":
            group["minimum"] = 2
    other = _with(
        Settings.model_validate(data),
        cadence={"half_boundary_day": 10, "cutoff_day": 20},
        remind={"first_half": [2]},
    )
    result = run_remind(SAMPLE_LEDGERS, other, tmp_path, today=dt.date(2014, 4, 8))
    assert [(d.kind, d.deadline) for d in result.days] == [("first_half", "2014-04-10")]
    assert result.reminders and all(
        r.need == 2 and r.label == "4月上半月（1—10日）动态信息" for r in result.reminders
    )
    [mail] = sorted((tmp_path / "催报提醒" / "outbox").glob("*.eml"))[:1]
    text = dump_eml(mail)
    assert "上下半月各至少报送2篇动态信息" in text and "2014年4月10日前" in text
    assert "每期政务信息" not in text  # the cutoff's sentence is for the cutoff reminder only

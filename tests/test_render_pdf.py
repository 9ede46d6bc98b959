"""The PDF beside the .docx: written when LibreOffice is installed, a clear note when it is not or
when it hangs (the run goes on), the same bytes twice, attached to the leaders' mail only when
the configuration says so; and the 期号 and 成文日期 the command line sets."""

from __future__ import annotations

import datetime as dt
import email
import os
import stat
import time
from email import policy
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_LEDGERS
from tests.dumps import dump_docx
from xcreport.config import Settings
from xcreport.pipeline import run_report
from xcreport.render.ooxml import fixed_timestamp
from xcreport.render.pdf import PdfError, convert_to_pdf, fixed_pdf

TODAY = dt.date(2015, 1, 20)


def _leaders_attachments(out: Path) -> list[str]:
    mail = next(out.rglob("outbox/01_领导_*.eml"))  # in the period's folder
    msg = email.message_from_bytes(mail.read_bytes(), policy=policy.default)
    return [part.get_filename() or "" for part in msg.iter_attachments()]


def _fake_office(folder: Path, script: str) -> None:
    """A ``soffice`` on the PATH that runs ``script`` (sh) instead of LibreOffice."""
    folder.mkdir(exist_ok=True)
    path = folder / "soffice"
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_without_libreoffice_the_run_goes_on_and_says_so(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run_report("monthly", SAMPLE_LEDGERS, settings, tmp_path / "out", today=TODAY)
    assert result.outputs.report is not None and result.outputs.report.is_file()
    assert result.outputs.report_pdf is None
    assert not list((tmp_path / "out").rglob("*.pdf"))
    assert any("未安装 LibreOffice" in note and "未生成 PDF" in note for note in result.notes)
    # the leaders' mail goes without it, with the .docx and the ranking
    assert _leaders_attachments(tmp_path / "out") == [
        "信息宣传工作通报_2014年12月.docx",
        "信息宣传排名_2014年12月.xlsx",
    ]


def test_a_hanging_libreoffice_is_ended_at_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "child"
    _fake_office(tmp_path / "bin", f"sleep 60 &\necho $! > {marker}\nwait")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    docx = tmp_path / "r.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(PdfError, match="超过1秒未完成"):
        convert_to_pdf(docx, tmp_path / "r.pdf", fixed_timestamp(dt.date(2014, 3, 31)), timeout=1)
    assert not (tmp_path / "r.pdf").exists()
    assert not _running(int(marker.read_text()))  # its child (the sleep) was ended with it


def _running(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    for _ in range(50):  # the kill is delivered at once; give the kernel a moment to tell
        if not status.exists() or "State:\tZ" in status.read_text():
            return False
        time.sleep(0.02)
    return True


def test_a_libreoffice_that_writes_nothing_is_a_clear_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_office(tmp_path / "bin", "exit 0")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    docx = tmp_path / "r.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(PdfError, match="未能把通报转换为 PDF"):
        convert_to_pdf(docx, tmp_path / "r.pdf", fixed_timestamp(dt.date(2014, 3, 31)))


def test_the_pdf_is_mailed_only_when_configured(settings: Settings, tmp_path: Path) -> None:
    assert settings.mail.attach_pdf  # the sample attaches it
    off = settings.model_copy(update={"mail": settings.mail.model_copy(update={"attach_pdf": False})})
    result = run_report("monthly", SAMPLE_LEDGERS, off, tmp_path, today=TODAY)
    assert result.outputs.report_pdf is not None and result.outputs.report_pdf.is_file()
    assert result.outputs.report_pdf.read_bytes().startswith(b"%PDF")
    assert "信息宣传工作通报_2014年12月.pdf" not in _leaders_attachments(tmp_path)


def test_fixed_pdf_keeps_the_length_and_depends_only_on_the_content() -> None:
    def pdf(when: bytes, ident: bytes) -> bytes:
        return (
            b"%PDF-1.5\n<</CreationDate(D:"
            + when
            + b"Z')>>\ntrailer <</ID [ <"
            + ident
            + b"> <"
            + ident
            + b"> ]>>"
        )

    stamp = fixed_timestamp(dt.date(2014, 3, 31))
    a = fixed_pdf(pdf(b"20261202192153", b"D048E07D546911E3"), stamp)
    b = fixed_pdf(pdf(b"20250101000000", b"0123456789ABCDEF"), stamp)
    assert a == b and len(a) == len(pdf(b"20261202192153", b"D048E07D546911E3"))
    assert b"D:20140331120000Z'" in a and b"D048E07D546911E3" not in a


def test_issue_number_and_date_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from xcreport.cli import main

    out = tmp_path / "out"
    args = ["monthly", "--out", str(out), "--today", "2015-01-20", "--issue-no", "15", "--date", "2015-01-22"]
    assert main(args) == 0
    text = dump_docx(next(out.rglob("信息宣传工作通报_2014年12月.docx")))
    assert "期号: 〔2014〕第15期" in text
    assert "发文行: 示例县交通运输局办公室\t2015年1月22日" in text and "落款: 2015年1月22日" in text
    assert "示例县交通运输局办公室\t2015年1月22日印发" in text
    assert "信息宣传工作通报_2014年12月.pdf" in capsys.readouterr().out


def test_the_date_defaults_to_the_run_s_date_not_the_period_s_end(settings: Settings, tmp_path: Path) -> None:
    result = run_report("annual", SAMPLE_LEDGERS, settings, tmp_path, today=TODAY, year=2014)
    assert result.outputs.report is not None
    text = dump_docx(result.outputs.report)
    assert "落款: 2015年1月20日" in text and "2014年12月31日" not in text

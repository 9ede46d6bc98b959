"""A real client reads the reports: LibreOffice converts them to PDF, pdftotext reads them back.

A missing LibreOffice fails these tests (never a skip); .ci/run installs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT, office_binary
from tests.metrics_factory import ANNUAL, MONTHLY, annual_metrics, monthly_metrics
from xcreport.config import Settings
from xcreport.metrics import Metrics
from xcreport.period import Period
from xcreport.render import render_report
from xcreport.text import num

TEMPLATES = ROOT / "xcreport" / "templates"


def _to_pdf(docx: Path, tmp_path: Path) -> tuple[str, int]:
    soffice = office_binary()
    for tool in ("pdftotext", "pdfinfo"):
        assert shutil.which(tool), f"{tool} (poppler-utils) is required"
    profile = (tmp_path / "lo-profile").as_uri()
    out = tmp_path / "pdf"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = out / f"{docx.stem}.pdf"
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return text.decode("utf-8"), pages


def _squeeze(text: str) -> str:
    """The text without white space and without the page-number lines, so that a sentence broken
    across pages reads as one."""
    lines = [
        line for line in text.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line.replace("\f", ""))
    ]
    return "".join("".join(lines).split())


def _check(metrics: Metrics, period: Period, settings: Settings, tmp_path: Path, name: str) -> str:
    docx = render_report(metrics, settings, period, TEMPLATES, tmp_path / name)
    text, pages = _to_pdf(docx, tmp_path)
    assert 2 <= pages <= 12, pages
    flat = _squeeze(text)
    for body in metrics.bodies:
        assert body.body in flat, body.body
    assert "信息宣传工作通报" in flat
    assert f"关于{period.year}年" in flat
    assert "示例县交通运输局办公室" in flat
    assert f"共报送信息宣传稿件{metrics.totals.submitted}篇" in flat
    top = metrics.bodies[0]
    assert f"{top.body}（{num(top.score)}分）" in flat
    assert re.search(r"^\s*—\s*1\s*—\s*$", text, re.MULTILINE)  # the page number in the footer
    return flat


def test_monthly_report_opens_in_libreoffice(settings: Settings, tmp_path: Path) -> None:
    flat = _check(monthly_metrics(settings), MONTHLY, settings, tmp_path, "m.docx")
    assert "按进度应达12.5篇，超前16.5篇" in flat
    assert "2014年3月31日" in flat
    assert "图1" in flat and "图2" in flat


def test_annual_report_opens_in_libreoffice(settings: Settings, tmp_path: Path) -> None:
    metrics = annual_metrics(settings)
    flat = _check(metrics, ANNUAL, settings, tmp_path, "a.docx")
    assert "年度任务完成和综合考核情况" in flat
    assert "先进单位" in flat and metrics.advanced_units[0] in flat
    assert "2014年12月31日" in flat

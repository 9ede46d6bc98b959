"""Golden tests through the real pipeline: the sample county's ledgers read, checked, scored and
rendered as ``make monthly`` and ``make annual`` do, every output dumped to text (tests/dumps.py).

These pin what the office sees — summary.json, the findings list row by row, the 通报's paragraphs
and tables, the ranking workbook, the mails — so that a change of code that should not change an
output is proved not to.  ``XCREPORT_UPDATE_GOLDEN=1`` rewrites them after a deliberate change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_LEDGERS
from tests.dumps import assert_golden, dump_docx, dump_eml, dump_xlsx
from xcreport.config import Settings
from xcreport.pipeline import run_report

TODAY = dt.date(2015, 1, 20)


@pytest.fixture(scope="module")
def monthly(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    return run_report("monthly", SAMPLE_LEDGERS, settings, tmp_path_factory.mktemp("m"), today=TODAY).out_dir


@pytest.fixture(scope="module")
def annual(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    root = tmp_path_factory.mktemp("a")
    return run_report("annual", SAMPLE_LEDGERS, settings, root, today=TODAY, year=2014).out_dir


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.rglob(pattern))
    assert len(found) == 1, f"{pattern}: {found}"
    return found[0]


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_summary(kind: str, request: pytest.FixtureRequest) -> None:
    out: Path = request.getfixturevalue(kind)
    assert_golden(_one(out, "summary.json").read_text(encoding="utf-8"), f"sample_{kind}_summary.json")


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_report_text(kind: str, request: pytest.FixtureRequest) -> None:
    out: Path = request.getfixturevalue(kind)
    assert_golden(dump_docx(_one(out, "信息宣传工作通报_*.docx")), f"sample_{kind}_report.txt")


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_ranking(kind: str, request: pytest.FixtureRequest) -> None:
    out: Path = request.getfixturevalue(kind)
    assert_golden(dump_xlsx(_one(out, "信息宣传排名_*.xlsx")), f"sample_{kind}_ranking.txt")


def test_findings_list(monthly: Path) -> None:
    assert_golden(dump_xlsx(_one(monthly, "校验问题清单_*.xlsx")), "sample_monthly_findings.txt")


def test_correction_lists(monthly: Path) -> None:
    lists = sorted((monthly / "退回修改").glob("*.xlsx"))
    text = "".join(f"# {p.name}\n{dump_xlsx(p)}" for p in lists)
    assert_golden(text, "sample_monthly_corrections.txt")


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_mails(kind: str, request: pytest.FixtureRequest) -> None:
    out: Path = request.getfixturevalue(kind)
    mails = sorted((out / "outbox").glob("*.eml"))
    assert mails
    text = "".join(f"# {p.name}\n{dump_eml(p)}" for p in mails)
    assert_golden(text, f"sample_{kind}_mails.txt")

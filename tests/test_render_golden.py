"""Golden tests of the renderers alone: hand-built Metrics (tests/metrics_factory.py), every list
of the report filled, dumped to text (tests/dumps.py) against files in tests/golden/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.dumps import GOLDEN, assert_golden, dump_docx, dump_xlsx
from tests.metrics_factory import ANNUAL, MONTHLY, annual_metrics, monthly_metrics, sample_findings
from xcreport.config import Settings
from xcreport.render import Outputs, render_all, render_findings_only

TEMPLATES = ROOT / "xcreport" / "templates"


def _files(outputs: Outputs) -> list[Path]:
    """The files of a render in the order they are written: the documents, then the 退回修改 lists."""
    return [*outputs.documents, *outputs.corrections.values()]


def _render_monthly(settings: Settings, out: Path) -> list[Path]:
    return _files(render_all(monthly_metrics(settings), sample_findings(), settings, MONTHLY, out, TEMPLATES))


def _render_annual(settings: Settings, out: Path) -> list[Path]:
    return _files(render_all(annual_metrics(settings), sample_findings(), settings, ANNUAL, out, TEMPLATES))


def test_monthly_outputs_match_golden(settings: Settings, tmp_path: Path) -> None:
    paths = _render_monthly(settings, tmp_path)
    names = [p.relative_to(tmp_path).as_posix() for p in paths]
    assert names == [
        "信息宣传工作通报_2014年3月.docx",
        "信息宣传工作通报_2014年3月.pdf",
        "信息宣传排名_2014年3月.xlsx",
        "校验问题清单_2014年3月.xlsx",
        "退回修改/运管所.xlsx",
        "退回修改/海事处.xlsx",
        "退回修改/航道站.xlsx",
        "退回修改/政策法规科.xlsx",
    ]
    assert_golden(dump_docx(paths[0]), "monthly_report.txt")
    assert_golden(dump_xlsx(paths[2]), "monthly_ranking.txt")
    assert_golden(dump_xlsx(paths[3]), "findings.txt")
    assert_golden(dump_xlsx(paths[4]), "correction_运管所.txt")


def test_annual_outputs_match_golden(settings: Settings, tmp_path: Path) -> None:
    paths = _render_annual(settings, tmp_path)
    assert paths[0].name == "信息宣传工作通报_2014年度.docx"
    assert paths[1].name == "信息宣传工作通报_2014年度.pdf"
    assert paths[2].name == "信息宣传排名_2014年度.xlsx"
    assert paths[3].name == "校验问题清单_2014年度.xlsx"
    assert_golden(dump_docx(paths[0]), "annual_report.txt")
    assert_golden(dump_xlsx(paths[2]), "annual_ranking.txt")


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_two_renders_give_the_same_documents(settings: Settings, tmp_path: Path, kind: str) -> None:
    render = _render_monthly if kind == "monthly" else _render_annual
    first = render(settings, tmp_path / "a")
    second = render(settings, tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        if a.suffix != ".pdf":  # the PDF is compared byte for byte only
            dump = dump_docx if a.suffix == ".docx" else dump_xlsx
            assert dump(a) == dump(b), a.name
        assert a.read_bytes() == b.read_bytes(), f"{a.name}: bytes differ between two runs"


def test_findings_only_names(settings: Settings, tmp_path: Path) -> None:
    paths = _files(render_findings_only(sample_findings(), settings, tmp_path))
    assert paths[0] == tmp_path / "校验问题清单.xlsx"
    assert dump_xlsx(paths[0]) == (GOLDEN / "findings.txt").read_text(encoding="utf-8")
    assert {p.parent.name for p in paths[1:]} == {"退回修改"}

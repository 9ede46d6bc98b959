"""Golden tests on meaning: the rendered documents, dumped to text, against files in tests/golden/.

A .docx is dumped to its paragraphs (with their style) and table rows, an .xlsx to the values of
every sheet (numbers stay numbers, text is quoted), so a diff shows what a reader would see change.

To accept a deliberate change, regenerate the golden files and review the diff::

    XCREPORT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.conftest import ROOT
from tests.metrics_factory import ANNUAL, MONTHLY, annual_metrics, monthly_metrics, sample_findings
from xcreport.config import Settings
from xcreport.render import render_all, render_findings_only

GOLDEN = Path(__file__).parent / "golden"
TEMPLATES = ROOT / "templates"


def dump_docx(path: Path) -> str:
    """Paragraphs (``style: text``), table rows (``| a | b |``) and pictures, in document order."""
    doc = Document(str(path))
    styles = {s.style_id: s.name for s in doc.styles}
    lines: list[str] = []
    for el in doc.element.body:
        if el.tag == qn("w:p"):
            text = "".join(
                "\t" if t.tag == qn("w:tab") else t.text or "" for t in el.iter(qn("w:t"), qn("w:tab"))
            )
            style_el = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            style = styles.get(style_el.get(qn("w:val")), "?") if style_el is not None else "Normal"
            if el.findall(f".//{qn('w:drawing')}"):
                text = "[图片]" + text
            lines.append(f"{style}: {text}")
        elif el.tag == qn("w:tbl"):
            for tr in el.iter(qn("w:tr")):
                cells = []
                for tc in tr.iter(qn("w:tc")):
                    parts = [
                        "/" if node.tag == qn("w:br") else node.text or ""
                        for node in tc.iter(qn("w:t"), qn("w:br"))
                    ]
                    cells.append("".join(parts))
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def dump_xlsx(path: Path) -> str:
    """Every sheet's cell values row by row, as JSON (so ``1`` and ``"1"`` differ)."""
    wb = openpyxl.load_workbook(path)
    lines: list[str] = []
    for ws in wb.worksheets:
        lines.append(f"## {ws.title}")
        for row in ws.iter_rows(values_only=True):
            lines.append(json.dumps(list(row), ensure_ascii=False))
    return "\n".join(lines) + "\n"


def assert_golden(text: str, name: str) -> None:
    """Compare with tests/golden/<name>; with XCREPORT_UPDATE_GOLDEN=1, write it instead."""
    path = GOLDEN / name
    if os.environ.get("XCREPORT_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}; run with XCREPORT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def _render_monthly(settings: Settings, out: Path) -> list[Path]:
    return render_all(monthly_metrics(settings), sample_findings(), settings, MONTHLY, out, TEMPLATES)


def _render_annual(settings: Settings, out: Path) -> list[Path]:
    return render_all(annual_metrics(settings), sample_findings(), settings, ANNUAL, out, TEMPLATES)


def test_monthly_outputs_match_golden(settings: Settings, tmp_path: Path) -> None:
    paths = _render_monthly(settings, tmp_path)
    names = [p.relative_to(tmp_path).as_posix() for p in paths]
    assert names == [
        "信息宣传工作通报_2014年3月.docx",
        "信息宣传排名_2014年3月.xlsx",
        "校验问题清单_2014年3月.xlsx",
        "退回修改/运管所.xlsx",
        "退回修改/海事处.xlsx",
        "退回修改/航道站.xlsx",
        "退回修改/政策法规科.xlsx",
    ]
    assert_golden(dump_docx(paths[0]), "monthly_report.txt")
    assert_golden(dump_xlsx(paths[1]), "monthly_ranking.txt")
    assert_golden(dump_xlsx(paths[2]), "findings.txt")
    assert_golden(dump_xlsx(paths[3]), "correction_运管所.txt")


def test_annual_outputs_match_golden(settings: Settings, tmp_path: Path) -> None:
    paths = _render_annual(settings, tmp_path)
    assert paths[0].name == "信息宣传工作通报_2014年度.docx"
    assert paths[1].name == "信息宣传排名_2014年度.xlsx"
    assert paths[2].name == "校验问题清单_2014年度.xlsx"
    assert_golden(dump_docx(paths[0]), "annual_report.txt")
    assert_golden(dump_xlsx(paths[1]), "annual_ranking.txt")


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_two_renders_give_the_same_documents(settings: Settings, tmp_path: Path, kind: str) -> None:
    render = _render_monthly if kind == "monthly" else _render_annual
    first = render(settings, tmp_path / "a")
    second = render(settings, tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        dump = dump_docx if a.suffix == ".docx" else dump_xlsx
        assert dump(a) == dump(b), a.name
        assert a.read_bytes() == b.read_bytes(), f"{a.name}: bytes differ between two runs"


def test_findings_only_names(settings: Settings, tmp_path: Path) -> None:
    paths = render_findings_only(sample_findings(), settings, tmp_path, None)
    assert paths[0] == tmp_path / "校验问题清单.xlsx"
    assert dump_xlsx(paths[0]) == (GOLDEN / "findings.txt").read_text(encoding="utf-8")
    labelled = render_findings_only(sample_findings(), settings, tmp_path / "m", "2014年3月")
    assert labelled[0].name == "校验问题清单_2014年3月.xlsx"
    assert {p.parent.name for p in labelled[1:]} == {"退回修改"}

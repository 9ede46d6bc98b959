"""GB/T 9704-2012 after rendering: the .docx XML (page, grid, fonts, footers, 版记) and the PDF
LibreOffice made of it (page numbers where the standard puts them, the 版记 at the foot of the
last page, which is even, no number on it nor on a blank page before it, 22 lines of 28
characters).

The sample county's reports are rendered through the pipeline, as ``make monthly`` renders them;
the PDF is the one the run wrote beside the .docx (``pdftotext -bbox`` reads it back).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from docx.oxml import parse_xml

from tests.conftest import SAMPLE_LEDGERS, office_binary
from xcreport.config import Settings
from xcreport.pipeline import RunResult, run_report
from xcreport.text import display_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MM = 72 / 25.4  # PDF points per millimetre
TWIPS_PER_MM = 1440 / 25.4
#: The standard's page: A4, margins top 37, bottom 35, left 28, right 26 mm; 22 lines × 28 characters.
PAGE_MM, MARGINS_MM = (210, 297), {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_BOTTOM_MM = 297 - 35
ONE_CHAR_MM = 14 / MM  # a 4号 character beside the page number


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> dict[str, RunResult]:
    office_binary()  # LibreOffice is needed: its absence fails, never skips
    folder = tmp_path_factory.mktemp("layout")
    today = dt.date(2015, 1, 20)
    return {
        "monthly": run_report("monthly", SAMPLE_LEDGERS, settings, folder / "m", today=today),
        "annual": run_report("annual", SAMPLE_LEDGERS, settings, folder / "a", today=today, year=2014),
    }


def _xml(docx: Path, name: str) -> Any:
    with zipfile.ZipFile(docx) as z:
        return parse_xml(z.read(name))


def _part_of(docx: Path, rid: str) -> str:
    rels = _xml(docx, "word/_rels/document.xml.rels")
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    return f"word/{target}"


def _footers(docx: Path, sect: Any) -> dict[str, Any]:
    """type (default = odd pages, even) → the footer part's root, for one section."""
    refs = sect.findall(f"{W}footerReference")
    return {ref.get(f"{W}type"): _xml(docx, _part_of(docx, ref.get(f"{R}id"))) for ref in refs}


def _text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def _has_page_field(el: Any) -> bool:
    return any("PAGE" in (t.text or "") for t in el.iter(f"{W}instrText"))


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_docx_page_grid_fonts_and_footers(runs: dict[str, RunResult], kind: str) -> None:
    docx = runs[kind].outputs.report
    assert docx is not None
    body = _xml(docx, "word/document.xml").find(f"{W}body")
    sections = [*body.iter(f"{W}sectPr")]
    assert len(sections) == 2  # the text, then the 版记
    for sect in sections:
        size = sect.find(f"{W}pgSz")
        assert (
            round(int(size.get(f"{W}w")) / TWIPS_PER_MM),
            round(int(size.get(f"{W}h")) / TWIPS_PER_MM),
        ) == PAGE_MM
        margins = sect.find(f"{W}pgMar")
        assert {k: round(int(margins.get(f"{W}{k}")) / TWIPS_PER_MM) for k in MARGINS_MM} == MARGINS_MM
        grid = sect.find(f"{W}docGrid")
        text_height = int(size.get(f"{W}h")) - int(margins.get(f"{W}top")) - int(margins.get(f"{W}bottom"))
        assert round(text_height / int(grid.get(f"{W}linePitch"))) == 22
    styles = _xml(docx, "word/styles.xml")
    normal = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    size_twips = int(normal.find(f"{W}rPr/{W}sz").get(f"{W}val")) * 10  # half-points → twips
    spacing = int(normal.find(f"{W}rPr/{W}spacing").get(f"{W}val"))
    text_width = 11906 - 1587 - 1474
    assert size_twips == 320 and text_width // (size_twips + spacing) == 28  # 3号, 28 to a line
    assert normal.find(f"{W}pPr/{W}spacing").get(f"{W}line") == grid.get(f"{W}linePitch")
    assert _xml(docx, "word/settings.xml").find(f"{W}evenAndOddHeaders") is not None

    text, colophon = sections
    footers = _footers(docx, text)
    for kind_, side in (("default", "right"), ("even", "left")):
        para = footers[kind_].find(f"{W}p")
        assert para.find(f"{W}pPr/{W}jc").get(f"{W}val") == side
        assert para.find(f"{W}pPr/{W}ind").get(f"{W}{side}") == "280"  # one 4号 character
        assert para.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "PageNumber"
        assert _has_page_field(para) and _text(para).startswith("— ") and _text(para).endswith(" —")
    page_number = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "PageNumber")
    assert page_number.find(f"{W}rPr/{W}sz").get(f"{W}val") == "28"  # 4号
    assert page_number.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "宋体"

    assert colophon.find(f"{W}type").get(f"{W}val") == "evenPage"
    assert colophon.find(f"{W}pgMar").get(f"{W}footer") == colophon.find(f"{W}pgMar").get(f"{W}bottom")
    for footer in _footers(docx, colophon).values():
        assert not _has_page_field(footer)
        rows = footer.findall(f"{W}tbl/{W}tr")
        assert [_text(r) for r in rows] == [
            "抄送：市交通运输局办公室，县委宣传部。",
            "示例县交通运输局办公室2015年1月20日印发",
        ]
    rules = {
        b.tag.removeprefix(W): b.get(f"{W}sz")
        for b in next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "ColophonTable").iter()
        if b.getparent() is not None and b.getparent().tag == f"{W}tblBorders"
    }
    assert rules == {"top": "8", "bottom": "8", "insideH": "6"}  # 0.35 mm, 0.25 mm between


@dataclass
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _pages(pdf: Path) -> list[list[Word]]:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is required"
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True).stdout
    pages = re.findall(rb"<page [^>]*>(.*?)</page>", html, re.S)
    found = rb'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [
        [
            Word(float(a) / MM, float(b) / MM, float(c) / MM, float(d) / MM, t.decode())
            for a, b, c, d, t in re.findall(found, page)
        ]
        for page in pages
    ]


def _page_number(words: list[Word]) -> list[Word]:
    return [w for w in words if w.y0 > TEXT_BOTTOM_MM + 2]


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_pdf_page_numbers_and_the_colophon(runs: dict[str, RunResult], kind: str) -> None:
    pdf = runs[kind].outputs.report_pdf
    assert pdf is not None and pdf.name.endswith(".pdf")
    pages = _pages(pdf)
    assert len(pages) % 2 == 0  # the 版记 on the last page, an even one
    last = pages[-1]
    assert any("印发" in w.text for w in last) and any(w.text.startswith("抄送") for w in last)
    assert not _page_number(last)
    assert TEXT_BOTTOM_MM - 15 < max(w.y1 for w in last) <= TEXT_BOTTOM_MM + 1  # at the foot of the text
    body_pages = pages[:-1]
    if not body_pages[-1]:  # a blank page before the 版记: no number on it either
        body_pages = body_pages[:-1]
    assert all(body_pages)
    for n, words in enumerate(body_pages, start=1):
        number = _page_number(words)
        assert [w.text for w in number] == ["—", str(n), "—"], (n, number)
        top = min(w.y0 for w in number)
        assert TEXT_BOTTOM_MM + 4 < top < TEXT_BOTTOM_MM + 9, top  # 7 mm below the text, give or take
        if n % 2:  # odd pages right, one character in
            assert abs(number[-1].x1 - (210 - 26 - ONE_CHAR_MM)) < 1.5, number[-1]
        else:
            assert abs(number[0].x0 - (28 + ONE_CHAR_MM)) < 1.5, number[0]


def test_pdf_lines_keep_to_the_grid(runs: dict[str, RunResult]) -> None:
    pdf = runs["monthly"].outputs.report_pdf
    assert pdf is not None
    pitches: list[float] = []
    widest = 0
    for words in _pages(pdf)[:-1]:
        lines: dict[float, list[Word]] = {}
        for w in words:
            if 6.5 < w.y1 - w.y0 < 8 and w.y0 < TEXT_BOTTOM_MM:  # 3号 body text
                lines.setdefault(round(w.y0, 1), []).append(w)
        tops = sorted(lines)
        pitches += [b - a for a, b in itertools.pairwise(tops)]
        assert len(tops) <= 22
        for line in lines.values():
            widest = max(widest, display_width("".join(w.text for w in line)))
    grid = 28.95 / MM
    assert sum(abs(p - grid) < 0.2 for p in pitches) > len(pitches) / 2  # mostly on the 28.95 pt grid
    assert widest == 56  # 28 full-width characters on the fullest line, never 29


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_pdf_signature_and_date_stand_where_the_standard_puts_them(
    runs: dict[str, RunResult], kind: str
) -> None:
    """The signature two characters from the right, the 成文日期 below it starting two characters
    further right (GB/T 9704 7.3.5.2)."""
    pdf = runs[kind].outputs.report_pdf
    assert pdf is not None
    pairs = [
        (sig, date)
        for page in _pages(pdf)
        for sig in page
        if sig.text == "示例县交通运输局办公室"
        for date in page
        if date.text == "2015" and abs(date.y0 - sig.y0 - 28.95 / MM) < 1  # the line below
    ]
    assert len(pairs) == 1
    signature, date = pairs[0]
    char = (16 - 0.25) / MM
    assert abs((210 - 26) - signature.x1 - 2 * char) < 1
    assert abs(date.x0 - signature.x0 - 2 * char) < 1

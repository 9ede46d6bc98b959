"""The Word report: GB/T 9704 layout in the XML, strict and escaped templates, the pure context."""

from __future__ import annotations

import dataclasses
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Mm

from tests.conftest import ROOT
from tests.metrics_factory import ANNUAL, MONTHLY, annual_metrics, monthly_metrics, sample_findings
from xcreport.config import Settings
from xcreport.errors import TemplateError
from xcreport.metrics import Problems, RowRef
from xcreport.render import render_all, report_context
from xcreport.render.docx_report import TEMPLATE_FILES, TEXT_WIDTH_TWIPS, render_report
from xcreport.render.wording import WORDING_FILE

TEMPLATES = ROOT / "xcreport" / "templates"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def monthly_docx(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("monthly") / "r.docx"
    return render_report(monthly_metrics(settings), settings, MONTHLY, TEMPLATES, out)


@pytest.fixture(scope="module")
def annual_docx(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("annual") / "r.docx"
    return render_report(annual_metrics(settings), settings, ANNUAL, TEMPLATES, out)


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


@pytest.mark.parametrize("which", ["monthly_docx", "annual_docx"])
def test_styles_name_east_asian_fonts(which: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(which)
    styles = _part(path, "word/styles.xml")
    assert "eastAsiaTheme" not in styles
    doc = Document(str(path))
    expected = {
        "Normal": "仿宋_GB2312",
        "Title": "方正小标宋简体",
        "Heading 1": "黑体",
        "Heading 2": "楷体_GB2312",
        "表格文字": "宋体",
        "页码": "宋体",
    }
    for name, font in expected.items():
        rfonts = doc.styles[name].element.find(f"{W}rPr/{W}rFonts")
        assert rfonts is not None, name
        assert rfonts.get(f"{W}eastAsia") == font, name
        assert all(not k.endswith("Theme") and not k.endswith("theme") for k in rfonts.attrib), name
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.first_line_indent.pt == 32
    assert 28 <= normal.paragraph_format.line_spacing.pt <= 29
    assert doc.styles["Title"].font.size.pt == 22
    fonts = _part(path, "word/fontTable.xml")
    assert 'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts


def test_page_is_a4_with_official_margins(monthly_docx: Path) -> None:
    section = Document(str(monthly_docx)).sections[0]
    sizes = [section.page_width, section.page_height]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) if m is not None else None for m in sizes] == [210, 297]
    assert [round(m.mm) if m is not None else None for m in margins] == [37, 35, 28, 26]
    footer = "".join(
        _part(monthly_docx, n) for n in zipfile.ZipFile(monthly_docx).namelist() if "footer" in n
    )
    assert "PAGE" in footer and "— " in footer and " —" in footer


def test_tables_fill_the_text_width_and_repeat_their_header(annual_docx: Path) -> None:
    doc = Document(str(annual_docx))
    assert len(doc.tables) >= 5
    for table in doc.tables:
        grid = [int(c.get(f"{W}w")) for c in table._tbl.findall(f"{W}tblGrid/{W}gridCol")]
        assert abs(sum(grid) - TEXT_WIDTH_TWIPS) <= len(grid), grid
        assert sum(grid) <= Mm(156).twips
        first = table.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None


def test_core_properties_are_fixed(monthly_docx: Path) -> None:
    props = Document(str(monthly_docx)).core_properties
    assert props.author == "示例县交通运输局办公室"
    assert props.title == "关于2014年3月份全县交通运输系统信息宣传工作情况的通报"
    assert props.created is not None and props.created.date().isoformat() == "2014-03-31"
    assert props.modified == props.created


def test_charts_are_embedded_and_not_left_behind(settings: Settings, tmp_path: Path) -> None:
    report = render_all(
        monthly_metrics(settings), sample_findings(), settings, MONTHLY, tmp_path, TEMPLATES
    ).report
    assert report is not None
    media = [n for n in zipfile.ZipFile(report).namelist() if n.startswith("word/media/")]
    assert len(media) == 2
    assert not list(tmp_path.rglob("*.png"))


def test_misspelt_tag_names_the_tag_and_the_template(settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "templates"
    bad.mkdir()
    shutil.copy(TEMPLATES / WORDING_FILE, bad)
    for name in TEMPLATE_FILES.values():
        src = TEMPLATES / name
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad / name, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == "word/document.xml":
                    data = data.replace(b"{{ intro }}", b"{{ intor }}")
                zout.writestr(item, data)
    with pytest.raises(TemplateError) as info:
        render_report(monthly_metrics(settings), settings, MONTHLY, bad, tmp_path / "out.docx")
    message = str(info.value)
    assert "intor" in message and "monthly_report.docx" in message
    assert not (tmp_path / "out.docx").exists()


def test_missing_template_is_a_template_error(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"annual_report\.docx"):
        render_report(annual_metrics(settings), settings, ANNUAL, tmp_path, tmp_path / "x.docx")


def test_markup_in_text_survives(settings: Settings, tmp_path: Path) -> None:
    metrics = monthly_metrics(settings)
    ref = RowRef("运管所", "A&B<C> “引号” {{ not_a_tag }}", "运管所.xlsx", "2014", 3, "2014-03-28", "")
    metrics.problems = dataclasses.replace(metrics.problems, late=[ref], false_pieces=[ref])
    path = render_report(metrics, settings, MONTHLY, TEMPLATES, tmp_path / "r.docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "运管所《A&B<C> “引号” {{ not_a_tag }}》" in text
    assert "&amp;" not in text


def test_empty_problems_say_nothing_was_found(settings: Settings, tmp_path: Path) -> None:
    metrics = monthly_metrics(settings)
    metrics.problems = Problems()
    path = render_report(metrics, settings, MONTHLY, TEMPLATES, tmp_path / "r.docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    for phrase in (
        "本月未发现报送频次不达标",
        "本月未发现超过截止时间",
        "本月未发现虚假、失实信息",
        "本月台账校验未发现问题",
    ):
        assert phrase in text


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


@pytest.mark.parametrize("kind", ["monthly", "annual"])
def test_context_holds_only_formatted_text(settings: Settings, kind: str) -> None:
    metrics, period = (
        (monthly_metrics(settings), MONTHLY) if kind == "monthly" else (annual_metrics(settings), ANNUAL)
    )
    ctx = report_context(metrics, settings, period)
    assert all(isinstance(leaf, str | bool) for leaf in _leaves(ctx))
    assert ctx == report_context(metrics, settings, period)
    assert ctx["issued"] == ("2014年3月31日" if kind == "monthly" else "2014年12月31日")
    assert not re.search(r"年0\d月|月0\d日", ctx["issued"])


def test_context_sentences_carry_the_pace(settings: Settings) -> None:
    ctx = report_context(monthly_metrics(settings), settings, MONTHLY)
    overview = "".join(ctx["overview"])
    assert (
        "省部级及以上媒体用稿（全年目标突破50篇）本月12篇，累计29篇，按进度应达12.5篇，超前16.5篇" in overview
    )
    assert "落后1篇" in overview and "与进度持平" in overview
    assert "3月在6个县（市、区）中列第2名" in overview
    groups = ctx["groups"]
    assert [g["label"] for g in groups] == ["基层单位", "机关科室"]
    assert groups[1]["rows"][0]["body"] == "办公室"


def test_report_without_targets_or_city_rank(settings: Settings, tmp_path: Path) -> None:
    metrics = monthly_metrics(settings)
    metrics.targets = []
    metrics.tracks = []
    metrics.city_rank = dataclasses.replace(metrics.city_rank, trend=[], latest=None, status="unknown")
    path = render_report(metrics, settings, MONTHLY, TEMPLATES, tmp_path / "r.docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "市交通运输局信息用稿考核名次本月尚未录入" in text
    assert "图1　各单位（科室）本月得分" in text
    assert len([n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/media/")]) == 1

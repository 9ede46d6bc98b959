"""The Word report (信息宣传工作通报): a docxtpl template filled with :func:`report_context`.

Templates live in ``templates/`` (``monthly_report.docx``, ``annual_report.docx``; rebuilt by
``tools/make_templates.py``, editable in Word/WPS).  They are rendered with a jinja2 environment
that refuses undefined names (a misspelt tag raises :class:`~xcreport.errors.TemplateError`
naming the tag and the template) and escapes every value, so text such as ``A&B<C>`` cannot break
the document XML.  Afterwards the table columns are fitted to the 156 mm text width and the core
properties are fixed, so the same Metrics give the same document.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import jinja2
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Twips
from docxtpl import DocxTemplate, InlineImage

from xcreport.config import Settings
from xcreport.errors import TemplateError
from xcreport.fsutil import atomic_path, scratch_prefix
from xcreport.metrics import Metrics
from xcreport.period import Period
from xcreport.render import charts
from xcreport.render.charts import ChartWords
from xcreport.render.context import Issue, report_context
from xcreport.render.ooxml import PPR_ORDER, TBLPR_ORDER, fixed_timestamp, normalise_package, sort_children
from xcreport.render.terms import office_name, pace_target, rank_groups
from xcreport.render.wording import load_wording
from xcreport.text import display_width

TEMPLATE_FILES: dict[str, str] = {"monthly": "monthly_report.docx", "annual": "annual_report.docx"}
TEXT_WIDTH_TWIPS = int(Mm(156).twips)
CHART_WIDTH = Mm(135)
#: Tables: 小五 (9 pt) — one half-width cell of text is 4.5 pt; cell margins 2 pt each side.
_HALF_CELL_PT = 4.5
_CELL_MARGIN_TWIPS = 40
_COLUMN_SLACK_PT = 6.0
_BODY_PT = 16
#: Style ids of the templates (tools/make_templates.py): the signature lines and the 版记's table.
SIGNATURE_STYLE, COLOPHON_TABLE_STYLE = "Signature", "ColophonTable"
_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


def jinja_env() -> jinja2.Environment:
    """Undefined names are errors; every value is XML-escaped."""
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def template_path(template_dir: Path, period: Period) -> Path:
    return template_dir / TEMPLATE_FILES[period.kind]


def _template_error(template: Path, exc: jinja2.TemplateError) -> TemplateError:
    if isinstance(exc, jinja2.UndefinedError):
        match = _UNDEFINED.search(exc.message or "")
        name = next((g for g in match.groups() if g), "?") if match else "?"
        return TemplateError(f"{template}: 模板标签「{name}」未定义（{exc.message}）")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(f"{template}: 模板标记语法错误: {exc.message}")
    return TemplateError(f"{template}: 模板无法填写: {exc}")


def _images(
    tpl: DocxTemplate, metrics: Metrics, settings: Settings, period: Period, folder: Path, words: ChartWords
) -> dict[str, Any]:
    """The charts of the report as InlineImages (PNG files in ``folder``, a temporary directory),
    drawn with ``words`` (the context's ``chart_words``)."""
    scores = charts.scores_chart(metrics, folder / "scores.png", words, tables=rank_groups(settings))
    images: dict[str, Any] = {
        "chart_scores": InlineImage(tpl, str(scores), width=CHART_WIDTH),
        "chart_pace": "",
    }
    target = pace_target(metrics)
    if target is not None:
        path = charts.pace_chart(metrics, target, folder / "pace.png", words)
        images["chart_pace"] = InlineImage(tpl, str(path), width=CHART_WIDTH)
    if period.kind == "annual":
        path = charts.trend_chart(metrics, folder / "trend.png", words)
        images["chart_trend"] = InlineImage(tpl, str(path), width=CHART_WIDTH)
    return images


def _cell_text(tc: Any) -> str:
    """A cell's text, with its line breaks (``w:br``, paragraphs) as newlines."""
    lines = []
    for p in tc.iter(qn("w:p")):
        parts = []
        for el in p.iter(qn("w:t"), qn("w:br")):
            parts.append("\n" if el.tag == qn("w:br") else el.text or "")
        lines.append("".join(parts))
    return "\n".join(lines)


def _column_widths(rows: list[list[str]], ncols: int) -> list[int]:
    """Column widths in twips: each column as wide as its longest line (headers break where the
    template breaks them), the spare width shared in proportion, the whole exactly the text width."""
    need = [2] * ncols
    for cells in rows:
        for c, text in enumerate(cells[:ncols]):
            need[c] = max([need[c], *(display_width(line) for line in text.split("\n"))])
    points = [n * _HALF_CELL_PT + _COLUMN_SLACK_PT for n in need]
    total = sum(points)
    widths = [int(p / total * TEXT_WIDTH_TWIPS) for p in points]
    widths[0] += TEXT_WIDTH_TWIPS - sum(widths)
    return widths


def _pitch_twips(doc: Any) -> int:
    """The advance of one character of body text: the Normal style's size and its spacing."""
    rpr = doc.styles["Normal"].element.find(qn("w:rPr"))
    size = rpr.find(qn("w:sz")) if rpr is not None else None
    spacing = rpr.find(qn("w:spacing")) if rpr is not None else None
    half_points = int(size.get(qn("w:val"))) if size is not None else _BODY_PT * 2
    return half_points * 10 + (int(spacing.get(qn("w:val"))) if spacing is not None else 0)


def _indent(para: Any, side: str, twips: int, align: str) -> None:
    ppr = para.get_or_add_pPr()
    for tag in ("w:ind", "w:jc"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    ind = OxmlElement("w:ind")
    ind.set(qn(f"w:{side}"), str(twips))
    ind.set(qn(f"w:{side}Chars"), "0")
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), align)
    ppr.extend([ind, jc])
    sort_children(ppr, PPR_ORDER)


def sign_off(doc: Any) -> None:
    """Place the signature and the 成文日期 (the two 落款 paragraphs) as GB/T 9704 7.3.5.2 does:
    the signature two characters from the right; the date below it, its first character two
    characters right of the signature's first.  The signature is Chinese text, whose width is
    known, so the date is set from the left by it; a date longer than that room ends two
    characters from the right instead, and the signature starts two characters before it."""
    paras = [p for p in doc.element.body.iter(qn("w:p")) if _style_id(p) == SIGNATURE_STYLE]
    if len(paras) != 2:
        return
    signature, date = ("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paras)
    pitch = _pitch_twips(doc)
    line = TEXT_WIDTH_TWIPS // pitch  # 28
    sign = -(-display_width(signature) // 2)
    day = display_width(date) / 2 + 1.5  # digits and the space LibreOffice and Word put around them
    if day + 2 <= sign:
        _indent(paras[0], "right", 2 * pitch, "right")
        _indent(paras[1], "left", (line - sign) * pitch, "left")
    else:
        _indent(paras[1], "right", 2 * pitch, "right")
        _indent(paras[0], "left", max(0, round((line - 2 - day - 2) * pitch)), "left")


def _style_id(el: Any) -> str | None:
    found = el.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if found is None:
        found = el.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
    return None if found is None else str(found.get(qn("w:val")))


def fit_tables(body: Any) -> None:
    """Fixed column widths that fill the text width, centred cells, header rows that repeat.
    The 版记's table keeps the template's layout."""
    for tbl in body.iter(qn("w:tbl")):
        if _style_id(tbl) == COLOPHON_TABLE_STYLE:
            continue
        trs = tbl.findall(qn("w:tr"))
        rows = [[_cell_text(tc) for tc in tr.findall(qn("w:tc"))] for tr in trs]
        grid = tbl.find(qn("w:tblGrid"))
        cols = grid.findall(qn("w:gridCol"))
        if not rows or not cols:
            continue
        widths = _column_widths(rows, len(cols))
        for col, w in zip(cols, widths, strict=True):
            col.set(qn("w:w"), str(w))
        for tr in trs:
            for tc, w in zip(tr.findall(qn("w:tc")), widths, strict=False):
                tcpr = tc.get_or_add_tcPr()
                tcpr.width = Twips(w)
                tcpr.vAlign_val = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        tblpr = tbl.find(qn("w:tblPr"))
        for tag in ("w:tblW", "w:tblCellMar", "w:tblLayout"):
            for old in tblpr.findall(qn(tag)):
                tblpr.remove(old)
        tblw = OxmlElement("w:tblW")
        tblw.set(qn("w:w"), str(TEXT_WIDTH_TWIPS))
        tblw.set(qn("w:type"), "dxa")
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            m = OxmlElement(f"w:{side}")
            m.set(qn("w:w"), str(_CELL_MARGIN_TWIPS))
            m.set(qn("w:type"), "dxa")
            margins.append(m)
        tblpr.extend([tblw, layout, margins])
        sort_children(tblpr, TBLPR_ORDER)


def _properties(doc: Any, context: dict[str, Any], settings: Settings, stamp: dt.datetime) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = office_name(settings)
    props.title = context["title"]
    props.subject = f"{settings.county.bureau}信息宣传工作通报（{context['period_label']}）"
    props.keywords = "信息宣传;通报;台账"
    props.comments = ""
    props.created = props.modified = stamp
    props.revision = 1


def render_report(
    metrics: Metrics,
    settings: Settings,
    period: Period,
    template_dir: Path,
    out_path: Path,
    issue: Issue | None = None,
) -> Path:
    """Write the 通报 of ``period`` to ``out_path`` (atomically) and return the path.

    The Word template and the wording file are both read from ``template_dir``.  Raises
    :class:`TemplateError` when either is missing or unreadable, or names what it cannot fill.
    """
    template = template_path(template_dir, period)
    if not template.is_file():
        raise TemplateError(f"{template}: 模板文件不存在")
    context = report_context(metrics, settings, period, load_wording(template_dir), issue)
    stamp = fixed_timestamp(period.end)
    with tempfile.TemporaryDirectory(prefix=scratch_prefix("charts")) as tmp:
        try:
            tpl = DocxTemplate(str(template))
            tpl.init_docx()
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise TemplateError(f"{template}: 不是有效的 Word 文档 ({exc})") from exc
        context.update(_images(tpl, metrics, settings, period, Path(tmp), context["chart_words"]))
        try:
            tpl.render(context, jinja_env(), autoescape=True)
        except jinja2.TemplateError as exc:
            raise _template_error(template, exc) from exc
        fit_tables(tpl.docx.element.body)
        sign_off(tpl.docx)
        _properties(tpl.docx, context, settings, stamp)
        with atomic_path(out_path) as tmp_out:
            tpl.save(str(tmp_out))
            normalise_package(tmp_out, stamp)
    return out_path

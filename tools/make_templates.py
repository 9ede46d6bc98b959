"""Build the Word templates of the 通报 in xcreport/templates: monthly_report.docx, annual_report.docx.

The templates are committed binaries that the bureau office may open in Word or WPS and re-word
(the fixed text of 工作要求 in particular); this script regenerates them from scratch::

    .venv/bin/python tools/make_templates.py            # writes xcreport/templates/
    .venv/bin/python tools/make_templates.py --out DIR

Layout: GB/T 9704-2012 for Chinese official documents — A4; margins 37/35/28/26 mm; title 2号
方正小标宋简体 centred; body 3号 仿宋_GB2312, first line indented two characters, exact line
spacing 28.95 pt; headings 一、 黑体 and （一） 楷体_GB2312; page numbers 「— N —」 4号 宋体.
Every style names its East-Asian font in ``w:eastAsia`` (theme fonts removed, they would win) and
the font table gives Windows fallbacks (仿宋_GB2312 → 仿宋, 方正小标宋简体 → 宋体, …).

Tags are jinja2 for docxtpl: ``{{ x }}``, ``{%p for %}`` paragraph loops, ``{%tr for %}`` table
rows, ``{%tc for %}`` the per-level columns; the renderer fits the column widths afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import _Footer
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

from xcreport.render.ooxml import PPR_ORDER, TBLPR_ORDER, normalise_package, sort_children

ROOT = Path(__file__).resolve().parents[1]

# Fonts: (East-Asian name in the document, fallback named in the font table)
FANGSONG = ("仿宋_GB2312", "仿宋")
XIAOBIAOSONG = ("方正小标宋简体", "宋体")
HEITI = ("黑体", "SimHei")
KAITI = ("楷体_GB2312", "楷体")
SONGTI = ("宋体", "SimSun")
LATIN = "Times New Roman"

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NO_PT = 14  # 4号
TABLE_PT = 9  # 小五
LINE_EXACT = Pt(28.95)
TEXT_WIDTH = Mm(156)
#: The grid of GB/T 9704: 22 lines on the 225 mm text height (28.95 pt a line), 28 characters on
#: the 156 mm text width — a 3号 character (16 pt) narrowed by CHAR_SPACE/4096 pt.
LINE_PITCH_TWIPS = 579
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
CHAR_SPACE = round((Mm(156).pt / CHARS_PER_LINE - BODY_PT) * 4096)
#: The body text condensed (in twentieths of a point) so that 28 characters fill a line.
CONDENSE = math.floor((Mm(156).pt / CHARS_PER_LINE - BODY_PT) * 20)
#: The page number: its dashes 7 mm below the text area (35 mm bottom margin, a 4号 line).
FOOTER_MM = 23
#: The 版记's rules: first and last 0.35 mm (8 eighths of a point), between them 0.25 mm (6).
THICK_RULE, THIN_RULE = 8, 6
RED = RGBColor(0xC0, 0x00, 0x00)
STAMP = dt.datetime(2014, 1, 1, 8, 0, 0)
#: ASCII style ids for the styles added here (their names, which the office sees, are Chinese)
STYLE_IDS = {
    "版头": "Masthead",
    "期号": "IssueNumber",
    "发文行": "IssuerLine",
    "主送": "Addressee",
    "落款": "Signature",
    "图片": "Figure",
    "图注": "FigureCaption",
    "表格文字": "TableText",
    "表头文字": "TableHead",
    "页码": "PageNumber",
    "版记": "Colophon",
    "分节": "SectionBreak",
    "版记表格": "ColophonTable",
    "小标题": "RunInHeading",
    "通报表格": "ReportTable",
}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# -- styles ---------------------------------------------------------------------------------------


def _set_fonts(rpr: BaseOxmlElement, east_asia: str, latin: str = LATIN) -> None:
    """Name the fonts of every script on ``rpr`` and drop theme fonts, which would override them."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:hint"), "eastAsia")


def _reset(style: BaseStyle) -> None:
    """Forget what python-docx's default template put on a style (theme fonts, colours, borders)."""
    for tag in ("w:pPr", "w:rPr"):
        for el in style.element.findall(qn(tag)):
            style.element.remove(el)


def _paragraph_style(
    doc: DocumentObject,
    name: str,
    *,
    font: tuple[str, str],
    size: float,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent_chars: int = 0,
    exact: bool = True,
    bold: bool = False,
    colour: RGBColor | None = None,
    before: float = 0,
    after: float = 0,
    outline: int | None = None,
    keep_next: bool = False,
    base: str | None = "Normal",
) -> None:
    styles = doc.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = STYLE_IDS[name]
    _reset(style)
    if base is not None and name != base:
        style.base_style = styles[base]
    style.quick_style = True
    pf = style.paragraph_format
    pf.alignment = align
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.first_line_indent = Pt(size * indent_chars)
    pf.left_indent = Pt(0)
    pf.right_indent = Pt(0)
    pf.keep_with_next = keep_next
    pf.widow_control = False
    if exact:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = LINE_EXACT if size <= BODY_PT else Pt(size * 1.6)
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    ppr = style.element.get_or_add_pPr()
    # Word lets a character-based indent win over the point one, and styles inherit it from
    # Normal: every style states its own.
    ppr.find(qn("w:ind")).set(qn("w:firstLineChars"), str(indent_chars * 100))
    if outline is not None:
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(outline))
        ppr.append(lvl)
    if not exact or size != BODY_PT:
        # only the 3号 body text keeps to the 22 × 28 grid; tables, pictures and the title do not
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.append(snap)
    sort_children(ppr, PPR_ORDER)
    f = style.font
    f.size = Pt(size)
    f.bold = bold
    f.italic = False
    f.color.rgb = colour if colour is not None else RGBColor(0, 0, 0)
    _set_fonts(style.element.get_or_add_rPr(), font[0])


def _character_style(doc: DocumentObject, name: str, font: tuple[str, str]) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.style_id = STYLE_IDS[name]
    style.quick_style = True
    _set_fonts(style.element.get_or_add_rPr(), font[0])


def _clean_theme_fonts(doc: DocumentObject) -> None:
    """No ``w:*Theme`` font attribute anywhere in styles.xml: each would beat the named font."""
    root = doc.styles.element
    for rfonts in root.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            if rfonts.get(qn(attr)) is not None:
                del rfonts.attrib[qn(attr)]
        if not rfonts.attrib:
            rfonts.getparent().remove(rfonts)
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, FANGSONG[0])
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def _condense(style: BaseStyle) -> None:
    """Character spacing CONDENSE on ``style`` (w:spacing sits before w:sz in w:rPr)."""
    rpr = style.element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSE))
    size = rpr.find(qn("w:sz"))
    if size is not None:
        size.addprevious(spacing)
    else:
        rpr.append(spacing)


def _styles(doc: DocumentObject) -> None:
    _paragraph_style(doc, "Normal", font=FANGSONG, size=BODY_PT, indent_chars=2, base=None)
    _condense(doc.styles["Normal"])
    _paragraph_style(
        doc, "Title", font=XIAOBIAOSONG, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, after=29
    )
    _paragraph_style(
        doc, "Heading 1", font=HEITI, size=BODY_PT, indent_chars=2, outline=0, keep_next=True, base="Normal"
    )
    _paragraph_style(
        doc, "Heading 2", font=KAITI, size=BODY_PT, indent_chars=2, outline=1, keep_next=True, base="Normal"
    )
    _paragraph_style(
        doc, "版头", font=XIAOBIAOSONG, size=30, align=WD_ALIGN_PARAGRAPH.CENTER, colour=RED, exact=False
    )
    _paragraph_style(doc, "期号", font=FANGSONG, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER, before=6)
    _paragraph_style(doc, "发文行", font=FANGSONG, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.LEFT, after=22)
    _paragraph_style(doc, "主送", font=FANGSONG, size=BODY_PT)
    _paragraph_style(doc, "落款", font=FANGSONG, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph_style(
        doc,
        "图片",
        font=FANGSONG,
        size=BODY_PT,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        exact=False,
        before=6,
        keep_next=True,
    )
    _paragraph_style(doc, "图注", font=KAITI, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False, after=6)
    _paragraph_style(
        doc, "表格文字", font=SONGTI, size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False
    )
    _paragraph_style(
        doc,
        "表头文字",
        font=HEITI,
        size=TABLE_PT,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        exact=False,
        base="表格文字",
    )
    _paragraph_style(doc, "页码", font=SONGTI, size=PAGE_NO_PT, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False)
    _paragraph_style(doc, "版记", font=FANGSONG, size=PAGE_NO_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph_style(
        doc, "分节", font=FANGSONG, size=1, align=WD_ALIGN_PARAGRAPH.LEFT, exact=False, base="Normal"
    )
    _character_style(doc, "小标题", KAITI)

    doc.styles["落款"].paragraph_format.right_indent = Pt(BODY_PT * 2)
    # the issuer line: issuer left, date right, a red rule under it (版头分隔线)
    issuer = doc.styles["发文行"]
    issuer.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in {"w:val": "single", "w:sz": "12", "w:space": "4", "w:color": "C00000"}.items():
        bottom.set(qn(k), v)
    border.append(bottom)
    issuer_ppr = issuer.element.get_or_add_pPr()
    issuer_ppr.insert(0, border)
    sort_children(issuer_ppr, PPR_ORDER)

    _colophon_styles(doc)
    table = doc.styles.add_style("通报表格", WD_STYLE_TYPE.TABLE)
    table.style_id = STYLE_IDS["通报表格"]
    table.base_style = doc.styles["Table Grid"]
    table.quick_style = True
    table.font.size = Pt(TABLE_PT)
    _set_fonts(table.element.get_or_add_rPr(), SONGTI[0])
    _clean_theme_fonts(doc)


def _colophon_styles(doc: DocumentObject) -> None:
    """版记: 4号 仿宋 one character in from each side, 印发日期 on a right tab; its table's rules."""
    colophon = doc.styles["版记"]
    colophon.paragraph_format.left_indent = colophon.paragraph_format.right_indent = Pt(PAGE_NO_PT)
    ind = colophon.element.get_or_add_pPr().find(qn("w:ind"))
    ind.set(qn("w:leftChars"), "100")
    ind.set(qn("w:rightChars"), "100")
    colophon.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH - Pt(PAGE_NO_PT), WD_TAB_ALIGNMENT.RIGHT)
    sort_children(colophon.element.get_or_add_pPr(), PPR_ORDER)
    table = doc.styles.add_style("版记表格", WD_STYLE_TYPE.TABLE)
    table.style_id = STYLE_IDS["版记表格"]
    table.base_style = doc.styles["Normal Table"]
    tblpr = OxmlElement("w:tblPr")
    table.element.append(tblpr)
    borders = OxmlElement("w:tblBorders")
    _rule(borders, "top", THICK_RULE)
    _rule(borders, "bottom", THICK_RULE)
    _rule(borders, "insideH", THIN_RULE)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), "0")
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tblpr.extend([borders, margins])
    sort_children(tblpr, TBLPR_ORDER)


def _font_table(doc: DocumentObject) -> None:
    """Declare the Chinese fonts with their Windows fallbacks (w:altName) and the GB2312 charset."""
    part = next(
        r.target_part for r in doc.part.rels.values() if r.target_part.partname == "/word/fontTable.xml"
    )
    entries = []
    for (name, alt), family in (
        (FANGSONG, "modern"),
        (XIAOBIAOSONG, "script"),
        (HEITI, "modern"),
        (KAITI, "modern"),
        (SONGTI, "auto"),
    ):
        entries.append(
            f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="fixed"/></w:font>'
        )
    blob = part.blob.decode("utf-8")
    part._blob = blob.replace("</w:fonts>", "".join(entries) + "</w:fonts>").encode("utf-8")


def _drop_leftovers(doc: DocumentObject) -> None:
    """python-docx's template carries a Word 2010 copy of the styles (with theme fonts) and a
    thumbnail of its own blank page; neither belongs in the templates."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[rid]


# -- page -----------------------------------------------------------------------------------------


def _grid(section_pr: BaseOxmlElement) -> None:
    """The standard's grid: 22 lines of 28 characters (3号) on the 156 × 225 mm text area."""
    for old in section_pr.findall(qn("w:docGrid")):
        section_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    # "lines": the character pitch comes from the body text's own spacing (CONDENSE), which Word,
    # WPS and LibreOffice all lay out alike; LibreOffice's character grid puts a 3号 character
    # that is wider than its cell into two cells.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    section_pr.append(grid)


def _page_number(doc: DocumentObject, para: Paragraph, side: str) -> None:
    """「— N —」, 4号 宋体: odd pages right, even pages left, one character from the edge."""
    para.style = doc.styles["页码"]
    pf = para.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT if side == "right" else WD_ALIGN_PARAGRAPH.LEFT
    ind = para._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn(f"w:{side}"), str(PAGE_NO_PT * 20))
    ind.set(qn(f"w:{side}Chars"), "100")
    para.add_run("— ")
    _page_field(para.add_run()._r)
    para.add_run(" —")


def _page(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(FOOTER_MM)
    _grid(section._sectPr)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(doc, section.footer.paragraphs[0], "right")
    _page_number(doc, section.even_page_footer.paragraphs[0], "left")


def _page_field(run: BaseOxmlElement) -> None:
    """A PAGE field inside ``run``'s paragraph: begin, instruction, separate, cached 1, end."""
    parent = run.getparent()
    index = parent.index(run)
    parent.remove(run)
    pieces: list[BaseOxmlElement] = []
    for kind in ("begin", "instr", "separate", "text", "end"):
        r = OxmlElement("w:r")
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = "1"
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        r.append(el)
        pieces.append(r)
    for offset, r in enumerate(pieces):
        parent.insert(index + offset, r)


# -- content --------------------------------------------------------------------------------------


def _p(doc: DocumentObject, text: str, style: str = "Normal") -> None:
    doc.add_paragraph(text, style=doc.styles[style])


def _loop(doc: DocumentObject, head: str, body: str, style: str = "Normal") -> None:
    """A paragraph loop: ``{%p for … %}`` / one paragraph / ``{%p endfor %}``."""
    _p(doc, f"{{%p {head} %}}")
    _p(doc, body, style)
    _p(doc, "{%p endfor %}")


def _chart(doc: DocumentObject, flag: str | None, image: str, caption: str) -> None:
    if flag:
        _p(doc, f"{{%p if {flag} %}}")
    _p(doc, f"{{{{ {image} }}}}", "图片")
    _p(doc, f"{{{{ {caption} }}}}", "图注")
    if flag:
        _p(doc, "{%p endif %}")


def _table(doc: DocumentObject, head: Sequence[str], loop: str, cells: Sequence[str]) -> Table:
    """A table: a header row repeated on every page, then one row per item of ``loop``."""
    rows = [list(head), [f"{{%tr {loop} %}}"] + [""] * (len(head) - 1), list(cells)]
    rows.append(["{%tr endfor %}"] + [""] * (len(head) - 1))
    table: Table = doc.add_table(rows=len(rows), cols=len(head))
    table.style = doc.styles["通报表格"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    width = Emu(int(TEXT_WIDTH / len(head)))
    for r, values in enumerate(rows):
        row = table.rows[r]
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if r == 0:
            trpr.append(OxmlElement("w:tblHeader"))
        for c, value in enumerate(values):
            cell = row.cells[c]
            cell.width = width
            para = cell.paragraphs[0]
            para.style = doc.styles["表头文字" if r == 0 else "表格文字"]
            if value:
                para.add_run(value)
    sort_children(table._tbl.tblPr, TBLPR_ORDER)
    return table


_LEVELS_HEAD = ["{%tc for h in level_heads %}", "{{ h }}", "{%tc endfor %}"]
_TASK_CELLS = ["{{ r.rank }}", "{{ r.body }}", "{%tc for v in r.cells %}", "{{ v }}", "{%tc endfor %}"]
_LEVELS_CELLS = ["{%tc for v in r.adopted %}", "{{ v }}", "{%tc endfor %}"]


def _masthead(doc: DocumentObject) -> None:
    _p(doc, "{{ masthead }}", "版头")
    _p(doc, "{{ issue_no }}", "期号")
    doc.add_paragraph("{{ issuer }}\t{{ issued }}", style=doc.styles["发文行"])
    _p(doc, "{{ title }}", "Title")
    _p(doc, "{{ addressee }}", "主送")
    _p(doc, "{{ intro }}")


def _run_in(doc: DocumentObject, lead: str, text: str, *, keep_next: bool = False) -> None:
    """A paragraph that opens with a run-in 楷体 heading (（一）…。) followed by body text."""
    para = doc.add_paragraph(style=doc.styles["Normal"])
    if keep_next:
        para.paragraph_format.keep_with_next = True
    para.add_run(lead, style=doc.styles["小标题"])
    para.add_run(text)


def _requirements(doc: DocumentObject, heading: str) -> None:
    """下阶段工作要求: the wording file's paragraphs, each opening with its run-in 楷体 heading."""
    _p(doc, heading, "Heading 1")
    _p(doc, "{%p for r in requirements[:-1] %}")
    _run_in(doc, "{{ r.lead }}", "{{ r.text }}")
    _p(doc, "{%p endfor %}")
    _p(doc, "{%p for r in requirements[-1:] %}")
    _run_in(doc, "{{ r.lead }}", "{{ r.text }}", keep_next=True)  # the signature never stands alone
    _p(doc, "{%p endfor %}")


def _closing(doc: DocumentObject) -> None:
    """The signature and the 成文日期 (their indents are set when the report is rendered), then
    the 版记 on the last even page."""
    for text, style in (("", "Normal"), ("{{ signature }}", "落款")):
        para = doc.add_paragraph(text, style=doc.styles[style])
        para.paragraph_format.keep_with_next = True
    _p(doc, "{{ issued }}", "落款")
    _colophon(doc)


def _rule(borders: BaseOxmlElement, side: str, eighths: int) -> None:
    el = OxmlElement(f"w:{side}")
    for k, v in {"w:val": "single", "w:sz": str(eighths), "w:space": "0", "w:color": "000000"}.items():
        el.set(qn(k), v)
    borders.append(el)


def _colophon(doc: DocumentObject) -> None:
    """版记 (GB/T 9704 7.4) on the last page, which is even: a section of its own that begins on an
    even page (a blank page before it when the body ends on one), with no page number, neither on
    it nor on that blank page.  The 版记 is the section's footer, its lower edge where the text area
    ends (the footer distance is the bottom margin), so it stands at the foot of the page in Word,
    WPS and LibreOffice alike.

    One table the width of the text: 抄送 (when configured) and 印发机关 / 印发日期, a thick rule
    above and below, a thin one between.
    """
    last = doc.paragraphs[-1]._p
    section = doc.add_section(WD_SECTION.EVEN_PAGE)
    # python-docx puts the closed section's properties in a paragraph of its own: move them into
    # the 成文日期's, so that no empty line follows the date.
    holder = doc.paragraphs[-1]._p
    last.get_or_add_pPr().append(holder.get_or_add_pPr().sectPr)
    sort_children(last.pPr, PPR_ORDER)
    holder.getparent().remove(holder)
    section.footer_distance = section.bottom_margin
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False
        _colophon_table(doc, footer)
    # the section's body: one paragraph one point high
    doc.add_paragraph("", style=doc.styles["分节"])


def _colophon_table(doc: DocumentObject, footer: _Footer) -> None:
    rows = [
        ["{%tr if copy_to %}"],
        ["{{ copy_to }}"],
        ["{%tr endif %}"],
        ["{{ printed_by }}\t{{ printed_on }}"],
    ]
    table: Table = footer.add_table(rows=len(rows), cols=1, width=TEXT_WIDTH)
    table.style = doc.styles["版记表格"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row, (value,) in zip(table.rows, rows, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cell = row.cells[0]
        cell.width = TEXT_WIDTH
        para = cell.paragraphs[0]
        para.style = doc.styles["版记"]
        para.add_run(value)
    sort_children(table._tbl.tblPr, TBLPR_ORDER)
    # the footer's own paragraph (a footer ends with one) goes after the table, one point high
    first = footer.paragraphs[0]
    first.style = doc.styles["分节"]
    footer._element.append(first._p)


def _group_tables(doc: DocumentObject, annual: bool) -> None:
    _p(doc, "{%p for g in groups %}")
    _p(doc, "{{ g.heading }}", "Heading 2")
    if annual:
        head = ["单位", "报送", "月月\n达标", *_LEVELS_HEAD, "迟报", "全年\n得分", "名次"]
        cells = ["{{ r.body }}", "{{ r.submitted }}", "{{ r.met }}", *_LEVELS_CELLS]
        cells += ["{{ r.late }}", "{{ r.score }}", "{{ r.rank_in_group }}"]
    else:
        head = [
            "单位",
            "报送",
            "环比",
            "上半月",
            "下半月",
            "达标",
            *_LEVELS_HEAD,
            "迟报",
            "本月\n得分",
            "累计\n得分",
            "名次",
        ]
        cells = [
            "{{ r.body }}",
            "{{ r.submitted }}",
            "{{ r.change }}",
            "{{ r.first_half }}",
            "{{ r.second_half }}",
            "{{ r.met }}",
        ]
        cells += [
            *_LEVELS_CELLS,
            "{{ r.late }}",
            "{{ r.score }}",
            "{{ r.score_ytd }}",
            "{{ r.rank_in_group }}",
        ]
    _table(doc, head, "for r in g.rows", cells)
    _p(doc, "{%p endfor %}")


def _problems(doc: DocumentObject, heading: str) -> None:
    _p(doc, heading, "Heading 1")
    _p(doc, "{%p for sec in problems %}")
    _p(doc, "{{ sec.heading }}", "Heading 2")
    _loop(doc, "for line in sec.lines", "{{ line }}")
    _p(doc, "{%p endfor %}")


def monthly(doc: DocumentObject) -> None:
    _masthead(doc)
    _p(doc, "一、总体情况", "Heading 1")
    _loop(doc, "for para in overview", "{{ para }}")
    _chart(doc, "has_pace_chart", "chart_pace", "chart_pace_caption")
    _p(doc, "二、各单位报送情况", "Heading 1")
    _loop(doc, "for para in bodies_text", "{{ para }}")
    _group_tables(doc, annual=False)
    _chart(doc, None, "chart_scores", "chart_scores_caption")
    _problems(doc, "三、存在问题")
    _requirements(doc, "四、下阶段工作要求")
    _closing(doc)


def _tasks(doc: DocumentObject) -> None:
    """三、: the bodies' tasks and 年度综合考核, then, when the roster gives persons tasks, theirs."""
    _p(doc, "三、年度任务完成和综合考核情况", "Heading 1")
    _p(
        doc,
        "按照“将信息宣传工作任务下达到各单位，完成任务情况和年度综合考核挂钩”的要求，各单位（科室）年度任务完成情况和年度综合考核得分如下：",
    )
    _table(
        doc,
        [
            "考核\n名次",
            "单位",
            "{%tc for h in task_heads %}",
            "{{ h }}",
            "{%tc endfor %}",
            "完成率",
            "全年\n得分",
            "综合考核\n得分",
        ],
        "for r in task_rows",
        [*_TASK_CELLS, "{{ r.rate }}", "{{ r.score }}", "{{ r.assessment }}"],
    )
    _p(doc, "{%p if person_task_rows %}")
    _p(doc, "各单位（科室）分解落实到人的年度任务完成情况如下：")
    _table(
        doc,
        ["单位", "姓名", "{%tc for h in person_task_heads %}", "{{ h }}", "{%tc endfor %}", "完成率"],
        "for r in person_task_rows",
        ["{{ r.body }}", "{{ r.name }}", *_TASK_CELLS[2:], "{{ r.rate }}"],
    )
    _p(doc, "{%p endif %}")


def annual(doc: DocumentObject) -> None:
    _masthead(doc)
    _p(doc, "一、总体情况", "Heading 1")
    _loop(doc, "for para in overview", "{{ para }}")
    _chart(doc, None, "chart_trend", "chart_trend_caption")
    _chart(doc, "has_pace_chart", "chart_pace", "chart_pace_caption")
    _p(doc, "二、各单位{{ period_word }}报送情况", "Heading 1")
    _loop(doc, "for para in bodies_text", "{{ para }}")
    _group_tables(doc, annual=True)
    _chart(doc, None, "chart_scores", "chart_scores_caption")
    _tasks(doc)
    _p(doc, "四、{{ period_word }}报送频次情况", "Heading 1")
    _p(doc, "各单位（科室）逐月报送频次达标情况如下（√为达标，×为未达标）：")
    _table(
        doc,
        ["单位", "{%tc for h in grid_heads %}", "{{ h }}", "{%tc endfor %}"],
        "for r in grid_rows",
        ["{{ r.body }}", "{%tc for v in r.cells %}", "{{ v }}", "{%tc endfor %}"],
    )
    _p(doc, "五、宣传重点和品牌宣传情况", "Heading 1")
    _loop(doc, "for para in coverage", "{{ para }}")
    _p(doc, "{%p if brand_rows %}")
    _p(doc, "各创建品牌{{ period_word }}宣传稿件情况如下：")
    _table(
        doc,
        ["品牌", "创建单位", "稿件数"],
        "for r in brand_rows",
        ["{{ r.brand }}", "{{ r.bodies }}", "{{ r.pieces }}"],
    )
    _p(doc, "{%p endif %}")
    _problems(doc, "六、存在问题")
    _p(doc, "七、先进单位和先进个人", "Heading 1")
    _p(doc, "{{ advanced_units }}")
    _p(doc, "{{ advanced_persons_text }}")
    _p(doc, "{%p if advanced_persons %}")
    _table(
        doc,
        ["名次", "姓名", "单位", "稿件", "采用", "得分"],
        "for r in advanced_persons",
        [
            "{{ r.rank }}",
            "{{ r.name }}",
            "{{ r.body }}",
            "{{ r.pieces }}",
            "{{ r.adopted }}",
            "{{ r.points }}",
        ],
    )
    _p(doc, "{%p endif %}")
    _requirements(doc, "八、下一年度工作要求")
    _closing(doc)


def build(kind: str, out: Path) -> Path:
    """Write one template (``monthly`` or ``annual``) to ``out`` and return its path."""
    doc = Document()
    _drop_leftovers(doc)
    _styles(doc)
    _font_table(doc)
    _page(doc)
    # python-docx's template starts with no paragraph in the body; content is appended
    (monthly if kind == "monthly" else annual)(doc)
    props = doc.core_properties
    props.author = props.last_modified_by = "局办公室"
    props.title = "信息宣传工作通报模板（月度）" if kind == "monthly" else "信息宣传工作通报模板（年度）"
    props.comments = "xcreport 模板：花括号标记由程序填写，其余文字可直接修改。"
    props.created = props.modified = STAMP
    props.revision = 1
    path = out / f"{kind}_report.docx"
    doc.save(str(path))
    normalise_package(path, STAMP)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "xcreport" / "templates",
        help="folder to write (default xcreport/templates/)",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for kind in ("monthly", "annual"):
        print(build(kind, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

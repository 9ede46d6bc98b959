"""Documents dumped to text for golden tests on meaning, and the one helper that compares them.

A .docx is dumped to its paragraphs (with their style) and table rows, an .xlsx to the values of
every sheet (numbers stay numbers, text is quoted), an .eml to its subject, recipients, text and
attachment names, so a diff shows what a reader would see change.

To accept a deliberate change, regenerate the golden files and review the diff::

    XCREPORT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/
    git diff tests/golden/
"""

from __future__ import annotations

import json
import os
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import openpyxl
from docx import Document
from docx.oxml.ns import qn

GOLDEN = Path(__file__).parent / "golden"


def dump_docx(path: Path) -> str:
    """Paragraphs (``style: text``), table rows (``| a | b |``) and pictures, in document order,
    then each distinct footer of the sections (page numbers, the 版记) as ``页脚:`` lines."""
    doc = Document(str(path))
    styles = {s.style_id: s.name for s in doc.styles}
    lines = _dump_blocks(doc.element.body, styles)
    footers: list[str] = []
    for section in doc.sections:
        for footer in (section.footer, section.even_page_footer):
            text = " / ".join(
                line for line in _dump_blocks(footer._element, styles) if line.split(": ", 1)[-1]
            )
            if text and text not in footers:
                footers.append(text)
    lines += [f"页脚: {text}" for text in footers]
    return "\n".join(lines) + "\n"


def _dump_blocks(container: Any, styles: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for el in container:
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
                        "/"
                        if node.tag == qn("w:br")
                        else "\t"
                        if node.tag == qn("w:tab")
                        else node.text or ""
                        for node in tc.iter(qn("w:t"), qn("w:br"), qn("w:tab"))
                    ]
                    cells.append("".join(parts))
                lines.append("| " + " | ".join(cells) + " |")
    return lines


def dump_xlsx(path: Path) -> str:
    """Every sheet's cell values row by row, as JSON (so ``1`` and ``"1"`` differ)."""
    wb = openpyxl.load_workbook(path)
    lines: list[str] = []
    for ws in wb.worksheets:
        lines.append(f"## {ws.title}")
        for row in ws.iter_rows(values_only=True):
            lines.append(json.dumps(list(row), ensure_ascii=False))
    return "\n".join(lines) + "\n"


def dump_eml(path: Path) -> str:
    """A mail as a reader sees it: subject, recipients, the text, the attachments' names."""
    msg = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    body = msg.get_body(("plain",))
    text = body.get_content().replace("\r\n", "\n") if body is not None else ""
    names = [part.get_filename() or "" for part in msg.iter_attachments()]
    head = [f"Subject: {msg['Subject']}", f"To: {msg['To']}"]
    return "\n".join([*head, "", text.rstrip("\n"), "", *(f"[附件] {n}" for n in names)]) + "\n"


def assert_golden(text: str, name: str) -> None:
    """Compare with tests/golden/<name>; with XCREPORT_UPDATE_GOLDEN=1, write it instead."""
    path = GOLDEN / name
    if os.environ.get("XCREPORT_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}; run with XCREPORT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"

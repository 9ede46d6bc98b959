"""Helpers shared by the Word and Excel writers: stable packages and the width of Chinese text."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The timestamp every package member carries, so that two runs give the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_CREATED = re.compile(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)")


def fixed_timestamp(day: dt.date) -> dt.datetime:
    """The document timestamp of a period: its last day at noon (no clock is read)."""
    return dt.datetime(day.year, day.month, day.day, 12, 0, 0)


def normalise_package(
    path: Path, stamp: dt.datetime, *, fix: Callable[[str, bytes], bytes] | None = None
) -> None:
    """Rewrite an OOXML package (.docx/.xlsx) in place so that its bytes depend only on its content.

    python-docx and XlsxWriter stamp every zip member with the wall clock, and the writers put the
    save time in ``dcterms:created``/``modified``; both are replaced by fixed values here.  ``fix``
    (member name, bytes → bytes) may amend a member on the way.
    """
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            if name == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + iso + rb"\g<2>", data)
                data = _CREATED.sub(rb"\g<1>" + iso + rb"\g<2>", data)
            if fix is not None:
                data = fix(name, data)
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)


#: Schema order of the children of ``w:pPr`` and ``w:tblPr`` (Word refuses other orders).
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
)  # fmt: skip
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def sort_children(element: Any, order: tuple[str, ...]) -> None:
    """Re-append the children of a WordprocessingML element in schema ``order`` (local names)."""
    rank = {_W + name: i for i, name in enumerate(order)}
    for child in sorted(element, key=lambda el: rank.get(el.tag, len(rank))):
        element.append(child)

"""The plain data that passes between the stages of the pipeline.

``reading → score → render → deliver``; each stage reads and returns only what is declared here
(and :mod:`xcreport.metrics` for what scoring returns).

The Ledger (信息宣传台账, all bodies, one row per ledger row) is a pandas DataFrame whose columns
are :data:`LEDGER_COLUMNS`.  Column keys are those of LEDGER.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from xcreport.findings import Finding

#: The Ledger column contract.  key → (pandas dtype, meaning).
LEDGER_COLUMNS: dict[str, tuple[str, str]] = {
    # provenance
    "source_file": ("string", "path of the workbook, relative to the ledger folder, '/' separators"),
    "sheet": ("string", "sheet name"),
    "excel_row": ("Int64", "Excel row number (1-based, as the clerk sees it)"),
    # who
    "body": ("string", "registered (canonical) name of the reporting body"),
    "group": ("string", "unit | project | office"),
    "authors": ("object", "tuple[str, ...] of author names, split on 、，,;/ and spaces; () if none"),
    # what
    "title": ("string", "title as typed (stripped)"),
    "title_key": ("string", "title after NFKC, white space and punctuation removed: a piece's identity"),
    "category": ("string", "信息类别, one of vocabulary.categories"),
    "focus": ("string", "宣传重点 or <NA>"),
    "project5": ("string", "主题工程 or <NA>"),
    "brand": ("string", "品牌 or <NA>"),
    # when
    "submitted": ("datetime64[s]", "报送日期 (date, no time)"),
    "issue_month": ("string", "所属月份 as stated, 'YYYY-MM', or <NA> when the row states none"),
    # adoption
    "outlet": ("string", "用稿媒体 as typed (register name when matched), <NA> = not adopted"),
    "level": ("string", "effective media level (register wins over the typed one), <NA> = not adopted"),
    "tracks": ("object", "tuple[str, ...] of the outlet's tracks (中国网, 两办, 县级媒体, 市局用稿)"),
    "adopted": ("datetime64[s]", "用稿日期 or NaT"),
    # marks
    "instructed": ("bool", "领导批示"),
    "major": ("bool", "重大政务信息"),
    "event_date": ("datetime64[s]", "事发日期 or NaT"),
    "verdict": ("string", "核查结果: 属实 / 虚假 / 失实 or <NA>"),
    "link": ("string", "链接 or <NA>"),
    "note": ("string", "备注 or <NA>"),
}


#: Roster (通讯员名册): body, name, phone, title — plus provenance columns source_file, sheet, excel_row;
#: then one ``task:<level>`` column per configured level (Int64, <NA> blank), the person's annual
#: task (R9, 分解落实到人: :func:`xcreport.reading.sides.roster_columns`).
ROSTER_COLUMNS = ("body", "name", "phone", "post", "source_file", "sheet", "excel_row")
#: Major-event register (重大事项登记): event, event_date, body, handling (处理, e.g. 瞒报) + provenance.
REGISTER_COLUMNS = ("event", "event_date", "body", "handling", "source_file", "sheet", "excel_row")
#: City ranking (市局排名, R7) and external assessments (外部考核, R8): month 'YYYY-MM', rank, score, item.
RANKING_COLUMNS = ("month", "rank", "score", "item", "source_file", "sheet", "excel_row")


@dataclass(frozen=True, slots=True)
class InputFile:
    """What was read from one workbook (summary.json ``inputs``)."""

    file: str
    sha256: str
    sheets: int
    rows: int
    status: Literal["ok", "rejected"]
    reason: str | None = None


@dataclass(slots=True)
class LedgerData:
    """Everything read from a ledger folder: the rows, the side sheets, the inputs, the findings."""

    ledger: pd.DataFrame
    roster: pd.DataFrame
    register: pd.DataFrame
    rankings: pd.DataFrame
    inputs: list[InputFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: (file, sheet) → non-blank rows read, of every sheet read as a ledger sheet (the account's)
    ledger_sheets: dict[tuple[str, str], int] = field(default_factory=dict)
    #: (file, reason) of every other file under the folder: lock, temporary, hidden, not a workbook
    ignored: list[tuple[str, str]] = field(default_factory=list)

    def senders(self) -> frozenset[str]:
        """The bodies that sent a ledger: rows of theirs were read, or a finding names a file of
        theirs (a sheet of theirs that held no row counts too).  A registered body not among them
        sent nothing: it is 未报送, and has no ledger to send back for correction."""
        bodies = {str(b) for b in self.ledger["body"].dropna().unique()} if "body" in self.ledger else set()
        return frozenset(bodies | {f.body for f in self.findings if f.body and f.file})

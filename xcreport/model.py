"""The plain data that passes between the stages of the pipeline.

``ingest → normalize → validate → score → render → deliver``; each stage reads and returns only
what is declared here (and :mod:`xcreport.metrics` for what scoring returns).

The Ledger (信息宣传台账, all bodies, one row per ledger row) is a pandas DataFrame whose columns
are :data:`LEDGER_COLUMNS`.  Column keys are those of LEDGER.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Literal

import pandas as pd

Severity = Literal["error", "warning"]

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


def empty_ledger() -> pd.DataFrame:
    """A Ledger with no rows and every column of the contract, correctly typed."""
    return pd.DataFrame({k: pd.Series(dtype=t) for k, (t, _) in LEDGER_COLUMNS.items()})


#: The sheet of xcreport's own blank ledgers (``xcreport init``) that shows how to fill one in; it
#: has the ledger's header and an example row, and the reader never reads it.
EXAMPLE_SHEET = "填写示例"

#: Roster (通讯员名册): body, name, phone, title — plus provenance columns source_file, sheet, excel_row.
ROSTER_COLUMNS = ("body", "name", "phone", "post", "source_file", "sheet", "excel_row")
#: Major-event register (重大事项登记): event, event_date, body, handling (处理, e.g. 瞒报) + provenance.
REGISTER_COLUMNS = ("event", "event_date", "body", "handling", "source_file", "sheet", "excel_row")
#: City ranking (市局排名, R7) and external assessments (外部考核, R8): month 'YYYY-MM', rank, score, item.
RANKING_COLUMNS = ("month", "rank", "score", "item", "source_file", "sheet", "excel_row")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a clerk must answer for (校验问题).

    ``row`` is the Excel row number and ``column`` the column letter, so the clerk can go straight
    to the cell; either is None when the finding is about a whole file, sheet or body.
    """

    severity: Severity
    rule: str  # R1…R11 or L-FILE, L-HEADER, L-UNIT, L-DATE, L-REQUIRED, L-VALUE, L-DUP, …
    message: str  # Chinese, actionable: 第12行 报送日期「2014.13.5」不是有效日期
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""  # letter, e.g. "F"
    header: str = ""  # the header as typed in the sheet, e.g. 报送时间
    value: str = ""  # the cell's value as typed
    body: str = ""  # registered name when known

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


#: Column order and Chinese headers of the findings list (校验问题清单).
FINDING_HEADERS: dict[str, str] = {
    "severity": "级别",
    "rule": "规则",
    "body": "单位",
    "file": "文件",
    "sheet": "工作表",
    "row": "行号",
    "column": "列",
    "header": "列名",
    "value": "原值",
    "message": "问题说明",
}
SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告"}


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Findings as a tidy table in a stable order (body, file, sheet, row, rule)."""
    cols = list(Finding.__dataclass_fields__)
    frame = pd.DataFrame([f.as_dict() for f in findings], columns=cols)
    frame["row"] = frame["row"].astype("Int64")
    order = {"error": 0, "warning": 1}
    return (
        frame.assign(_sev=frame["severity"].map(order))
        .sort_values(
            ["body", "file", "sheet", "row", "_sev", "rule", "column"], na_position="first", kind="stable"
        )
        .drop(columns="_sev")
        .reset_index(drop=True)
    )


@dataclass(frozen=True, slots=True)
class InputFile:
    """What was read from one workbook (summary.json ``inputs``)."""

    file: str
    sha256: str
    sheets: int
    rows: int
    status: Literal["ok", "rejected"]
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Period:
    """The period a run reports: a month (monthly) or a whole year (annual)."""

    kind: Literal["monthly", "annual"]
    year: int
    month: int | None = None  # 1–12 for monthly
    #: annual only: the last ended month when the year is still under way (a year-to-date report);
    #: None for a whole year.
    through: int | None = None

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, 1)

    @property
    def end(self) -> dt.date:
        m = self.last_month
        return dt.date(self.year, m, calendar.monthrange(self.year, m)[1])

    @property
    def last_month(self) -> int:
        """The last month the period covers: the month, or 12 for a year (``through`` if set)."""
        return self.month or self.through or 12

    @property
    def key(self) -> str:
        """'2014-03' for a month, '2014' for a year."""
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)

    @property
    def label(self) -> str:
        """'2014年3月' or '2014年度' — used in file names and titles."""
        return f"{self.year}年{self.month}月" if self.month else f"{self.year}年度"

    @property
    def span_label(self) -> str:
        """What the period covers, in words: '2014年3月', '2014年度', or '2015年1—2月' for a year
        still under way (file names keep :attr:`label`)."""
        if self.partial:
            return f"{self.year}年1—{self.last_month}月" if self.last_month > 1 else f"{self.year}年1月"
        return self.label

    @property
    def partial(self) -> bool:
        """An annual period of a year still under way (January to ``through``)."""
        return self.month is None and self.through is not None and self.through < 12

    def months(self) -> list[str]:
        """'YYYY-MM' keys of the months from January to the period's last month (year to date)."""
        return [f"{self.year}-{m:02d}" for m in range(1, self.last_month + 1)]

    def as_dict(self) -> dict[str, object]:
        return {
            "month": self.key if self.month else None,
            "year": self.year,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


@dataclass(slots=True)
class LedgerData:
    """Everything read from a ledger folder: the rows, the side sheets, the inputs, the findings."""

    ledger: pd.DataFrame
    roster: pd.DataFrame
    register: pd.DataFrame
    rankings: pd.DataFrame
    inputs: list[InputFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

"""The period a run reports — a month or a year — and the one place that reads it.

``--month`` and ``--year`` are parsed here (:func:`requested`), once, before any ledger is read;
when neither is given, the period is the latest ended month with rows, or its year
(:func:`latest`, RULES.md "Periods").  Months are also compared as integers (:func:`month_index`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from xcreport.errors import UsageError

Kind = Literal["monthly", "annual"]
_MONTH = re.compile(r"^\s*(\d{4})\s*-\s*(\d{1,2})\s*$")


def month_key(year: int, month: int) -> str:
    """(2014, 3) → '2014-03'."""
    return f"{year}-{month:02d}"


def month_index(year: int, month: int) -> int:
    """(2014, 3) → 2014 × 12 + 2: the integer form of a month that masks compare."""
    return year * 12 + month - 1


@dataclass(frozen=True, slots=True)
class Period:
    """The period a run reports: a month (monthly) or a whole year (annual)."""

    kind: Kind
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
        return month_key(self.year, self.month) if self.month else str(self.year)

    @property
    def label(self) -> str:
        """'2014年3月' or '2014年度' — used in file names and titles."""
        return f"{self.year}年{self.month}月" if self.month else f"{self.year}年度"

    @property
    def span_label(self) -> str:
        """What the period covers, in words: '2014年3月', '2014年度', or '2015年1—2月' for a year
        still under way (file names keep :attr:`label`)."""
        if self.partial:
            return f"{self.year}年{self.months_span}"
        return self.label

    @property
    def months_span(self) -> str:
        """January to the period's last month in words: '1月', '1—3月'."""
        return "1月" if self.last_month == 1 else f"1—{self.last_month}月"

    @property
    def partial(self) -> bool:
        """An annual period of a year still under way (January to ``through``)."""
        return self.month is None and self.through is not None and self.through < 12

    def months(self) -> list[str]:
        """'YYYY-MM' keys of the months from January to the period's last month (year to date)."""
        return [month_key(self.year, m) for m in range(1, self.last_month + 1)]

    def as_dict(self) -> dict[str, object]:
        return {
            "month": self.key if self.month else None,
            "year": self.year,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


def parse_month(text: str) -> tuple[int, int]:
    """'2014-03' → (2014, 3); anything else is a :class:`UsageError` saying what is wrong."""
    found = _MONTH.match(text)
    if found is None:
        raise UsageError(f"--month「{text}」应为 年-月，例如 2014-03")
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12:
        raise UsageError(f"--month「{text}」中的月份 {month} 超出范围，应为 1–12")
    return year, month


def requested(
    kind: Kind, today: dt.date, *, month: str | None = None, year: int | None = None
) -> Period | None:
    """The period the command line names, or None when it names none.

    A month that has not begun, or a year without an ended month, is a :class:`UsageError`; a year
    still under way is reported from January to its last ended month (``through``).
    """
    if kind == "monthly" and month:
        y, m = parse_month(month)
        if (y, m) > (today.year, today.month):
            raise UsageError(f"--month {month} 尚未开始（今天是 {today.isoformat()}）")
        return Period("monthly", y, m)
    if kind == "annual" and year:
        if year < today.year:
            return Period("annual", year)
        if year > today.year or today.month == 1:
            raise UsageError(f"--year {year} 还没有已结束的月份（今天是 {today.isoformat()}）")
        return Period("annual", year, through=today.month - 1)
    return None


def latest(kind: Kind, latest_month: int | None, today: dt.date) -> Period | None:
    """The period a run reports when none is named (RULES.md, "Periods").

    ``latest_month`` is the :func:`month_index` of the latest calendar month of 报送日期, before
    ``today``'s month, in which a registered body has rows (None: there is none).  Monthly: that
    month.  Annual: its year — the whole year when it has ended, else January to the last ended
    month (``through``).
    """
    if latest_month is None:
        return None
    year, month = divmod(latest_month, 12)
    if kind == "monthly":
        return Period("monthly", year, month + 1)
    return Period("annual", year, through=today.month - 1 if year == today.year else None)

"""Chinese text, one way everywhere: how names are compared, and how figures, dates, lists and
file names are written — by the report, the mails, the workbooks and the console alike, so that
one run says one figure one way.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
import unicodedata
from collections.abc import Iterable, Mapping

#: What the report writes for a figure that does not exist.
NONE = "—"
_CN_DIGITS = "零一二三四五六七八九"
_MONTH_PART = re.compile(r"^(\d{4})-(\d{2})\s*(.*)$")
_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_UNSAFE_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


# -- names --------------------------------------------------------------------------------------


#: White space and the invisible format characters (Unicode category Cf: zero-width space and
#: joiners, BOM U+FEFF, soft hyphen, bidi marks) that names pasted from chat apps carry. NBSP and
#: 全角空格 are white space. One pattern, used by every matcher (vectorised ones included).
INVISIBLE = (
    r"[\s\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    r"\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    r"\U000e0020-\U000e007f]+"
)
_INVISIBLE = re.compile(INVISIBLE)


def fold_name(text: str) -> str:
    """The form in which names are compared: NFKC, white space (全角空格, NBSP) and invisible
    format characters (zero-width space/joiner, BOM) removed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


# -- why a file could not be used -----------------------------------------------------------------

#: What the operating system's errors mean, in the clerk's words (the same on Windows and Linux).
_OS_ERRORS: dict[int, str] = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限（文件可能正被 Excel/WPS 打开，或文件夹只读）",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "磁盘或文件夹只读",
    errno.EEXIST: "已有同名的文件",
    errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
    errno.EISDIR: "这是文件夹而不是文件",
    errno.ENAMETOOLONG: "文件名或路径太长",
}


def os_error_text(exc: OSError) -> str:
    """Why ``exc`` happened, in Chinese where the error is a common one, else as the system says."""
    return _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))


# -- figures ------------------------------------------------------------------------------------


def num(value: float | int | None) -> str:
    """A figure as a clerk writes it: ``12``, ``12.5``, ``4.17`` (two places at most); ``—`` for none."""
    if value is None:
        return NONE
    if isinstance(value, int):
        return str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def signed(value: int | None) -> str:
    """A change with its sign: ``+3``, ``-2``, ``0``; ``—`` when there is nothing to compare with."""
    if value is None:
        return NONE
    return f"+{value}" if value > 0 else str(value)


def change(value: int, unit: str = "篇") -> str:
    """A change in words: 增加3篇, 减少2篇, 持平."""
    if value == 0:
        return "持平"
    return f"{'增加' if value > 0 else '减少'}{abs(value)}{unit}"


def rate(value: float | None) -> str:
    """A completion rate as a percentage without needless decimals (``62.5%``)."""
    return NONE if value is None else f"{num(value * 100)}%"


def cn_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (heading numbers 一、 and （一）)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


# -- dates --------------------------------------------------------------------------------------


def cn_date(day: dt.date) -> str:
    """``2014年3月5日``: Arabic numerals, no leading zeros (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_day(day: dt.date) -> str:
    """``3月5日``."""
    return f"{day.month}月{day.day}日"


def cn_weekday(day: dt.date) -> str:
    """``星期四``."""
    return "星期" + "一二三四五六日"[day.weekday()]


def cn_iso_day(iso: str) -> str:
    """An ISO date (``2014-03-27``) as ``3月27日``; other text unchanged."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return cn_day(day)


def cn_month(key: str) -> str:
    """``2014-03`` → ``3月``; ``2014-03 上半月`` → ``3月上半月``; other text unchanged."""
    match = _MONTH_PART.match(key)
    if match is None:
        return key
    return f"{int(match.group(2))}月{match.group(3)}"


def month_label(key: str) -> str:
    """``2014-03`` → ``2014年3月``."""
    return f"{key[:4]}年{int(key[5:7])}月"


# -- lists --------------------------------------------------------------------------------------


def join(items: Iterable[str]) -> str:
    """Items of a Chinese list: 甲、乙、丙."""
    return "、".join(items)


def levels_text(levels: Iterable[str], counts: Mapping[str, int]) -> str:
    """Adoptions by level: 国家级3篇次、省部级5篇次… (every level, zeros included)."""
    return join(f"{lv}{counts.get(lv, 0)}篇次" for lv in levels)


# -- file names and widths ----------------------------------------------------------------------


def safe_file_name(name: str) -> str:
    """``name`` with the characters Windows forbids in file names replaced by ``_``."""
    return _UNSAFE_FILE_CHARS.sub("_", name).strip(" .") or "_"


def safe_sheet_title(name: str) -> str:
    """``name`` as an Excel sheet title: no ``[]:*?/\\``, at most 31 characters."""
    return _UNSAFE_SHEET_CHARS.sub("_", name).strip("'")[:31] or "_"


def display_width(text: str) -> int:
    """Width of ``text`` in half-width cells: a wide (CJK, full-width) character counts as 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

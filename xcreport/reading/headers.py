"""Header words: the only code that knows what the columns of a sheet are called.

The accepted names of every column of the ledger (LEDGER.md) and of the side sheets — roster
(通讯员名册), major-event register (重大事项登记) and ranking (市局排名 / 外部考核) — the form a
header is matched in, the rules by which a row is recognised as a sheet's header, and the name of
the example sheet of xcreport's own blank ledgers.  :mod:`xcreport.blank` takes its headers from
here, so that a blank ledger is always one the reader recognises.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from xcreport.config import Settings
from xcreport.text import fold_name

#: The kinds of sheet the reader recognises.
SheetKind = Literal["ledger", "roster", "register", "ranking"]

#: Ledger column key → accepted headers, the standard one first (LEDGER.md).
LEDGER_HEADERS: dict[str, tuple[str, ...]] = {
    "unit": ("单位", "报送单位", "所属单位", "单位名称"),
    "author": ("作者", "撰稿人", "报送人", "通讯员"),
    "title": ("标题", "稿件标题", "信息标题", "题目"),
    "category": ("类别", "信息类别", "稿件类型", "类型"),
    "focus": ("宣传重点", "宣传主题", "工作重点"),
    "project5": ("主题工程", "五大主题工程名称"),
    "brand": ("品牌", "品牌名称", "创建品牌"),
    "submitted": ("报送日期", "报送时间", "上报日期", "日期"),
    "issue_month": ("所属月份", "所属期次", "期次"),
    "outlet": ("用稿媒体", "采用媒体", "刊发媒体", "采用单位"),
    "level": ("媒体级别", "用稿级别", "级别"),
    "adopted": ("用稿日期", "刊发日期", "采用日期"),
    "instructed": ("领导批示", "批示"),
    "major": ("重大政务信息", "是否重大"),
    "event_date": ("事发日期", "事件日期"),
    "verdict": ("核查结果", "核实情况"),
    "link": ("链接", "版面", "网址"),
    "note": ("备注", "说明"),
}
#: 通讯员名册: key → headers (keys as model.ROSTER_COLUMNS).
ROSTER_HEADERS: dict[str, tuple[str, ...]] = {
    "body": ("单位", "报送单位", "所属单位", "单位名称"),
    "name": ("姓名", "通讯员", "通讯员姓名"),
    "phone": ("电话", "联系电话", "手机", "手机号码", "联系方式"),
    "post": ("职务", "职位", "岗位"),
}
#: 重大事项登记: key → headers (keys as model.REGISTER_COLUMNS).
REGISTER_HEADERS: dict[str, tuple[str, ...]] = {
    "event": ("事项", "重大事项", "事项名称", "事件"),
    "event_date": ("事发日期", "事件日期", "发生日期"),
    "body": ("责任单位", "单位"),
    "handling": ("处理", "处理情况", "处理结果"),
}
#: 市局排名 / 外部考核: key → headers (keys as model.RANKING_COLUMNS).
RANKING_HEADERS: dict[str, tuple[str, ...]] = {
    "month": ("月份", "考核月份"),
    "rank": ("名次", "排名"),
    "score": ("得分", "分数"),
    "item": ("考核项目", "项目"),
}
HEADERS: dict[SheetKind, dict[str, tuple[str, ...]]] = {
    "ledger": LEDGER_HEADERS,
    "register": REGISTER_HEADERS,
    "roster": ROSTER_HEADERS,
    "ranking": RANKING_HEADERS,
}
#: What a side sheet's header must hold to be recognised; a ledger needs any three known names.
RECOGNISED_BY: dict[SheetKind, frozenset[str]] = {
    "register": frozenset({"event", "event_date", "body"}),
    "roster": frozenset({"body", "name"}),
    "ranking": frozenset({"month", "rank"}),
}
LEDGER_MIN_NAMES = 3
HEADER_SEARCH_ROWS = 10
#: Keys every ledger row must fill; a sheet without one of these columns cannot give a row.
REQUIRED_KEYS = ("author", "title", "category", "submitted")

#: The sheet of xcreport's own blank ledgers (``xcreport init``) that shows how to fill one in; it
#: has the ledger's header and an example row, and the reader never reads it.
EXAMPLE_SHEET = "填写示例"
#: The 备注 of the example row the blank ledgers carry in :data:`EXAMPLE_SHEET`: that row is never read.
EXAMPLE_MARK = "示例，填写时请删除"

_REQUIRED_MARK = re.compile(r"(?:\*|\(必填\))+$")


def header_key(text: object) -> str:
    """The form a header is matched in: NFKC, no white space, no trailing ``*`` / ``(必填)`` mark."""
    name = fold_name(str(text))
    return _REQUIRED_MARK.sub("", name).lstrip("*")


_TYPED_MARKS = re.compile(r"^[*＊\s]+|(?:\s|[*＊]|[（(]必填[）)])+$")


def spoken_header(text: str) -> str:
    """A header as the clerk typed it, less the required marks (报送日期* → 报送日期), for messages."""
    return _TYPED_MARKS.sub("", text)


#: The columns a message names when it tells a clerk what a ledger header looks like.
_EXAMPLE_KEYS = ("unit", "author", "title", "category", "submitted")


def standard_header(key: str) -> str:
    """The standard header of a ledger column (LEDGER.md): submitted → 报送日期."""
    return LEDGER_HEADERS[key][0]


def header_examples() -> str:
    """单位、作者、标题、类别、报送日期: the headers a message gives as examples."""
    return "、".join(standard_header(k) for k in _EXAMPLE_KEYS)


#: kind → header key → (column key, whether it is the standard header).
_HEADER_INDEX: dict[SheetKind, dict[str, tuple[str, bool]]] = {
    kind: {header_key(h): (key, i == 0) for key, names in table.items() for i, h in enumerate(names)}
    for kind, table in HEADERS.items()
}


#: Header words the configuration adds to the ones above: (kind, column key, headers), e.g.
#: ("ledger", "submitted", ("送稿日期",)).  A key a kind does not know is a column of its own (the
#: roster's task columns).  Hashable, so that it travels to the worker processes and is indexed once.
ExtraHeaders = tuple[tuple[SheetKind, str, tuple[str, ...]], ...]


@cache
def _index(extra: ExtraHeaders) -> dict[SheetKind, dict[str, tuple[str, bool]]]:
    """:data:`_HEADER_INDEX` with the ``extra`` words (the built-in meaning of a word wins)."""
    index = {kind: dict(words) for kind, words in _HEADER_INDEX.items()}
    for kind, key, words in extra:
        for word in words:
            index[kind].setdefault(header_key(word), (key, False))
    return index


def header_column(kind: SheetKind, name: str) -> str | None:
    """The column of a sheet of ``kind`` that ``name`` stands for — its key (submitted) or a header
    xcreport knows (报送日期, 报送时间) — or None."""
    if name in HEADERS[kind]:
        return name
    hit = _HEADER_INDEX[kind].get(header_key(name))
    return hit[0] if hit else None


def header_taken(kind: SheetKind, key: str, word: str) -> str | None:
    """The standard header of the other column that ``word`` already names, or None."""
    hit = _HEADER_INDEX[kind].get(header_key(word))
    return HEADERS[kind][hit[0]][0] if hit and hit[0] != key else None


def task_key(level: str) -> str:
    """The roster's column of a person's annual task at ``level`` (R9, 分解落实到人)."""
    return f"task:{level}"


def task_headers(level: str) -> tuple[str, ...]:
    """The headers of that column, the standard one first: 省部级任务, 省部级任务数."""
    return (f"{level}任务", f"{level}任务数")


def configured_headers(settings: Settings) -> ExtraHeaders:
    """The header words of ``settings``: its own (``headers``), and a roster task column per level."""
    extra: list[tuple[SheetKind, str, tuple[str, ...]]] = []
    for kind in HEADERS:
        for name, words in settings.headers.of(kind).items():
            key = header_column(kind, name)
            if key is not None:
                extra.append((kind, key, tuple(words)))
    extra += [("roster", task_key(level), task_headers(level)) for level in settings.levels]
    return tuple(extra)


def column_letter(index: int) -> str:
    """Excel's letter for a 0-based column index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _match_row(
    row: Sequence[object], kind: SheetKind, extra: ExtraHeaders = ()
) -> tuple[dict[str, int], tuple[tuple[str, int], ...]]:
    """Column key → 0-based column of ``row`` read as a header of ``kind``, and the columns left over
    as (key, column), in column order.

    When two columns carry the same key (报送日期 and 日期, or 日期 twice), the standard header
    wins, else the first; the other is left over.
    """
    index = _index(extra)[kind]
    found: dict[str, tuple[int, bool]] = {}
    others: list[tuple[str, int]] = []
    for col, cell in enumerate(row):
        if not isinstance(cell, str) or not cell.strip():
            continue
        hit = index.get(header_key(cell))
        if hit is None:
            continue
        key, standard = hit
        if key not in found:
            found[key] = (col, standard)
        elif standard and not found[key][1]:
            others.append((key, found[key][0]))
            found[key] = (col, standard)
        else:
            others.append((key, col))
    return {key: col for key, (col, _) in found.items()}, tuple(sorted(others, key=lambda kc: kc[1]))


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """Where a sheet's header is (0-based row), what kind of sheet it heads, and its columns.

    ``ignored``: (key, column) of the further columns naming a key already taken, in column order.
    """

    row: int
    kind: SheetKind
    columns: dict[str, int]
    ignored: tuple[tuple[str, int], ...] = ()


def detect_header(
    rows: Sequence[Sequence[object]], extra: ExtraHeaders = ()
) -> tuple[HeaderMatch | None, int]:
    """The first row within the first ten that reads as a header, and the most ledger names seen.

    A row qualifies as a ledger header with three known ledger names, as a side sheet with the
    names :data:`RECOGNISED_BY` asks for; where a row qualifies for several kinds, the kind with the
    most matched names wins (ledger first on a tie).  ``extra``: the configuration's header words.
    """
    return find_header(rows, 0, HEADER_SEARCH_ROWS, extra)


def find_header(
    rows: Sequence[Sequence[object]], start: int, stop: int, extra: ExtraHeaders = ()
) -> tuple[HeaderMatch | None, int]:
    """As :func:`detect_header`, over the rows ``start``…``stop - 1``."""
    best_ledger = 0
    for i in range(start, min(stop, len(rows))):
        candidates: list[tuple[int, int, SheetKind, dict[str, int], tuple[tuple[str, int], ...]]] = []
        for order, kind in enumerate(HEADERS):
            cols, others = _match_row(rows[i], kind, extra)
            if kind == "ledger":
                best_ledger = max(best_ledger, len(cols))
                qualifies = len(cols) >= LEDGER_MIN_NAMES
            else:
                qualifies = RECOGNISED_BY[kind] <= cols.keys()
            if qualifies:
                candidates.append((-len(cols), order, kind, cols, others))
        if candidates:
            _, _, kind, cols, others = min(candidates, key=lambda c: (c[0], c[1]))
            return HeaderMatch(i, kind, cols, others), best_ledger
    return None, best_ledger

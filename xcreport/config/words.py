"""The configuration's own header names and 是/否 words, checked against the ones xcreport knows.

They *extend* the reader's vocabulary: a header word may add a name to a column, never take one
that already means another column; a yes word may not be a no word, built-in or configured.  The
reader's vocabulary lives in :mod:`xcreport.reading.headers` and :mod:`xcreport.reading.cells`,
which themselves read the configuration: they are imported when a configuration is checked, by
then both are loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xcreport.config.sections import HeaderWords, YesNo

if TYPE_CHECKING:
    from xcreport.reading.headers import SheetKind

#: What each kind of sheet is called, in the messages.
_SHEETS: dict[SheetKind, str] = {
    "ledger": "台账",
    "roster": "通讯员名册",
    "register": "重大事项登记",
    "ranking": "市局排名",
}


def check_header_words(headers: HeaderWords) -> list[tuple[str, str]]:
    """(key, message) of each mistake: a column the sheet does not have, a header that already
    names another column (built in, or given for another column)."""
    from xcreport.reading.headers import HEADERS, header_column, header_key, header_taken  # see above

    mistakes: list[tuple[str, str]] = []
    for kind, sheet in _SHEETS.items():
        given: dict[str, tuple[str, str]] = {}  # header → (column key, the name it was given under)
        for name, words in headers.of(kind).items():
            key = header_column(kind, name)
            where = f"headers.{kind}.{name}"
            if key is None:
                known = "、".join(names[0] for names in HEADERS[kind].values())
                mistakes.append((where, f"{sheet}没有「{name}」这一列（可写：{known}）"))
                continue
            for word in words:
                taken = header_taken(kind, key, word)
                other = given.setdefault(header_key(word), (key, name))
                if taken is None and other[0] != key:
                    taken = other[1]
                if taken is not None:
                    mistakes.append((where, f"「{word}」已是{sheet}“{taken}”列的列名，不能再用于“{name}”"))
    return mistakes


def check_yes_no(words: YesNo) -> list[tuple[str, str]]:
    """(key, message) of each 是/否 word that already means the opposite."""
    from xcreport.reading.cells import NO_TOKENS, YES_TOKENS, yes_no_token  # imported here: see above

    no = {yes_no_token(w) for w in words.no}
    mistakes = [
        ("yes_no.yes", f"「{w}」已表示“否”，不能再表示“是”")
        for w in words.yes
        if yes_no_token(w) in NO_TOKENS | no
    ]
    mistakes += [
        ("yes_no.no", f"「{w}」已表示“是”，不能再表示“否”") for w in words.no if yes_no_token(w) in YES_TOKENS
    ]
    return mistakes

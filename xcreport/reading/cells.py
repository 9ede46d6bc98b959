"""Cells as text: what a clerk typed, read column-wise.

Ledgers repeat their values (the same body, category, outlet, date on many rows), so every column
transform runs on the column's distinct cells only and is spread back by position
(:func:`spread`): the same vectorised string operations, on a few hundred values, not 100 000.
A column comes either as a Series or coded (:class:`~xcreport.reading.tables.Coded`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from xcreport.reading.tables import Coded, ObjectArray
from xcreport.text import INVISIBLE, fold_name


def cell_text(value: object) -> str:
    """A cell as the clerk sees it: text stripped, whole numbers without '.0', dates ISO."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if np.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return "" if value is None else str(value)


#: A column of cells: a Series (index kept), or coded (rows 0…n-1).
Column = pd.Series | Coded


def _coded(cells: Column) -> tuple[Coded, pd.Index]:
    if isinstance(cells, Coded):
        return cells, pd.RangeIndex(len(cells.codes))
    return Coded.of(cells), cells.index


def spread(cells: Column, transform: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``transform`` applied to the distinct cells of ``cells``, spread back to every row."""
    coded, index = _coded(cells)
    values = transform(pd.Series(coded.uniques, dtype=object))
    return pd.Series(values.array.take(coded.codes), index=index)


def spread_frame(cells: Column, transform: Callable[[pd.Series], pd.DataFrame]) -> pd.DataFrame:
    """As :func:`spread`, for a transform giving several columns."""
    coded, index = _coded(cells)
    out = transform(pd.Series(coded.uniques, dtype=object)).take(coded.codes)
    out.index = index
    return out


def text_values(cells: pd.Series) -> pd.Series:
    """Cells → str, "" for blank (object dtype)."""
    if pd.api.types.infer_dtype(cells, skipna=False) == "string":
        return cells.str.strip()
    # Distinct values of a column mixing numbers, dates and text: few, so one by one.
    return cells.map(cell_text).astype(object)


def canonical(texts: pd.Series) -> pd.Series:
    """Vectorised :func:`xcreport.text.fold_name`."""
    return texts.str.normalize("NFKC").str.replace(INVISIBLE, "", regex=True)


def cell_texts(cells: Column) -> pd.Series:
    """Column of cells → column of str, "" for blank."""
    return spread(cells, text_values)


def optional_text(cells: Column) -> pd.Series:
    """Column of cells → "string" column, <NA> for blank."""
    return spread(cells, lambda u: nonblank(text_values(u)))


def nonblank(texts: pd.Series) -> pd.Series:
    return texts.where(texts != "", None).astype("string")


def vocab_text(cells: Column, vocabulary: Sequence[str]) -> pd.Series:
    """The vocabulary's spelling where a value matches one (after NFKC, spaces), else as typed."""
    lookup = {fold_name(v): v for v in vocabulary}

    def transform(unique: pd.Series) -> pd.Series:
        texts = text_values(unique)
        matched = canonical(texts).map(lookup)
        return nonblank(matched.where(matched.notna(), texts))

    return spread(cells, transform)


_SEPARATORS = r"[、,;/\s]+"  # after NFKC: ，→ ,  ；→ ;  全角空格 → space


def empty_tuples(n: int, index: pd.Index) -> pd.Series:
    out: ObjectArray = np.empty(n, dtype=object)
    out.fill(())
    return pd.Series(out, index=index, dtype=object)


def authors(cells: Column) -> pd.Series:
    """Author names as tuples, split on 、，,;；/ and spaces; () when blank."""

    def transform(unique: pd.Series) -> pd.Series:
        texts = text_values(unique).str.normalize("NFKC")
        joined = texts.str.replace(_SEPARATORS, " ", regex=True).str.strip()
        parts = joined.str.split(" ").map(tuple)
        return parts.where(joined != "", empty_tuples(len(joined), joined.index))

    return spread(cells, transform)


_NOT_WORD = re.compile(r"[\W_]+")


def _key_of(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())


def title_key(cells: Column) -> pd.Series:
    """A piece's identity: NFKC, case-folded, white space and punctuation removed; <NA> when blank."""

    def transform(unique: pd.Series) -> pd.Series:
        texts = text_values(unique)
        # Titles rarely repeat, so this runs once per row: one pass composing the three steps
        # costs a third of pandas' three .str passes, which loop over the values just the same.
        keys = texts.map(_key_of)
        return keys.where(texts != "", None).astype("string")

    return spread(cells, transform)


#: 是/否 and their usual marks, in the form cells are compared in (:func:`yes_no_token`).
YES_TOKENS = frozenset({"是", "Y", "√", "✓", "✔", "1", "TRUE"})
NO_TOKENS = frozenset({"否", "N", "×", "✗", "✘", "0", "FALSE", ""})


def yes_no_token(word: str) -> str:
    """A yes/no word as cells are compared: NFKC, no white space, upper case."""
    return fold_name(word).upper()


def yes_no(cells: Column, yes: Sequence[str] = (), no: Sequence[str] = ()) -> tuple[pd.Series, pd.Series]:
    """(value, unreadable): 是/否 and their usual marks, and the configuration's ``yes`` and ``no``
    words; blank is no, anything else is no and flagged."""
    yes_tokens = YES_TOKENS | {yes_no_token(w) for w in yes}
    no_tokens = NO_TOKENS | {yes_no_token(w) for w in no}

    def transform(unique: pd.Series) -> pd.DataFrame:
        token = canonical(text_values(unique)).str.upper()
        is_yes = token.isin(yes_tokens)
        return pd.DataFrame({"yes": is_yes.astype(bool), "bad": ~(is_yes | token.isin(no_tokens))})

    out = spread_frame(cells, transform)
    return out["yes"], out["bad"]

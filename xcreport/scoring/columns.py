"""Small vectorised helpers on the columns scoring works with: masks, names, months, dates.

Nothing here loops over ledger rows in Python: what is worked out per value is worked out once per
distinct value (names, months) and spread back to the rows.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from xcreport.period import month_key
from xcreport.text import fold_name


def flag(mask: pd.Series) -> pd.Series:
    """A nullable boolean mask with <NA> read as False."""
    return mask.fillna(False).astype(bool)


def folded(values: pd.Series) -> pd.Series:
    """:func:`~xcreport.text.fold_name` of each value (NFKC, every white space removed), worked
    out once per distinct value; <NA> kept."""
    codes, distinct = pd.factorize(values.astype("string"))
    canonical = np.array([fold_name(str(v)) for v in distinct] + [pd.NA], dtype=object)
    return pd.Series(canonical[codes], index=values.index, dtype="string")


def month_indexes(dates: pd.Series) -> pd.Series:
    """Dates → :func:`~xcreport.period.month_index` of each: year × 12 + month − 1 (Int64, <NA>
    for NaT)."""
    index: pd.Series = (dates.dt.year * 12 + dates.dt.month - 1).astype("Int64")
    return index


def month_keys(index: pd.Series) -> pd.Series:
    """Month index → 'YYYY-MM' (string, <NA> kept); mapped from the few distinct months."""
    keys = {int(i): month_key(int(i) // 12, int(i) % 12 + 1) for i in index.dropna().unique()}
    return index.map(keys).astype("string")


def month_day(dates: pd.Series) -> pd.Series:
    """Dates → '3月27日'."""
    text: pd.Series = (
        dates.dt.month.astype("Int64").astype("string")
        + "月"
        + dates.dt.day.astype("Int64").astype("string")
        + "日"
    )
    return text


def iso_date(dates: pd.Series) -> pd.Series:
    """Dates → '2014-03-27'."""
    text: pd.Series = dates.dt.strftime("%Y-%m-%d")
    return text


def records(frame: pd.DataFrame) -> list[dict[Hashable, Any]]:
    return frame.to_dict("records")


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames of the same columns, one after the other (the first, emptied, when all are empty)."""
    kept = [f for f in frames if not f.empty]
    return pd.concat(kept, ignore_index=True) if kept else frames[0].iloc[0:0]

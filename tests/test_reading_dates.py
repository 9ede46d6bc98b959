"""reading.dates: every form of date and month people type, read a column at once."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xcreport.reading.dates import DateColumn, date_parts, parse_months, resolve_dates

MARCH_5 = pd.Timestamp(2014, 3, 5)


def _cells(*values: object) -> pd.Series:
    return pd.Series(list(values), dtype=object)


def _no_year(cells: pd.Series) -> pd.Series:
    """No year known for any row: neither the sheet's nor the file's name gives one."""
    return pd.Series(np.nan, index=cells.index)


def parse_dates(cells: pd.Series, years: pd.Series | None = None) -> DateColumn:
    """A column of date cells read as the ledger's are: their parts, then the dates, the year-less
    ones taking ``years``."""
    return resolve_dates(date_parts(cells), _no_year(cells) if years is None else years)


@pytest.mark.parametrize(
    "cell",
    [
        dt.datetime(2014, 3, 5),
        dt.datetime(2014, 3, 5, 16, 45, 10),
        dt.date(2014, 3, 5),
        41703.0,
        41703,
        41703.6875,  # serial with a time of day
        "41703",
        "2014-03-05",
        "2014-3-5",
        "2014/3/5",
        "2014/03/05",
        "2014.3.5",
        "2014年3月5日",
        "2014年03月05日",
        "2014年3月5号",
        "20140305",
        20140305.0,
        "２０１４年３月５日",
        "２０１４－０３－０５",
        "2014-03-05 10:30",
        "2014-03-05 10:30:59",
        "2014-03-05T10:30:00",
        "2014年3月5日 10时30分",
        "  2014-03-05  ",
    ],
)
def test_every_date_form_means_5_march(cell: object) -> None:
    col = parse_dates(_cells(cell))
    assert col.value.tolist() == [MARCH_5]
    assert not col.invalid.any() and not col.blank.any() and not col.no_year.any()


@pytest.mark.parametrize("cell", ["3月5日", "03月05日", "３月５日", "3月5号"])
def test_month_day_takes_the_given_year(cell: object) -> None:
    col = parse_dates(_cells(cell), years=pd.Series([2014.0]))
    assert col.value.tolist() == [MARCH_5]


def test_month_day_without_any_year_is_flagged_not_guessed() -> None:
    col = parse_dates(_cells("3月5日"))
    assert col.no_year.tolist() == [True]
    assert col.invalid.tolist() == [False]
    assert col.value.isna().all()


@pytest.mark.parametrize(
    "cell",
    [
        "2014.13.5",
        "2014-02-30",
        "2月30日",
        "20141305",
        20141305.0,
        "下周一",
        "2014",
        "3/5",
        "2014-03-05x",
        True,
        3.5,  # a slip, not a 1900 date
        dt.time(10, 30),
    ],
)
def test_anything_else_is_invalid(cell: object) -> None:
    col = parse_dates(_cells(cell), years=pd.Series([2014.0]))
    assert col.invalid.tolist() == [True]
    assert col.value.isna().all()


def test_blank_cells_are_blank_not_invalid() -> None:
    col = parse_dates(_cells("", "   ", "\u3000", None))
    assert col.blank.tolist() == [True, True, True, True]
    assert not col.invalid.any()


def test_a_column_of_mixed_forms_is_read_at_once() -> None:
    cells = _cells(dt.datetime(2014, 1, 2), "2014.2.3", 41703.0, "", "2014.13.5", "4月6日")
    col = parse_dates(cells, years=pd.Series([2014.0] * 6))
    assert col.value.tolist()[:3] == [pd.Timestamp(2014, 1, 2), pd.Timestamp(2014, 2, 3), MARCH_5]
    assert col.value.iloc[5] == pd.Timestamp(2014, 4, 6)
    assert col.invalid.tolist() == [False, False, False, False, True, False]
    assert str(col.value.dtype) == "datetime64[s]"


@pytest.mark.parametrize(
    "cell",
    [
        "2014-03",
        "2014-3",
        "2014年3月",
        "2014年03月",
        "2014年3月份",
        "2014.3",
        "2014/03",
        "201403",
        201403.0,
        2014.03,
        2014.3,
        "３月",
        "3月",
        "3月份",
        dt.datetime(2014, 3, 1),
        "2014-03-01",
    ],
)
def test_every_month_form_means_march(cell: object) -> None:
    keys, col = parse_months(_cells(cell), years=pd.Series([2014.0]))
    assert keys.tolist() == ["2014-03"]
    assert not col.invalid.any()


def test_october_and_december_as_numbers() -> None:
    keys, _ = parse_months(_cells(2014.12, "2014.10", 2014.11), years=pd.Series([2014.0] * 3))
    assert keys.tolist() == ["2014-12", "2014-10", "2014-11"]


@pytest.mark.parametrize("cell", ["2014-13", "13月", "三月", 2014.1, "2014"])
def test_months_that_cannot_be_read(cell: object) -> None:
    # 2014.1 in a number cell is January or October: no guess.
    keys, col = parse_months(_cells(cell), years=pd.Series([2014.0]))
    assert col.invalid.tolist() == [True]
    assert keys.isna().all()


def test_blank_month_is_na() -> None:
    keys, col = parse_months(_cells(""), _no_year(_cells("")))
    assert keys.isna().all() and col.blank.all() and not col.invalid.any()


def test_nan_cells_are_blank() -> None:
    col = parse_dates(_cells(np.nan))
    assert col.blank.tolist() == [True]


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_date_in_any_typed_form_reads_back(day: dt.date) -> None:
    y, m, d = day.year, day.month, day.day
    forms: list[object] = [
        f"{y}-{m:02d}-{d:02d}",
        f"{y}/{m}/{d}",
        f"{y}.{m}.{d}",
        f"{y}年{m}月{d}日",
        f"{y}{m:02d}{d:02d}",
        float(f"{y}{m:02d}{d:02d}"),
        float((day - dt.date(1899, 12, 30)).days),
        dt.datetime(y, m, d, 23, 59),
        f"{m}月{d}日",
        f"{y}年{m}月{d}日".translate(_FULL_WIDTH),
    ]
    col = parse_dates(_cells(*forms), years=pd.Series([float(y)] * len(forms)))
    assert col.value.tolist() == [pd.Timestamp(day)] * len(forms)

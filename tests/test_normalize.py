"""normalize: headers and aliases, date and month forms, yes/no, authors, titles, body names."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xcreport.config import Settings
from xcreport.reading.bodies import body_from_name
from xcreport.reading.cells import title_key, yes_no
from xcreport.reading.dates import DateColumn, date_parts, parse_months, resolve_dates
from xcreport.reading.headers import (
    LEDGER_HEADERS,
    RANKING_HEADERS,
    REGISTER_HEADERS,
    ROSTER_HEADERS,
    column_letter,
    detect_header,
    header_key,
    spoken_header,
)
from xcreport.reading.tables import extract_tables
from xcreport.reading.workbook import Cell, RawSheet, RawWorkbook

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


# -- dates ----------------------------------------------------------------------------------------


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


# -- months ---------------------------------------------------------------------------------------


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


# -- yes / no, titles, names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value", "unreadable"),
    [
        ("是", True, False),
        ("Y", True, False),
        ("y", True, False),
        ("√", True, False),
        ("✓", True, False),
        ("1", True, False),
        (1.0, True, False),
        ("TRUE", True, False),
        ("true", True, False),
        (True, True, False),
        ("否", False, False),
        ("N", False, False),
        ("n", False, False),
        ("×", False, False),
        ("✗", False, False),
        ("0", False, False),
        (0.0, False, False),
        ("FALSE", False, False),
        (False, False, False),
        ("", False, False),
        (" 是 ", True, False),
        ("有", False, True),
        ("maybe", False, True),
    ],
)
def test_yes_no(cell: object, value: bool, unreadable: bool) -> None:
    got, bad = yes_no(_cells(cell))
    assert got.tolist() == [value]
    assert bad.tolist() == [unreadable]


def test_title_key_ignores_spacing_punctuation_width_and_case() -> None:
    keys = title_key(_cells("“海启高速”工程 稳步推进！", "海启高速工程稳步推进", "ＡＢＣ 路", "abc路", ""))
    assert keys.tolist()[:4] == ["海启高速工程稳步推进", "海启高速工程稳步推进", "abc路", "abc路"]
    assert keys.isna().tolist() == [False, False, False, False, True]


def test_header_key_drops_marks_spaces_and_width() -> None:
    assert header_key("报送日期*") == "报送日期"
    assert header_key("作 者（必填）") == "作者"
    assert header_key("标题(必填)") == "标题"
    assert header_key("\u3000类别\n") == "类别"
    assert header_key("*单位") == "单位"


@pytest.mark.parametrize(
    ("alias", "key"), [(alias, key) for key, names in LEDGER_HEADERS.items() for alias in names]
)
def test_every_ledger_alias_is_recognised(alias: str, key: str) -> None:
    # Two standard columns beside the alias make a header; the alias must map to its key.
    others = [h for k, (h, *_) in LEDGER_HEADERS.items() if k != key][:2]
    match, _ = detect_header([["序号", alias + "*", *others]])
    assert match is not None and match.kind == "ledger"
    assert match.columns[key] == 1


@pytest.mark.parametrize(
    ("table", "kind"),
    [(ROSTER_HEADERS, "roster"), (REGISTER_HEADERS, "register"), (RANKING_HEADERS, "ranking")],
)
def test_side_sheet_headers_are_recognised_with_every_alias(
    table: dict[str, tuple[str, ...]], kind: str
) -> None:
    for key, names in table.items():
        for alias in names:
            row = [alias if k == key else hs[0] for k, hs in table.items()]
            match, _ = detect_header([row])
            assert match is not None, (kind, alias)
            assert match.kind == kind
            assert match.columns[key] == row.index(alias)


def test_header_below_title_rows_and_standard_name_wins_over_alias() -> None:
    rows: list[list[Cell]] = [
        ["运管所信息报送台账", "", "", ""],
        ["", "", "", ""],
        ["日期", "作者", "标题", "报送日期"],
    ]
    match, _ = detect_header(rows)
    assert match is not None and match.row == 2
    assert match.columns["submitted"] == 3  # 报送日期, not the alias 日期


def test_header_beyond_row_ten_is_not_searched() -> None:
    rows: list[list[Cell]] = [["填表说明"] for _ in range(10)]
    rows.append(["作者", "标题", "类别"])
    match, best = detect_header(rows)
    assert match is None and best == 0


def test_sheets_without_a_header_are_skipped_or_warned() -> None:
    sheets = (
        RawSheet("说明", [["填表说明"], ["1. 每月25日前报送"], ["2. 日期写成2014-03-05"]]),
        RawSheet("空表", [["作者"]]),
        RawSheet("半个表头", [["作者", "内容"], ["张三", "x"], ["李四", "y"]]),
        RawSheet("台账", [["作者", "标题", "类别", "报送日期"], ["张三", "x", "动态信息", "2014-03-05"]]),
    )
    tables, findings = extract_tables(RawWorkbook("a.xlsx", "", sheets))
    assert [(t.sheet, t.kind) for t in tables] == [("台账", "ledger")]
    assert [(f.severity, f.rule, f.sheet, f.row) for f in findings] == [
        ("warning", "L-HEADER", "半个表头", None)
    ]


def test_blank_template_rows_are_dropped_and_excel_rows_kept() -> None:
    rows: list[list[Cell]] = [
        ["台账", "", "", "", ""],
        ["序号", "单位", "作者", "标题", "报送日期"],
        [1, "运管所", "", "", ""],  # a pre-numbered, pre-filled template row: blank
        [2, "运管所", "张三", "x", "2014-03-05"],
        ["", "", "", "", ""],
        [4, "", "", "y", ""],
    ]
    (table,), _ = extract_tables(RawWorkbook("a.xlsx", "", (RawSheet("S", rows),)))
    assert table.excel_rows.tolist() == [4, 6]
    assert table.columns["unit"] == ("B", "单位")
    assert table.columns["submitted"] == ("E", "报送日期")
    titles = table.cells["title"]
    assert list(titles.uniques[titles.codes]) == ["x", "y"]


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


# -- body names ------------------------------------------------------------------------------------


def _with_alias(settings: Settings, body: str, alias: str) -> Settings:
    data = settings.model_dump()
    for entry in data["bodies"]:
        if entry["name"] == body:
            entry["aliases"] = [*entry["aliases"], alias]
    return Settings.model_validate(data)


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("运管所", "运管所"),
        ("海 事 处", "海事处"),
        ("\u3000运管所", "运管所"),
        ("县运管", "运管所"),
        ("运管所2014年信息报送台账", "运管所"),
        ("海启高速公路项目组台账", "海启高速项目组"),
        ("农路农桥项目组", "农路农桥项目组"),
        ("Sheet1", None),
        ("运管所交管所合并", None),
        ("2014年汇总", None),
    ],
)
def test_body_from_sheet_or_file_name(settings: Settings, name: str, body: str | None) -> None:
    assert body_from_name(name, settings) == body


def test_full_width_latin_names_match(settings: Settings) -> None:
    custom = _with_alias(settings, "质监站", "ZJ站")
    assert body_from_name("ＺＪ站", custom) == "质监站"
    assert custom.resolve_body("Ｚ Ｊ 站") == "质监站"


def test_nan_cells_are_blank() -> None:
    col = parse_dates(_cells(np.nan))
    assert col.blank.tolist() == [True]


@pytest.mark.parametrize(
    ("typed", "spoken"),
    [
        ("报送日期*", "报送日期"),
        ("作者（必填）", "作者"),
        ("标题 (必填)", "标题"),
        ("*类别", "类别"),
        ("报送时间", "报送时间"),
    ],
)
def test_messages_name_the_header_without_its_marks(typed: str, spoken: str) -> None:
    assert spoken_header(typed) == spoken


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

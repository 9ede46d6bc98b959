"""The fast row writer (render/sheetdata.py) writes what XlsxWriter writes, byte for byte: the same
messy table through both, every package member compared — and openpyxl reads the values back."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from xcreport.render import xlsx
from xcreport.render.sheetdata import write_rows
from xcreport.render.xlsx import TableFormats, table, workbook

STAMP = dt.datetime(2014, 3, 31, 12)
HEADS = ["单位", "标题", "得分", "篇数", "备注"]
MESSY: list[list[xlsx.Value]] = [
    ["错误", "=SUM(A1)", 1.5, 3, None],
    ["运管所", " 前导空格", -0.25, 0, ""],
    ["交管所", "尾随空格 ", 1e-7, 10**15, "a & b < c > d \" '"],
    ["公路站", "控制\x01字符\x0b与回车\r\n换行\t制表", 2.0, 7, "_x0041_ 字面"],
    ["<r>富文本</r>", "\ufffe\uffff", 123456789.125, -3, "+1"],
    ["错误", "超长" * 20_000, 0.1 + 0.2, 1, "@x"],
    [None, None, None, None, None],
    ["😀 emoji", "中文，全角：标点（）", float(2**53), True, "-"],
]


def _write(path: Path, rows: list[list[xlsx.Value]], fast: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not fast:  # the slow path: XlsxWriter's own write_string/write_number for every cell
        monkeypatch.setattr(xlsx, "FAST_ROWS", False)
    with workbook(path, title="t", author="a", stamp=STAMP, constant_memory=True) as wb:
        formats = TableFormats(wb)
        table(wb.add_worksheet("甲"), formats, HEADS, rows[:3], title="甲", number_formats={"得分": "0.00"})
        table(
            wb.add_worksheet("乙"),
            formats,
            HEADS,
            rows,
            title="乙",
            number_formats={"篇数": "0", "得分": "0.0"},
            error_label="错误",
        )
    monkeypatch.undo()


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _same_bytes(rows: list[list[xlsx.Value]], folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow, fast = folder / "slow.xlsx", folder / "fast.xlsx"
    _write(slow, rows, False, monkeypatch)
    _write(fast, rows, True, monkeypatch)
    a, b = _members(slow), _members(fast)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name


def test_the_fast_rows_are_xlsxwriter_s_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _same_bytes(MESSY, tmp_path, monkeypatch)
    sheet = openpyxl.load_workbook(tmp_path / "fast.xlsx")["乙"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert values[0][:4] == ["错误", "=SUM(A1)", 1.5, 3]
    assert sheet.cell(2, 2).data_type == "s"  # text, never a formula
    assert values[1][1] == " 前导空格" and values[2][4] == "a & b < c > d \" '"
    # forbidden characters dropped; a carriage return is Excel's _x000D_ (openpyxl does not decode it)
    assert values[3][1] == "控制字符与回车_x000D_\n换行\t制表"
    assert len(str(values[5][1])) == 32767  # Excel's limit, as XlsxWriter truncates
    assert sheet.max_row == len(MESSY) + 1 and sheet.max_column == len(HEADS)
    assert sheet.auto_filter.ref == f"A1:E{len(MESSY) + 1}"


def test_an_empty_table_is_a_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _same_bytes([], tmp_path, monkeypatch)


cell = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
)


@examples(max_examples=40, deadline=None)
@given(rows=st.lists(st.lists(cell, min_size=5, max_size=5), max_size=12))
def test_any_table_is_written_the_same_both_ways(
    rows: list[list[xlsx.Value]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch = pytest.MonkeyPatch()
    try:
        _same_bytes(rows, tmp_path_factory.mktemp("t"), monkeypatch)
    finally:
        monkeypatch.undo()


def test_rows_are_counted(tmp_path: Path) -> None:
    with workbook(tmp_path / "c.xlsx", title="t", author="a", stamp=STAMP, constant_memory=True) as wb:
        formats = TableFormats(wb)
        ws = wb.add_worksheet("丙")
        xlsx.put(ws, 0, 0, "头", formats.header)
        table_rows: list[list[xlsx.Value]] = [["a"], ["b"], [1]]
        n = write_rows(ws, iter(table_rows), 1, [formats.body], [formats.body], formats.body)
    assert n == 3
    assert [c.value for c in openpyxl.load_workbook(tmp_path / "c.xlsx")["丙"]["A"]] == ["头", "a", "b", 1]

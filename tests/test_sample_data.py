"""The sample county (xcreport/sample/ledgers): generated, deterministic, and as documented.

The generator is tools/make_sample.py; its docstring lists the deliberate mistakes (M1–M14)
that the checks below find cell by cell.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest

from xcreport.config import Settings

from .conftest import ROOT, SAMPLE_CONFIG, SAMPLE_LEDGERS

GENERATOR = ROOT / "tools" / "make_sample.py"
YEAR = 2014

#: Header names a sheet is recognised by (LEDGER.md), enough to find the sample's headers.
KNOWN = {
    "unit": {"单位", "报送单位", "所属单位", "单位名称"},
    "author": {"作者", "撰稿人", "报送人", "通讯员"},
    "title": {"标题", "稿件标题", "信息标题", "题目"},
    "category": {"类别", "信息类别", "稿件类型", "类型"},
    "submitted": {"报送日期", "报送时间", "上报日期", "日期"},
}


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sample", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_sample"] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def make_sample() -> ModuleType:
    return _load_generator()


@pytest.fixture(scope="module")
def fresh(make_sample: ModuleType, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fresh") / "ledgers"
    make_sample.generate(settings, out)
    return out


def _cells(root: Path) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
    """Every cell value of every sheet of every workbook under ``root``, by relative path."""
    out: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
    for path in sorted(root.rglob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        out[path.relative_to(root).as_posix()] = {
            ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets
        }
    return out


def _header_key(text: object) -> str:
    if not isinstance(text, str):
        return ""
    name = "".join(unicodedata.normalize("NFKC", text).split())
    for mark in ("*", "(必填)"):
        name = name.removesuffix(mark)
    return name


def _ledger_sheets(root: Path) -> Iterator[tuple[Path, Any, int, dict[str, int]]]:
    """(file, sheet, header row, key → column index) of every sheet recognised as a ledger."""
    for path in sorted(root.rglob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for r, row in enumerate(ws.iter_rows(max_row=10, values_only=True), start=1):
                names = [_header_key(v) for v in row]
                cols = {key: names.index(n) for key, ns in KNOWN.items() for n in ns if n in names}
                if len(cols) >= 3:
                    yield path, ws, r, cols
                    break


def _rows_by_body(root: Path, settings: Settings) -> Counter[str]:
    counts: Counter[str] = Counter()
    for _path, ws, header, cols in _ledger_sheets(root):
        for row in ws.iter_rows(min_row=header + 1, values_only=True):
            if not any(v is not None for v in row):
                continue
            body = None
            if "unit" in cols and row[cols["unit"]] is not None:
                body = settings.resolve_body(str(row[cols["unit"]]))
            else:
                body = settings.resolve_body(ws.title)
            counts[body or "?"] += 1
    return counts


def _cell(root: Path, file: str, sheet: str, ref: str) -> Any:
    return openpyxl.load_workbook(root / file)[sheet][ref].value


# -- determinism -----------------------------------------------------------------------------


def test_generator_is_deterministic(make_sample: ModuleType, settings: Settings, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    files_a = make_sample.generate(settings, first, seed=7)
    files_b = make_sample.generate(settings, second, seed=7)
    assert [p.relative_to(first) for p in files_a] == [p.relative_to(second) for p in files_b]
    assert _cells(first) == _cells(second)
    # Fixed properties and zip times: the very bytes are the same.
    for a, b in zip(files_a, files_b, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_another_seed_gives_another_county(
    make_sample: ModuleType, settings: Settings, tmp_path: Path
) -> None:
    make_sample.generate(settings, tmp_path / "a", seed=1)
    make_sample.generate(settings, tmp_path / "b", seed=2)
    assert _cells(tmp_path / "a") != _cells(tmp_path / "b")


def test_committed_sample_is_a_fresh_generation(fresh: Path) -> None:
    committed, generated = _cells(SAMPLE_LEDGERS), _cells(fresh)
    assert sorted(committed) == sorted(generated), "files differ: run `make sample`, never edit by hand"
    for name, sheets in generated.items():
        assert committed[name] == sheets, f"{name} differs: run `make sample`, never edit by hand"


def test_command_line(make_sample: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ledgers"
    (out / "旧文件夹").mkdir(parents=True)
    stale = out / "旧文件夹" / "旧台账.xlsx"
    stale.write_bytes(b"left over from an older layout")
    assert make_sample.main(["--config", str(SAMPLE_CONFIG), "--out", str(out)]) == 0
    assert "14 workbooks" in capsys.readouterr().out
    assert not stale.exists()
    assert len(list(out.rglob("*.xlsx"))) == 14


# -- what the county looks like ----------------------------------------------------------------


def test_sample_is_small_and_clean() -> None:
    files = sorted(p for p in SAMPLE_LEDGERS.rglob("*") if p.is_file())
    assert sum(p.stat().st_size for p in files) < 1_000_000
    assert all(p.suffix == ".xlsx" and not p.name.startswith(("~$", ".")) for p in files)


def test_every_body_reports_and_row_count_is_realistic(settings: Settings) -> None:
    counts = _rows_by_body(SAMPLE_LEDGERS, settings)
    bodies = {b.name for b in settings.bodies}
    assert bodies <= set(counts)
    assert set(counts) - bodies == {"?"}  # only M3, the unknown body
    assert counts["?"] == 1
    assert 400 <= sum(counts.values()) <= 700
    for group in ("unit", "project"):
        for body in (b for b in settings.bodies if b.group == group):
            assert counts[body.name] >= 24, body.name  # about two 动态信息 a month at least


def test_side_workbooks(settings: Settings) -> None:
    roster = openpyxl.load_workbook(SAMPLE_LEDGERS / "通讯员名册.xlsx").active
    assert roster is not None
    assert [c.value for c in roster[2]] == ["序号", "单位", "姓名", "电话", "职务"]
    per_body = Counter(
        settings.resolve_body(str(r[1])) for r in roster.iter_rows(min_row=3, values_only=True)
    )
    assert per_body["财务审计科"] == 0  # M8
    assert all(2 <= per_body[b.name] <= 3 for b in settings.bodies if b.name != "财务审计科")

    register = openpyxl.load_workbook(SAMPLE_LEDGERS / "重大事项登记.xlsx").active
    assert register is not None
    rows = list(register.iter_rows(values_only=True))
    assert rows[0] == ("序号", "事项", "事发日期", "责任单位", "处理")
    assert len(rows) == 7
    assert [r[4] for r in rows[1:]].count("瞒报") == 1

    ranking = openpyxl.load_workbook(SAMPLE_LEDGERS / "市局排名.xlsx").active
    assert ranking is not None
    months = list(ranking.iter_rows(min_row=2, values_only=True))
    assert [m[0] for m in months] == [f"{YEAR}年{m}月" for m in range(1, 13)]
    assert {m[1] for m in months} <= set(range(1, 6)) and {1, 5} <= {m[1] for m in months}


def test_ledgers_cover_the_whole_year_and_no_later() -> None:
    dates: list[dt.date] = []
    for _path, ws, header, cols in _ledger_sheets(SAMPLE_LEDGERS):
        for row in ws.iter_rows(min_row=header + 1, values_only=True):
            value = row[cols["submitted"]]
            if isinstance(value, dt.datetime):
                dates.append(value.date())
    assert {d.month for d in dates} == set(range(1, 13))
    assert max(dates).year == YEAR and max(dates).month == 12


def test_shared_office_workbook_has_no_unit_column(settings: Settings) -> None:
    wb = openpyxl.load_workbook(SAMPLE_LEDGERS / f"机关科室信息报送台账{YEAR}.xlsx")
    offices = {b.name for b in settings.bodies if b.group == "office"}
    ledger_sheets = [ws for ws in wb.worksheets if ws.title != "填报说明"]
    assert {settings.resolve_body(ws.title) for ws in ledger_sheets} == offices
    for ws in ledger_sheets:
        assert not {_header_key(c.value) for c in ws[1]} & KNOWN["unit"]


def test_messy_but_valid_forms_are_present() -> None:
    yunguan = openpyxl.load_workbook(SAMPLE_LEDGERS / "运管所" / f"运管所{YEAR}年信息报送台账.xlsx").active
    assert yunguan is not None
    assert yunguan["A1"].value == f"运管所{YEAR}年信息报送台账"
    assert "A1:R1" in {str(r) for r in yunguan.merged_cells.ranges}
    assert yunguan["C2"].value == "撰稿人" and yunguan["I2"].value == "报送时间"
    assert yunguan["A3"].value == "=ROW()-2"
    assert yunguan["B29"].value == "县运管"
    haishi = openpyxl.load_workbook(SAMPLE_LEDGERS / f"海事处台账{YEAR}.xlsx").active
    assert haishi is not None
    assert haishi["A21"].value == "海 事 处"
    jiaoguan = openpyxl.load_workbook(SAMPLE_LEDGERS / f"交管所信息台账（{YEAR}）.xlsx").active
    assert jiaoguan is not None
    assert jiaoguan["A1"].value == "单位*"
    texts = {
        type(v).__name__
        for ws in _cells(SAMPLE_LEDGERS).values()
        for rows in ws.values()
        for r in rows
        for v in r
    }
    assert {"datetime", "str", "int"} <= texts


# -- the deliberate mistakes (make_sample.py docstring) ----------------------------------------

JIAOGUAN = f"交管所信息台账（{YEAR}）.xlsx"
GONGLU = f"公路站/{YEAR}年公路站信息宣传台账.xlsx"
HANGDAO = f"航道站/航道站信息报送{YEAR}.xlsx"
NONGLU = f"农路办{YEAR}年信息台账.xlsx"
QICHE = f"汽车分公司信息报送台账{YEAR}年.xlsx"
ZHIJIAN = f"质监站/质监站{YEAR}信息报送.xlsx"


@pytest.mark.parametrize(
    ("mistake", "file", "sheet", "ref", "value"),
    [
        ("M1", JIAOGUAN, "交管所", "G37", f"{YEAR}.13.5"),
        ("M2", HANGDAO, f"{YEAR}上半年", "H7", "2月30日"),
        ("M3", GONGLU, "台账", "A18", "公路管理站"),
        ("M4", NONGLU, "台账", "C25", None),
        ("M6", HANGDAO, f"{YEAR}下半年", "E7", "品牌宣传"),
        ("M6", HANGDAO, f"{YEAR}下半年", "G7", None),
        ("M7", ZHIJIAN, "质监站", "B19", "钱晓峰"),
        ("M9", GONGLU, "台账", "J37", "江苏交通"),
        ("M9", GONGLU, "台账", "K37", "市级"),
        ("M10", JIAOGUAN, "交管所", "O19", "失实"),
        ("M11", NONGLU, "台账", "L30", "虚假"),
        ("M12", GONGLU, "台账", "N23", "是"),
    ],
)
def test_deliberate_mistake(mistake: str, file: str, sheet: str, ref: str, value: object) -> None:
    assert _cell(SAMPLE_LEDGERS, file, sheet, ref) == value, mistake


def test_deliberate_mistakes_in_context(settings: Settings) -> None:
    # M3: the 单位 names nothing registered.
    assert settings.resolve_body("公路管理站") is None
    # M4: the row without an author is otherwise complete.
    assert _cell(SAMPLE_LEDGERS, NONGLU, "台账", "D25") == "县农路办组织农村公路养护技术培训"
    # M5: rows 13 and 14 are the same row.
    qiche = openpyxl.load_workbook(SAMPLE_LEDGERS / QICHE)["汽车公司"]
    assert [c.value for c in qiche[13]] == [c.value for c in qiche[14]]
    assert [c.value for c in qiche[12]] != [c.value for c in qiche[13]]
    # M7: 钱晓峰 is on nobody's roster.
    roster = openpyxl.load_workbook(SAMPLE_LEDGERS / "通讯员名册.xlsx").active
    assert roster is not None
    assert "钱晓峰" not in {r[2] for r in roster.iter_rows(min_row=3, values_only=True)}
    # M9: the register says 省部级 for 江苏交通.
    assert {o.name: o.level for o in settings.outlets}["江苏交通"] == "省部级"
    # M12: the late major row — event 2014-05-09, submitted 2014-05-13, as the register has it.
    gonglu = openpyxl.load_workbook(SAMPLE_LEDGERS / GONGLU)["台账"]
    assert gonglu["H23"].value == dt.datetime(YEAR, 5, 13)
    assert gonglu["O23"].value == dt.datetime(YEAR, 5, 9)
    register = openpyxl.load_workbook(SAMPLE_LEDGERS / "重大事项登记.xlsx").active
    assert register is not None
    events = {(r[2], r[3]): r[4] for r in register.iter_rows(min_row=2, values_only=True)}
    assert (dt.datetime(YEAR, 5, 9), "公路站") in events
    assert events[(dt.datetime(YEAR, 11, 12), "农路农桥项目组")] == "瞒报"
    # M13: a late row states its own month but was submitted after the 25th.
    yunguan = openpyxl.load_workbook(SAMPLE_LEDGERS / "运管所" / f"运管所{YEAR}年信息报送台账.xlsx").active
    assert yunguan is not None
    assert yunguan["I12"].value == dt.datetime(YEAR, 3, 27)
    assert yunguan["J12"].value == f"{YEAR}-03"

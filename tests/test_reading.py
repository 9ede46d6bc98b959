"""read_ledgers: real workbooks on disk, as clerks leave them in the shared folder."""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

import pandas as pd
import pytest

from tests.ledger_factory import HEADER, LETTER, encrypt, good, ledger, write_workbook, write_xls
from xcreport.blank import write_blank_ledgers
from xcreport.config import Settings
from xcreport.findings import FILE_CORRUPT, FILE_ENCRYPTED, Finding
from xcreport.fsutil import sha256_file
from xcreport.model import RANKING_COLUMNS, REGISTER_COLUMNS, ROSTER_COLUMNS, LedgerData
from xcreport.reading import read_ledgers
from xcreport.reading.discover import discover
from xcreport.reading.headers import EXAMPLE_MARK, EXAMPLE_SHEET, task_key
from xcreport.reading.workbook import Cell, fill_merged, read_workbook

TODAY = dt.date(2014, 4, 1)


def read(folder: Path, settings: Settings, *, year: int | None = None, workers: int = 0) -> LedgerData:
    return read_ledgers(folder, settings, today=TODAY, year=year, workers=workers)


def rows_of(data: LedgerData) -> list[tuple[str, str, int, str, str]]:
    """(file, sheet, Excel row, body, submitted) of every Ledger row, in Ledger order."""
    frame = data.ledger
    return [
        (f, s, int(r), b, d.date().isoformat())
        for f, s, r, b, d in zip(
            frame["source_file"],
            frame["sheet"],
            frame["excel_row"],
            frame["body"],
            frame["submitted"],
            strict=True,
        )
    ]


def where(findings: list[Finding]) -> list[tuple[str, str, str, str, int | None, str]]:
    return [(f.severity, f.rule, f.file, f.sheet, f.row, f.column) for f in findings]


# -- discovery --------------------------------------------------------------------------------------


def test_discovery_is_recursive_sorted_and_skips_lock_hidden_and_temporary_files(tmp_path: Path) -> None:
    names = [
        "b.xlsx",
        "a/运管所.xls",
        "a/z.XLSX",
        "c.xlsm",
        "~$b.xlsx",  # Office lock file
        "~wrl0001.xlsx",  # temporary copy Word/Excel leave
        ".hidden.xlsx",
        ".sync/d.xlsx",
        "e.xlsx.tmp",
        "f.tmp",
        "notes.txt",
        "g.csv",
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["a/z.XLSX", "a/运管所.xls", "b.xlsx", "c.xlsm", "g.csv"]  # g.csv: an L-FILE finding


# -- layouts ----------------------------------------------------------------------------------------


def test_shared_workbook_with_a_sheet_per_body_and_title_rows(tmp_path: Path, settings: Settings) -> None:
    write_workbook(
        tmp_path / "2014年信息报送台账.xlsx",
        {
            "运管所": [
                ["运管所2014年信息报送台账"],
                ["序号", "撰稿人", "稿件标题", "信息类别", "报送时间"],
                [1, "张三", "春运", "动态信息", "2014/3/5"],
                [2, "李四", "驾培", "政务信息", "3月18日"],
            ],
            "海 事 处": [
                ["海事处信息报送台账"],
                ["（2014年度）"],
                ["报送人", "信息标题", "稿件类型", "上报日期*", "备注"],
                ["王五", "水上安全", "新闻稿件", dt.datetime(2014, 3, 7, 9, 0), "市局已采用"],
            ],
            "填表说明": [["1. 每月25日前报送"], ["2. 日期写成 2014-03-05"]],
        },
        merges={"运管所": ["A1:E1"], "海 事 处": ["A1:E1", "A2:E2"]},
    )
    data = read(tmp_path, settings)
    assert data.findings == []
    assert rows_of(data) == [
        ("2014年信息报送台账.xlsx", "海 事 处", 4, "海事处", "2014-03-07"),
        ("2014年信息报送台账.xlsx", "运管所", 3, "运管所", "2014-03-05"),
        ("2014年信息报送台账.xlsx", "运管所", 4, "运管所", "2014-03-18"),
    ]
    assert data.ledger["note"].tolist()[0] == "市局已采用"
    (source,) = data.inputs
    assert (source.sheets, source.rows, source.status) == (2, 3, "ok")


def test_body_from_the_unit_column_in_any_spacing_or_width(tmp_path: Path, settings: Settings) -> None:
    rows = [
        good(unit="海 事 处", title="a"),
        good(unit="\u3000运管所", title="b"),
        good(unit="县　运　管", title="c"),
        good(unit="ＨＳ处", title="d"),
        good(unit="宣传科", title="e"),
    ]
    data_settings = Settings.model_validate(
        {
            **settings.model_dump(),
            "bodies": [
                {**b, "aliases": [*b["aliases"], "HS处"]} if b["name"] == "海事处" else b
                for b in settings.model_dump()["bodies"]
            ],
        }
    )
    ledger(tmp_path / "汇总" / "全系统.xlsx", rows)
    data = read(tmp_path, data_settings)
    assert [(b, t) for b, t in zip(data.ledger["body"], data.ledger["title"], strict=True)] == [
        ("海事处", "a"),
        ("海事处", "d"),
        ("运管所", "b"),
        ("运管所", "c"),
    ]
    assert where(data.findings) == [("error", "L-UNIT", "汇总/全系统.xlsx", "Sheet1", 6, "A")]
    assert data.findings[0].value == "宣传科"


def test_body_from_the_file_name_or_nowhere(tmp_path: Path, settings: Settings) -> None:
    header = ["作者", "标题", "类别", "报送日期"]
    ledger(tmp_path / "交管所2014年信息台账.xlsx", [["张三", "a", "动态信息", "2014-03-05"]], header=header)
    ledger(tmp_path / "台账汇总.xlsx", [["李四", "b", "动态信息", "2014-03-05"]] * 2, header=header)
    data = read(tmp_path, settings)
    assert rows_of(data) == [("交管所2014年信息台账.xlsx", "Sheet1", 2, "交管所", "2014-03-05")]
    (finding,) = data.findings
    assert where([finding]) == [("error", "L-UNIT", "台账汇总.xlsx", "Sheet1", None, "")]
    assert "本表2行未计入" in finding.message
    assert [i.rows for i in data.inputs] == [1, 2]


def test_formula_cells_count_by_their_cached_values(tmp_path: Path, settings: Settings) -> None:
    write_workbook(
        tmp_path / "公式.xlsx",
        {"台账": [HEADER, good(unit=None, title=None, submitted=None)]},
        cached={
            "台账": {
                "A2": ('"公路"&"站"', "公路站"),
                "C2": ('CONCATENATE("农桥","改造")', "农桥改造"),
                "H2": ("DATE(2014,3,5)", 41703),
                "I2": ('TEXT(H2,"yyyy-mm")', "2014-03"),
            }
        },
        number_formats={"台账": {"H2": "yyyy-mm-dd"}},
    )
    data = read(tmp_path, settings)
    assert data.findings == []
    rec = data.ledger.iloc[0]
    assert (rec["body"], rec["title"], rec["submitted"], rec["issue_month"]) == (
        "公路站",
        "农桥改造",
        pd.Timestamp(2014, 3, 5),
        "2014-03",
    )


def test_an_xls_workbook_is_read(tmp_path: Path, settings: Settings) -> None:
    write_xls(
        tmp_path / "航道站.xls",
        {
            "2014年": [
                ["航道站信息报送台账"],
                ["作者", "标题", "类别", "报送日期"],
                ["张三", "航标维护", "动态信息", 41703],
                ["李四", "疏浚", "动态信息", "3月20日"],
            ]
        },
    )
    data = read(tmp_path, settings)
    assert data.findings == []
    assert rows_of(data) == [
        ("航道站.xls", "2014年", 3, "航道站", "2014-03-05"),
        ("航道站.xls", "2014年", 4, "航道站", "2014-03-20"),
    ]


# -- files that cannot be read ----------------------------------------------------------------------


def _malformed_ole(path: Path) -> Path:
    """An .xls whose directory declares a short Workbook stream it has no mini stream for."""
    write_xls(path, {"S": [["作者", "标题", "类别"]]})
    data = bytearray(path.read_bytes())
    data[1024 + 128 + 120 : 1024 + 128 + 124] = struct.pack("<I", 100)
    path.write_bytes(bytes(data))
    return path


def test_unreadable_files_are_one_finding_each_and_the_run_goes_on(
    tmp_path: Path, settings: Settings
) -> None:
    good_file = ledger(tmp_path / "运管所.xlsx", [good()])
    encrypt(good_file, tmp_path / "加密.xlsx")
    (tmp_path / "损坏.xlsx").write_bytes(good_file.read_bytes()[:300])
    (tmp_path / "文本.xlsx").write_text("单位,作者\n运管所,张三\n", encoding="utf-8")
    (tmp_path / "~$运管所.xlsx").write_bytes(b"\0" * 165)
    _malformed_ole(tmp_path / "旧格式.xls")
    before = {p.name: sha256_file(p) for p in tmp_path.iterdir()}

    data = read(tmp_path, settings)

    assert [(i.file, i.status, i.reason) for i in data.inputs] == [
        ("加密.xlsx", "rejected", FILE_ENCRYPTED.message(file="加密.xlsx")),
        ("损坏.xlsx", "rejected", FILE_CORRUPT.message(file="损坏.xlsx")),
        ("文本.xlsx", "rejected", FILE_CORRUPT.message(file="文本.xlsx")),
        ("旧格式.xls", "rejected", FILE_CORRUPT.message(file="旧格式.xls")),
        ("运管所.xlsx", "ok", None),
    ]
    assert where(data.findings) == [
        ("error", "L-FILE", "加密.xlsx", "", None, ""),
        ("error", "L-FILE", "损坏.xlsx", "", None, ""),
        ("error", "L-FILE", "文本.xlsx", "", None, ""),
        ("error", "L-FILE", "旧格式.xls", "", None, ""),
    ]
    assert data.findings[0].message == "「加密.xlsx」文件已加密，无法读取，请取消密码后重新放入"
    assert rows_of(data) == [("运管所.xlsx", "Sheet1", 2, "运管所", "2014-03-05")]
    assert {i.file: i.sha256 for i in data.inputs}["加密.xlsx"] == before["加密.xlsx"]
    assert {p.name: sha256_file(p) for p in tmp_path.iterdir()} == before  # nothing was written


def test_read_workbook_reports_instead_of_raising(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsm"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    book = read_workbook(path, "x.xlsm")
    assert (book.problem, book.sheets) == (FILE_CORRUPT, ())
    assert book.sha256 == sha256_file(path)


# -- side sheets ------------------------------------------------------------------------------------


def test_roster_register_and_rankings(tmp_path: Path, settings: Settings) -> None:
    write_workbook(
        tmp_path / "局办公室" / "2014年汇总.xlsx",
        {
            "通讯员名册": [
                ["单位", "姓名", "联系电话", "职务"],
                ["运管所", "张 三", 13800000000, "科员"],
                ["海事", "李四", "", ""],
                ["宣传科", "王五", "", ""],
            ],
            "重大事项登记": [
                ["2014年重大事项登记"],
                ["事项", "事发日期", "责任单位", "处理"],
                ["312国道交通事故", "3月4日", "公路站", ""],
                ["码头火灾", "2014-03-40", "海事处", "瞒报"],
            ],
            "市局排名": [
                ["月份", "名次", "得分", "考核项目"],
                ["2014年1月", 3, 88.5, "市局信息"],
                ["2月", "第2名", "", ""],
                ["2014-03", "前三", "", ""],
            ],
        },
    )
    data = read(tmp_path, settings)
    assert data.ledger.empty
    assert list(data.roster.columns) == [*ROSTER_COLUMNS, *(task_key(lv) for lv in settings.levels)]
    assert data.roster[["body", "name", "phone", "post", "excel_row"]].values.tolist() == [
        ["运管所", "张三", "13800000000", "科员", 2],
        ["海事处", "李四", pd.NA, pd.NA, 3],
    ]
    assert list(data.register.columns) == list(REGISTER_COLUMNS)
    assert data.register[["event", "event_date", "body", "handling", "excel_row"]].values.tolist() == [
        ["312国道交通事故", pd.Timestamp(2014, 3, 4), "公路站", pd.NA, 3],
    ]
    assert list(data.rankings.columns) == list(RANKING_COLUMNS)
    assert data.rankings[["month", "rank", "score", "item", "excel_row"]].values.tolist() == [
        ["2014-01", 3, 88.5, "市局信息", 2],
        ["2014-02", 2, pd.NA, pd.NA, 3],
    ]
    assert where(data.findings) == [
        ("error", "L-VALUE", "局办公室/2014年汇总.xlsx", "市局排名", 4, "B"),
        ("error", "L-UNIT", "局办公室/2014年汇总.xlsx", "通讯员名册", 4, "A"),
        ("error", "L-DATE", "局办公室/2014年汇总.xlsx", "重大事项登记", 4, "B"),
    ]
    assert [i.sheets for i in data.inputs] == [3]


def test_an_empty_folder_gives_empty_frames_with_their_columns(tmp_path: Path, settings: Settings) -> None:
    data = read(tmp_path, settings)
    assert data.ledger.empty and data.roster.empty and data.register.empty and data.rankings.empty
    assert list(data.roster.columns) == [*ROSTER_COLUMNS, *(task_key(lv) for lv in settings.levels)]
    assert list(data.register.columns) == list(REGISTER_COLUMNS)
    assert list(data.rankings.columns) == list(RANKING_COLUMNS)
    assert (data.inputs, data.findings) == ([], [])


def test_a_sheet_that_looks_like_a_ledger_without_a_header_is_named(
    tmp_path: Path, settings: Settings
) -> None:
    write_workbook(
        tmp_path / "运管所.xlsx",
        {"三月": [["作者", "内容", "时间"], ["张三", "春运", "3月5日"], ["李四", "驾培", "3月6日"]]},
    )
    data = read(tmp_path, settings)
    (finding,) = data.findings
    assert where([finding]) == [("warning", "L-HEADER", "运管所.xlsx", "三月", None, "")]
    assert "工作表「三月」" in finding.message
    assert [(i.sheets, i.rows) for i in data.inputs] == [(0, 0)]


# -- the whole stage --------------------------------------------------------------------------------


def test_every_finding_names_its_cell(tmp_path: Path, settings: Settings) -> None:
    ledger(
        tmp_path / "运管所.xlsx",
        [good(submitted="2014.13.5"), good(title="b", submitted="2014-05-02"), good(title=None)],
    )
    data = read(tmp_path, settings, year=2014)
    assert where(data.findings) == [
        ("error", "L-DATE", "运管所.xlsx", "Sheet1", 2, LETTER["submitted"]),
        ("warning", "L-DATE", "运管所.xlsx", "Sheet1", 3, LETTER["submitted"]),
        ("error", "L-REQUIRED", "运管所.xlsx", "Sheet1", 4, LETTER["title"]),
    ]
    first = data.findings[0]
    assert (first.header, first.value, first.body) == ("报送日期", "2014.13.5", "运管所")
    assert rows_of(data) == [("运管所.xlsx", "Sheet1", 3, "运管所", "2014-05-02")]
    assert [i.rows for i in data.inputs] == [3]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_pool_of_workers_reads_the_same(tmp_path: Path, settings: Settings, workers: int) -> None:
    bodies = [
        "运管所",
        "交管所",
        "公路站",
        "海事处",
        "航道站",
        "农路办",
        "质监站",
        "汽车分公司",
        "政工科",
        "办公室",
    ]
    for i, body in enumerate(bodies):
        ledger(
            tmp_path / f"{i:02d}{body}.xlsx",
            [good(unit=body, submitted=f"2014-03-{i + 1:02d}"), good(unit=body, submitted="2014.13.1")],
        )
    data = read(tmp_path, settings, workers=workers)
    assert len(data.inputs) == 10 and [i.rows for i in data.inputs] == [2] * 10
    assert list(data.ledger["body"]) == sorted(bodies)
    assert [(f.file, f.row) for f in data.findings] == [(f"{i:02d}{b}.xlsx", 3) for i, b in enumerate(bodies)]


# -- templates, merged cells, files that give nothing ----------------------------------------------------


def test_a_folder_as_init_writes_it_gives_no_findings(tmp_path: Path, settings: Settings) -> None:
    write_blank_ledgers(tmp_path, settings, 2014)
    data = read(tmp_path, settings, year=2014)
    assert data.findings == []  # 12 unranked months are not 12 errors
    assert data.ledger.empty and data.rankings.empty and data.roster.empty and data.register.empty
    assert all(i.status == "ok" and i.sheets == 1 for i in data.inputs)


def test_rows_filled_only_in_their_prefilled_columns_are_not_yet_filled_in(
    tmp_path: Path, settings: Settings
) -> None:
    write_workbook(
        tmp_path / "汇总.xlsx",
        {
            "市局排名": [
                ["月份", "名次", "得分", "考核项目"],
                ["2014年1月", 3, 88.5, "市局信息"],
                ["2014年2月", "", "", "市局信息"],  # not yet ranked
                ["2014年3月", "", 80, ""],  # a score without its rank: an error
                ["2014年4月", "", "", ""],
            ],
            "通讯员名册": [["单位", "姓名", "电话"], ["运管所", "张三", ""], ["交管所", "", ""]],
            "重大事项登记": [["事项", "事发日期", "责任单位"], ["", "", "公路站"]],
        },
    )
    data = read(tmp_path, settings)
    assert data.rankings[["month", "rank", "excel_row"]].values.tolist() == [["2014-01", 3, 2]]
    assert data.roster["name"].tolist() == ["张三"] and data.register.empty
    (finding,) = data.findings
    assert where([finding]) == [("error", "L-VALUE", "汇总.xlsx", "市局排名", 4, "B")]
    assert finding.message == "第4行 名次为空，请填写名次（数字，如 3）（本行未计入）"


def test_a_merged_cell_holds_on_every_row_it_spans(tmp_path: Path, settings: Settings) -> None:
    write_workbook(
        tmp_path / "2014年台账.xlsx",
        {
            "台账": [
                ["2014年信息报送台账"],
                HEADER,
                good(unit="运管所", title="a", submitted="2014-03-05"),
                good(unit=None, title="b", submitted=None),
                good(unit=None, title="c", submitted="2014-03-09"),
                good(unit="交管所", title="d", submitted="2014-03-10"),
            ]
        },
        merges={"台账": ["A1:R1", "A3:A5", f"{LETTER['submitted']}3:{LETTER['submitted']}4", "C6:D6"]},
    )
    data = read(tmp_path, settings)
    assert rows_of(data) == [
        ("2014年台账.xlsx", "台账", 3, "运管所", "2014-03-05"),
        ("2014年台账.xlsx", "台账", 4, "运管所", "2014-03-05"),
        ("2014年台账.xlsx", "台账", 5, "运管所", "2014-03-09"),
    ]
    # A title merged across 标题 and 类别 stays in its first column: the 类别 is blank, not the title.
    assert where(data.findings) == [("error", "L-REQUIRED", "2014年台账.xlsx", "台账", 6, LETTER["category"])]


def test_merged_cells_of_an_xls_workbook(tmp_path: Path, settings: Settings) -> None:
    write_xls(
        tmp_path / "航道站.xls",
        {
            "2014年": [
                ["作者", "标题", "类别", "报送日期", "单位"],
                ["张三", "航标维护", "动态信息", 41703, "航道站"],
                ["李四", "疏浚", "动态信息", "", ""],
            ]
        },
        merges={"2014年": ["D2:D3", "E2:E3"]},
    )
    data = read(tmp_path, settings)
    assert data.findings == []
    assert rows_of(data) == [
        ("航道站.xls", "2014年", 2, "航道站", "2014-03-05"),
        ("航道站.xls", "2014年", 3, "航道站", "2014-03-05"),
    ]


def test_fill_merged_goes_down_the_first_column_within_the_cells() -> None:
    rows: list[list[Cell]] = [["t", "", ""], ["a", "b", ""], ["", "", ""]]
    ranges = [((0, 0), (0, 2)), ((1, 1), (5, 2)), ((7, 0), (9, 0)), ((1, 5), (2, 6))]
    assert fill_merged(rows, ranges) == [["t", "", ""], ["a", "b", ""], ["", "b", ""]]


def test_the_example_row_is_never_read(tmp_path: Path, settings: Settings) -> None:
    # A clerk deleted the notes above the example's header: it now sits in row 1.  The example row
    # (marked in 备注) is not a piece; rows typed there are (tests/test_example_sheet.py).
    write_workbook(
        tmp_path / "运管所.xlsx",
        {
            "运管所": [HEADER, good(title="真的")],
            EXAMPLE_SHEET: [HEADER, good(title="运管所召开信息宣传工作推进会", note=EXAMPLE_MARK)],
        },
    )
    data = read(tmp_path, settings)
    assert data.findings == [] and data.ledger["title"].tolist() == ["真的"]
    assert [i.sheets for i in data.inputs] == [1]  # the example sheet held no table


def test_a_workbook_that_gives_nothing_says_why(tmp_path: Path, settings: Settings) -> None:
    notes = [[f"第{i}条说明"] for i in range(1, 12)]
    write_workbook(tmp_path / "运管所.xlsx", {"台账": [*notes, HEADER, good()]})  # header in row 12
    write_workbook(tmp_path / "交管所.xlsx", {"Sheet1": [["三月份稿件"], ["春运", "张三"]]})
    write_workbook(tmp_path / "空.xlsx", {"Sheet1": [], "Sheet2": [[None, ""]]})
    data = read(tmp_path, settings)
    assert [(i.file, i.status, i.sheets, i.rows) for i in data.inputs] == [
        ("交管所.xlsx", "ok", 0, 0),
        ("空.xlsx", "ok", 0, 0),
        ("运管所.xlsx", "ok", 0, 0),
    ]
    assert [(f.severity, f.rule, f.file, f.sheet, f.row, f.body) for f in data.findings] == [
        ("warning", "L-HEADER", "交管所.xlsx", "", None, "交管所"),
        ("warning", "L-HEADER", "空.xlsx", "", None, ""),
        ("warning", "L-HEADER", "运管所.xlsx", "台账", 12, "运管所"),
    ]
    assert [f.message for f in data.findings] == [
        "「交管所.xlsx」未在前10行找到台账表头（至少需要3个已知列名，"
        "如 单位、作者、标题、类别、报送日期），本文件未统计",
        "「空.xlsx」文件中没有数据，本文件未统计",
        "「运管所.xlsx」工作表「台账」的表头在第12行，只在前10行中查找表头，本文件未统计；请删去表头上方多余的行",
    ]


def test_an_unknown_unit_in_a_body_s_own_file_goes_to_that_body(tmp_path: Path, settings: Settings) -> None:
    ledger(
        tmp_path / "公路站" / "2014年公路站信息宣传台账.xlsx", [good(unit="公路管理站"), good(unit="公路站")]
    )
    data = read(tmp_path, settings)
    (finding,) = data.findings
    assert (finding.rule, finding.row, finding.value, finding.body) == ("L-UNIT", 2, "公路管理站", "公路站")


# -- progress ---------------------------------------------------------------------------------------


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def start(self, total: int) -> None:
        self.calls.append(f"start {total}")

    def advance(self) -> None:
        self.calls.append("advance")

    def close(self) -> None:
        self.calls.append("close")


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_is_told_of_every_workbook(tmp_path: Path, settings: Settings, workers: int) -> None:
    for i in range(10):
        ledger(tmp_path / f"{i:02d}运管所.xlsx", [good(title=str(i))])
    (tmp_path / "损坏.xlsx").write_bytes(b"not a workbook")
    hook = _Recorder()
    data = read_ledgers(tmp_path, settings, today=TODAY, workers=workers, progress=hook)
    assert hook.calls == ["start 11", *["advance"] * 11, "close"]
    assert len(data.ledger) == 10


def test_progress_is_closed_when_reading_fails(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger(tmp_path / "运管所.xlsx", [good()])

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("xcreport.reading._read_one", broken)
    hook = _Recorder()
    with pytest.raises(RuntimeError):
        read_ledgers(tmp_path, settings, today=TODAY, progress=hook)
    assert hook.calls == ["start 1", "close"]

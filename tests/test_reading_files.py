"""Which files are read, and how a file that must not be parsed is turned away: linked folders,
file names that are not UTF-8, zip bombs, the formats calamine reads and those it does not."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import SAMPLE_CONFIG, office_binary
from tests.ledger_factory import HEADER, good, ledger, write_xls
from xcreport.cli import main
from xcreport.config import Settings
from xcreport.findings import FILE_CORRUPT, FILE_INFLATED, FILE_UNSUPPORTED
from xcreport.model import LedgerData
from xcreport.reading import read_ledgers
from xcreport.reading.discover import discover, shown_name

TODAY = dt.date(2014, 4, 1)


def read(folder: Path, settings: Settings) -> LedgerData:
    return read_ledgers(folder, settings, today=TODAY, workers=1)


# -- symbolic links ---------------------------------------------------------------------------------


def test_a_linked_unit_folder_is_read_once_and_a_link_loop_ends(tmp_path: Path, settings: Settings) -> None:
    shared = tmp_path / "shared" / "海事处共享"
    shared.mkdir(parents=True)
    ledger(shared / "海事处.xlsx", [good(unit="海事处", title="水上安全")])
    folder = tmp_path / "台账"
    (folder / "运管所").mkdir(parents=True)
    ledger(folder / "运管所" / "运管所.xlsx", [good(unit="运管所", title="春运")])
    (folder / "海事处").symlink_to(shared, target_is_directory=True)
    (folder / "运管所" / "回到上级").symlink_to(folder, target_is_directory=True)  # a loop
    (shared / "又一个入口").symlink_to(shared, target_is_directory=True)  # a loop inside the link

    found = [p.relative_to(folder).as_posix() for p in discover(folder)]
    assert found == ["海事处/海事处.xlsx", "运管所/运管所.xlsx"]
    data = read(folder, settings)
    assert sorted(zip(data.ledger["source_file"], data.ledger["body"], strict=True)) == [
        ("海事处/海事处.xlsx", "海事处"),
        ("运管所/运管所.xlsx", "运管所"),
    ]


def test_a_folder_linked_twice_is_read_under_its_first_path(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.xlsx").write_bytes(b"")
    folder = tmp_path / "台账"
    folder.mkdir()
    (folder / "一").symlink_to(real, target_is_directory=True)
    (folder / "二").symlink_to(real, target_is_directory=True)
    (folder / "坏链接").symlink_to(tmp_path / "nowhere", target_is_directory=True)
    assert [p.relative_to(folder).as_posix() for p in discover(folder)] == ["一/a.xlsx"]
    assert (folder / "二").is_symlink()


# -- file names that are not UTF-8 ------------------------------------------------------------------

#: 海事处台账.xlsx as a zip made on Windows stores it: GBK bytes, which Python holds as surrogates.
GBK_NAME = os.fsdecode("海事处台账".encode("gbk") + b".xlsx")


def test_shown_name_decodes_gbk_parts_and_escapes_the_rest() -> None:
    bad = os.fsdecode(b"\xff\xfe\x80.xlsx")
    assert shown_name(f"运管所/{GBK_NAME}") == "运管所/海事处台账.xlsx"
    assert shown_name(f"x/{bad}") == "x/\\xff\\xfe\\x80.xlsx"
    assert shown_name("普通.xlsx") == "普通.xlsx"


def test_a_gbk_file_name_is_read_and_shown_decoded_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "台账"
    written = ledger(
        folder / "tmp.xlsx",
        [good(unit="海事处", title="水上安全"), good(unit="海事处", title="日期错", submitted="2014.13.5")],
    )
    written.rename(folder / GBK_NAME)
    out = tmp_path / "out"
    common = ["--ledgers", str(folder), "--config", str(SAMPLE_CONFIG), "--out", str(out)]
    assert main(["validate", *common]) == 0
    assert main(["monthly", "--month", "2014-03", *common]) in (0, 1)
    printed = capsys.readouterr()
    (printed.out + printed.err).encode("utf-8")  # no surrogate reached the console
    assert "Traceback" not in printed.err

    summary = json.loads((out / "台账校验" / "summary.json").read_text(encoding="utf-8"))
    assert [(i["file"], i["status"], i["rows"]) for i in summary["inputs"]] == [("海事处台账.xlsx", "ok", 2)]
    findings = pd.read_excel(out / "台账校验" / "校验问题清单.xlsx", sheet_name=None, engine="calamine")
    cells = {str(v) for frame in findings.values() for v in frame.to_numpy().ravel()}
    assert "海事处台账.xlsx" in cells
    assert not any("\\x" in c or "\udcff" in c for c in cells)
    monthly = [p for p in out.rglob("summary.json") if "台账校验" not in p.parts]
    assert monthly
    for path in monthly:
        text = path.read_text(encoding="utf-8")
        assert "海事处台账.xlsx" in text


# -- zip bombs --------------------------------------------------------------------------------------

#: How far the bomb's sheet XML inflates: far beyond any ledger, and more than the memory limit.
BOMB_BYTES = 1536 * 1024 * 1024
_CHUNK = b" " * (1024 * 1024)


def _bomb(source: Path, target: Path) -> Path:
    """``source`` (a real .xlsx) with white space inside its sheet XML until it inflates to
    :data:`BOMB_BYTES`: well-formed XML a parser would read to the end; a ~1.5 MB file."""
    with zipfile.ZipFile(source) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    head, tail = parts[sheet].rsplit(b"</worksheet>", 1)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for name, data in parts.items():
            if name != sheet:
                zout.writestr(name, data)
                continue
            with zout.open(name, "w", force_zip64=True) as member:
                member.write(head)
                for _ in range(BOMB_BYTES // len(_CHUNK)):
                    member.write(_CHUNK)
                member.write(b"</worksheet>" + tail)
    return target


@pytest.fixture(scope="module")
def bomb_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bomb") / "台账"
    ledger(folder / "运管所.xlsx", [good(unit="运管所", title="春运")])
    seed = ledger(folder.parent / "seed.xlsx", [good(unit="海事处", title="水上安全")])
    shutil.copyfile(_bomb(seed, folder / "海事处.xlsx"), folder / "海事处.xlsm")
    return folder


def test_a_zip_bomb_is_one_finding_and_never_parsed(bomb_folder: Path, settings: Settings) -> None:
    assert (bomb_folder / "海事处.xlsx").stat().st_size < 16 * 1024 * 1024
    data = read(bomb_folder, settings)
    assert [(f.rule, f.file, f.message) for f in data.findings] == [
        ("L-FILE", name, FILE_INFLATED.message(file=name)) for name in ("海事处.xlsm", "海事处.xlsx")
    ]
    assert [(i.file, i.status) for i in data.inputs] == [
        ("海事处.xlsm", "rejected"),
        ("海事处.xlsx", "rejected"),
        ("运管所.xlsx", "ok"),
    ]
    assert data.ledger["body"].tolist() == ["运管所"]  # the batch went on


def test_a_run_on_zip_bombs_stays_under_the_memory_limit(bomb_folder: Path, tmp_path: Path) -> None:
    run = [sys.executable, "-m", "xcreport", "validate", "--ledgers", str(bomb_folder)]
    run += ["--config", str(SAMPLE_CONFIG), "--out", str(tmp_path / "out")]
    # A parent of its own, so that the peak is this run's and not an earlier child's of pytest.
    probe = (
        "import resource, subprocess, sys; "
        f"code = subprocess.run({run!r}, capture_output=True).returncode; "
        "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=300
    )
    code, peak_kib = map(int, done.stdout.split())
    assert code == 0
    assert peak_kib * 1024 < 1.5 * 1024**3
    summary = json.loads((tmp_path / "out" / "台账校验" / "summary.json").read_text(encoding="utf-8"))
    assert sorted(i["status"] for i in summary["inputs"]) == ["ok", "rejected", "rejected"]


# -- formats ----------------------------------------------------------------------------------------


def _to_ods(xlsx: Path, tmp_path: Path) -> Path:
    """``xlsx`` converted by LibreOffice, as a clerk using it saves a ledger."""
    profile = (tmp_path / "lo-profile").as_uri()
    outdir = ["--outdir", str(xlsx.parent), str(xlsx)]
    subprocess.run(
        [office_binary(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "ods", *outdir],
        check=True,
        capture_output=True,
        timeout=180,
    )
    xlsx.unlink()
    return xlsx.with_suffix(".ods")


def test_wps_et_and_libreoffice_ods_ledgers_are_read(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "台账"
    write_xls(folder / "tmp.xls", {"Sheet1": [list(HEADER), good(unit="海事处", title="水上安全")]})
    (folder / "tmp.xls").rename(folder / "海事处.et")
    ods = _to_ods(ledger(folder / "运管所.xlsx", [good(unit="运管所", title="春运")]), tmp_path)
    assert ods.is_file()
    data = read(folder, settings)
    assert data.findings == []
    assert [(i.file, i.status, i.rows) for i in data.inputs] == [
        ("海事处.et", "ok", 1),
        ("运管所.ods", "ok", 1),
    ]
    assert sorted(zip(data.ledger["body"], data.ledger["title"], strict=True)) == [
        ("海事处", "水上安全"),
        ("运管所", "春运"),
    ]


def test_other_spreadsheets_are_listed_with_one_finding_each(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "台账"
    ledger(folder / "运管所.xlsx", [good(unit="运管所", title="春运")])
    header = ",".join(HEADER)
    (folder / "海事处.csv").write_text(f"{header}\n海事处,张三,水上安全,动态信息\n", encoding="utf-8")
    (folder / "路政.numbers").write_bytes(b"PK\x03\x04 not really")
    (folder / "模板.xltx").write_bytes(b"")
    (folder / "二进制.xlsb").write_bytes(b"not a workbook")  # .xlsb is read: this one is corrupt
    (folder / "说明.txt").write_text("不是表格", encoding="utf-8")
    data = read(folder, settings)
    unsupported = ["模板.xltx", "海事处.csv", "路政.numbers"]
    assert [(f.rule, f.file, f.message) for f in data.findings] == sorted(
        [("L-FILE", n, FILE_UNSUPPORTED.message(file=n)) for n in unsupported]
        + [("L-FILE", "二进制.xlsb", FILE_CORRUPT.message(file="二进制.xlsb"))],
        key=lambda f: f[1],
    )
    assert sorted((i.file, i.status) for i in data.inputs) == sorted(
        [(n, "rejected") for n in [*unsupported, "二进制.xlsb"]] + [("运管所.xlsx", "ok")]
    )
    assert data.ledger["body"].tolist() == ["运管所"]

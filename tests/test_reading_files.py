"""Which files are read, and how a file that must not be parsed is turned away: linked folders,
file names that are not UTF-8, zip bombs, the formats calamine reads and those it does not."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import SAMPLE_CONFIG
from tests.ledger_factory import good, ledger
from xcreport.cli import main
from xcreport.config import Settings
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

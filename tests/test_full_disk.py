"""A full disk under --out: XlsxWriter raises FileCreateError (not an OSError) when it writes the
package; the run says one Chinese line, exits 1 and leaves no partial workbook behind."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from xlsxwriter.workbook import Workbook

from xcreport.cli import main

from .conftest import SAMPLE_CONFIG, SAMPLE_LEDGERS


def test_full_disk_is_one_chinese_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_space(self: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "_store_workbook", no_space)
    out = tmp_path / "out"
    code = main(
        ["validate", "--ledgers", str(SAMPLE_LEDGERS), "--config", str(SAMPLE_CONFIG), "--out", str(out)]
    )
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("xcreport: 错误: 无法读写文件") and "磁盘已满" in err[0]
    assert "FileCreateError" not in err[0] and "Traceback" not in err[0]
    # Nothing partial: no workbook, and no temporary file left beside where it would be.
    written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert [p for p in written if p.suffix == ".xlsx" or ".tmp" in p.name] == []

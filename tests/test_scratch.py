"""Scratch files a killed run left behind — beside the outputs and in the temporary folder — are
removed by the next run; a live run's scratch is kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from xcreport.fsutil import scratch_prefix, sweep_stale_scratch, write_text_atomic

from .conftest import SAMPLE_CONFIG, SAMPLE_LEDGERS


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _scratch(folder: Path, pid: int) -> tuple[Path, Path]:
    stale_file = folder / f".xcreport-tmp-{pid}-排名.ab12.tmp.xlsx"
    stale_file.write_bytes(b"half a workbook")
    stale_dir = folder / f"xcreport-mpl-{pid}-q9"
    stale_dir.mkdir()
    (stale_dir / "fontlist.json").write_text("{}")
    return stale_file, stale_dir


def test_sweep_removes_only_what_dead_runs_left(tmp_path: Path) -> None:
    stale_file, stale_dir = _scratch(tmp_path, _dead_pid())
    live = tmp_path / f"{scratch_prefix('charts')}x1"
    live.mkdir()
    others = [tmp_path / "xcreport-notes.txt", tmp_path / ".report.tmp.xlsx", tmp_path / "xcreport-mpl-abc-1"]
    for other in others:
        other.write_text("the user's")
    removed = sweep_stale_scratch(tmp_path)
    assert sorted(removed) == sorted([stale_file, stale_dir])
    assert not stale_file.exists() and not stale_dir.exists()
    assert live.is_dir() and all(o.exists() for o in others)


def test_writing_an_output_sweeps_its_folder(tmp_path: Path) -> None:
    stale_file, stale_dir = _scratch(tmp_path, _dead_pid())
    write_text_atomic(tmp_path / "summary.json", "{}")
    assert not stale_file.exists() and not stale_dir.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["summary.json"]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if "xcreport-" in p.name or ".tmp" in p.name)


def test_a_sigkilled_monthly_leaves_nothing_after_the_next_run(tmp_path: Path) -> None:
    scratch, out = tmp_path / "tmp", tmp_path / "out"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    env.pop("MPLCONFIGDIR", None)
    command = [sys.executable, "-m", "xcreport", "monthly", "--config", str(SAMPLE_CONFIG)]
    command += ["--ledgers", str(SAMPLE_LEDGERS), "--out", str(out), "--today", "2015-01-20"]
    run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _leftovers(scratch) and run.poll() is None:
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before its scratch folder appeared"
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=10)
    assert _leftovers(scratch), "the killed run left no scratch: the test proves nothing"
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode in (0, 1), again.stderr
    assert _leftovers(scratch) == []
    assert _leftovers(out) == []

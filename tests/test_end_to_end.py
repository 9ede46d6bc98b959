"""The whole pipeline on the sample county, as `make monthly` and `make annual` run it."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from xcreport.config import Settings
from xcreport.fsutil import sha256_file
from xcreport.pipeline import run_report

from .conftest import SAMPLE_CONFIG, SAMPLE_LEDGERS

TODAY = dt.date(2015, 1, 20)
SUMMARY_KEYS = {"kind", "period", "inputs", "totals", "bodies", "persons", "targets", "findings"}
BODY_KEYS = {
    "body", "group", "submitted", "first_half", "second_half", "cadence_met", "late", "adopted",
    "points", "bonus", "deductions", "score", "rank", "rank_in_group",
}  # fmt: skip


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha256_file(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def monthly(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> tuple[Path, dict[str, object]]:
    root = tmp_path_factory.mktemp("monthly")
    before = _hashes(SAMPLE_LEDGERS)
    out = run_report("monthly", SAMPLE_LEDGERS, settings, root, today=TODAY).out_dir
    assert _hashes(SAMPLE_LEDGERS) == before, "an input file was changed"
    assert out == root / "2014年12月"
    return out, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_default_month_is_the_latest_ended_month_with_rows(monthly: tuple[Path, dict[str, object]]) -> None:
    _, summary = monthly
    assert summary["kind"] == "monthly"
    assert summary["period"] == {"month": "2014-12", "year": 2014, "start": "2014-12-01", "end": "2014-12-31"}


def test_every_output_of_a_run(monthly: tuple[Path, dict[str, object]]) -> None:
    out, _ = monthly
    for name in (
        "信息宣传工作通报_2014年12月.docx",
        "信息宣传排名_2014年12月.xlsx",
        "校验问题清单_2014年12月.xlsx",
    ):
        assert (out / name).is_file(), name
    assert any((out / "退回修改").glob("*.xlsx"))
    assert any((out / "outbox").glob("*.eml"))
    assert not list(out.rglob("*.tmp*")), "a temporary file was left behind"


def test_summary_schema(monthly: tuple[Path, dict[str, object]], settings: Settings) -> None:
    _, summary = monthly
    assert set(summary) >= SUMMARY_KEYS
    bodies = summary["bodies"]
    assert isinstance(bodies, list)
    assert sorted(b["body"] for b in bodies) == sorted(b.name for b in settings.bodies)
    for body in bodies:
        assert set(body) >= BODY_KEYS
        assert list(body["adopted"]) == list(settings.levels)
    totals = summary["totals"]
    assert isinstance(totals, dict)
    assert totals["submitted"] == sum(b["submitted"] for b in bodies)
    findings = summary["findings"]
    assert isinstance(findings, dict)
    assert findings["error"] > 0 and findings["warning"] > 0
    assert sum(findings["by_rule"].values()) == findings["error"] + findings["warning"]
    inputs = summary["inputs"]
    assert isinstance(inputs, list) and inputs
    assert all(len(i["sha256"]) == 64 and not i["file"].startswith("/") for i in inputs)


def test_rerun_gives_the_same_figures(
    monthly: tuple[Path, dict[str, object]], settings: Settings, tmp_path: Path
) -> None:
    out, summary = monthly
    folder = run_report("monthly", SAMPLE_LEDGERS, settings, tmp_path, today=TODAY).out_dir
    again = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert again == summary
    for eml in sorted((out / "outbox").glob("*.eml")):
        assert (folder / "outbox" / eml.name).read_bytes() == eml.read_bytes()


def test_annual_run(settings: Settings, tmp_path: Path) -> None:
    folder = run_report("annual", SAMPLE_LEDGERS, settings, tmp_path, today=TODAY, year=2014).out_dir
    assert folder == tmp_path / "2014年度"
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["kind"] == "annual"
    assert summary["period"]["month"] is None and summary["period"]["year"] == 2014
    assert (folder / "信息宣传工作通报_2014年度.docx").is_file()
    assert all(len(b["cadence_grid"]) == 12 for b in summary["bodies"])
    assert summary["advanced_units"]


def test_nothing_is_written_outside_out(tmp_path: Path) -> None:
    """OUTPUTS.md: nothing outside --out is written (matplotlib's cache included)."""
    home, out = tmp_path / "home", tmp_path / "out"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MPL"))}
    env["HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-m", "xcreport", "monthly", "--ledgers", str(SAMPLE_LEDGERS),
         "--config", str(SAMPLE_CONFIG), "--out", str(out), "--today", TODAY.isoformat()],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert list(home.iterdir()) == []
    assert (out / "2014年12月" / "summary.json").is_file()


def test_two_periods_into_one_out_keep_each_others_outputs(settings: Settings, tmp_path: Path) -> None:
    """Monthly, annual and another month into the same --out: each period in its own folder, none
    replaced; a rerun of a period replaces only that period's files."""
    march = run_report("monthly", SAMPLE_LEDGERS, settings, tmp_path, today=TODAY, month="2014-03").out_dir
    before = _hashes(march)
    annual = run_report("annual", SAMPLE_LEDGERS, settings, tmp_path, today=TODAY, year=2014).out_dir
    april = run_report("monthly", SAMPLE_LEDGERS, settings, tmp_path, today=TODAY, month="2014-04").out_dir
    # beside the periods' folders, the history every run keeps of its summary (环比/同比)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2014年3月", "2014年4月", "2014年度", "历史"]
    assert sorted(p.name for p in (tmp_path / "历史").iterdir()) == [
        "2014-03.json",
        "2014-04.json",
        "2014.json",
    ]
    assert _hashes(march) == before  # summary.json, 退回修改, outbox all as March left them
    for folder, key in ((march, "2014-03"), (april, "2014-04"), (annual, None)):
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        assert summary["period"]["month"] == key
        assert all(p.name.endswith(f"_{folder.name}.eml") for p in (folder / "outbox").glob("*.eml"))

"""A body that sent no ledger is 未报送: no 退回修改 list and no correction mail telling it its
ledger has problems — it has none — and the console names it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from tests.conftest import SAMPLE_LEDGERS
from tests.dumps import dump_docx
from tests.ledger_factory import good, ledger
from xcreport.config import Settings
from xcreport.pipeline import run_report, run_validate
from xcreport.render.outputs import CORRECTIONS_DIR, correction_name

TODAY = dt.date(2015, 1, 10)


def _without(tmp_path: Path, *gone: str) -> Path:
    folder = tmp_path / "ledgers"
    shutil.copytree(SAMPLE_LEDGERS, folder)
    for name in gone:
        target = folder / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    return folder


def test_a_body_that_sent_nothing_gets_no_correction(settings: Settings, tmp_path: Path) -> None:
    ledgers = _without(tmp_path, "质监站", "海事处台账2014.xlsx")
    run = run_report("monthly", ledgers, settings, tmp_path / "out", month="2014-03", today=TODAY)
    assert run.metrics is not None
    silent = {"质监站", "海事处"}
    # they are still charged for the missed cadence in the report and the findings list
    missed = {b.body for b in run.metrics.bodies if not b.cadence_met}
    assert silent <= missed
    assert {f.body for f in run.findings} >= silent
    # but nothing is sent back to them
    assert not silent & set(run.outputs.corrections)
    corrections = run.out_dir / CORRECTIONS_DIR
    assert not any((corrections / correction_name(b)).exists() for b in silent)
    mails = [p.name for p in run.outputs.mails]
    assert not [m for m in mails if "质监站" in m or "海事处" in m]
    # bodies that did send keep theirs
    assert "汽车分公司" in run.outputs.corrections
    assert any("未报送台账" in n and "质监站" in n and "海事处" in n for n in run.notes)


def test_validate_sends_nothing_back_to_a_body_that_sent_nothing(settings: Settings, tmp_path: Path) -> None:
    ledgers = _without(tmp_path, "质监站")
    run = run_validate(ledgers, settings, tmp_path / "out", today=TODAY)
    assert "质监站" not in run.outputs.corrections


def test_errors_no_body_answers_for_are_named_by_file(settings: Settings, tmp_path: Path) -> None:
    """台账填报问题 adds up: the bodies' errors and those of files no registered body answers for
    (an unknown unit's rows, a file that is not a workbook) make the total the sentence states."""
    ledgers = _without(tmp_path)
    ledger(ledgers / "外来台账.xlsx", [good("不存在站", submitted="2014-03-05"), good("不存在站")])
    (ledgers / "坏文件.xlsx").write_bytes(b"not a workbook")
    run = run_report("monthly", ledgers, settings, tmp_path / "out", month="2014-03", today=TODAY)
    assert run.metrics is not None and run.outputs.report is not None
    p = run.metrics.problems
    files = {file for file, _, _ in p.files_with_errors}
    assert {"外来台账.xlsx", "坏文件.xlsx"} <= files
    total = sum(e for _, e, _ in p.bodies_with_errors) + sum(e for _, e, _ in p.files_with_errors)
    assert total == run.metrics.findings.error
    text = dump_docx(run.outputs.report)
    sentence = next(line for line in text.splitlines() if "台账校验共发现错误" in line)
    assert f"错误{run.metrics.findings.error}条" in sentence
    assert "外来台账.xlsx" in sentence and "坏文件.xlsx" in sentence


def test_a_missing_roster_or_register_is_said_not_silently_off(settings: Settings, tmp_path: Path) -> None:
    ledgers = _without(tmp_path, "通讯员名册.xlsx", "重大事项登记.xlsx")
    run = run_report("monthly", ledgers, settings, tmp_path / "out", month="2014-03", today=TODAY)
    assert run.metrics is not None and run.outputs.report is not None
    assert run.metrics.problems.sides_missing == ["通讯员名册", "重大事项登记"]
    assert any("没有通讯员名册" in n for n in run.notes) and any("没有重大事项登记" in n for n in run.notes)
    text = dump_docx(run.outputs.report)
    assert "本次统计未收到通讯员名册、重大事项登记，未核对作者是否为登记的通讯员，未核对重大政务信息" in text
    # with both present (the sample), nothing is said of them
    full = run_report(
        "monthly", _without(tmp_path / "b"), settings, tmp_path / "o2", month="2014-03", today=TODAY
    )
    assert full.metrics is not None and full.metrics.problems.sides_missing == []
    assert not any("相关检查本次未做" in n for n in full.notes)


def test_a_missing_city_ranking_is_said_on_the_console(settings: Settings, tmp_path: Path) -> None:
    ledgers = _without(tmp_path, "市局排名.xlsx")
    run = run_report("monthly", ledgers, settings, tmp_path / "out", month="2014-03", today=TODAY)
    assert any("考核名次（市局排名）" in n for n in run.notes)
    full = run_report(
        "monthly", _without(tmp_path / "b"), settings, tmp_path / "o2", month="2014-03", today=TODAY
    )
    assert not any("考核名次（市局排名）" in n for n in full.notes)

"""The command line: exit codes, one-line configuration errors, and every option documented."""

from __future__ import annotations

import argparse
import io
import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from xcreport.cli import build_parser, main
from xcreport.progress import Progress

from .conftest import ROOT, SAMPLE_CONFIG, SAMPLE_LEDGERS


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, sub in _subcommands().items():
        assert f"xcreport {name}" in readme, name
        for action in sub._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in readme, f"{name} {flag} is not documented in README.md"


COMMANDS = ["monthly", "annual", "validate", "init", "init-config", "check-config", "send"]
#: argparse's own English words, which must not reach the clerk's screen.
ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "error:", "the following")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_for_every_command_is_in_chinese(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("用法: xcreport " + command)
    assert "选项:" in text and "显示本帮助并退出" in text
    assert not [word for word in ENGLISH if word in text]
    helps = [a.help or "" for a in _subcommands()[command]._actions]
    assert all(re.search(r"[\u4e00-\u9fff]", h) for h in helps), helps


def test_top_level_help_lists_the_commands_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert text.startswith("用法: xcreport") and "命令:" in text and "显示版本号并退出" in text
    assert all(command in text for command in COMMANDS)
    assert not [word for word in ENGLISH if word in text]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        ([], "xcreport: 错误: 缺少必需的参数: 命令"),
        (["monthly", "--bogus"], "xcreport: 错误: 无法识别的参数: --bogus"),
        (["monthly", "--month"], "xcreport monthly: 错误: 参数 --month: 后面应有一个取值"),
        (["report"], "xcreport: 错误: 参数 命令: 无效的选择 'report'"),
        (["send", "--resend", "--resend-uncertain"], "参数 --resend-uncertain: 不能与 --resend 同时使用"),
        (["annual", "--year", "14"], "xcreport annual: 错误: 参数 --year: 「14」应为四位年份，例如 2014"),
        (["monthly", "--today", "2015/1/20"], "参数 --today: 「2015/1/20」应为 年-月-日"),
    ],
)
def test_usage_errors_are_in_chinese_and_say_where_the_help_is(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法: xcreport") and says in err
    assert "查看用法：xcreport" in err.splitlines()[-1] and "--help" in err.splitlines()[-1]
    assert not [word for word in ENGLISH if word in err]


def test_bad_configuration_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        SAMPLE_CONFIG.read_text(encoding="utf-8").replace("cutoff_day = 25", "cutoff_day = 40"), "utf-8"
    )
    code = main(
        ["validate", "--ledgers", str(SAMPLE_LEDGERS), "--config", str(bad), "--out", str(tmp_path / "o")]
    )
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert str(bad) in err and "cadence.cutoff_day" in err
    assert not (tmp_path / "o").exists()


def test_bad_month_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["monthly", "--month", "2014-13", "--config", str(SAMPLE_CONFIG), "--out", str(tmp_path)])
    assert code == 2
    assert "--month「2014-13」中的月份 13 超出范围，应为 1–12" in capsys.readouterr().err
    assert main(["monthly", "--month", "2014/3", "--config", str(SAMPLE_CONFIG), "--out", str(tmp_path)]) == 2
    assert "--month「2014/3」应为 年-月，例如 2014-03" in capsys.readouterr().err


def test_missing_ledger_folder_is_exit_2(tmp_path: Path) -> None:
    code = main(["validate", "--ledgers", str(tmp_path / "none"), "--config", str(SAMPLE_CONFIG)])
    assert code == 2


def test_validate_on_the_sample_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code = main(
        ["validate", "--ledgers", str(SAMPLE_LEDGERS), "--config", str(SAMPLE_CONFIG), "--out", str(out)]
    )
    assert code == 0
    summary = json.loads((out / "台账校验" / "summary.json").read_text(encoding="utf-8"))
    assert summary["kind"] == "validate"
    assert summary["findings"]["error"] > 0  # the sample's deliberate mistakes
    assert all(i["status"] in ("ok", "rejected") for i in summary["inputs"])
    assert (out / "台账校验" / "校验问题清单.xlsx").is_file()
    assert any((out / "台账校验" / "退回修改").glob("*.xlsx"))
    printed = capsys.readouterr().out
    assert re.search(r"错误 \d+ 条，警告 \d+ 条", printed)
    # --strict turns the sample's error findings into exit code 1.
    assert main(["validate", "--strict", "--config", str(SAMPLE_CONFIG), "--out", str(out)]) == 1


def test_progress_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()
    bar = Progress("读取台账", 3, stream)
    for _ in range(3):
        bar.advance()
    bar.close()
    assert stream.getvalue() == ""
    assert bar.done == 3


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_and_clears_its_line() -> None:
    stream = _Tty()
    bar = Progress("读取台账", stream=stream)
    bar.start(4)
    bar.advance()
    assert "读取台账" in stream.getvalue() and "1/4" in stream.getvalue()
    bar.advance(3)
    assert stream.getvalue().rstrip("\r\x1b[K").endswith("4/4")
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_unwritable_output_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    code = main(["validate", "--config", str(SAMPLE_CONFIG), "--out", str(blocker / "sub")])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert len(err.splitlines()) == 1 and err.startswith("xcreport: 错误: 无法读写文件")
    assert "路径中有一段是文件而不是文件夹" in err or "已有同名的文件" in err


def test_a_month_that_has_not_begun_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["monthly", "--month", "2014-05", "--today", "2014-04-10", "--config", str(SAMPLE_CONFIG)]
    assert main([*args, "--out", str(tmp_path)]) == 2
    assert "尚未开始" in capsys.readouterr().err


def test_a_month_without_rows_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["monthly", "--month", "2013-06", "--today", "2015-01-20", "--config", str(SAMPLE_CONFIG)]
    assert main([*args, "--out", str(tmp_path)]) == 0
    assert "台账中没有2013年6月的记录" in capsys.readouterr().err


def test_send_passes_which_mails_to_send_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from xcreport import pipeline
    from xcreport.deliver import SendReport

    asked: list[dict[str, object]] = []

    def run_send(out_dir: Path, settings: object, **kwargs: object) -> SendReport:
        asked.append({"out": out_dir, **kwargs})
        return SendReport()

    monkeypatch.setattr(pipeline, "run_send", run_send)
    folder = tmp_path / "2014年3月"
    (folder / "outbox").mkdir(parents=True)
    base = ["send", "--out", str(tmp_path), "--config", str(SAMPLE_CONFIG)]
    log = tmp_path / "发送记录.jsonl"  # the sample's: in the output root
    assert main([*base, "--resend-uncertain"]) == 0
    assert main([*base, "--month", "2014-03"]) == 0
    assert asked == [
        {"out": folder, "resend": False, "resend_uncertain": True, "sent_log": log},
        {"out": folder, "resend": False, "resend_uncertain": False, "sent_log": log},
    ]
    assert "outbox 中没有需要发送的邮件" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main([*base, "--resend", "--resend-uncertain"])  # one or the other


#: What a validate run must not load: the Word stack, the charts, and openpyxl (a test-only library).
HEAVY = ("docxtpl", "docx", "matplotlib", "openpyxl")


def test_validate_loads_no_word_chart_or_openpyxl_module(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from xcreport.cli import main\n"
        f"code = main(['validate', '--ledgers', {str(SAMPLE_LEDGERS)!r}, '--config', {str(SAMPLE_CONFIG)!r},"
        f" '--out', {str(tmp_path / 'out')!r}])\n"
        f"loaded = sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})\n"
        "print(code, ','.join(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.split("\n")[-2] == "0 ", done.stdout + done.stderr


def test_log_lines_say_their_level_in_chinese() -> None:
    from xcreport.cli import ChineseLogFormatter

    def said(level: int) -> str:
        record = logging.LogRecord(
            "xcreport", level, __file__, 1, "%s: 服务器暂时拒绝；2 秒后重试", ("01.eml",), None
        )
        return ChineseLogFormatter().format(record)

    assert said(logging.WARNING) == "xcreport: 注意: 01.eml: 服务器暂时拒绝；2 秒后重试"
    assert said(logging.ERROR).startswith("xcreport: 错误: ")
    assert said(logging.INFO) == "xcreport: 01.eml: 服务器暂时拒绝；2 秒后重试"

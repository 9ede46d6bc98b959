"""A county's own folder (init-config), what check-config says, which configuration a run uses and
says it used, the period folders under --out, and configuration mistakes through the command line."""

from __future__ import annotations

import os
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from xcreport.cli import main

from .conftest import ROOT, SAMPLE_CONFIG, SAMPLE_LEDGERS
from .test_config import MISTAKES

TODAY = "2015-01-20"


@pytest.fixture
def county(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A county's folder made by init-config, the current folder of the test."""
    folder = tmp_path / "本县"
    assert main(["init-config", str(folder)]) == 0
    capsys.readouterr()
    monkeypatch.chdir(folder)
    return folder


def test_init_config_writes_an_editable_configuration_templates_and_a_ledger_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "本县"
    assert main(["init-config", str(folder)]) == 0
    text = (folder / "xcreport.toml").read_text(encoding="utf-8")
    assert text.startswith("# 本文件由 xcreport init-config 从示例县的配置复制而来")
    assert text.endswith(SAMPLE_CONFIG.read_text(encoding="utf-8"))  # the sample's Chinese comments
    packaged = SAMPLE_CONFIG.parents[1] / "templates"
    assert sorted(p.name for p in (folder / "模板").iterdir()) == sorted(p.name for p in packaged.iterdir())
    assert (folder / "台账").is_dir() and not any((folder / "台账").iterdir())
    out = capsys.readouterr().out
    assert "xcreport check-config" in out and str(folder / "台账") in out

    # never over a configuration the office has edited
    (folder / "xcreport.toml").write_text("# 已修改\n", encoding="utf-8")
    assert main(["init-config", str(folder)]) == 2
    assert "已存在，未覆盖" in capsys.readouterr().err
    assert (folder / "xcreport.toml").read_text(encoding="utf-8") == "# 已修改\n"


def test_a_run_in_the_county_folder_uses_its_configuration_ledgers_and_templates(
    county: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = county / "xcreport.toml"
    config.write_text(config.read_text("utf-8").replace('name = "示例县"', 'name = "本县"', 1), "utf-8")
    leaders = county / "模板" / "mail_leaders.txt"
    leaders.write_text(leaders.read_text("utf-8").replace("\nSubject: ", "\nSubject: 本县自拟·", 1), "utf-8")

    # an empty 台账 folder: said, exit 2, nothing written
    assert main(["monthly", "--today", TODAY]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "配置文件：xcreport.toml；台账文件夹：台账"
    assert (
        captured.err
        == "xcreport: 错误: 台账文件夹 台账 里没有台账：请把各单位交来的台账放进去，或用 --ledgers 指定\n"
    )
    assert not Path("out").exists()

    for ledger in SAMPLE_LEDGERS.rglob("*.xlsx"):
        target = Path("台账") / ledger.relative_to(SAMPLE_LEDGERS)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(ledger.read_bytes())
    assert main(["monthly", "--today", TODAY]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "配置文件：xcreport.toml；台账文件夹：台账"
    mail = (county / "out" / "2014年12月" / "outbox" / "01_领导_2014年12月.eml").read_bytes()
    assert str(message_from_bytes(mail, policy=policy.default)["Subject"]).startswith("本县自拟·")


def test_the_sample_is_the_default_and_is_named_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--today", TODAY]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"配置文件：{SAMPLE_CONFIG}（内置示例县）；台账文件夹：{SAMPLE_LEDGERS}"
    assert (tmp_path / "out" / "台账校验" / "summary.json").is_file()


def test_check_config_says_what_was_understood_and_never_the_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XCREPORT_SMTP_PASSWORD", "秘密-s3cret")
    monkeypatch.setenv("XCREPORT_SMTP_PORT", "2525")
    assert main(["check-config", "--config", str(SAMPLE_CONFIG)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith(f"配置文件：{SAMPLE_CONFIG}（内置示例县）")
    assert "报送单位 16 个：" in lines
    assert "  所属单位 8 个：运管所、交管所、公路站、海事处、航道站、农路办、质监站、汽车分公司" in lines
    assert any(line.startswith("  机关科室 6 个：") for line in lines)
    assert "国家级 10 分、省部级 5 分、市级 3 分、县级 1 分、内部 0.5 分" in out
    assert "每月 25 日截止" in out and "R6 省部级及以上媒体用稿：突破50 篇" in out
    assert "收件领导 3 人：张局长（局长）" in out
    assert "smtp.example.gov.cn:2525（ssl）（环境变量 XCREPORT_SMTP_PORT 优先于配置文件）" in out
    assert "环境变量 XCREPORT_SMTP_PASSWORD 已设置" in out and "秘密" not in out and "s3cret" not in out
    assert lines[-1] == "配置文件没有发现错误。"


def test_check_config_follows_the_numbers_of_another_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "xcreport.toml"
    text = SAMPLE_CONFIG.read_text("utf-8").replace("cutoff_day = 25", "cutoff_day = 20")
    other.write_text(text.replace('"县级" = 1,', '"县级" = 2,'), "utf-8")
    assert main(["check-config", "--config", str(other)]) == 0
    out = capsys.readouterr().out
    assert "每月 20 日截止" in out and "县级 2 分" in out and "内置示例县" not in out
    assert f"发送记录：{tmp_path / '发送记录.jsonl'}" in out.splitlines()[0]


@pytest.mark.parametrize(("old", "new", "key", "says"), MISTAKES)
def test_every_configuration_mistake_is_one_line_exit_2_and_no_output(
    tmp_path: Path, old: str, new: str, key: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "xcreport.toml"
    text = SAMPLE_CONFIG.read_text(encoding="utf-8")
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    out = tmp_path / "out"
    args = ["--ledgers", str(SAMPLE_LEDGERS), "--config", str(bad), "--out", str(out), "--today", TODAY]
    assert main(["monthly", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith(f"xcreport: 配置错误: {bad}: 第") and key in line and says in line
    assert not out.exists()


def test_send_finds_the_period_folder_or_asks_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    base = ["--config", str(SAMPLE_CONFIG), "--today", TODAY, "--out", str(out)]
    assert main(["send", "--out", str(out), "--config", str(SAMPLE_CONFIG)]) == 2
    assert "下没有待发送的邮件（outbox）" in capsys.readouterr().err
    assert main(["monthly", *base, "--month", "2014-03"]) == 0
    assert main(["annual", *base, "--year", "2014"]) == 0
    capsys.readouterr()
    send = ["send", "--out", str(out), "--config", str(SAMPLE_CONFIG)]
    assert main(send) == 2
    assert "有多个期间的邮件（2014年3月、2014年度）：请用 --month 或 --year 指定" in capsys.readouterr().err
    assert main([*send, "--month", "2014-05"]) == 2
    assert "2014年5月" in capsys.readouterr().err
    # a named period or a period's own folder: as far as the server, which the environment lacks
    for name in [k for k in os.environ if k.startswith("XCREPORT_SMTP")]:
        monkeypatch.delenv(name)
    for argv in (
        [*send, "--month", "2014-03"],
        ["send", "--out", str(out / "2014年度"), "--config", str(SAMPLE_CONFIG)],
    ):
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert "XCREPORT_SMTP_PASSWORD" in captured.err
        assert f"发送记录：{out / '发送记录.jsonl'}" in captured.out


def test_the_guide_documents_every_smtp_variable_and_every_command() -> None:
    from xcreport.deliver import smtp

    guide = (ROOT / "docs" / "使用说明.md").read_text(encoding="utf-8")
    variables = {v for k, v in vars(smtp).items() if k.startswith("ENV_") and isinstance(v, str)}
    assert variables == {f"XCREPORT_SMTP_{n}" for n in ("HOST", "PORT", "USER", "SECURITY", "PASSWORD")}
    for name in variables:
        assert f"| {name} |" in guide, name
    for command in ("monthly", "annual", "validate", "init", "init-config", "check-config", "send --test"):
        assert f"xcreport {command}" in guide, command
    # the findings table stays a section of its own, the last one
    assert guide.index("## 六、校验问题清单里的“规则”") > guide.index("## 五、")

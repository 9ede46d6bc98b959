"""tools/setup-system.sh and the Makefile: what a bare machine is given, and what make passes on.

The script runs in a PATH of its own: a real Python, the few tools it uses, and fakes for id,
apt-get and sudo, so that each branch (root, sudo, neither, no apt-get) is taken on this machine
without installing anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "tools" / "setup-system.sh"
TOOLS = ("sh", "dirname", "readlink", "ls", "grep", "cat")
TEST_PACKAGES = "libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk"


def _fake(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """A bin folder with Python 3.11+ and the shell tools, and none of the test packages."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (folder / tool).symlink_to(found)
    (folder / "python3").symlink_to(sys.executable)
    return folder


def _setup(folder: Path, mode: str, uid: int) -> subprocess.CompletedProcess[str]:
    _fake(folder, "id", f"echo {uid}")
    env = {"PATH": str(folder), "HOME": str(folder.parent)}
    return subprocess.run(
        ["sh", str(SCRIPT), mode], env=env, capture_output=True, text=True, check=False, cwd=folder.parent
    )


def test_running_needs_only_python(bare: Path) -> None:
    done = _setup(bare, "run", 1000)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_as_root_the_test_packages_are_installed_with_apt_get(bare: Path) -> None:
    log = bare.parent / "apt.log"
    _fake(bare, "apt-get", f'echo "$@" >> {log}')
    done = _setup(bare, "test", 0)
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"xcreport: 正在安装系统软件：{TEST_PACKAGES}（需要几分钟）…\n"
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls == ["update -qq", f"install -y -qq --no-install-recommends {TEST_PACKAGES}"]


def test_without_root_and_sudo_one_line_names_the_command(bare: Path) -> None:
    _fake(bare, "apt-get", "exit 99")
    done = _setup(bare, "test", 1000)
    assert done.returncode == 1
    assert done.stderr == (
        f"xcreport: 缺少系统软件，请先运行：sudo apt-get install -y --no-install-recommends {TEST_PACKAGES}\n"
    )


def test_with_sudo_it_installs_through_sudo(bare: Path) -> None:
    log = bare.parent / "sudo.log"
    _fake(bare, "apt-get", "exit 0")
    _fake(bare, "sudo", f'echo "$@" >> {log}')
    done = _setup(bare, "test", 1000)
    assert done.returncode == 0, done.stderr
    assert log.read_text(encoding="utf-8").splitlines()[-1].startswith("apt-get install -y -qq")


def test_without_apt_get_it_says_what_is_missing(bare: Path) -> None:
    done = _setup(bare, "test", 0)
    assert done.returncode == 1
    assert (
        done.stderr
        == f"xcreport: 缺少系统软件（{TEST_PACKAGES}），本机没有 apt-get，请用系统的软件包管理器安装\n"
    )


def test_on_this_machine_everything_the_tests_need_is_there() -> None:
    done = subprocess.run(["sh", str(SCRIPT), "test"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def _make(*variables: str) -> list[str]:
    """The xcreport command lines `make -n` would run (the install steps left out)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    done = subprocess.run(
        ["make", "-n", "-s", "monthly", "send", "check-config", *variables],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.split("/xcreport ", 1)[1] for line in done.stdout.splitlines() if "bin/xcreport " in line]


def test_make_passes_on_only_what_was_set() -> None:
    assert [line.split() for line in _make()] == [["monthly"], ["send"], ["check-config"]]
    set_ = _make("CONFIG=本县/xcreport.toml", "LEDGERS=台账 2015", "MONTH=2015-03", "OUT=结果")
    for option in (
        '--ledgers "台账 2015"',
        '--config "本县/xcreport.toml"',
        '--out "结果"',
        '--month "2015-03"',
    ):
        assert option in set_[0], set_[0]
    assert '--out "结果" --month "2015-03"' in set_[1] and '--config "本县/xcreport.toml"' in set_[1]
    assert set_[2] == 'check-config --config "本县/xcreport.toml"'

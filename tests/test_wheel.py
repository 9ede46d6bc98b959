"""The package as the office installs it: a wheel built from this tree, installed into a fresh
virtual environment, run from an empty folder — monthly, annual, init, init-config.

Nothing of the checkout is on the path: the templates and the sample county must come from the
installed package.  The dependencies come from the package index (pip's cache makes it quick).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

TODAY = "2015-01-20"


def _run(
    argv: list[str], cwd: Path, env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(the fresh environment's bin folder, the environment to run it in)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "xcreport", source / "xcreport", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "XCREPORT_", "MPL"))
    }
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    built = _run([*pip, "wheel", "--no-deps", "--wheel-dir", str(base / "dist"), "./source"], base, env)
    assert built.returncode == 0, built.stderr
    (wheel,) = (base / "dist").glob("xcreport-*.whl")
    venv = base / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base, env)
    assert made.returncode == 0, made.stderr
    python = venv / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    done = _run([*pip, "--python", str(python), "install", "--no-compile", str(wheel)], base, env)
    assert done.returncode == 0, done.stderr
    # xcreport runs with a home folder of its own, to show it writes nothing there
    (base / "home").mkdir()
    return python.parent, {**env, "HOME": str(base / "home"), "USERPROFILE": str(base / "home")}


def test_the_installed_package_is_not_the_checkout(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    done = _run([str(bin_dir / "python"), "-c", "import xcreport; print(xcreport.__file__)"], tmp_path, env)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).is_relative_to(bin_dir.parent)


def test_monthly_annual_and_init_from_an_empty_folder(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    xcreport = str(bin_dir / "xcreport")
    empty = tmp_path / "空文件夹"
    empty.mkdir()

    monthly = _run([xcreport, "monthly", "--today", TODAY], empty, env)
    assert monthly.returncode == 0, monthly.stderr
    first = monthly.stdout.splitlines()[0]
    assert first.startswith("配置文件：") and "（内置示例县）" in first and str(bin_dir.parent) in first
    assert str(ROOT) not in monthly.stdout + monthly.stderr
    folder = empty / "out" / "2014年12月"
    for name in ("信息宣传工作通报_2014年12月.docx", "信息宣传排名_2014年12月.xlsx", "summary.json"):
        assert (folder / name).is_file(), name
    assert any((folder / "outbox").glob("*.eml")) and any((folder / "退回修改").glob("*.xlsx"))
    assert f"输出文件夹：{Path('out') / '2014年12月'}" in monthly.stdout

    annual = _run([xcreport, "annual", "--today", TODAY], empty, env)
    assert annual.returncode == 0, annual.stderr
    assert (empty / "out" / "2014年度" / "信息宣传工作通报_2014年度.docx").is_file()
    assert (folder / "summary.json").is_file()  # March's folder untouched by the annual run

    init = _run([xcreport, "init", "空白台账", "--year", "2015"], empty, env)
    assert init.returncode == 0, init.stderr
    assert len(list((empty / "空白台账").glob("*.xlsx"))) >= 16
    assert not list(Path(env["HOME"]).iterdir())  # nothing in the home folder


def test_init_config_then_a_run_from_the_county_folder(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bin_dir, env = installed
    xcreport = str(bin_dir / "xcreport")
    made = _run([xcreport, "init-config", "本县"], tmp_path, env)
    assert made.returncode == 0, made.stderr
    county = tmp_path / "本县"
    assert (county / "xcreport.toml").is_file() and (county / "模板" / "monthly_report.docx").is_file()

    checked = _run([xcreport, "check-config"], county, env)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("配置文件：xcreport.toml；") and "报送单位 16 个：" in checked.stdout

    ledgers = _run(
        [str(bin_dir / "python"), "-c", "from xcreport.resources import sample_ledgers as s; print(s())"],
        county,
        env,
    )
    sample = ledgers.stdout.strip()
    done = _run(
        [xcreport, "monthly", "--ledgers", sample, "--month", "2014-03", "--today", TODAY], county, env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == f"配置文件：xcreport.toml；台账文件夹：{sample}"
    assert (county / "out" / "2014年3月" / "信息宣传工作通报_2014年3月.docx").is_file()

    usage = _run([xcreport, "monthly", "--bogus"], county, env)
    assert usage.returncode == 2 and "xcreport: 错误: 无法识别的参数: --bogus" in usage.stderr

"""The shape of the tree: small modules and functions a newcomer can read, stages that depend
only on the stages before them."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "xcreport"
MODULE_LINES = 450
FUNCTION_LINES = 80


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def test_every_module_is_short_enough_to_read() -> None:
    long = {
        _name(p): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert not long


def test_every_function_is_short_enough_to_read() -> None:
    long: dict[str, int] = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > FUNCTION_LINES:
                    long[f"{_name(path)}.{node.name}"] = lines
    assert not long


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m.startswith("xcreport.")}


#: stage → the packages of xcreport it must not import (a stage knows only those before it).
FORBIDDEN = {
    "xcreport.reading": ("xcreport.scoring", "xcreport.render", "xcreport.deliver", "xcreport.pipeline"),
    "xcreport.scoring": ("xcreport.render", "xcreport.deliver", "xcreport.pipeline"),
    "xcreport.render": ("xcreport.reading", "xcreport.scoring", "xcreport.deliver", "xcreport.pipeline"),
    "xcreport.deliver": ("xcreport.reading", "xcreport.scoring", "xcreport.pipeline"),
}


def test_stages_depend_only_on_earlier_stages() -> None:
    wrong: dict[str, list[str]] = {}
    for path in _modules():
        module = _name(path)
        for stage, forbidden in FORBIDDEN.items():
            if module == stage or module.startswith(stage + "."):
                bad = sorted(m for m in _imports(path) if m.startswith(forbidden))
                if bad:
                    wrong[module] = bad
    assert not wrong

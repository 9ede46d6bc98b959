"""The findings catalogue against the specification, both ways, and against the rest of the code.

Every finding kind's rule id is one the specification names (RULES.md, LEDGER.md) or the clerk's
guide documents; every rule the specification says is a finding has a kind; a rule id or a message
sentence is written in the catalogue only.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from tests.conftest import ROOT
from xcreport.findings import CATALOGUE, Kind
from xcreport.model import LEDGER_COLUMNS

SPEC = ROOT / "docs" / "spec"
PACKAGE = ROOT / "xcreport"
_RULE_ID = re.compile(r"\b(R\d{1,2}|L-[A-Z]+)\b")


def _rules_table_ids() -> set[str]:
    """The ids of the rule table of RULES.md (its rows start with ``| R<n> |``)."""
    text = (SPEC / "RULES.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| (R\d+) \|", text, flags=re.M))


def _finding_ids_of_the_spec() -> set[str]:
    """The ids LEDGER.md's "What a finding looks like" says are findings: the ledger ids and the
    breaches that scoring finds."""
    text = (SPEC / "LEDGER.md").read_text(encoding="utf-8")
    section = text[text.index("## What a finding looks like") :]
    ids = set(_RULE_ID.findall(section))
    ids |= {f"R{n}" for n in re.findall(r"\(R\d+/R(\d+)\)", section)}  # (R1/R2)
    return ids


def _guide_ids() -> set[str]:
    guide = (ROOT / "docs" / "使用说明.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| (R\d+|L-[A-Z]+) \|", guide, flags=re.M))


def test_every_kind_has_a_rule_id_the_spec_or_the_guide_names() -> None:
    named = _rules_table_ids() | _finding_ids_of_the_spec() | _guide_ids()
    unknown = {k.slug: k.rule for k in CATALOGUE.values() if k.rule not in named}
    assert not unknown


def test_every_finding_the_spec_names_has_a_kind() -> None:
    declared = {k.rule for k in CATALOGUE.values()}
    assert _finding_ids_of_the_spec() <= declared
    assert _finding_ids_of_the_spec() >= {"R1", "R2", "R3", "R4", "R5", "R10", "R11", "L-DUP", "L-FILE"}


def test_the_guide_explains_every_rule_id_of_the_catalogue() -> None:
    assert {k.rule for k in CATALOGUE.values()} == _guide_ids()


@pytest.mark.parametrize("kind", list(CATALOGUE.values()), ids=list(CATALOGUE))
def test_every_template_renders(kind: Kind) -> None:
    names = {name for _, name, _, _ in string.Formatter().parse(kind.template) if name}
    finding = kind(
        row=12, header="报送日期", value="2014.13.5", body="运管所", **dict.fromkeys(kind.params, "X")
    )
    assert finding.rule == kind.rule and finding.severity == kind.severity and finding.kind == kind.slug
    assert "{" not in finding.message and "}" not in finding.message
    assert kind.params == names - {"file", "sheet", "row", "column", "value", "body", "header"}
    assert kind.column in ("", *LEDGER_COLUMNS, "unit", "author"), kind.column


def _code_strings(path: Path) -> list[str]:
    """The string constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "findings.py")


def test_no_other_module_writes_a_rule_id() -> None:
    offenders = {
        str(path.relative_to(ROOT)): hits
        for path in _modules()
        if (hits := [s for s in _code_strings(path) if _RULE_ID.fullmatch(s.strip())])
    }
    assert not offenders


def test_no_other_module_writes_a_finding_sentence() -> None:
    # each template's literal runs of eight characters or more are its sentence
    pieces = {
        literal
        for kind in CATALOGUE.values()
        for literal, *_ in string.Formatter().parse(kind.template)
        for literal in re.split(r"[，。；（）「」“”]", literal)
        if len(literal) >= 8
    }
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in _modules()
        if (found := sorted({p for s in _code_strings(path) for p in pieces if p in s}))
    }
    assert not offenders


def test_every_kind_is_raised_somewhere() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in _modules())
    names = [
        target.id
        for node in ast.parse((PACKAGE / "findings.py").read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
        and getattr(node.value.func, "id", "") == "Kind"
        for target in node.targets
        if isinstance(target, ast.Name)
    ]  # fmt: skip
    assert len(names) == len(CATALOGUE)
    unused = [n for n in names if not re.search(rf"\b{n}\b", code)]
    assert not unused

"""Fixtures shared by the tests: the sample configuration, and the real office client."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from xcreport import pipeline
from xcreport.accounting import Accounting, account
from xcreport.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CONFIG = ROOT / "xcreport" / "sample" / "xcreport.toml"
SAMPLE_LEDGERS = ROOT / "xcreport" / "sample" / "ledgers"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The sample county's configuration, as every stage receives it."""
    return load_settings(SAMPLE_CONFIG)


def office_binary() -> str:
    """LibreOffice, the real client the rendered documents are checked with.

    Its absence fails the test rather than skipping it: a document check that does not run proves
    nothing.  (Debian: libreoffice-writer-nogui; .ci/run installs it.)
    """
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice is needed to check the reports: apt-get install libreoffice-writer-nogui")
    return found


@pytest.fixture(autouse=True)
def accounts_made(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Accounting]]:
    """Every run a test makes through the pipeline accounts for every row: the account of each
    (summary.json ``accounting``) must add up, whatever the folder.  A test that breaks an
    account on purpose clears this list once it has checked what it expects."""
    made: list[Accounting] = []

    def recorded(*args: object, **kwargs: object) -> Accounting:
        result = account(*args, **kwargs)  # type: ignore[arg-type]
        made.append(result)
        return result

    monkeypatch.setattr(pipeline, "account", recorded)
    yield made
    unbalanced = [a.rows for a in made if not a.balanced]
    assert not unbalanced, f"the run's account does not add up: {unbalanced}"

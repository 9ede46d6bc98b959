"""Fixtures shared by the tests: the sample configuration, and the real office client."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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

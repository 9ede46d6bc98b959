"""Fixtures shared by the tests: the sample configuration, and the real office client."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from xcreport.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_CONFIG = ROOT / "sample_data" / "xcreport.toml"
SAMPLE_LEDGERS = ROOT / "sample_data" / "ledgers"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The sample county's configuration, as every stage receives it."""
    return load_settings(SAMPLE_CONFIG)


def office_binary() -> str | None:
    """LibreOffice, the real client the rendered documents are checked with.

    Where XCREPORT_REQUIRE_OFFICE is set (CI sets it), its absence fails the test instead of
    skipping it, so the document checks can never pass by not running.
    """
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and os.environ.get("XCREPORT_REQUIRE_OFFICE"):
        pytest.fail("LibreOffice (soffice) is required here but not installed")
    return found

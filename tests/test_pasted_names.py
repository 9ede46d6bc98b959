"""Names pasted from chat apps carry invisible characters (zero-width space/joiner, BOM, NBSP):
they are removed with the white space before any name is matched — body, header, sheet name."""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from pathlib import Path

import pandas as pd

from tests.ledger_factory import HEADER, good, ledger
from xcreport.config import Settings
from xcreport.reading import read_ledgers
from xcreport.reading.cells import canonical
from xcreport.reading.headers import header_key
from xcreport.text import fold_name

ZWSP, ZWJ, BOM, NBSP, WJ = "\u200b", "\u200d", "\ufeff", "\u00a0", "\u2060"


def test_every_format_character_is_folded_away() -> None:
    # Every Unicode Cf character this Python knows: the pattern in text.py must cover it.
    missing = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) == "Cf" and fold_name(f"运{chr(c)}管所") != "运管所"
    ]
    assert missing == []


def test_scalar_and_vectorised_folds_agree() -> None:
    typed = [f"{BOM}运管所", f"运{ZWSP}管{NBSP}所", f"运管所{ZWJ}\u3000", f"{WJ}海 事 处"]
    assert [fold_name(t) for t in typed] == ["运管所", "运管所", "运管所", "海事处"]
    assert canonical(pd.Series(typed, dtype=object)).tolist() == [fold_name(t) for t in typed]
    assert header_key(f"{BOM}报送单位{ZWSP}*") == header_key("报送单位")


def test_body_name_and_header_pasted_from_a_chat_app_are_matched(tmp_path: Path, settings: Settings) -> None:
    assert settings.resolve_body(f"{BOM}运{ZWSP}管所{NBSP}") == "运管所"
    header = [f"{ZWSP}{h}{BOM}" if i == 0 else h for i, h in enumerate(HEADER)]
    ledger(tmp_path / "运管所.xlsx", [good(unit=f"{BOM}运{ZWSP}管所{NBSP}")], header=header)
    data = read_ledgers(tmp_path, settings, today=dt.date(2014, 4, 1), workers=0)
    assert data.ledger["body"].tolist() == ["运管所"]
    assert [f.rule for f in data.findings] == []

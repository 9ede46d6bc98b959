"""reading.cells: yes/no marks and the identity of a title, as typed."""

from __future__ import annotations

import pandas as pd
import pytest

from xcreport.reading.cells import title_key, yes_no


def _cells(*values: object) -> pd.Series:
    return pd.Series(list(values), dtype=object)


@pytest.mark.parametrize(
    ("cell", "value", "unreadable"),
    [
        ("是", True, False),
        ("Y", True, False),
        ("y", True, False),
        ("√", True, False),
        ("✓", True, False),
        ("1", True, False),
        (1.0, True, False),
        ("TRUE", True, False),
        ("true", True, False),
        (True, True, False),
        ("否", False, False),
        ("N", False, False),
        ("n", False, False),
        ("×", False, False),
        ("✗", False, False),
        ("0", False, False),
        (0.0, False, False),
        ("FALSE", False, False),
        (False, False, False),
        ("", False, False),
        (" 是 ", True, False),
        ("有", False, True),
        ("maybe", False, True),
    ],
)
def test_yes_no(cell: object, value: bool, unreadable: bool) -> None:
    got, bad = yes_no(_cells(cell))
    assert got.tolist() == [value]
    assert bad.tolist() == [unreadable]


def test_title_key_ignores_spacing_punctuation_width_and_case() -> None:
    keys = title_key(_cells("“海启高速”工程 稳步推进！", "海启高速工程稳步推进", "ＡＢＣ 路", "abc路", ""))
    assert keys.tolist()[:4] == ["海启高速工程稳步推进", "海启高速工程稳步推进", "abc路", "abc路"]
    assert keys.isna().tolist() == [False, False, False, False, True]

"""reading.headers: header names and aliases, how a header row is found, column letters."""

from __future__ import annotations

import pytest

from xcreport.config import Settings
from xcreport.reading.headers import (
    LEDGER_HEADERS,
    RANKING_HEADERS,
    REGISTER_HEADERS,
    ROSTER_HEADERS,
    column_letter,
    configured_headers,
    detect_header,
    header_column,
    header_key,
    header_taken,
    spoken_header,
    task_key,
)
from xcreport.reading.workbook import Cell


def test_header_key_drops_marks_spaces_and_width() -> None:
    assert header_key("报送日期*") == "报送日期"
    assert header_key("作 者（必填）") == "作者"
    assert header_key("标题(必填)") == "标题"
    assert header_key("\u3000类别\n") == "类别"
    assert header_key("*单位") == "单位"


@pytest.mark.parametrize(
    ("alias", "key"), [(alias, key) for key, names in LEDGER_HEADERS.items() for alias in names]
)
def test_every_ledger_alias_is_recognised(alias: str, key: str) -> None:
    # Two standard columns beside the alias make a header; the alias must map to its key.
    others = [h for k, (h, *_) in LEDGER_HEADERS.items() if k != key][:2]
    match, _ = detect_header([["序号", alias + "*", *others]])
    assert match is not None and match.kind == "ledger"
    assert match.columns[key] == 1


@pytest.mark.parametrize(
    ("table", "kind"),
    [(ROSTER_HEADERS, "roster"), (REGISTER_HEADERS, "register"), (RANKING_HEADERS, "ranking")],
)
def test_side_sheet_headers_are_recognised_with_every_alias(
    table: dict[str, tuple[str, ...]], kind: str
) -> None:
    for key, names in table.items():
        for alias in names:
            row = [alias if k == key else hs[0] for k, hs in table.items()]
            match, _ = detect_header([row])
            assert match is not None, (kind, alias)
            assert match.kind == kind
            assert match.columns[key] == row.index(alias)


def test_header_below_title_rows_and_standard_name_wins_over_alias() -> None:
    rows: list[list[Cell]] = [
        ["运管所信息报送台账", "", "", ""],
        ["", "", "", ""],
        ["日期", "作者", "标题", "报送日期"],
    ]
    match, _ = detect_header(rows)
    assert match is not None and match.row == 2
    assert match.columns["submitted"] == 3  # 报送日期, not the alias 日期


def test_header_beyond_row_ten_is_not_searched() -> None:
    rows: list[list[Cell]] = [["填表说明"] for _ in range(10)]
    rows.append(["作者", "标题", "类别"])
    match, best = detect_header(rows)
    assert match is None and best == 0


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


@pytest.mark.parametrize(
    ("typed", "spoken"),
    [
        ("报送日期*", "报送日期"),
        ("作者（必填）", "作者"),
        ("标题 (必填)", "标题"),
        ("*类别", "类别"),
        ("报送时间", "报送时间"),
    ],
)
def test_messages_name_the_header_without_its_marks(typed: str, spoken: str) -> None:
    assert spoken_header(typed) == spoken


def test_the_configurations_words_extend_the_known_headers(settings: Settings) -> None:
    row: list[Cell] = ["事由", "事发日期", "责任单位", "送稿人"]
    assert detect_header([row])[0] is None  # 事由 is no header xcreport knows
    words = settings.model_dump()
    words["headers"] = {"register": {"事项": ["事由"]}, "ledger": {"author": ["送稿人"]}}
    extra = configured_headers(Settings.model_validate(words))
    match, _ = detect_header([row], extra)
    assert match is not None and match.kind == "register"
    assert match.columns == {"event": 0, "event_date": 1, "body": 2}
    # a roster task column per level: 省部级任务 (or 省部级任务数)
    roster, _ = detect_header([["单位", "姓名", "省部级任务数", "市级任务"]], extra)
    assert roster is not None and roster.kind == "roster"
    assert roster.columns == {"body": 0, "name": 1, task_key("省部级"): 2, task_key("市级"): 3}


def test_a_configured_header_is_found_by_its_key_or_a_known_name() -> None:
    assert header_column("ledger", "submitted") == header_column("ledger", "报送时间") == "submitted"
    assert header_column("ledger", "发稿") is None
    assert header_taken("ledger", "submitted", "稿件 标题") == "标题"  # matched as headers are
    assert header_taken("ledger", "submitted", "日期") is None  # 日期 is already 报送日期's

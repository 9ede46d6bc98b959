"""The side sheets the office keeps beside the ledgers (LEDGER.md), each stacked over all workbooks.

通讯员名册 (roster: body, name, phone, post, and each person's annual task per level where the
roster has a column for it, e.g. 省部级任务: R9 分解落实到人), 重大事项登记 (major-event register:
event, date, body, handling) and 市局排名 / 外部考核 (rankings: month, rank, score, item).  A row
that cannot be used — no body, no name, no event or date, no month or rank — is left out with its
finding; none of them found gives an empty frame with the sheet's columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import (
    RANK_BLANK,
    RANK_INVALID,
    RANKING_MONTH_BLANK,
    REGISTER_BLANK,
    ROSTER_NAME_BLANK,
    ROSTER_TASK_INVALID,
    SCORE_INVALID,
    Finding,
)
from xcreport.model import RANKING_COLUMNS, REGISTER_COLUMNS, ROSTER_COLUMNS
from xcreport.reading.bodies import row_bodies
from xcreport.reading.cells import Column, canonical, cell_texts, nonblank, optional_text, spread, text_values
from xcreport.reading.dates import (
    DateColumn,
    date_findings,
    date_parts,
    month_findings,
    month_keys,
    month_parts,
    resolve_dates,
    sheet_years,
)
from xcreport.reading.headers import RANKING_HEADERS, REGISTER_HEADERS, ROSTER_HEADERS, task_key
from xcreport.reading.stack import Stack, cell_findings, example_year, stack_tables
from xcreport.reading.tables import SheetTable


def _side_dates(
    stack: Stack, key: str, parts: Callable[[Column], pd.DataFrame], year: int | None
) -> DateColumn:
    """A side sheet's date or month column, a missing year taken from the sheet's context.

    The year each row took is kept in ``_year`` of the stack's frame, for the example dates of its
    findings' messages.
    """
    parsed = parts(stack.coded[key])
    years = sheet_years(stack, [parsed], year)
    stack.frame["_year"] = years
    return resolve_dates(parsed, years)


def roster_columns(settings: Settings) -> list[str]:
    """The roster's columns: :data:`~xcreport.model.ROSTER_COLUMNS` and a task column per level."""
    return [*ROSTER_COLUMNS, *(task_key(level) for level in settings.levels)]


_TASK_PATTERN = r"^(\d+)\s*篇?$"


def _roster_tasks(frame: pd.DataFrame, stack: Stack, settings: Settings) -> list[Finding]:
    """Each level's task column: a whole number of pieces (3, 3篇), <NA> when blank; anything else
    is left out of the person's tasks with its finding (the person stays on the roster)."""
    findings: list[Finding] = []
    for level in settings.levels:
        key = task_key(level)
        text = cell_texts(stack.coded[key]).str.normalize("NFKC").str.strip()
        task = pd.to_numeric(text.str.extract(_TASK_PATTERN, expand=False), errors="coerce")
        findings += cell_findings(frame, (text != "") & task.isna(), key, stack.refs, ROSTER_TASK_INVALID)
        frame[key] = task.astype("Int64")
    return findings


def normalize_roster(tables: Sequence[SheetTable], settings: Settings) -> tuple[pd.DataFrame, list[Finding]]:
    """The 通讯员名册 rows with a body and a name (body, name, phone, post, the tasks per level), and
    their findings."""
    columns = roster_columns(settings)
    if not tables:
        return empty_side(columns), []
    stack = stack_tables(tables, [*ROSTER_HEADERS, *columns[len(ROSTER_COLUMNS) :]])
    frame = stack.frame
    findings: list[Finding] = []
    body, body_error = row_bodies(frame, stack, "body", settings, findings)
    frame["body"] = body
    name = spread(stack.coded["name"], lambda u: canonical(text_values(u)))
    missing = name == ""
    findings += cell_findings(
        frame,
        missing & ~body_error,
        "name",
        stack.refs,
        ROSTER_NAME_BLANK,
    )
    frame["name"] = name.astype("string")
    frame["phone"] = optional_text(stack.coded["phone"])
    frame["post"] = optional_text(stack.coded["post"])
    findings += _roster_tasks(frame, stack, settings)
    keep = ~(body_error | missing)
    return _side_frame(frame[keep.to_numpy()], columns), findings


def normalize_register(
    tables: Sequence[SheetTable], settings: Settings, year: int | None
) -> tuple[pd.DataFrame, list[Finding]]:
    """The 重大事项登记 rows with a body, an event and its date, and their findings."""
    if not tables:
        return empty_side(REGISTER_COLUMNS), []
    stack = stack_tables(tables, list(REGISTER_HEADERS))
    frame = stack.frame
    findings: list[Finding] = []
    body, body_error = row_bodies(frame, stack, "body", settings, findings)
    frame["body"] = body
    when = _side_dates(stack, "event_date", date_parts, year)
    findings += date_findings(frame, when, "event_date", stack.refs, REGISTER_HEADERS["event_date"][0])
    event = cell_texts(stack.coded["event"])
    blank_required = (event == "") | when.blank
    for key, blank in (("event", event == ""), ("event_date", when.blank)):
        findings += cell_findings(
            frame,
            blank,
            key,
            stack.refs,
            REGISTER_BLANK,
        )
    frame["event"] = nonblank(event)
    frame["event_date"] = when.value
    frame["handling"] = optional_text(stack.coded["handling"])
    keep = ~(body_error | when.invalid | when.no_year | blank_required)
    return _side_frame(frame[keep.to_numpy()], REGISTER_COLUMNS), findings


_RANK_PATTERN = r"^第?\s*(\d+)\s*名?$"


def normalize_rankings(tables: Sequence[SheetTable], year: int | None) -> tuple[pd.DataFrame, list[Finding]]:
    """The 市局排名 / 外部考核 rows with a month and a rank, and their findings."""
    if not tables:
        return empty_side(RANKING_COLUMNS), []
    stack = stack_tables(tables, list(RANKING_HEADERS))
    frame = stack.frame
    frame["body"] = None
    findings: list[Finding] = []
    month = _side_dates(stack, "month", month_parts, year)
    findings += month_findings(frame, month, "month", stack.refs, RANKING_HEADERS["month"][0])
    findings += cell_findings(
        frame,
        month.blank,
        "month",
        stack.refs,
        RANKING_MONTH_BLANK,
        params=example_year,
    )
    frame["month"] = month_keys(month.value)
    rank_text = cell_texts(stack.coded["rank"]).str.normalize("NFKC")
    rank = pd.to_numeric(rank_text.str.extract(_RANK_PATTERN, expand=False), errors="coerce")
    bad_rank = rank.isna() | (rank < 1)
    rank_blank = rank_text == ""
    findings += cell_findings(frame, bad_rank & rank_blank, "rank", stack.refs, RANK_BLANK)
    findings += cell_findings(frame, bad_rank & ~rank_blank, "rank", stack.refs, RANK_INVALID)
    frame["rank"] = rank.astype("Int64")
    score_text = cell_texts(stack.coded["score"])
    score = pd.to_numeric(score_text.str.normalize("NFKC"), errors="coerce")
    bad_score = (score_text != "") & score.isna()
    findings += cell_findings(
        frame,
        bad_score,
        "score",
        stack.refs,
        SCORE_INVALID,
    )
    frame["score"] = score.astype("Float64")
    frame["item"] = optional_text(stack.coded["item"])
    keep = ~(month.invalid | month.no_year | month.blank | bad_rank)
    return _side_frame(frame[keep.to_numpy()], RANKING_COLUMNS), findings


def _side_frame(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    out = frame.loc[:, list(columns)].reset_index(drop=True)
    for col in columns:
        if out[col].dtype == object:
            out[col] = out[col].astype("string")
    return out


def empty_side(columns: Sequence[str]) -> pd.DataFrame:
    """A side sheet frame (roster, register, rankings) with no rows and its columns."""
    dtypes = {"excel_row": "Int64", "event_date": "datetime64[s]", "rank": "Int64", "score": "Float64"}
    return pd.DataFrame(
        {c: pd.Series(dtype="Int64" if c.startswith("task:") else dtypes.get(c, "string")) for c in columns}
    )

"""The run's account (summary.json ``accounting``, the findings workbook's 收到情况 and 文件清单).

Every ledger row read is in exactly one place: counted in the period, outside the period, or left
out with an error finding (by rule; a row with several errors under the lowest rule code).  Every
file under the ledger folder is read, rejected (with the reason) or ignored (with the reason), and
every registered body is listed with what it sent: rows counted in the period (已报送), a ledger
with nothing counted in the period (本期无记录), or nothing at all (未报送, as
:meth:`~xcreport.model.LedgerData.senders` decides).

This module is plain data plus the one function the pipeline calls (:func:`account`); the render
stage reads the dataclasses only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from xcreport.config import Settings
from xcreport.model import LedgerData

FileStatus = Literal["read", "rejected", "ignored"]
FILE_STATUS_LABELS: dict[str, str] = {"read": "已读取", "rejected": "未读取", "ignored": "已忽略"}


@dataclass(frozen=True, slots=True)
class RowAccount:
    """rows read = counted + outside_period + left_out (= Σ left_out_by_rule) + unexplained."""

    read: int  # non-blank ledger rows read from the files (summary.json totals.rows)
    counted: int  # rows of the period that count (totals.rows_scored)
    outside_period: int  # valid rows of another period
    left_out: int  # rows with an error finding, not counted
    left_out_by_rule: dict[str, int]  # rule code → rows, each row once (its lowest rule code)
    unexplained: int  # rows left out with no error finding: 0 when the account adds up

    @property
    def balanced(self) -> bool:
        return self.unexplained == 0


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One file under the ledger folder and what became of it."""

    file: str
    status: FileStatus
    reason: str | None  # why it was not read (rejected / ignored); None when read
    sheets: int = 0  # ledger and side sheets recognised
    rows: int = 0  # ledger rows read from it
    bodies: list[str] = field(default_factory=list)  # bodies with valid rows in it


@dataclass(frozen=True, slots=True)
class Receipt:
    """收到台账: what one registered body sent."""

    body: str
    files: list[str]  # files holding its valid rows
    rows: int  # its valid rows, every period
    counted: int  # of which counted in the period
    status: Literal["sent", "none_in_period", "not_sent"]


RECEIPT_STATUS_LABELS: dict[str, str] = {
    "sent": "已报送",
    "none_in_period": "本期无记录",
    "not_sent": "未报送",
}


@dataclass(frozen=True, slots=True)
class Accounting:
    """summary.json ``accounting``."""

    rows: RowAccount
    balanced: bool
    files: list[FileEntry]
    received: list[Receipt]  # registry order
    #: registered bodies with no row counted in the period, registry order: 本期无记录 (a ledger
    #: came, with rows of other periods or only rows with errors) and 未报送 (no ledger came)
    nothing_in_period: list[str]

    def notes(self) -> list[str]:
        """What the console says about the account: nothing when it adds up."""
        if self.balanced:
            return []
        return [
            f"台账行数对不上：{self.rows.unexplained}行既未计入，也没有说明原因的错误，"
            "请把台账文件夹和本期的 summary.json 交给维护人员"
        ]


def _left_out(data: LedgerData) -> dict[str, int]:
    """Rows of ledger sheets with an error finding, each once, under its lowest rule code; an
    error about a whole ledger sheet (no row: its body cannot be told) leaves out the rest of it."""
    rule_of: dict[tuple[str, str, int], str] = {}
    whole: dict[tuple[str, str], str] = {}
    for f in data.findings:
        sheet = (f.file, f.sheet)
        if f.severity != "error" or sheet not in data.ledger_sheets:
            continue
        if f.row is None:
            whole[sheet] = min(f.rule, whole.get(sheet, f.rule))
        elif (key := (f.file, f.sheet, f.row)) not in rule_of or f.rule < rule_of[key]:
            rule_of[key] = f.rule
    counts: dict[str, int] = {}
    for rule in rule_of.values():
        counts[rule] = counts.get(rule, 0) + 1
    for sheet, rule in whole.items():
        rest = data.ledger_sheets[sheet] - sum(k[:2] == sheet for k in rule_of)
        counts[rule] = counts.get(rule, 0) + rest
    return {rule: n for rule, n in sorted(counts.items()) if n}


def _files(data: LedgerData, bodies_of: Mapping[str, list[str]]) -> list[FileEntry]:
    entries = [
        FileEntry(i.file, "read", None, i.sheets, i.rows, bodies_of.get(i.file, []))
        if i.status == "ok"
        else FileEntry(i.file, "rejected", i.reason)
        for i in data.inputs
    ]
    entries.extend(FileEntry(file, "ignored", reason) for file, reason in data.ignored)
    return sorted(entries, key=lambda e: e.file)


def account(
    data: LedgerData, settings: Settings, *, counted: int, counted_by_body: Mapping[str, int]
) -> Accounting:
    """The account of a run over ``data``: ``counted`` rows scored in the period, per body
    ``counted_by_body`` (``xcreport validate``, which has no period: every valid row)."""
    ledger = data.ledger
    files_of: dict[str, list[str]] = {}
    rows_of: dict[str, int] = {}
    bodies_of: dict[str, list[str]] = {}
    if len(ledger):
        per_file = ledger.groupby(["body", "source_file"], observed=True).size()
        for key, n in per_file.items():
            body, file = (str(k) for k in key)  # type: ignore[attr-defined]
            files_of.setdefault(body, []).append(file)
            rows_of[body] = rows_of.get(body, 0) + int(n)
            bodies_of.setdefault(file, []).append(body)
    received: list[Receipt] = []
    senders = data.senders()
    for b in settings.bodies:
        n = int(counted_by_body.get(b.name, 0))
        status: Literal["sent", "none_in_period", "not_sent"] = (
            "sent" if n else "none_in_period" if b.name in senders else "not_sent"
        )
        received.append(Receipt(b.name, sorted(files_of.get(b.name, [])), rows_of.get(b.name, 0), n, status))
    by_rule = _left_out(data)
    read = sum(i.rows for i in data.inputs)
    left_out = sum(by_rule.values())
    outside = len(ledger) - counted
    rows = RowAccount(read, counted, outside, left_out, by_rule, read - counted - outside - left_out)
    return Accounting(
        rows=rows,
        balanced=rows.balanced,
        files=_files(data, bodies_of),
        received=received,
        nothing_in_period=[r.body for r in received if r.status != "sent"],
    )

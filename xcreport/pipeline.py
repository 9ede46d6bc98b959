"""The one orchestrator: read → validate → score → render → deliver.

The CLI is a thin layer over these functions; tests and scripts call them directly.  ``out_root``
is ``--out``: a run writes into its own folder under it (``2014年3月/``, ``2014年度/``, ``台账校验/``:
:mod:`xcreport.render.outputs`), every file through :func:`xcreport.fsutil.atomic_path`; inputs are
never written to.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from xcreport import history, period
from xcreport.accounting import account
from xcreport.config import Settings
from xcreport.errors import UsageError
from xcreport.findings import Finding
from xcreport.fsutil import write_text_atomic
from xcreport.metrics import FindingCounts, Metrics
from xcreport.model import LedgerData
from xcreport.period import Period
from xcreport.progress import Progress
from xcreport.reading import read_ledgers
from xcreport.render import Issue, render_all, render_findings_only
from xcreport.render.outputs import (
    OUTBOX_DIR,
    SENT_LOG_NAME,
    SUMMARY_NAME,
    VALIDATE_DIR,
    Outputs,
    period_dir_name,
)
from xcreport.resources import templates_dir
from xcreport.scoring import latest_sent_month, score

if TYPE_CHECKING:
    from xcreport.deliver import SendReport

log = logging.getLogger("xcreport")

#: The project's own Word and mail templates (the office edits these).
DEFAULT_TEMPLATES = templates_dir()


@dataclass(slots=True)
class RunResult:
    """What a run produced, for the CLI to summarise and choose its exit code."""

    outputs: Outputs
    findings: list[Finding]
    out_dir: Path  # the run's own folder under --out
    metrics: Metrics | None = None
    period: Period | None = None
    send_report: SendReport | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


def _check_ledger_folder(ledgers: Path) -> None:
    if not ledgers.is_dir():
        raise UsageError(
            f"台账文件夹不存在：{ledgers}（请把各单位的台账放进这个文件夹，或用 --ledgers 指定）"
        )


def _write_summary(out_dir: Path, payload: Mapping[str, object] | Metrics) -> Path:
    path = out_dir / SUMMARY_NAME
    text = (
        payload.to_json()
        if isinstance(payload, Metrics)
        else json.dumps(payload, ensure_ascii=False, indent=2)
    )
    write_text_atomic(path, text if text.endswith("\n") else text + "\n")
    return path


def load(ledgers: Path, settings: Settings, *, today: dt.date, year: int | None = None) -> LedgerData:
    """Read every workbook under ``ledgers``: rows, side sheets, inputs and reading findings."""
    _check_ledger_folder(ledgers)
    progress = Progress("读取台账")  # draws on stderr only when it is a terminal
    return read_ledgers(
        ledgers, settings, today=today, year=year, workers=settings.workers, progress=progress
    )


def run_validate(ledgers: Path, settings: Settings, out_root: Path, *, today: dt.date) -> RunResult:
    """``xcreport validate``: the findings list, one correction list per body, summary.json, in
    ``out_root/台账校验/``."""
    data = load(ledgers, settings, today=today)
    out_dir = out_root / VALIDATE_DIR
    valid = data.ledger["body"].value_counts() if len(data.ledger) else None
    by_body = {} if valid is None else {str(b): int(n) for b, n in valid.items()}
    accounting = account(data, settings, counted=len(data.ledger), counted_by_body=by_body)
    outputs = render_findings_only(data.findings, settings, out_dir, data.senders(), accounting)
    summary = {
        "kind": "validate",
        "inputs": [asdict(i) for i in data.inputs],
        "findings": asdict(FindingCounts.of(data.findings)),
        "accounting": asdict(accounting),
    }
    outputs = replace(outputs, summary=_write_summary(out_dir, summary))
    return RunResult(outputs=outputs, findings=data.findings, out_dir=out_dir, notes=accounting.notes())


def _period(
    kind: Literal["monthly", "annual"],
    requested: Period | None,
    ledgers: Path,
    data: LedgerData,
    settings: Settings,
    today: dt.date,
) -> Period:
    """The period named on the command line, else the latest ended month (or its year) with rows."""
    found = requested or period.latest(kind, latest_sent_month(data.ledger, settings, today), today)
    if found is None and not data.inputs:
        raise UsageError(f"台账文件夹 {ledgers} 里没有台账：请把各单位交来的台账放进去，或用 --ledgers 指定")
    if found is None:
        raise UsageError("台账中没有可统计的记录，无法确定统计期间；请用 --month 或 --year 指定")
    return found


def _notes(metrics: Metrics, settings: Settings, reported: Period, senders: frozenset[str]) -> list[str]:
    """What the console says of the run besides its outputs: what it did not get or could not do."""
    notes = list(metrics.accounting.notes()) if metrics.accounting is not None else []
    for side in metrics.problems.sides_missing:
        notes.append(f"台账文件夹中没有{side}：相关检查本次未做（见通报“台账填报问题”）")
    if metrics.city_rank.latest is None:
        notes.append(f"没有{settings.county.city_office}的考核名次（市局排名）：通报中写“尚未录入”")
    silent = [b.name for b in settings.bodies if b.name not in senders]
    if silent:
        notes.append(f"未报送台账（不发退回修改）：{'、'.join(silent)}")
    if metrics.totals.rows_scored == 0:
        notes.append(f"台账中没有{reported.label}的记录：通报中各单位均按未报送计，请确认台账是否已全部放入")
    if reported.partial:
        notes.append(f"{reported.year}年尚未结束：年度通报统计1—{reported.last_month}月")
    return notes


def run_report(
    kind: Literal["monthly", "annual"],
    ledgers: Path,
    settings: Settings,
    out_root: Path,
    *,
    today: dt.date,
    month: str | None = None,
    year: int | None = None,
    send: bool = False,
    resend: bool = False,
    template_dir: Path = DEFAULT_TEMPLATES,
    sent_log: Path | None = None,
    issue_no: str | None = None,
    issued: dt.date | None = None,
) -> RunResult:
    """``xcreport monthly`` / ``annual``: every output of OUTPUTS.md in ``out_root/<period>/``, mails
    in its outbox/, sent with ``send`` (recorded in ``sent_log``, by default in ``out_root``).

    The 通报 carries the 期号 ``issue_no`` (default: the month) and is dated ``issued`` (成文日期,
    default: ``today``, the run's date).
    """
    # a bad --month or --year stops the run before anything is read
    named = period.requested(kind, today, month=month, year=year)
    data = load(ledgers, settings, today=today, year=named.year if named else None)
    reported = _period(kind, named, ledgers, data, settings, today)
    log.info("统计期间: %s", reported.label)
    out_dir = out_root / period_dir_name(reported)
    result = score(data, settings, reported)
    result.metrics.accounting = account(
        data, settings, counted=result.metrics.totals.rows_scored, counted_by_body=result.counted_by_body
    )
    issue = Issue(date=issued or today, number=issue_no)
    # the history of summaries is kept in the output root, by period
    result.metrics.comparison, history_notes = history.comparison(data, settings, reported, result, out_root)
    senders = data.senders()
    outputs = render_all(
        result.metrics,
        result.findings,
        settings,
        reported,
        out_dir,
        template_dir,
        issue,
        result.detail,
        senders,
    )
    outputs = replace(outputs, summary=_write_summary(out_dir, result.metrics))
    history.keep(
        out_root, result.metrics, outputs.summary.read_text(encoding="utf-8") if outputs.summary else None
    )
    from xcreport.deliver import build_outbox, send_outbox  # the mail stack only where mail is made

    mails = build_outbox(
        result.metrics, settings, reported, out_dir, outputs.attachments, outputs.corrections, template_dir
    )
    run = RunResult(
        outputs=replace(outputs, mails=tuple(mails)),
        findings=result.findings,
        out_dir=out_dir,
        metrics=result.metrics,
        period=reported,
        notes=list(outputs.notes),
    )
    run.notes.extend([*history_notes, *_notes(result.metrics, settings, reported, senders)])
    if send:
        run.send_report = send_outbox(
            out_dir, settings, resend=resend, sent_log=sent_log or out_root / SENT_LOG_NAME
        )
    return run


def send_folder(out: Path, *, today: dt.date, month: str | None = None, year: int | None = None) -> Path:
    """The folder whose outbox ``xcreport send --out`` means.

    ``out`` itself when it holds an outbox (a period's folder); else its period folder named by
    ``month`` or ``year``; else the only period folder under it that holds one.
    """
    if month is None and year is None and (out / OUTBOX_DIR).is_dir():
        return out
    named = period.requested("monthly" if month else "annual", today, month=month, year=year)
    if named is not None:
        folder = out / period_dir_name(named)
        if not (folder / OUTBOX_DIR).is_dir():
            raise UsageError(
                f"{folder / OUTBOX_DIR} 不存在：请先运行 xcreport {named.kind} 生成{named.label}的邮件"
            )
        return folder
    found = sorted(d for d in out.iterdir() if (d / OUTBOX_DIR).is_dir()) if out.is_dir() else []
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"{out} 下没有待发送的邮件（outbox）：请先运行 xcreport monthly 或 annual")
    names = "、".join(d.name for d in found)
    raise UsageError(f"{out} 下有多个期间的邮件（{names}）：请用 --month 或 --year 指定发送哪一期")


def run_send(
    out_dir: Path,
    settings: Settings,
    *,
    resend: bool = False,
    resend_uncertain: bool = False,
    sent_log: Path | None = None,
) -> SendReport:
    """``xcreport send``: send what a finished run left in ``out_dir/outbox`` (``out_dir``: a period's
    folder, see :func:`send_folder`).

    ``resend`` sends everything again; ``resend_uncertain`` only what a send that broke off
    mid-transaction may or may not have delivered (the clerk has asked the recipients).
    ``sent_log`` defaults to the output root, the folder above ``out_dir``.
    """
    from xcreport.deliver import send_outbox

    if not (out_dir / OUTBOX_DIR).is_dir():
        raise UsageError(f"{out_dir / OUTBOX_DIR} 不存在：请先运行 xcreport monthly 或 annual")
    return send_outbox(
        out_dir,
        settings,
        resend=resend,
        resend_uncertain=resend_uncertain,
        sent_log=sent_log or out_dir.parent / SENT_LOG_NAME,
    )

"""What a send did, per message and recipient, and how it is told to the clerk in Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Delivery:
    """One message to one recipient, as the report lists it."""

    file: str  # the .eml file in outbox/
    recipient: str
    subject: str
    reason: str = ""
    corrected: bool = False  # sent with 【更正】: the recipient had another version of the mail


@dataclass(slots=True)
class SendReport:
    """What a send did.  ``ok`` only when nothing is left unsent."""

    sent: list[Delivery] = field(default_factory=list)
    skipped: list[Delivery] = field(default_factory=list)  # already sent (sent log), not sent again
    refused: list[Delivery] = field(default_factory=list)  # the server refused the recipient
    failed: list[Delivery] = field(default_factory=list)  # not sent: errors, or not tried after a stop
    uncertain: list[Delivery] = field(default_factory=list)  # a previous send crashed mid-transaction
    stopped: str = ""  # why sending stopped early (permanent error, unreachable server)
    log: Path | None = None  # the sent log the send read and wrote

    @property
    def ok(self) -> bool:
        return not (self.refused or self.failed or self.uncertain or self.stopped)

    @property
    def unsent(self) -> list[Delivery]:
        return [*self.refused, *self.failed, *self.uncertain]


def _line(d: Delivery) -> str:
    who = d.recipient or "（无收件人）"
    mark = "（更正）" if d.corrected else ""
    return f"    {who}  {d.file}{mark}" + (f"：{d.reason}" if d.reason else "")


def _count(listed: list[Delivery]) -> str:
    """4 封, or 4 封（6 人次） when a mail went to several recipients."""
    files = len({d.file for d in listed})
    return f"{files} 封" if files == len(listed) else f"{files} 封（{len(listed)} 人次）"


def _headline(report: SendReport) -> str:
    corrected = [d for d in report.sent if d.corrected]
    head = f"邮件发送：已发送 {_count(report.sent)}"
    if corrected:
        head += f"，其中更正 {_count(corrected)}"
    counts = [
        (f"跳过此前已发送的 {_count(report.skipped)}", report.skipped),
        (f"被拒收 {_count(report.refused)}", report.refused),
        (f"未发送 {_count(report.failed)}", report.failed),
        (f"状态不明 {_count(report.uncertain)}", report.uncertain),
    ]
    return head + "".join(f"，{text}" for text, listed in counts if listed)


def _details(report: SendReport) -> list[str]:
    lines = [f"  发送已中止：{report.stopped}"] if report.stopped else []
    for title, listed in (
        ("  已发送：", report.sent),
        ("  被拒收（请核对收件地址）：", report.refused),
        ("  未发送：", report.failed),
        ("  状态不明（可能已送达，为免重复未自动补发）：", report.uncertain),
    ):
        if listed:
            lines += [title, *(_line(d) for d in listed)]
    return lines


def _advice(report: SendReport, out_dir: Path | None) -> list[str]:
    folder = str(out_dir) if out_dir is not None else "DIR"
    command = f'xcreport send --out "{folder}"' if " " in folder else f"xcreport send --out {folder}"
    lines = []
    if report.refused or report.failed:
        lines.append(f"未送达的仍在 outbox 中：请检查后运行 {command} 补发（已发送的不会重复发送）")
    if report.uncertain:
        lines.append(
            f"状态不明的请先向收件人确认；未收到的，运行 {command} --resend-uncertain 补发"
            "（只重发状态不明的邮件）"
        )
    if report.log is not None:
        lines.append(f"发送记录：{report.log}")
    return lines


def format_send_report(report: SendReport, out_dir: Path | None = None) -> str:
    """The report in Chinese for the clerk, once: 已发送 4 封（6 人次），跳过 2 封（此前已发送）…,
    then who got what, what was left and what to do about it."""
    if not (report.sent or report.skipped or report.unsent):
        return "邮件发送：outbox 中没有需要发送的邮件"
    return "\n".join([_headline(report), *_details(report), *_advice(report, out_dir)])

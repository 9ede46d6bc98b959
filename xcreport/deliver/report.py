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


@dataclass(slots=True)
class SendReport:
    """What a send did.  ``ok`` only when nothing is left unsent."""

    sent: list[Delivery] = field(default_factory=list)
    skipped: list[Delivery] = field(default_factory=list)  # already sent (sent log), not sent again
    refused: list[Delivery] = field(default_factory=list)  # the server refused the recipient
    failed: list[Delivery] = field(default_factory=list)  # not sent: errors, or not tried after a stop
    uncertain: list[Delivery] = field(default_factory=list)  # a previous send crashed mid-transaction
    stopped: str = ""  # why sending stopped early (permanent error, unreachable server)

    @property
    def ok(self) -> bool:
        return not (self.refused or self.failed or self.uncertain or self.stopped)

    @property
    def unsent(self) -> list[Delivery]:
        return [*self.refused, *self.failed, *self.uncertain]


def _line(d: Delivery) -> str:
    who = d.recipient or "（无收件人）"
    return f"    {who}  {d.file}" + (f"：{d.reason}" if d.reason else "")


def _headline(report: SendReport) -> str:
    counts = [
        (f"被拒收 {len(report.refused)} 封", report.refused),
        (f"失败 {len(report.failed)} 封", report.failed),
        (f"状态不明 {len(report.uncertain)} 封", report.uncertain),
    ]
    head = f"邮件发送：已发送 {len(report.sent)} 封，跳过 {len(report.skipped)} 封（此前已发送）"
    return head + "".join(f"，{text}" for text, listed in counts if listed)


def _details(report: SendReport) -> list[str]:
    lines = [f"  发送已中止：{report.stopped}"] if report.stopped else []
    for title, listed in (
        ("  被拒收（请核对收件地址）：", report.refused),
        ("  未发送：", report.failed),
        ("  状态不明（上次发送中途中断，可能已送达，为免重复未自动补发）：", report.uncertain),
    ):
        if listed:
            lines += [title, *(_line(d) for d in listed)]
    return lines


def _advice(report: SendReport, out_dir: Path | None) -> list[str]:
    folder = str(out_dir) if out_dir is not None else "DIR"
    command = f'xcreport send --out "{folder}"' if " " in folder else f"xcreport send --out {folder}"
    lines = []
    if report.refused or report.failed:
        lines.append(f"请检查后运行 {command} 补发（已发送的不会重复发送）")
    if report.uncertain:
        lines.append(
            f"状态不明的请先向收件人确认；未收到的，运行 {command} --resend-uncertain 补发"
            "（只重发状态不明的邮件）"
        )
    return lines


def format_send_report(report: SendReport, out_dir: Path | None = None) -> str:
    """The report in Chinese for the clerk, e.g. 已发送 3 封，跳过 2 封（此前已发送），失败 1 封 …"""
    if not (report.sent or report.skipped or report.unsent):
        return "邮件发送：outbox 中没有需要发送的邮件"
    return "\n".join([_headline(report), *_details(report), *_advice(report, out_dir)])

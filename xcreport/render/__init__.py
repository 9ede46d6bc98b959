"""Render: Metrics and findings → the Word 通报, the ranking workbook, the findings and correction lists.

Renderers format what :class:`~xcreport.metrics.Metrics` holds; they never compute figures from
the ledger.  Every file is written through :func:`xcreport.fsutil.atomic_path`; charts are drawn
in a temporary directory and embedded, never left in the output folder.
"""

from __future__ import annotations

from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xcreport.accounting import Accounting
from xcreport.config import Settings
from xcreport.findings import Finding
from xcreport.metrics import Metrics
from xcreport.period import Period
from xcreport.render.context import Issue, report_context
from xcreport.render.findings import write_corrections, write_findings
from xcreport.render.ooxml import fixed_timestamp
from xcreport.render.outputs import Outputs, findings_name, ranking_name, report_name, report_pdf_name
from xcreport.render.pdf import PdfError, convert_to_pdf

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Issue",
    "Outputs",
    "render_all",
    "render_findings_only",
    "render_report",
    "report_context",
    "write_corrections",
    "write_findings",
    "write_ranking",
]


def __getattr__(name: str) -> Any:
    """``render_report`` and ``write_ranking`` load the Word stack and the chart library on first
    use (see :func:`render_all`)."""
    if name == "render_report":
        from xcreport.render.docx_report import render_report

        return render_report
    if name == "write_ranking":
        from xcreport.render.workbooks import write_ranking

        return write_ranking
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render_all(
    metrics: Metrics,
    findings: list[Finding],
    settings: Settings,
    period: Period,
    out_dir: Path,
    template_dir: Path,
    issue: Issue | None = None,
    detail: pd.DataFrame | None = None,
    senders: Collection[str] | None = None,
) -> Outputs:
    """Write every document of a monthly or annual run into ``out_dir`` (names: :mod:`.outputs`).

    The 通报 (期号 and 成文日期 from ``issue``) and its PDF when LibreOffice is installed, the
    ranking workbook (with its 明细 when scoring's ``detail`` is given), the findings list and the
    退回修改 lists (for the ``senders`` only, when given: the bodies that sent a ledger).
    """
    # Imported here: docxtpl and matplotlib take half a second to load, and a validate run never
    # draws a chart, writes a report or a ranking.
    from xcreport.render.docx_report import render_report
    from xcreport.render.workbooks import write_ranking

    stamp = fixed_timestamp(period.end)
    report = render_report(metrics, settings, period, template_dir, out_dir / report_name(period), issue)
    # LibreOffice converts the report in a process of its own (seconds) while the workbooks are
    # written here: the two run side by side.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="xcreport-pdf") as pool:
        converting = pool.submit(convert_to_pdf, report, out_dir / report_pdf_name(period), stamp)
        ranking = write_ranking(metrics, settings, period, out_dir / ranking_name(period), detail)
        findings_list = write_findings(
            findings, out_dir / findings_name(period.label), stamp=stamp, accounting=metrics.accounting
        )
        corrections = write_corrections(findings, settings, out_dir, stamp=stamp, senders=senders)
        notes: list[str] = []
        try:
            pdf: Path | None = converting.result()
        except PdfError as exc:
            pdf = None
            notes.append(str(exc))
    return Outputs(
        report=report,
        report_pdf=pdf,
        ranking=ranking,
        findings=findings_list,
        corrections=corrections,
        notes=tuple(notes),
        mail_pdf=settings.mail.attach_pdf,
    )


def render_findings_only(
    findings: list[Finding],
    settings: Settings,
    out_dir: Path,
    senders: Collection[str] | None = None,
    accounting: Accounting | None = None,
) -> Outputs:
    """The validate command's outputs: 校验问题清单.xlsx (with the run's account, when given) and
    the 退回修改 lists (of ``senders``)."""
    return Outputs(
        findings=write_findings(findings, out_dir / findings_name(None), accounting=accounting),
        corrections=write_corrections(findings, settings, out_dir, senders=senders),
    )

"""The name of every file and folder xcreport writes, and :class:`Outputs`, what one run wrote.

One place for the names (OUTPUTS.md, "Files of one run"): render writes the documents under
them, deliver writes the mails and the sent log, ``init`` the blank ledgers, and the pipeline and
the command line take the paths from :class:`Outputs` instead of rebuilding them.  ``<label>`` is
the period's label, ``2014年3月`` or ``2014年度``.

``--out`` is the root: each period's run writes into a folder of its own, ``out/2014年3月/`` or
``out/2014年度/`` (:func:`period_dir_name`), and ``validate`` into ``out/台账校验/``, so that no run
replaces another period's documents, summary, correction lists or mails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xcreport.period import Period
from xcreport.text import safe_file_name

# -- the folders under --out -----------------------------------------------------------------------


def period_dir_name(period: Period) -> str:
    """The folder of one period's outputs under --out: 2014年3月 / 2014年度."""
    return safe_file_name(period.label)


#: The folder of ``xcreport validate``'s outputs under --out (it reports no period).
VALIDATE_DIR = "台账校验"

# -- a monthly or annual run, and validate (each in its folder under --out) -------------------------

#: Each body's own findings, to send back: 退回修改/<body>.xlsx.
CORRECTIONS_DIR = "退回修改"
SUMMARY_NAME = "summary.json"
#: The mails (*.eml) of the period.
OUTBOX_DIR = "outbox"
MAIL_PATTERN = "*.eml"

# -- the sent log: one for every run of a configuration ---------------------------------------------

#: What was sent to whom (deliver/sent_log.py), and the lock a send holds while it runs.
SENT_LOG_NAME = "发送记录.jsonl"
SEND_LOCK_NAME = "发送记录.lock"


def sent_log_path(config: Path | None, out_root: Path) -> Path:
    """Where the sent log lives: beside the configuration file, so every run of that configuration
    — whatever its --out — sees what was sent; for the packaged sample county (``config`` None),
    in the output root."""
    return (config.parent if config is not None else out_root) / SENT_LOG_NAME


def report_name(period: Period) -> str:
    """信息宣传工作通报_2014年3月.docx / 信息宣传工作通报_2014年度.docx."""
    return f"信息宣传工作通报_{period.label}.docx"


def report_pdf_name(period: Period) -> str:
    """The 通报 as PDF, beside the .docx: 信息宣传工作通报_2014年3月.pdf."""
    return f"信息宣传工作通报_{period.label}.pdf"


def ranking_name(period: Period) -> str:
    """信息宣传排名_2014年3月.xlsx / 信息宣传排名_2014年度.xlsx."""
    return f"信息宣传排名_{period.label}.xlsx"


def findings_name(label: str | None) -> str:
    """校验问题清单_2014年3月.xlsx, or 校验问题清单.xlsx without a period (``validate``)."""
    return f"校验问题清单_{label}.xlsx" if label else "校验问题清单.xlsx"


def correction_name(body: str) -> str:
    """A body's correction list in CORRECTIONS_DIR: 运管所.xlsx."""
    return f"{safe_file_name(body)}.xlsx"


def leaders_mail_name(period: Period) -> str:
    """The leaders' mail in OUTBOX_DIR: 01_领导_2014年3月.eml."""
    return f"01_领导_{safe_file_name(period.label)}.eml"


def body_mail_name(body: str, period: Period) -> str:
    """A body's mail in OUTBOX_DIR: 02_退回修改_运管所_2014年3月.eml."""
    return f"02_退回修改_{safe_file_name(body)}_{safe_file_name(period.label)}.eml"


# -- kept in the output root across runs -------------------------------------------------------------

#: The history of every run's summary, by period (历史/2014-03.json, 历史/2014.json): what 环比 and
#: 同比 compare with when the ledgers of that period are no longer in the folder.
HISTORY_DIR = "历史"


def history_name(key: str) -> str:
    """A period's kept summary in HISTORY_DIR: 2014-03.json (a month), 2014.json (a year)."""
    return f"{key}.json"


# -- xcreport remind (its own folder under --out) ------------------------------------------------------

#: 催报提醒/: the reminders' outbox (and its sent log), and each run's summary.
REMIND_DIR = "催报提醒"


def remind_mail_name(body: str, day: str, duty: str) -> str:
    """A reminder in the outbox: 03_催报_运管所_2014-03-13_上半月.eml."""
    return f"03_催报_{safe_file_name(body)}_{day}_{safe_file_name(duty)}.eml"


def remind_summary_name(day: str) -> str:
    """A remind run's summary: summary_2014-03-13.json."""
    return f"summary_{day}.json"


# -- xcreport init-config (a county's own folder) ---------------------------------------------------

#: Beside a county's xcreport.toml: its ledgers (the default --ledgers) and its own copy of the
#: templates (the default --templates when the folder exists).
COUNTY_LEDGERS_DIR = "台账"
COUNTY_TEMPLATES_DIR = "模板"

# -- xcreport init (in the folder it is given) -------------------------------------------------------

ROSTER_NAME = "通讯员名册.xlsx"
REGISTER_NAME = "重大事项登记.xlsx"
CITY_RANKING_NAME = "市局排名.xlsx"


def blank_ledger_name(body: str, year: int) -> str:
    """A body's blank ledger: 运管所信息报送台账_2015.xlsx."""
    return f"{safe_file_name(body)}信息报送台账_{year}.xlsx"


# -- what a run wrote -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outputs:
    """The files one run wrote.  ``validate`` writes no report, ranking or mails; ``report_pdf``
    is None when LibreOffice could not make it (``notes`` say why)."""

    findings: Path
    corrections: dict[str, Path] = field(default_factory=dict)  # body → its list, in registry order
    report: Path | None = None
    report_pdf: Path | None = None
    ranking: Path | None = None
    summary: Path | None = None
    mails: tuple[Path, ...] = ()
    notes: tuple[str, ...] = ()  # what rendering could not do, for the console
    mail_pdf: bool = False  # the configuration's mail.attach_pdf

    @property
    def attachments(self) -> list[Path]:
        """What the leaders' mail carries: the 通报, its PDF (when made and ``mail_pdf``) and the
        ranking workbook."""
        files = (self.report, self.report_pdf if self.mail_pdf else None, self.ranking)
        return [p for p in files if p is not None]

    @property
    def documents(self) -> list[Path]:
        """The files in the output folder itself, in the order they are written."""
        files = (self.report, self.report_pdf, self.ranking, self.findings, self.summary)
        return [p for p in files if p is not None]

"""The history of every run's summary (out/历史/2014-03.json), and the comparison made of it.

Each monthly or annual run keeps a copy of its summary.json in the output root, by period, so that
环比 and 同比 (:mod:`xcreport.scoring.comparison`) do not need last year's workbooks.  When the
ledgers in the folder hold the period compared with, they are used instead: they are what the
office has corrected since.  A kept file that cannot be read is left alone and said so; its
period is then unknown.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from xcreport.config import Settings
from xcreport.fsutil import write_text_atomic
from xcreport.metrics import Comparison, Metrics
from xcreport.model import LedgerData
from xcreport.period import Period
from xcreport.render.outputs import HISTORY_DIR, history_name
from xcreport.scoring import ScoreResult, score
from xcreport.scoring.comparison import (
    Snapshot,
    Sourced,
    as_year,
    compare,
    covers,
    first_months,
    reference,
    reference_periods,
    snapshot_of_summary,
)

log = logging.getLogger(__name__)


def history_path(root: Path, key: str) -> Path:
    return root / HISTORY_DIR / history_name(key)


def keep(root: Path, metrics: Metrics, summary: str | None = None) -> Path:
    """Keep this run's summary (``summary``, the text of its summary.json) under its period."""
    path = history_path(root, str(metrics.period["month"] or metrics.period["year"]))
    write_text_atomic(path, summary if summary is not None else metrics.to_json())
    return path


def _read(root: Path, key: str, notes: list[str]) -> dict[str, Any] | None:
    path = history_path(root, key)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        log.warning("%s: %s", path, exc)
        notes.append(f"历史记录 {path} 无法读取，未用于环比、同比")
        return None
    return data if isinstance(data, dict) else None


def _kept(root: Path, period: Period, notes: list[str]) -> Snapshot | None:
    """The figures of ``period`` an earlier run kept: a month's summary; for a year, the summary
    of its last month (its year to date), else the year's own when it ran to the same month."""
    if period.kind == "monthly":
        summary = _read(root, period.key, notes)
        return snapshot_of_summary(summary) if summary else None
    month = _read(root, f"{period.year}-{period.last_month:02d}", notes)
    found = snapshot_of_summary(month) if month else None
    if found is not None:
        return as_year(found)
    year = _read(root, period.key, notes)
    if year and str(year.get("period", {}).get("end", "")) == period.end.isoformat():
        return snapshot_of_summary(year)
    return None


def _sourced(
    data: LedgerData,
    settings: Settings,
    run: Period,
    result: ScoreResult,
    ref: Period,
    root: Path,
    notes: list[str],
) -> Sourced:
    """``ref``'s figures: from the ledgers when they hold it, else kept, else unknown."""
    if covers(data.ledger, settings, ref):
        same_year = ref.kind == "monthly" and ref.year == run.year and result.previous is not None
        found = (
            result.previous
            if same_year
            else snapshot_of_summary(score(data, settings, ref).metrics.as_dict())
        )
        if found is not None:
            return reference(ref, "ledgers"), found.known(first_months(data.ledger, settings), ref)
    kept = _kept(root, ref, notes)
    return reference(ref, "history" if kept else None), kept


def comparison(
    data: LedgerData, settings: Settings, period: Period, result: ScoreResult, root: Path
) -> tuple[Comparison, list[str]]:
    """环比 and 同比 of a run (summary.json ``comparison``), and what the clerk should hear of the
    history (a kept file that could not be read)."""
    notes: list[str] = []
    previous, last_year = reference_periods(period)
    prev: Sourced = (
        _sourced(data, settings, period, result, previous, root, notes)
        if previous
        else (reference(None), None)
    )
    return compare(settings, prev, _sourced(data, settings, period, result, last_year, root, notes)), notes

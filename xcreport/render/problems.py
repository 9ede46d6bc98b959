"""三、存在问题: one numbered section per kind of problem, each saying what was found or that nothing
was — the wording file's ``[problems]``.

The sentences name what Metrics lists (``metrics.problems``) and the deductions the configuration
sets for them (the common name ``deduct``).
"""

from __future__ import annotations

from typing import Any

from xcreport.metrics import Metrics, Problems, RowRef
from xcreport.render.terms import missed_by_body
from xcreport.render.wording import Wording
from xcreport.text import cn_iso_day, cn_ordinal

Section = tuple[str, list[str]]


def _rows(refs: list[RowRef], words: Wording) -> list[str]:
    return [
        words.say("problems.row", body=r.body, title=r.title, detail=r.detail or cn_iso_day(r.date))
        for r in refs
    ]


def _cadence(p: Problems, words: Wording) -> Section:
    missed = missed_by_body(p.cadence_missed)
    line = words.say("problems.cadence", missed=missed) if missed else words.say("problems.cadence_none")
    return words.say("problems.cadence_title"), [line]


def _late(p: Problems, words: Wording) -> Section:
    line = (
        words.say("problems.late", rows=_rows(p.late, words)) if p.late else words.say("problems.late_none")
    )
    return words.say("problems.late_title"), [line]


def _major(p: Problems, words: Wording) -> Section:
    lines: list[str] = []
    if p.major_late:
        lines.append(
            words.say("problems.major_late", count=len(p.major_late), rows=_rows(p.major_late, words))
        )
    if p.major_missed:
        events = [
            words.say(
                "problems.major_event",
                body=e.body,
                event=e.event,
                event_date=cn_iso_day(e.event_date),
                what=e.kind,
            )
            for e in p.major_missed
        ]
        lines.append(words.say("problems.major_missed", events=events))
    return words.say("problems.major_title"), lines or [words.say("problems.major_none")]


def _false(p: Problems, words: Wording) -> Section:
    if not p.false_pieces:
        return words.say("problems.false_title"), [words.say("problems.false_none")]
    return words.say("problems.false_title"), [words.say("problems.false", rows=_rows(p.false_pieces, words))]


def _ledgers(metrics: Metrics, words: Wording) -> Section:
    p = metrics.problems
    lines: list[str] = []
    if p.bodies_with_errors or p.files_with_errors:
        bodies = [
            words.say("problems.ledger_body", body=body, errors=e, warnings=w)
            for body, e, w in p.bodies_with_errors
        ]
        files = [
            words.say("problems.ledger_file", file=file, errors=e, warnings=w)
            for file, e, w in p.files_with_errors
        ]
        lines.append(
            words.say(
                "problems.ledgers",
                errors=metrics.findings.error,
                warnings=metrics.findings.warning,
                bodies=bodies,
                files=files,
            )
        )
    if p.no_roster:
        lines.append(words.say("problems.no_roster", bodies=p.no_roster))
    if p.sides_missing:
        lines.append(words.say("problems.sides_missing", sides=p.sides_missing))
    return words.say("problems.ledgers_title"), lines or [words.say("problems.ledgers_none")]


def _brands(p: Problems, words: Wording) -> Section:
    if not p.brands_without_piece:
        return words.say("problems.brands_title"), [words.say("problems.brands_none")]
    missed = [words.say("problems.brand", brand=brand, body=body) for brand, body in p.brands_without_piece]
    return words.say("problems.brands_title"), [words.say("problems.brands", brands_missed=missed)]


def problems(metrics: Metrics, words: Wording) -> list[dict[str, Any]]:
    """The numbered sections of 存在问题: ``{"heading": "（一）…", "lines": [...]}``."""
    p = metrics.problems
    sections = [
        _cadence(p, words),
        _late(p, words),
        _major(p, words),
        _false(p, words),
        _ledgers(metrics, words),
        _brands(p, words),
    ]
    return [
        {"heading": words.say("problems.heading", number=cn_ordinal(i), title=title), "lines": lines}
        for i, (title, lines) in enumerate(sections, start=1)
    ]

"""R5 — 坚决控制漏报、迟报、瞒报重大政务信息的事件发生 (四): 迟报, 漏报 and 瞒报.

A 重大政务信息 row submitted later than its event date + ``major_allowance_days`` is 迟报
(:func:`late_items`); a registered major event (重大事项登记, :func:`prepare_register`) that no row
of its body reports is 漏报; 瞒报 is what the office records in the register's 处理 column
(:func:`missed_events`).

Readings: 迟报 is once per piece and belongs to the month of the event date; 漏报 and 瞒报 to the
month of the registered event.  A registered event is reported by a 重大政务信息 row of its body
with the same event date or a title containing the event name.  A late matching row is 迟报, not
漏报 as well.  瞒报 comes only from the register's 处理 column (never inferred) and is charged
``deduct_concealed``; when its event also has a late matching row, only the 瞒报 is charged, not
迟报 besides.  ``major_missed`` counts 漏报 and 瞒报 together (``kind`` tells them apart).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from xcreport.config import Settings
from xcreport.findings import MAJOR_CONCEALED, MAJOR_LATE, MAJOR_MISSED, Finding
from xcreport.metrics import MissedEvent
from xcreport.model import REGISTER_COLUMNS
from xcreport.period import month_index
from xcreport.scoring.breach_table import WHERE, breach_table, row_findings
from xcreport.scoring.columns import flag, folded, iso_date, month_day, month_indexes, records
from xcreport.text import num

#: The word the office writes in the register's 处理 column for concealment.
CONCEALED = "瞒报"
#: The register's columns R5 compares, with the types reading gives them.
_READ_AS = {"body": "string", "event_date": "datetime64[s]", "handling": "string"}


def prepare_register(register: pd.DataFrame) -> pd.DataFrame:
    """The major-event register as reading gives it — bodies by their registered names, dates
    read, the entries it could not read left out — with what R5 compares: ``event_key`` (the
    event name as names are compared), ``event_ym`` (the month of the event) and ``concealed``
    (the 处理 entry contains :data:`CONCEALED`)."""
    # reading types these columns so already: the cast is for a bare frame (no register read)
    reg = register.reindex(columns=list(REGISTER_COLUMNS)).astype(_READ_AS)
    return reg.assign(
        event_key=folded(reg["event"]),
        event_ym=month_indexes(reg["event_date"]),
        concealed=flag(reg["handling"].fillna("").str.contains(CONCEALED, regex=False)),
    )


def reported_events(majors: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Which 重大政务信息 rows report which registered events (:func:`prepare_register`).

    A row reports an event of its own body when its event date equals the registered one, or its
    title contains the event name (both compared as canonical names).  Returns ``entry`` (the
    index of ``events``) and ``piece``, one row per matching pair.
    """
    rows = majors.loc[majors["major"], ["body", "event_date", "title", "piece"]]
    rows = rows.assign(title_key=folded(rows["title"]).fillna("")).rename(
        columns={"event_date": "row_event_date"}
    )
    pairs = events.reset_index(names="entry").merge(rows, on="body", how="inner")
    same_date = flag(pairs["row_event_date"] == pairs["event_date"])
    named = np.char.find(pairs["title_key"].to_numpy(dtype=str), pairs["event_key"].to_numpy(dtype=str)) >= 0
    return pairs.loc[same_date | named, ["entry", "piece"]].reset_index(drop=True)


def late_items(
    rows: pd.DataFrame, register: pd.DataFrame, settings: Settings, year: int, month: int
) -> pd.DataFrame:
    """迟报: the breach table of the 重大政务信息 rows whose event is of that month and that were
    submitted later than the event date + ``major_allowance_days``, one per piece.  A piece that
    reports an event the register records as 瞒报 (:func:`reported_events`) is not 迟报 as well:
    that event carries the 瞒报 deduction only (:func:`missed_events`).
    """
    allowance = settings.cadence.major_allowance_days
    due = rows["event_date"] + pd.Timedelta(days=allowance)
    in_month = flag(rows["event_ym"] == month_index(year, month))
    hits = rows.loc[rows["major"] & flag(rows["submitted"] > due) & in_month].drop_duplicates("piece")
    concealed = reported_events(hits, register.loc[register["concealed"]])["piece"]
    hits = hits.loc[~hits["piece"].isin(concealed)]
    over = ((hits["submitted"] - hits["event_date"]).dt.days - allowance).astype("Int64").astype("string")
    return breach_table(
        hits,
        date=iso_date(hits["event_date"]),
        detail="迟报" + over + "天",
        value=iso_date(hits["submitted"]),
        event_day=month_day(hits["event_date"]),
        submitted_day=month_day(hits["submitted"]),
        over=over,
    )


def missed_events(rows: pd.DataFrame, register: pd.DataFrame, year: int, month: int) -> pd.DataFrame:
    """漏报 / 瞒报: the registered events (:func:`prepare_register`) of that month that no row of
    the responsible body reports (:func:`reported_events`) → 漏报; a matching row sent after the
    allowance is 迟报 (:func:`late_items`), not 漏报 as well, so one event is never deducted
    twice.  A 处理 entry containing 瞒报 → 瞒报, whatever the rows say (never inferred) — and then
    no 迟报 for it.  Returns body, event, event_date, event_day, kind (漏报/瞒报) and the
    provenance of the register row.
    """
    columns = ["body", "event", "event_date", "event_day", "kind", *WHERE]
    events = register.loc[flag(register["event_ym"] == month_index(year, month))].reset_index(drop=True)
    if events.empty:
        return pd.DataFrame(columns=columns)
    concealed = events["concealed"]
    unreported = ~events.index.isin(reported_events(rows, events)["entry"])
    hits = events.loc[concealed | unreported]
    is_concealed = concealed[hits.index].to_numpy()
    return pd.DataFrame(
        {
            "body": hits["body"],
            "event": hits["event"],
            "event_date": iso_date(hits["event_date"]),
            "event_day": month_day(hits["event_date"]),
            "kind": pd.Series(np.where(is_concealed, CONCEALED, "漏报"), index=hits.index, dtype="string"),
            "source_file": hits["source_file"],
            "sheet": hits["sheet"],
            "excel_row": hits["excel_row"],
        },
        columns=columns,
    ).reset_index(drop=True)


def concealed(missed: pd.DataFrame) -> pd.DataFrame:
    """The 瞒报 among the missed events."""
    return missed.loc[missed["kind"] == CONCEALED]


def deductions(
    late: pd.Series, missed: pd.Series, concealed: pd.Series, settings: Settings
) -> list[pd.Series]:
    """What a body's 迟报, 漏报 and 瞒报 (counts per body; ``missed`` counts 漏报 and 瞒报) cost:
    ``deduct_major_late``, ``deduct_major_missed`` and ``deduct_concealed`` each."""
    s = settings.scoring
    return [
        late * s.deduct_major_late,
        (missed - concealed) * s.deduct_major_missed,
        concealed * s.deduct_concealed,
    ]


def findings(late: pd.DataFrame, missed: pd.DataFrame, settings: Settings) -> list[Finding]:
    """One warning per 迟报, then one per 漏报 or 瞒报 in the register's order, each in its own
    words."""
    allowance, s = settings.cadence.major_allowance_days, settings.scoring
    missed = missed.assign(value=missed["event"])
    is_concealed = missed["kind"] == CONCEALED
    by_entry = dict(
        zip(
            [*missed.index[~is_concealed], *missed.index[is_concealed]],
            [
                *row_findings(
                    missed[~is_concealed],
                    MAJOR_MISSED,
                    allowance=allowance,
                    points=num(s.deduct_major_missed),
                ),
                *row_findings(missed[is_concealed], MAJOR_CONCEALED, points=num(s.deduct_concealed)),
            ],
            strict=True,
        )
    )
    return [
        *row_findings(late, MAJOR_LATE, allowance=allowance),
        *(by_entry[i] for i in missed.index),
    ]


def missed_list(missed: pd.DataFrame) -> list[MissedEvent]:
    """The missed events as Problems lists them."""
    return [
        MissedEvent(
            body=str(r["body"]), event=str(r["event"]), event_date=str(r["event_date"]), kind=r["kind"]
        )
        for r in records(missed)
    ]

"""The rules of the work opinion (工作意见), one function per rule id of RULES.md.

Every function here is pure: a prepared Ledger (:func:`prepare`) and the settings in, a small
table out.  A *breach table* has one row per breach a body must answer for, with the columns of
:data:`BREACH_COLUMNS` (where it is, what it is, and the Chinese message a clerk can act on);
:mod:`xcreport.score` turns breaches into deductions, :class:`~xcreport.metrics.Problems` and
findings.  Nothing here loops over ledger rows in Python: masks, ``groupby`` and merges only.

Vocabulary used throughout:

- a *piece* (稿件) is one (body, title_key); a piece adopted by several outlets is several rows;
- the *issue month* (所属月份, R3) of a row decides the period it scores in;
- the *calendar month* of ``submitted`` decides R1/R2;
- the *event month* of a major item decides the period of R5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from xcreport.config import Settings
from xcreport.findings import HALF_NONE, HALF_SHORT, MONTH_NONE, MONTH_SHORT
from xcreport.model import REGISTER_COLUMNS, ROSTER_COLUMNS
from xcreport.period import month_index, month_key
from xcreport.text import fold_name, month_label

#: The columns that locate a ledger row (provenance).
WHERE = ["source_file", "sheet", "excel_row"]
#: The columns of every breach table.
BREACH_COLUMNS = [
    "body",
    "piece",
    "title",
    "source_file",
    "sheet",
    "excel_row",
    "date",
    "detail",
    "value",
]
#: The Ledger columns scoring reads (the rest — links, notes, outlets as typed — it does not).
READ = [*WHERE, "body", "authors", "title", "category", "focus", "brand", "submitted", "level", "tracks"]
READ += ["instructed", "major", "event_date", "verdict"]
#: The word the office writes in the register's 处理 column for concealment (R5).
CONCEALED = "瞒报"
_SEP = "\x1f"


# -- small vectorised helpers -------------------------------------------------------------------


def _flag(mask: pd.Series) -> pd.Series:
    """A nullable boolean mask with <NA> read as False."""
    return mask.fillna(False).astype(bool)


def _canon(values: pd.Series) -> pd.Series:
    """:func:`config.canonical_name` of each value (NFKC, every white space removed), worked out
    once per distinct value; <NA> kept."""
    codes, distinct = pd.factorize(values.astype("string"))
    canonical = np.array([fold_name(str(v)) for v in distinct] + [pd.NA], dtype=object)
    return pd.Series(canonical[codes], index=values.index, dtype="string")


def month_indexes(dates: pd.Series) -> pd.Series:
    """Dates → :func:`month_index` of each: year × 12 + month − 1 (Int64, <NA> for NaT)."""
    index: pd.Series = (dates.dt.year * 12 + dates.dt.month - 1).astype("Int64")
    return index


def _ym_text(index: pd.Series) -> pd.Series:
    """Month index → 'YYYY-MM' (string, <NA> kept); mapped from the few distinct months."""
    keys = {int(i): month_key(int(i) // 12, int(i) % 12 + 1) for i in index.dropna().unique()}
    return index.map(keys).astype("string")


def _md(dates: pd.Series) -> pd.Series:
    """Dates → '3月27日'."""
    text: pd.Series = (
        dates.dt.month.astype("Int64").astype("string")
        + "月"
        + dates.dt.day.astype("Int64").astype("string")
        + "日"
    )
    return text


def _iso(dates: pd.Series) -> pd.Series:
    """Dates → '2014-03-27'."""
    text: pd.Series = dates.dt.strftime("%Y-%m-%d")
    return text


def _breaches(frame: pd.DataFrame, **columns: pd.Series | str) -> pd.DataFrame:
    """A breach table from ledger rows: provenance kept, the given columns set (those beyond
    :data:`BREACH_COLUMNS` are the parameters of the breach's finding)."""
    out = frame.assign(**columns)
    extra = [c for c in columns if c not in BREACH_COLUMNS]
    return out.reindex(columns=[*BREACH_COLUMNS, *extra]).reset_index(drop=True)


def empty_breaches() -> pd.DataFrame:
    return pd.DataFrame(columns=BREACH_COLUMNS)


# -- preparing the ledger ----------------------------------------------------------------------


def issue_month_r3(ledger: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """R3 — 每期政务信息和报表报送截止时间为每月25日 (三.5).

    Returns ``issue`` ('YYYY-MM'), ``issue_ym`` (:func:`month_index`) and ``late`` for every
    row.  The issue month is the month the row states; where it states none, the month of
    ``submitted`` if the day is ≤ the cutoff day, else the next month (26 December → January of
    the next year).  A row that states month M is late when it was submitted after the cutoff
    day of M, or in any later month.  A row with neither a stated month nor a date has no issue
    month (<NA>) and scores in no period.
    """
    cutoff = settings.cadence.cutoff_day
    submitted = ledger["submitted"]
    submitted_ym = month_indexes(submitted)
    after_cutoff = _flag(submitted.dt.day > cutoff)
    stated_ym = month_indexes(pd.to_datetime(ledger["issue_month"], format="%Y-%m", errors="coerce"))
    derived_ym = submitted_ym + after_cutoff.astype("Int64")
    issue = stated_ym.fillna(derived_ym)
    later_month = submitted_ym > stated_ym
    after_cutoff_same_month = (submitted_ym == stated_ym) & after_cutoff
    late = _flag(stated_ym.notna() & (later_month | after_cutoff_same_month))
    return pd.DataFrame({"issue": _ym_text(issue), "issue_ym": issue, "late": late}, index=ledger.index)


def registered_rows(ledger: pd.DataFrame, settings: Settings) -> pd.Series:
    """The rows of a registered body; the others count nowhere (reading reports them, L-UNIT)."""
    return _flag(ledger["body"].isin(list(settings.body_by_name)))


def prepare(ledger: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The Ledger rows that count, with the derived columns every rule reads.

    ``ledger`` holds the valid rows only: reading (:mod:`xcreport.validate`) has already left out
    the rows with an error and the later of two duplicates (LEDGER.md).  Kept: rows of registered
    bodies (:func:`registered_rows`).  Added: ``issue``, ``late`` (R3), ``month`` and ``day``
    (calendar month and day of ``submitted``, R1/R2), the integer forms ``issue_ym``,
    ``month_ym``, ``event_ym`` (:func:`month_index`) the masks use, ``piece`` (an integer per
    body + title_key), ``is_adopted`` (a level of ``settings.levels``), ``row_points``,
    ``is_false`` (R4, this row) and ``piece_false`` (any row of the piece in its issue month).
    Only the columns of :data:`READ` are kept.  Rows are in source order (file, sheet, Excel
    row), so "the first row of a piece" is well defined and runs are reproducible.

    This is :func:`derive` with the :data:`READ` columns of its rows (:func:`ledger_rows`);
    scoring takes those columns a month at a time instead, never copying the whole ledger.
    """
    return ledger_rows(ledger, derive(ledger, settings))


def derive(ledger: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The columns :func:`prepare` adds, one row per registered row in source order, and
    ``position``: where the row is in ``ledger`` (:func:`ledger_rows` takes its columns there)."""
    registered = np.flatnonzero(registered_rows(ledger, settings).to_numpy())
    order = _source_order(ledger, registered)
    derived = _derived_columns(ledger, registered[order], _pieces(ledger, registered)[order], settings)
    derived["piece_false"] = derived.groupby(["issue_ym", "piece"], dropna=False)["is_false"].transform("any")
    return derived


def _source_order(ledger: pd.DataFrame, registered: np.ndarray) -> np.ndarray:
    """The order (positions into ``registered``) that puts those ledger rows in source order:
    file, sheet, Excel row (stable; unknown last)."""
    where = ledger[WHERE].take(registered).reset_index(drop=True)
    return where.sort_values(WHERE, kind="stable", na_position="last").index.to_numpy()


def _pieces(ledger: pd.DataFrame, registered: np.ndarray) -> np.ndarray:
    """The ``piece`` of each of those ledger rows: an integer per body + title_key (the title
    where there is no title_key), numbered in order of first appearance."""
    keys = ledger[["body", "title_key", "title"]].take(registered)
    title_key = keys["title_key"].astype("string").fillna(keys["title"].astype("string")).fillna("")
    return keys.groupby([keys["body"], title_key], sort=False, dropna=False).ngroup().to_numpy()


def _derived_columns(
    ledger: pd.DataFrame, positions: np.ndarray, piece: np.ndarray, settings: Settings
) -> pd.DataFrame:
    """:func:`derive` but ``piece_false``, for the ledger rows at ``positions``."""
    rows = ledger[["submitted", "issue_month", "event_date", "level", "verdict"]].take(positions)
    rows = rows.reset_index(drop=True)
    r3 = issue_month_r3(rows, settings)
    submitted = rows["submitted"]
    month_ym, event_ym = month_indexes(submitted), month_indexes(rows["event_date"])
    level = rows["level"].astype("string")
    adopted = _flag(level.isin(list(settings.levels)))
    return pd.DataFrame(
        {
            "position": positions,
            "issue": r3["issue"],
            "issue_ym": r3["issue_ym"],
            "late": r3["late"],
            "month": _ym_text(month_ym),
            "month_ym": month_ym,
            "day": submitted.dt.day,
            "piece": piece,
            "is_adopted": adopted,
            "row_points": level.map(dict(settings.scoring.points))
            .astype("Float64")
            .where(adopted, 0.0)
            .astype(float),
            "is_false": _flag(rows["verdict"].isin(list(settings.vocabulary.verdicts_false))),
            "event_ym": event_ym,
        },
        index=rows.index,
    )


def ledger_rows(
    ledger: pd.DataFrame, derived: pd.DataFrame, columns: list[str] | None = None
) -> pd.DataFrame:
    """Rows of :func:`derive` (``derived``'s index kept) with their :data:`READ` columns taken from
    ``ledger``: the ``columns`` named, else every column :func:`prepare` gives."""
    own = [c for c in derived.columns if c != "position"]
    wanted = [*READ, *own] if columns is None else columns
    read = ledger[[c for c in wanted if c in READ]].take(derived["position"].to_numpy())
    rows = pd.concat([read.set_axis(derived.index), derived[[c for c in wanted if c in own]]], axis=1)
    return rows[wanted]


def prepare_register(register: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The major-event register (重大事项登记) with the body resolved to its registered name,
    dates parsed, ``event_key`` (the event name as names are compared) and ``concealed`` (the 处理
    entry contains :data:`CONCEALED`, 瞒报).  Entries whose body is not registered or whose date
    cannot be read are left out (reading reports them)."""
    reg = register.reindex(columns=list(REGISTER_COLUMNS))
    body = _canon(reg["body"]).map(dict(settings.body_lookup)).astype("string")
    event_date = pd.to_datetime(reg["event_date"], errors="coerce").astype("datetime64[s]")
    event = reg["event"].astype("string").str.strip()
    handling = reg["handling"].astype("string").fillna("")
    out = pd.DataFrame(
        {
            "body": body,
            "event": event,
            "event_key": _canon(event),
            "event_date": event_date,
            "event_ym": month_indexes(event_date),
            "handling": handling,
            "concealed": _flag(handling.str.contains(CONCEALED, regex=False)),
            "source_file": reg["source_file"].astype("string"),
            "sheet": reg["sheet"].astype("string"),
            "excel_row": pd.to_numeric(reg["excel_row"], errors="coerce").astype("Int64"),
        }
    )
    keep = out["body"].notna() & out["event_date"].notna() & _flag(out["event_key"].str.len() > 0)
    return out.loc[keep].reset_index(drop=True)


def prepare_roster(roster: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The roster (通讯员名册) as (body, name_key) with registered body names."""
    ros = roster.reindex(columns=list(ROSTER_COLUMNS))
    out = pd.DataFrame(
        {
            "body": _canon(ros["body"]).map(dict(settings.body_lookup)).astype("string"),
            "name_key": _canon(ros["name"]),
        }
    )
    return out.loc[out["body"].notna() & _flag(out["name_key"].str.len() > 0)].drop_duplicates()


# -- R1/R2 cadence ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cadence:
    """R1/R2 for one calendar month.

    ``table``: index body (every registered body, registry order); columns ``first_half``,
    ``second_half`` (pieces of the dynamic category per half), ``in_month`` (pieces of any
    category), ``unmet`` (unmet halves, or 1 for an office's unmet month) and ``met``.
    ``breaches``: body, kind (the slug of its finding), half (上半月/下半月/本月), month ('YYYY-MM'),
    count (pieces sent), need (the minimum).
    """

    table: pd.DataFrame
    breaches: pd.DataFrame


def cadence_r1_r2(rows: pd.DataFrame, settings: Settings, year: int, month: int) -> Cadence:
    """R1 — 各单位、各工程项目组至少上下半月各报送1篇动态信息; R2 — 其余科室每月不得少于1篇 (三.5).

    Counted on the calendar month of ``submitted`` (not the issue month).  First half = days
    1..half_boundary_day, second half = the day after to the month's last day, whatever its
    length.  Units and project groups need ``min_per_half`` pieces of ``dynamic_category`` in
    each half; offices ``min_per_month_office`` pieces of any category in the month (their halves
    are still counted).  A piece adopted by several outlets is one submission, so halves count
    distinct pieces, not adoption rows.
    """
    c = settings.cadence
    key = month_key(year, month)
    names = [b.name for b in settings.bodies]
    office = pd.Series([b.group == "office" for b in settings.bodies], index=names)
    pieces = rows.loc[_flag(rows["month_ym"] == month_index(year, month))].drop_duplicates("piece")
    dynamic = _flag(pieces["category"] == settings.vocabulary.dynamic_category)
    first = _flag(pieces["day"] <= c.half_boundary_day)

    def per_body(mask: pd.Series) -> pd.Series:
        return pieces.loc[mask].groupby("body").size().reindex(names, fill_value=0).astype(int)

    table = pd.DataFrame(
        {
            "first_half": per_body(dynamic & first),
            "second_half": per_body(dynamic & ~first),
            "in_month": per_body(pd.Series(True, index=pieces.index)),
        },
        index=names,
    )
    unmet_first = ~office & (table["first_half"] < c.min_per_half)
    unmet_second = ~office & (table["second_half"] < c.min_per_half)
    unmet_month = office & (table["in_month"] < c.min_per_month_office)
    table["unmet"] = unmet_first.astype(int) + unmet_second.astype(int) + unmet_month.astype(int)
    table["met"] = table["unmet"] == 0

    parts = [
        (unmet_first, (HALF_NONE, HALF_SHORT), "上半月", table["first_half"], c.min_per_half),
        (unmet_second, (HALF_NONE, HALF_SHORT), "下半月", table["second_half"], c.min_per_half),
        (unmet_month, (MONTH_NONE, MONTH_SHORT), "本月", table["in_month"], c.min_per_month_office),
    ]
    frames = []
    for mask, (none, short), half, counts, need in parts:
        count = counts[mask]
        body = pd.Series(count.index, index=count.index, dtype="string")
        kind = np.where(count == 0, none.slug, short.slug)
        frames.append(
            pd.DataFrame(
                {"body": body, "kind": kind, "half": half, "month": key, "count": count, "need": need}
            )
        )
    breaches = pd.concat(frames, ignore_index=True)
    order = {name: i for i, name in enumerate(names)}
    breaches = breaches.sort_values("body", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return Cadence(table=table, breaches=breaches)


# -- R3, R4, R5 ---------------------------------------------------------------------------------


def late_rows_r3(issued: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """R3 — 每期政务信息和报表报送截止时间为每月25日 (三.5): the late rows of one issue month.

    A piece written as several adoption rows was submitted once, so it is one late submission
    (the first late row of the piece is listed).  Each carries ``deduct_late``.
    """
    late = issued.loc[issued["late"]].drop_duplicates("piece")
    stated = late["issue"]
    submitted = _md(late["submitted"])
    detail = "所属月份" + stated + "，" + submitted + "报送"
    date = _iso(late["submitted"])
    return _breaches(
        late,
        date=date,
        detail=detail,
        value=date,
        stated=stated.map({k: month_label(k) for k in stated.unique()}),  # a few distinct months
        submitted_day=submitted,
    )


def false_pieces_r4(issued: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """R4 — 严格控制虚假和失实新闻的事件发生 (四): the false or inaccurate pieces of one issue month.

    A piece is false when any of its rows carries a verdict of ``vocabulary.verdicts_false``; it
    scores nothing (no points, no bonus, no adoption counted) and carries ``deduct_false`` once.
    """
    hits = issued.loc[issued["is_false"]].drop_duplicates("piece")
    verdict = hits["verdict"].astype("string")
    return _breaches(hits, date=_iso(hits["submitted"]), detail=verdict, value=verdict)


def reported_events(majors: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """R5: which 重大政务信息 rows report which registered events (:func:`prepare_register`).

    A row reports an event of its own body when its event date equals the registered one, or its
    title contains the event name (both compared as canonical names).  Returns ``entry`` (the
    index of ``events``) and ``piece``, one row per matching pair.
    """
    rows = majors.loc[majors["major"], ["body", "event_date", "title", "piece"]]
    rows = rows.assign(title_key=_canon(rows["title"]).fillna("")).rename(
        columns={"event_date": "row_event_date"}
    )
    pairs = events.reset_index(names="entry").merge(rows, on="body", how="inner")
    same_date = _flag(pairs["row_event_date"] == pairs["event_date"])
    named = np.char.find(pairs["title_key"].to_numpy(dtype=str), pairs["event_key"].to_numpy(dtype=str)) >= 0
    return pairs.loc[same_date | named, ["entry", "piece"]].reset_index(drop=True)


def major_late_r5(
    rows: pd.DataFrame, register: pd.DataFrame, settings: Settings, year: int, month: int
) -> pd.DataFrame:
    """R5 迟报 — 坚决控制漏报、迟报、瞒报重大政务信息的事件发生 (四).

    A 重大政务信息 row submitted later than its event date + ``major_allowance_days`` is 迟报;
    it belongs to the month of the event date.  One per piece, ``deduct_major_late``.  A piece
    that reports an event the register records as 瞒报 (:func:`reported_events`) is not 迟报 as
    well: that event carries the 瞒报 deduction only (:func:`major_missed_r5`).
    """
    allowance = settings.cadence.major_allowance_days
    due = rows["event_date"] + pd.Timedelta(days=allowance)
    in_month = _flag(rows["event_ym"] == month_index(year, month))
    hits = rows.loc[rows["major"] & _flag(rows["submitted"] > due) & in_month].drop_duplicates("piece")
    concealed = reported_events(hits, register.loc[register["concealed"]])["piece"]
    hits = hits.loc[~hits["piece"].isin(concealed)]
    over = ((hits["submitted"] - hits["event_date"]).dt.days - allowance).astype("Int64").astype("string")
    return _breaches(
        hits,
        date=_iso(hits["event_date"]),
        detail="迟报" + over + "天",
        value=_iso(hits["submitted"]),
        event_day=_md(hits["event_date"]),
        submitted_day=_md(hits["submitted"]),
        over=over,
    )


def major_missed_r5(
    rows: pd.DataFrame, register: pd.DataFrame, settings: Settings, year: int, month: int
) -> pd.DataFrame:
    """R5 漏报 / 瞒报 — 坚决控制漏报、迟报、瞒报重大政务信息的事件发生 (四).

    For each registered event (:func:`prepare_register`) of the month: no row of the responsible
    body reports it (:func:`reported_events`) → 漏报, ``deduct_major_missed``.  A matching row
    sent after the allowance is 迟报 (:func:`major_late_r5`), not 漏报 as well, so one event is
    never deducted twice.  A 处理 entry containing 瞒报 → 瞒报, whatever the rows say (never
    inferred), ``deduct_concealed`` — and then no 迟报 for it.  Returns body, event, event_date,
    kind (漏报/瞒报), provenance of the register row, message.
    """
    columns = ["body", "event", "event_date", "event_day", "kind", *WHERE]
    events = register.loc[_flag(register["event_ym"] == month_index(year, month))].reset_index(drop=True)
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
            "event_date": _iso(hits["event_date"]),
            "event_day": _md(hits["event_date"]),
            "kind": pd.Series(np.where(is_concealed, CONCEALED, "漏报"), index=hits.index, dtype="string"),
            "source_file": hits["source_file"],
            "sheet": hits["sheet"],
            "excel_row": hits["excel_row"],
        },
        columns=columns,
    ).reset_index(drop=True)


# -- points -----------------------------------------------------------------------------------


def piece_points(issued: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """计分 — the pieces of one issue month with their points and bonus.

    One row per piece: body, title, piece_false, adopted (any level), points, bonus.  Points by
    ``adoption_policy``: "highest" scores the piece once at its highest level, "sum" adds every
    adoption row.  Bonus: ``bonus_instructed`` once when any row has 领导批示.  A false piece
    (R4) scores neither.
    """
    pieces = issued.groupby("piece", sort=False).agg(
        body=("body", "first"),
        title=("title", "first"),
        piece_false=("piece_false", "any"),
        instructed=("instructed", "any"),
        adopted=("is_adopted", "any"),
        highest=("row_points", "max"),
        total=("row_points", "sum"),
    )
    earned = pieces["highest"] if settings.scoring.adoption_policy == "highest" else pieces["total"]
    scored = ~pieces["piece_false"].astype(bool)
    bonus = (pieces["instructed"].astype(bool) & scored).astype(float) * settings.scoring.bonus_instructed
    return pieces.assign(points=earned.where(scored, 0.0).astype(float), bonus=bonus).drop(
        columns=["highest", "total"]
    )


def person_credits(issued: pd.DataFrame, pieces: pd.DataFrame) -> pd.DataFrame:
    """R11 — 分解落实到人: each author's share of the scored pieces of one issue month.

    Co-authors share a piece's points and bonus equally; the authors of a piece are those named
    on any of its rows.  False pieces credit nobody.  Returns name, body, piece, share, adopted.
    """
    named = issued.loc[~issued["piece_false"], ["piece", "body", "authors"]].explode("authors")
    named = named.loc[named["authors"].notna()]
    named = named.assign(name=_canon(named["authors"])).drop(columns="authors")
    named = named.loc[_flag(named["name"].str.len() > 0)].drop_duplicates(["piece", "name"])
    authors = named.groupby("piece")["name"].transform("size")
    value = named["piece"].map(pieces["points"] + pieces["bonus"])
    return pd.DataFrame(
        {
            "name": named["name"],
            "body": named["body"],
            "piece": named["piece"],
            "share": (value / authors).astype(float),
            "adopted": named["piece"].map(pieces["adopted"]).astype(bool),
        }
    ).reset_index(drop=True)


# -- R10, R11 ---------------------------------------------------------------------------------


def coverage_r10(issued: pd.DataFrame, column: str, vocabulary: tuple[str, ...]) -> dict[str, int]:
    """R10 — 工作重点 (三.1–5): pieces of the period per focus or brand, every vocabulary entry
    listed (zeros included) in vocabulary order.  Values outside the vocabulary are not counted
    (the ledger checks report them)."""
    named = issued[["piece", column]].dropna().drop_duplicates()
    counts = named[column].value_counts().reindex(list(vocabulary), fill_value=0)
    return {str(k): int(v) for k, v in counts.items()}


def brand_gaps_r10(issued: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """R10 — 打造品牌宣传 … 都要找准创建品牌的目标，务实推进 (三.4).

    (brand, body) for every brand a body builds (``Body.brands``) with no piece of that body
    naming it in the period.
    """
    wanted = pd.DataFrame(
        [(brand, b.name) for b in settings.bodies for brand in b.brands],
        columns=["brand", "body"],
        dtype="string",
    )
    named = issued[["brand", "body"]].dropna().astype("string").drop_duplicates()
    both = wanted.merge(named, on=["brand", "body"], how="left", indicator=True)
    return both.loc[both["_merge"] == "left_only", ["brand", "body"]].reset_index(drop=True)


def roster_r11(
    issued: pd.DataFrame, roster: pd.DataFrame, settings: Settings
) -> tuple[pd.DataFrame, list[str]]:
    """R11 — 明确专人负责信息采写和报送; 明确兼职信息宣传工作人员 (三.5, 五.1).

    Only when the data holds a roster at all (an office that keeps none is not warned 16 times):
    each (author, body) of the period's rows not on that body's roster, listed once at its first
    row; and the bodies with nobody on the roster.
    """
    if roster.empty:
        return empty_breaches(), []
    named = issued[[*WHERE, "body", "piece", "title", "submitted", "authors"]].explode("authors")
    # each (body, name) is judged at its first row: keep only first occurrences before comparing
    named = named.loc[named["authors"].notna()].drop_duplicates(["body", "authors"])
    named = named.assign(name_key=_canon(named["authors"]))
    named = named.loc[_flag(named["name_key"].str.len() > 0)]
    on_roster = (named["body"] + _SEP + named["name_key"]).isin(
        set(roster["body"] + _SEP + roster["name_key"])
    )
    off = named.loc[~_flag(on_roster)].drop_duplicates(["body", "name_key"])
    off = off.assign(value=off["authors"].astype("string").str.strip())
    breaches = _breaches(off, date=_iso(off["submitted"]), detail="不在名册")
    staffed = set(roster["body"])
    return breaches, [b.name for b in settings.bodies if b.name not in staffed]


def on_roster(names: pd.DataFrame, roster: pd.DataFrame) -> pd.Series:
    """Whether each (name, body) is on the roster; everyone is when there is no roster."""
    if roster.empty:
        return pd.Series(True, index=names.index)
    keys = set(roster["body"] + _SEP + roster["name_key"])
    return _flag((names["body"] + _SEP + names["name"]).isin(keys))


# -- R6–R9 ------------------------------------------------------------------------------------


def target_mask(adoptions: pd.DataFrame, levels: tuple[str, ...], tracks: tuple[str, ...]) -> pd.Series:
    """R6/R8: the adoption rows a count target counts — at one of ``levels`` (when given) and
    from an outlet of one of ``tracks`` (when given); both must hold when both are given."""
    mask = pd.Series(True, index=adoptions.index)
    if levels:
        mask &= _flag(adoptions["level"].isin(list(levels)))
    if tracks:
        # an outlet's tracks are one of a few tuples: decide each distinct tuple once
        codes, distinct = pd.factorize(adoptions["tracks"])
        hits = np.array([bool(set(tracks) & set(t)) for t in distinct], dtype=bool)
        mask &= pd.Series(hits[codes], index=adoptions.index)
    return mask.astype(bool)


def task_reach_r9(adoptions: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """R9: the pieces each body has toward a task at each level (index body, registry order;
    columns ``settings.levels``, highest first).

    A task counts pieces, not adoption rows: each piece of ``adoptions`` counts once, at the
    highest level that adopted it, toward every level at or below that one — a piece adopted by
    人民日报, 江苏交通 and 南通日报 is one toward a 国家级, a 省部级 and a 市级 task.  The adoption
    rows of a piece are taken together whatever their issue months.
    """
    levels = list(settings.levels)
    rank = adoptions["level"].map(dict(settings.level_rank))
    pieces = pd.DataFrame({"body": adoptions["body"], "piece": adoptions["piece"], "rank": rank})
    highest = pieces.groupby("piece", sort=False).agg(body=("body", "first"), rank=("rank", "min"))
    counts = pd.crosstab(highest["body"], highest["rank"]).reindex(
        index=[b.name for b in settings.bodies], columns=range(len(levels)), fill_value=0
    )
    return counts.cumsum(axis=1).set_axis(levels, axis=1).astype(int)


def rankings_for(rankings: pd.DataFrame, months: list[str], item: pd.Series) -> pd.DataFrame:
    """R7/R8: the typed-in ranking rows selected by ``item`` within ``months``, one per month
    (the last typed wins), oldest first, with numeric rank and score."""
    frame = rankings.reindex(columns=["month", "rank", "score"])
    frame = frame.assign(
        month=frame["month"].astype("string").str.strip(),
        rank=pd.to_numeric(frame["rank"], errors="coerce"),
        score=pd.to_numeric(frame["score"], errors="coerce"),
    )
    keep = item & _flag(frame["month"].isin(months)) & frame["rank"].notna()
    picked = frame.loc[keep].drop_duplicates("month", keep="last")
    return picked.sort_values("month", kind="stable").reset_index(drop=True)


def city_items(rankings: pd.DataFrame, names: tuple[str, ...]) -> pd.Series:
    """R7: the city bureau's ranking rows (市局排名) — those with no 考核项目, or one containing
    any of ``names`` (configuration ``city_rank.items``, e.g. 市局, 市交通)."""
    item = _canon(rankings.reindex(columns=["item"])["item"])
    picked = item.isna() | _flag(item.str.len() == 0)
    for name in names:
        picked = picked | item.str.contains(name, regex=False)
    return _flag(picked)


def track_items(rankings: pd.DataFrame, track: str) -> pd.Series:
    """R8: the external ranking rows (外部考核) of a track — their 考核项目 contains the track name."""
    item = _canon(rankings.reindex(columns=["item"])["item"])
    return _flag(item.str.contains("".join(track.split()), regex=False))

"""The normalised Ledger → findings, and the Ledger of the rows that count.

Pure: no files, no clock (``today`` is passed in).  Every check is a boolean mask over whole
columns; Python runs per *finding*, never per row.  Errors leave their row out of the returned
Ledger; warnings keep it.

Checks (LEDGER.md): required values (L-REQUIRED), values outside the vocabularies (L-VALUE; R10 for
宣传重点 and 品牌), dates that are impossible in order or time (L-DATE warnings), and duplicates —
same body, normalised title and outlet (L-DUP: the later row is left out).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from xcreport.config import Settings
from xcreport.model import LEDGER_COLUMNS, Finding, Severity
from xcreport.normalize import LEDGER_HEADERS, Message, SheetRef, cell_findings

#: Keys every ledger row must fill; a sheet without one of these columns cannot give a row.
ALWAYS_REQUIRED = ("author", "title", "category", "submitted")
DATE_KEYS = ("submitted", "adopted", "event_date")
#: Ledger order: by body, then as submitted, then where the row is.
LEDGER_ORDER = ["body", "submitted", "source_file", "excel_row"]


def _std(key: str) -> str:
    return LEDGER_HEADERS[key][0]


def _date(value: object) -> str:
    return pd.Timestamp(value).date().isoformat() if isinstance(value, pd.Timestamp | dt.date) else ""


def _missing_columns(
    frame: pd.DataFrame, sheets: Sequence[SheetRef], findings: list[Finding]
) -> dict[str, pd.Series]:
    """One L-REQUIRED error per sheet lacking an always-required column; all its rows fail.

    Returns, per required key, the rows whose sheet has that column (per-row checks apply there).
    """
    has: dict[str, pd.Series] = {}
    for key in ALWAYS_REQUIRED:
        with_column = [sid for sid, ref in enumerate(sheets) if key in ref.columns]
        has[key] = frame["_sid"].isin(with_column)
    counts = frame["_sid"].value_counts()
    for sid, ref in enumerate(sheets):
        missing = [_std(k) for k in ALWAYS_REQUIRED if k not in ref.columns]
        rows = int(counts.get(sid, 0))
        if not missing or not rows:
            continue
        names = "、".join(f"“{m}”" for m in missing)
        findings.append(
            Finding(
                "error",
                "L-REQUIRED",
                f"工作表「{ref.sheet}」没有{names}列，本表{rows}行都未计入；请加上{names}列并逐行填写",
                file=ref.file,
                sheet=ref.sheet,
                header="、".join(missing),
            )
        )
    return has


def validate(
    ledger: pd.DataFrame,
    sheets: Sequence[SheetRef],
    settings: Settings,
    *,
    today: dt.date,
    year: int | None = None,
    consume: bool = False,
) -> tuple[pd.DataFrame, list[Finding]]:
    """Check the normalised ledger (:attr:`xcreport.normalize.Normalized.ledger`).

    With ``consume`` the input's columns are moved into the result one by one (the input is left
    without them), so a million-row ledger is never held twice.

    Returns the Ledger of the rows without an error — exactly the contract columns of
    :data:`~xcreport.model.LEDGER_COLUMNS`, sorted by body, submitted, source_file, excel_row — and
    the findings of these checks (those of normalisation are not repeated).  A date after ``today``
    is a warning, and so is a date more than a month outside the year: ``year`` when given (a run
    for a named month or year), else the ledger's dominant year — the most common year of 报送日期
    over every row read, the later on a tie (:func:`dominant_year`) — so that a plain
    ``xcreport validate`` flags a stray 2041 too.  No year at all (no dates): no such check.
    """
    frame = ledger
    findings: list[Finding] = []
    error = frame["_error"].astype(bool).copy()
    vocab = settings.vocabulary

    def check(
        mask: pd.Series, key: str, rule: str, severity: Severity, message: Message, fields: Sequence[str] = ()
    ) -> None:
        nonlocal error
        findings.extend(
            cell_findings(
                frame,
                mask,
                key,
                sheets,
                rule=rule,
                severity=severity,
                fields=fields,
                message=message,
                standard_header=_std(key),
            )
        )
        if severity == "error":
            error |= mask

    def hint(rec: Mapping[str, Any], key: str) -> str:
        return "" if key in sheets[int(rec["_sid"])].columns else f"（表中没有“{_std(key)}”列，请加上）"

    # -- required values ------------------------------------------------------------------------
    has = _missing_columns(frame, sheets, findings)
    for key in ALWAYS_REQUIRED:
        error |= ~has[key]
    blank = {
        "author": frame["authors"].str.len().eq(0),
        "title": frame["title"].isna(),
        "category": frame["category"].isna(),
        "submitted": frame["submitted"].isna() & ~frame["_bad_submitted"],
    }
    for key, mask in blank.items():
        check(
            mask & has[key],
            key,
            "L-REQUIRED",
            "error",
            lambda row, header, value, rec: f"第{row}行 {header}未填写，请补填",
        )
    check(
        frame["major"] & frame["event_date"].isna() & ~frame["_bad_event_date"],
        "event_date",
        "L-REQUIRED",
        "error",
        lambda row, header, value, rec: (
            f"第{row}行 是重大政务信息，{header}未填写，请补填事件发生的日期{hint(rec, 'event_date')}"
        ),
    )
    check(
        frame["outlet"].notna() & frame["adopted"].isna() & ~frame["_bad_adopted"],
        "adopted",
        "L-REQUIRED",
        "error",
        lambda row, header, value, rec: (
            f"第{row}行 已填用稿媒体「{rec['outlet']}」，{header}未填写，请补填{hint(rec, 'adopted')}"
        ),
        ("outlet",),
    )
    projects = "、".join(vocab.projects)
    # R10 (LEDGER.md, findings): a focus that must name a project or a brand and does not is a
    # warning — the piece was still written and submitted, so it keeps counting.
    check(
        frame["focus"].eq(vocab.project_focus).fillna(False) & frame["project5"].isna(),
        "project5",
        "R10",
        "warning",
        lambda row, header, value, rec: (
            f"第{row}行 宣传重点为{vocab.project_focus}，{header}未填写，请填写{projects}之一"
            f"{hint(rec, 'project5')}"
        ),
    )
    brands = "、".join(vocab.brands)
    check(
        frame["focus"].eq(vocab.brand_focus).fillna(False) & frame["brand"].isna(),
        "brand",
        "R10",
        "warning",
        lambda row, header, value, rec: (
            f"第{row}行 宣传重点为{vocab.brand_focus}，{header}未填写，请填写{brands}之一{hint(rec, 'brand')}"
        ),
    )

    # -- vocabularies ---------------------------------------------------------------------------
    def outside(key: str, allowed: Sequence[str]) -> pd.Series:
        # isin on object values hashes in C; on the "string" dtype it goes value by value.
        values = frame[key].astype(object)
        return frame[key].notna() & ~values.isin(list(allowed))

    categories = "、".join(vocab.categories)
    check(
        outside("category", vocab.categories),
        "category",
        "L-VALUE",
        "error",
        lambda row, header, value, rec: (
            f"第{row}行 {header}「{value}」不是规定的类别，请改为{categories}之一"
        ),
    )
    focus = "、".join(vocab.focus)
    check(
        outside("focus", vocab.focus),
        "focus",
        "R10",
        "warning",
        lambda row, header, value, rec: f"第{row}行 {header}「{value}」不在工作重点之列，应为{focus}之一",
    )
    check(
        outside("brand", vocab.brands),
        "brand",
        "R10",
        "warning",
        lambda row, header, value, rec: f"第{row}行 {header}「{value}」不在品牌之列，应为{brands}之一",
    )
    check(
        outside("project5", vocab.projects),
        "project5",
        "L-VALUE",
        "warning",
        lambda row, header, value, rec: (
            f"第{row}行 {header}「{value}」不是五大主题工程之一，应为{projects}之一"
        ),
    )
    verdicts = (*vocab.verdicts_true, *vocab.verdicts_false)
    check(
        outside("verdict", verdicts),
        "verdict",
        "L-VALUE",
        "warning",
        lambda row, header, value, rec: (
            f"第{row}行 {header}「{value}」无法识别，应为空白或{'、'.join(verdicts)}之一，本行暂按未核查处理"
        ),
    )

    # -- dates in order and in time ---------------------------------------------------------------
    check(
        (frame["adopted"] < frame["submitted"]).fillna(False),
        "adopted",
        "L-DATE",
        "warning",
        lambda row, header, value, rec: (
            f"第{row}行 {header}「{value}」早于报送日期「{_date(rec['submitted'])}」，请核对"
        ),
        ("submitted",),
    )
    now = pd.Timestamp(today)
    for key in DATE_KEYS:
        check(
            (frame[key] > now).fillna(False),
            key,
            "L-DATE",
            "warning",
            lambda row, header, value, rec: (
                f"第{row}行 {header}「{value}」晚于今天（{today.isoformat()}），请核对"
            ),
        )
    in_year = year if year is not None else dominant_year(frame["submitted"])
    if in_year is not None:
        first, last = pd.Timestamp(in_year - 1, 12, 1), pd.Timestamp(in_year + 1, 1, 31)
        for key in DATE_KEYS:
            check(
                ((frame[key] < first) | (frame[key] > last)).fillna(False),
                key,
                "L-DATE",
                "warning",
                lambda row, header, value, rec: f"第{row}行 {header}「{value}」不在{in_year}年内，请核对",
            )

    # -- duplicates among the rows that otherwise count ------------------------------------------
    dup = _duplicates(frame, ~error, sheets, findings)

    # The rows that count, taken once, already in ledger order: not a copy, then a sorted copy.
    keep = np.flatnonzero(~(error | dup))
    rows = keep[_order(frame[LEDGER_ORDER].iloc[keep], LEDGER_ORDER)]
    if not consume:
        return frame[list(LEDGER_COLUMNS)].take(rows).reset_index(drop=True), findings
    out: dict[str, pd.Series] = {}
    for col in LEDGER_COLUMNS:
        out[col] = frame[col].take(rows).reset_index(drop=True)
        del frame[col]  # the input's column goes as soon as the result has its own
    return pd.DataFrame(out, copy=False), findings


def dominant_year(dates: pd.Series) -> int | None:
    """The most common year among ``dates`` (the later on a tie), None when there is no date."""
    counts = dates.dt.year.value_counts()
    if counts.empty:
        return None
    return int(counts[counts == counts.max()].index.max())


def _codes(column: pd.Series) -> npt.NDArray[np.int64]:
    """Sortable integer codes of a column (<NA> last): string columns sort by their few distinct
    values instead of comparing every row's text."""
    codes, uniques = pd.factorize(column, sort=True)
    return np.where(codes < 0, len(uniques), codes).astype(np.int64)


def _order(frame: pd.DataFrame, by: Sequence[str]) -> npt.NDArray[np.intp]:
    """Positions that sort ``frame`` by the columns ``by`` (first key most significant), stably."""
    return np.lexsort([_codes(frame[c]) for c in reversed(by)])


def _duplicates(
    frame: pd.DataFrame, candidates: pd.Series, sheets: Sequence[SheetRef], findings: list[Finding]
) -> pd.Series:
    """Rows repeating an earlier row's body, title and outlet (L-DUP); the earliest submitted stays."""
    columns = ["body", "title_key", "outlet", "submitted", "source_file", "sheet", "excel_row"]
    pool = frame.loc[candidates.to_numpy(), columns]
    # The piece's identity as integer codes (outlet <NA> = not adopted, a value like any other).
    identity = pd.DataFrame(
        {key: pd.factorize(pool[key], use_na_sentinel=False)[0] for key in ("body", "title_key", "outlet")},
        index=pool.index,
    )
    # Hashing finds the few pieces typed twice; only those are ordered and grouped.
    repeated = identity.duplicated(keep=False).to_numpy()
    pool, identity = pool[repeated], identity[repeated]
    order = _order(pool, ["submitted", "source_file", "sheet", "excel_row"])
    pool, identity = pool.iloc[order], identity.iloc[order]
    groups = identity.groupby(list(identity.columns), sort=False)
    later = groups.cumcount() > 0
    first = (
        pd.Series(pool.index, index=pool.index).groupby([identity[c] for c in identity]).transform("first")
    )
    dup = pd.Series(False, index=frame.index)
    dup[pool.index[later.to_numpy()]] = True
    firsts = first[later].to_numpy()
    origin = pd.DataFrame(
        {
            "_first_sid": frame.loc[firsts, "_sid"].to_numpy(),
            "_first_row": frame.loc[firsts, "excel_row"].to_numpy(),
        },
        index=pool.index[later.to_numpy()],
    ).reindex(frame.index)

    def message(row: int, header: str, value: str, rec: Mapping[str, Any]) -> str:
        ref = sheets[int(rec["_first_sid"])]
        where = f"「{ref.file}」工作表「{ref.sheet}」第{int(rec['_first_row'])}行"
        return f"第{row}行 与{where}重复（同一单位、同一标题、同一用稿媒体），本行未计入"

    findings.extend(
        cell_findings(
            frame.join(origin),
            dup,
            "title",
            sheets,
            rule="L-DUP",
            severity="warning",
            standard_header=_std("title"),
            message=message,
            fields=("_first_sid", "_first_row"),
        )
    )
    return dup

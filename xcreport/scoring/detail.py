"""明细 — every score row by row: what each ledger row of the period earned and cost, and why.

:func:`month_detail` gives, for one month, a line per ledger row of that issue month (its level
counted, points, 领导批示 bonus, and the R3 and R4 deductions charged on it), and a line per
charge that no row of the issue month carries: an unmet half or month (R1/R2), a 重大政务信息
迟报 (R5, charged in the month of its event), a registered event 漏报 or 瞒报.  The lines of a
body add up to its score for the month, exactly: each figure is taken from the tables
:func:`~xcreport.scoring.month.score_month` adds up, so a unit that challenges its score is answered
from the ranking workbook.

Readings: under ``adoption_policy = "highest"`` a piece's points and its bonus are shown on the row
of its highest level — the first such row in source order — and its other rows name the level
that was counted instead; under ``"sum"`` every adoption row shows its own points, and the bonus
sits on the first row of the highest level.  A late or false piece is charged on its first late or
false row, where the findings list it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from xcreport.config import Settings
from xcreport.scoring import false_pieces, late
from xcreport.scoring.breach_table import WHERE
from xcreport.scoring.columns import flag, iso_date, month_day
from xcreport.text import num

#: The columns of a detail (明细): where the line counts (month, body), the row it is (submitted,
#: half, category, title, outlet; provenance), and what it adds (level counted, points, bonus,
#: deductions, net = points + bonus − deductions) and why (Chinese, for the clerk).
DETAIL_COLUMNS = [
    "month",
    "body",
    "submitted",
    "half",
    "category",
    "title",
    "outlet",
    "level",
    "points",
    "bonus",
    "deductions",
    "net",
    "why",
    *WHERE,
]
_TEXT = ["month", "body", "submitted", "half", "category", "title", "outlet", "level", "why"]
_FIGURES = ["points", "bonus", "deductions", "net"]


def empty_detail() -> pd.DataFrame:
    """A detail with no line."""
    return _typed(pd.DataFrame(columns=DETAIL_COLUMNS))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reindex(columns=DETAIL_COLUMNS)
    out[_TEXT] = out[_TEXT].astype("string").fillna("")
    out[_FIGURES] = out[_FIGURES].astype(float)
    out[["source_file", "sheet"]] = out[["source_file", "sheet"]].astype("string")
    out["excel_row"] = out["excel_row"].astype("Int64")
    return out


def _figure(values: pd.Series) -> pd.Series:
    """Figures as the clerk writes them (:func:`~xcreport.text.num`), worked out per distinct value."""
    return values.map({v: num(float(v)) for v in values.unique()}).astype("string")


def _joined(parts: list[pd.Series]) -> pd.Series:
    """The non-empty parts of each line joined with 「；」."""
    out = parts[0]
    for part in parts[1:]:
        both = (out != "") & (part != "")
        out = (out + pd.Series(np.where(both, "；", ""), index=out.index) + part).astype("string")
    return out


def _when(mask: pd.Series | np.ndarray, text: pd.Series | str, index: pd.Index) -> pd.Series:
    filled = text if isinstance(text, pd.Series) else pd.Series(text, index=index, dtype="string")
    return filled.where(pd.Series(mask, index=index), "").astype("string").fillna("")


def _row_lines(issued: pd.DataFrame, pieces: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """A line per ledger row of the issue month, in source order."""
    s, index = settings.scoring, issued.index
    highest = s.adoption_policy == "highest"
    scored = ~flag(issued["piece_false"])
    adopted = flag(issued["is_adopted"])
    carrier = pd.Series(index.isin(issued.groupby("piece", sort=False)["row_points"].idxmax()), index=index)
    piece_points = issued["piece"].map(pieces["points"]).astype(float)
    points = piece_points.where(carrier & scored, 0.0) if highest else issued["row_points"].where(scored, 0.0)
    bonus = issued["piece"].map(pieces["bonus"]).astype(float).where(carrier, 0.0)
    charged_late = index.isin(late.first_late_rows(issued).index)
    charged_false = index.isin(false_pieces.first_false_rows(issued).index)
    deductions = charged_late * s.deduct_late + charged_false * s.deduct_false
    counted = scored & adopted & (carrier if highest else True)
    level = issued["level"].astype("string")
    top = issued["piece"].map(issued.loc[carrier].set_index("piece")["level"]).astype("string")
    verdict = issued["verdict"].astype("string").fillna("")
    is_false = flag(issued["is_false"])
    sent = month_day(issued["submitted"]).fillna("")
    deduct_late = f"报送，迟报扣{num(s.deduct_late)}分"
    deduct_false = f"，扣{num(s.deduct_false)}分"
    why = _joined(
        [
            _when(counted, level + "用稿" + _figure(points) + "分", index),
            _when(highest & scored & adopted & ~carrier, "同一稿件已按" + top + "计分", index),
            _when(scored & ~adopted, "未采用", index),
            _when(
                is_false,
                "核查结果为" + verdict + "，不计分" + _when(charged_false, deduct_false, index),
                index,
            ),
            _when(~scored & ~is_false, "同一稿件核查不实，不计分", index),
            _when(bonus > 0, "领导批示加" + _figure(bonus) + "分", index),
            _when(
                charged_late, "所属月份" + issued["issue"].astype("string") + "，" + sent + deduct_late, index
            ),
        ]
    )
    boundary = settings.cadence.half_boundary_day
    day = issued["day"]
    half = pd.Series(
        np.where(flag(day <= boundary), "上半月", np.where(day.notna(), "下半月", "")), index=index
    )
    return pd.DataFrame(
        {
            "month": issued["issue"],
            "body": issued["body"],
            "submitted": iso_date(issued["submitted"]),
            "half": half,
            "category": issued["category"],
            "title": issued["title"],
            "outlet": issued["outlet"],
            "level": level.where(counted, ""),
            "points": points,
            "bonus": bonus,
            "deductions": deductions.astype(float),
            "why": why,
            **{c: issued[c] for c in WHERE},
        },
        index=index,
    )


def _cadence_lines(breaches: pd.DataFrame, settings: Settings, key: str) -> pd.DataFrame:
    """A line per unmet half (R1) or office month (R2)."""
    charge = settings.scoring.deduct_cadence
    half = breaches["half"].astype("string")
    office = half == "本月"
    what = pd.Series(np.where(office, "信息", settings.vocabulary.dynamic_category), index=breaches.index)
    count, need = breaches["count"].astype("string"), breaches["need"].astype("string")
    why = (
        half
        + "报送"
        + what.astype("string")
        + count
        + "篇，少于要求的"
        + need
        + "篇，扣"
        + num(charge)
        + "分"
    )
    return pd.DataFrame(
        {"month": key, "body": breaches["body"], "half": half, "deductions": charge, "why": why},
        index=breaches.index,
    )


def _major_lines(
    major_late: pd.DataFrame, missed: pd.DataFrame, settings: Settings, key: str
) -> pd.DataFrame:
    """A line per 迟报 (at its ledger row), 漏报 and 瞒报 (at the register's row)."""
    s = settings.scoring
    over, event_day = major_late["over"].astype("string"), major_late["event_day"].astype("string")
    sent = major_late["submitted_day"].astype("string")
    late_why = (
        "重大政务信息迟报"
        + over
        + "天（"
        + event_day
        + "事发，"
        + sent
        + "报送），扣"
        + num(s.deduct_major_late)
        + "分"
    )
    late_lines = pd.DataFrame(
        {
            "month": key,
            "body": major_late["body"],
            "submitted": major_late["value"],
            "title": major_late["title"],
            "deductions": s.deduct_major_late,
            "why": late_why,
            **{c: major_late[c] for c in WHERE},
        },
        index=major_late.index,
    )
    concealed = (missed["kind"] == "瞒报").to_numpy(dtype=bool)
    event = (
        "重大事项「"
        + missed["event"].astype("string")
        + "」（"
        + missed["event_day"].astype("string")
        + "事发）"
    )
    charged = np.where(
        concealed,
        f"经核查瞒报，扣{num(s.deduct_concealed)}分",
        f"未见报送，漏报扣{num(s.deduct_major_missed)}分",
    )
    missed_why = event + pd.Series(charged, index=missed.index, dtype="string")
    missed_lines = pd.DataFrame(
        {
            "month": key,
            "body": missed["body"],
            "title": missed["event"],
            "deductions": np.where(concealed, s.deduct_concealed, s.deduct_major_missed).astype(float),
            "why": missed_why,
            **{c: missed[c] for c in WHERE},
        },
        index=missed.index,
    )
    return pd.concat([_typed(late_lines), _typed(missed_lines)], ignore_index=True)


def month_detail(
    issued: pd.DataFrame,
    pieces: pd.DataFrame,
    cadence: pd.DataFrame,
    major_late: pd.DataFrame,
    major_missed: pd.DataFrame,
    settings: Settings,
    key: str,
) -> pd.DataFrame:
    """The detail of one month (:data:`DETAIL_COLUMNS`): the lines of each body together, in
    registry order — its rows in source order, then its charges without a row of the month.

    ``issued``: the rows of the issue month (prepared, :mod:`.prepare`); ``pieces``: their points
    and bonus (:func:`~xcreport.scoring.points.piece_points`); ``cadence``, ``major_late``,
    ``major_missed``: the month's breach tables of R1/R2 and R5.
    """
    parts = [
        _typed(_row_lines(issued, pieces, settings)),
        _typed(_cadence_lines(cadence, settings, key)),
        _major_lines(major_late, major_missed, settings, key),
    ]
    lines = pd.concat([p for p in parts if not p.empty] or [parts[0]], ignore_index=True)
    lines["net"] = lines["points"].fillna(0.0) + lines["bonus"].fillna(0.0) - lines["deductions"].fillna(0.0)
    lines[_FIGURES] = lines[_FIGURES].fillna(0.0)
    return in_body_order(lines, settings)


def in_body_order(lines: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The lines with each body's together, registry order (stable: each body's lines keep theirs)."""
    order = {b.name: i for i, b in enumerate(settings.bodies)}
    ranked = lines["body"].map(order).fillna(len(order))
    return lines.iloc[np.argsort(ranked.to_numpy(), kind="stable")].reset_index(drop=True)

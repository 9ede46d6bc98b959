"""A whole ledger folder of the sample county, generated and messy, for the tests that run the
pipeline on something other than the sample: title rows, header aliases, dates typed every way,
bodies by their aliases, one shared workbook with a 单位 column, pieces adopted by several
outlets, late rows, false pieces, 领导批示, 重大政务信息 sent late.

Deterministic: the same arguments write the same workbooks.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Mapping
from pathlib import Path

from tests.ledger_factory import write_workbook

#: Header aliases a clerk's own template may use (LEDGER.md), in the order of :func:`_row`.
HEADER = ["撰稿人", "稿件标题", "信息类别", "宣传重点", "报送时间", "所属期次", "采用媒体", "用稿日期"]
HEADER += ["批示", "是否重大", "事件日期", "核实情况"]
OUTLETS = ["人民网", "江苏交通", "南通日报", "市交通运输局信息", "县委办信息", "县电视台", "县报", "交通动态"]
#: Bodies written in one shared workbook, each row naming its body by an alias.
SHARED = {"政工科": "政工科", "规划建设科": "规划建设科", "财务审计科": "财务审计科", "政策法规科": "法规科"}
CATEGORIES = ["动态信息", "政务信息", "新闻稿件"]


def _date(day: dt.date, rng: random.Random) -> object:
    """A date as clerks type it: a date cell, or text in one of the accepted forms."""
    forms = [
        day,
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
    ]
    return rng.choice(forms)


def _piece(body: str, day: dt.date, n: int, rng: random.Random, *, category: str) -> list[list[object]]:
    """The rows of one piece: one, or one per outlet that adopted it."""
    title = f"{body}{day.month}月第{n}篇信息"
    adopted = rng.sample(OUTLETS, k=rng.choice([0, 0, 1, 1, 2]))
    instructed = "是" if rng.random() < 0.05 else ""
    verdict = "虚假" if rng.random() < 0.03 else ""
    late = rng.random() < 0.05 and day.day <= 20
    submitted = day.replace(day=min(day.day + 8, 28)) if late else day
    stated = f"{day.year}年{day.month}月" if late or rng.random() < 0.2 else ""
    rows = []
    for outlet in adopted or [""]:
        used = submitted + dt.timedelta(days=2) if outlet else ""
        rows.append(
            [
                f"{body}通讯员{rng.randint(1, 3)}",
                title,
                category,
                rng.choice(["政策宣传", "主题宣传", "交通动态", ""]),
                _date(submitted, rng),
                stated,
                outlet,
                _date(used, rng) if isinstance(used, dt.date) else "",
                instructed,
                "",
                "",
                verdict,
            ]
        )
    return rows


def _major(body: str, day: dt.date, rng: random.Random) -> list[object]:
    """A 重大政务信息 row, sent two or three days after the event (late by one allowance day or two)."""
    sent = day + dt.timedelta(days=rng.choice([1, 2, 3]))
    return [f"{body}通讯员1", f"{body}突发事件处置情况", "政务信息", "", _date(sent, rng), "", "", ""]


def body_rows(
    body: str, year: int, months: Iterable[int], rng: random.Random, skip: set[int]
) -> list[list[object]]:
    """One body's rows for ``months``: a 动态信息 piece in each half (none in the months of
    ``skip``), now and then a third piece of another category, a 重大政务信息 row."""
    rows: list[list[object]] = []
    for m in months:
        if m in skip:
            continue
        first = dt.date(year, m, rng.randint(2, 14))
        second = dt.date(year, m, rng.randint(16, 25))
        rows += _piece(body, first, 1, rng, category="动态信息")
        rows += _piece(body, second, 2, rng, category="动态信息")
        if rng.random() < 0.4:
            rows += _piece(
                body, dt.date(year, m, rng.randint(3, 24)), 3, rng, category=rng.choice(CATEGORIES)
            )
        if rng.random() < 0.1:
            event = dt.date(year, m, rng.randint(1, 20))
            row = _major(body, event, rng)
            rows.append([*row, "", "是", _date(event, rng), ""])
    return rows


def messy_folder(
    folder: Path,
    bodies: Iterable[str],
    *,
    year: int = 2014,
    months: Iterable[int] = range(1, 13),
    skip: Mapping[str, set[int]] | None = None,
    seed: int = 7,
) -> Path:
    """Write a ledger folder for ``bodies`` (registered names of the sample county) and return it.

    Each body's workbook has a merged title row above the header; the offices of :data:`SHARED`
    share one workbook with a 单位 column naming them by an alias.  ``skip``: body → months in
    which it sends nothing.
    """
    rng = random.Random(seed)
    months = list(months)
    shared: list[list[object]] = []
    for body in bodies:
        rows = body_rows(body, year, months, rng, (skip or {}).get(body, set()))
        if body in SHARED:
            shared += [[SHARED[body], *r] for r in rows]
            continue
        title = [f"{body}{year}年信息报送台账"] + [""] * (len(HEADER) - 1)
        write_workbook(
            folder / body / f"{body}{year}年信息台账.xlsx",
            {f"{year}年": [title, HEADER, *rows]},
            merges={f"{year}年": [f"A1:{chr(ord('A') + len(HEADER) - 1)}1"]},
        )
    if shared:
        write_workbook(folder / f"机关科室台账{year}.xlsx", {"台账": [["报送单位", *HEADER], *shared]})
    return folder

"""Ledgers, settings and runs for the scoring tests (tests/test_scoring*.py).

Every ledger is built row by row, with :func:`make_ledger`; every expected figure is worked out by
hand in the comment beside it.  Most tests use :func:`small_settings` — four bodies (甲站 and 乙所
units, 丙项目组 a project group, 丁科 an office) and the sample's point table: 国家级 10, 省部级
5, 市级 3, 县级 1, 内部 0.5; bonus 5; deductions cadence 2, late 1, 迟报 3, 漏报 5, false 5.
``QUIET`` is the same with no cadence duty, for tests about something else.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from xcreport.config import Settings
from xcreport.findings import Finding
from xcreport.metrics import BodyMetrics
from xcreport.model import (
    LEDGER_COLUMNS,
    RANKING_COLUMNS,
    REGISTER_COLUMNS,
    ROSTER_COLUMNS,
    InputFile,
    LedgerData,
)
from xcreport.period import Kind, Period, latest
from xcreport.reading.sides import empty_side
from xcreport.scoring import ScoreResult, latest_sent_month, score
from xcreport.scoring.prepare import derive, ledger_rows

#: The sample's groups: units and project groups each half-month, offices each month (any category);
#: units and project groups ranked together.
SAMPLE_GROUPS: list[dict[str, Any]] = [
    {"key": "unit", "label": "所属单位", "cadence": "half-month", "minimum": 1, "ranking": "基层单位"},
    {"key": "project", "label": "工程项目组", "cadence": "half-month", "minimum": 1, "ranking": "基层单位"},
    {"key": "office", "label": "机关科室", "cadence": "month", "minimum": 1, "categories": "all"},
]
#: The same groups with no cadence duty.
QUIET_GROUPS = [{**g, "minimum": 0} for g in SAMPLE_GROUPS]

BASE_CONFIG: dict[str, Any] = {
    "county": {"name": "测试县", "bureau": "测试县交通运输局"},
    "levels": ["国家级", "省部级", "市级", "县级", "内部"],
    "groups": SAMPLE_GROUPS,
    "bodies": [
        {
            "name": "甲站",
            "group": "unit",
            "aliases": ["甲"],
            "brands": ["快修"],
            "tasks": {"省部级": 2, "市级": 4},
        },
        {"name": "乙所", "group": "unit", "brands": ["快客"]},
        {"name": "丙项目组", "group": "project", "tasks": {"省部级": 1}},
        {"name": "丁科", "group": "office"},
    ],
    "vocabulary": {
        "categories": ["动态信息", "政务信息"],
        "dynamic_category": "动态信息",
        "focus": ["政策宣传", "五大主题工程", "品牌宣传"],
        "project_focus": "五大主题工程",
        "brand_focus": "品牌宣传",
        "projects": ["思想政治教育工程"],
        "brands": ["快修", "快客"],
    },
    "outlets": [
        {"name": "人民网", "level": "国家级"},
        {"name": "中国网", "level": "国家级", "tracks": ["中国网"]},
        {"name": "江苏交通", "level": "省部级"},
        {"name": "市局信息", "level": "市级", "tracks": ["市局用稿"]},
        {"name": "县报", "level": "县级", "tracks": ["县级媒体"]},
        {"name": "交通动态", "level": "内部"},
    ],
    "scoring": {"points": {"国家级": 10, "省部级": 5, "市级": 3, "县级": 1, "内部": 0.5}},
    "targets": [
        {"id": "R6", "label": "省部级及以上", "target": 12, "levels": ["国家级", "省部级"], "exceed": True},
        {"id": "R8-县级媒体", "label": "县级媒体", "target": 24, "tracks": ["县级媒体"]},
    ],
    "city_rank": {"track": "市局用稿", "items": ["市局", "市交通"]},
    "annual": {"advanced_units": 2, "advanced_persons": 2},
}


def empty_ledger() -> pd.DataFrame:
    """A Ledger with no rows and every column of the contract, typed as reading types them."""
    return pd.DataFrame({k: pd.Series(dtype=t) for k, (t, _) in LEDGER_COLUMNS.items()})


#: Outlet → (level, tracks), as normalize resolves them from the register.
OUTLETS = {o["name"]: (o["level"], tuple(o.get("tracks", ()))) for o in BASE_CONFIG["outlets"]}


GROUPS = {b["name"]: b["group"] for b in BASE_CONFIG["bodies"]}


def default_period(ledger: pd.DataFrame, settings: Settings, today: dt.date, kind: Kind) -> Period | None:
    """The period a run of ``kind`` reports when none is named, as the pipeline finds it."""
    return latest(kind, latest_sent_month(ledger, settings, today), today)


def small_settings(**sections: Mapping[str, Any] | list[Any]) -> Settings:
    """The four-body configuration, with some sections' keys replaced (a list, e.g. ``groups``,
    replaces the whole section)."""
    config = copy.deepcopy(BASE_CONFIG)
    for key, values in sections.items():
        config[key] = list(values) if isinstance(values, list) else {**config.get(key, {}), **values}
    return Settings.model_validate(config)


SMALL = small_settings()


QUIET = small_settings(groups=QUIET_GROUPS)


def prepared(ledger: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The rows of a registered body in source order, with every column the rules read."""
    return ledger_rows(ledger, derive(ledger, settings))


def make_ledger(*rows: Mapping[str, Any]) -> pd.DataFrame:
    """A Ledger of the contract's columns and dtypes.  Defaults: body 甲站, author 张三, a title
    of its own, 动态信息, submitted 2014-03-05, not adopted; ``outlet`` fills level and tracks;
    Excel rows 3, 4, … in the order given, file '<body>.xlsx'."""
    records = []
    for i, given in enumerate(rows):
        row: dict[str, Any] = {
            "sheet": "台账",
            "excel_row": i + 3,
            "body": "甲站",
            "authors": ("张三",),
            "title": f"稿件{i}",
            "category": "动态信息",
            "submitted": "2014-03-05",
            "tracks": (),
            "instructed": False,
            "major": False,
            **given,
        }
        row.setdefault("source_file", f"{row['body']}.xlsx")
        row.setdefault("group", GROUPS.get(row["body"], "unit"))
        row.setdefault("title_key", "".join(row["title"].split()))
        if row.get("outlet"):
            row["level"], row["tracks"] = OUTLETS[row["outlet"]]
        records.append(row)
    frame = pd.DataFrame.from_records(records, columns=list(LEDGER_COLUMNS))
    for key in ("instructed", "major"):
        frame[key] = frame[key].fillna(False)
    return frame.astype(empty_ledger().dtypes.to_dict())


def data_of(
    ledger: pd.DataFrame,
    *,
    register: list[dict[str, Any]] | None = None,
    roster: list[dict[str, Any]] | None = None,
    rankings: list[dict[str, Any]] | None = None,
    findings: list[Finding] | None = None,
    inputs: list[InputFile] | None = None,
) -> LedgerData:
    return LedgerData(
        ledger=ledger,
        roster=side_sheet(roster, ROSTER_COLUMNS),
        register=side_sheet(register, REGISTER_COLUMNS),
        rankings=side_sheet(rankings, RANKING_COLUMNS),
        inputs=inputs or [],
        findings=findings or [],
    )


def side_sheet(rows: list[dict[str, Any]] | None, columns: tuple[str, ...]) -> pd.DataFrame:
    """A side sheet (roster, register, rankings) as reading gives it: its columns, typed, bodies
    by their registered names, names as names are compared (reading does that: see
    tests/test_scoring.py, ``test_side_sheets_as_read_are_what_scoring_reads``)."""
    frame = pd.DataFrame(rows or [], columns=list(columns))
    return frame.astype(empty_side(columns).dtypes.to_dict())


def run(
    ledger: pd.DataFrame, settings: Settings = SMALL, period: Period | None = None, **side: Any
) -> ScoreResult:
    return score(data_of(ledger, **side), settings, period or Period("monthly", 2014, 3))


def body(result: ScoreResult, name: str) -> BodyMetrics:
    return next(b for b in result.metrics.bodies if b.body == name)


def zeros(**counts: int) -> dict[str, int]:
    return {lv: counts.get(lv, 0) for lv in SMALL.levels}


def major(title: str, event: str, submitted: str, name: str = "乙所") -> dict[str, Any]:
    return {"body": name, "title": title, "major": True, "event_date": event, "submitted": submitted}

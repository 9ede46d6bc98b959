"""The office's own words: every sentence of the 通报 that carries a figure or a configured word is
a jinja2 template in the wording file, ``report_wording.toml`` beside the Word templates, which
the office edits like the configuration.

The file is a TOML table per part of the report (``[heading]``, ``[overview]``, ``[bodies]``,
``[problems]``, ``[annual]``, ``[charts]``) and the list ``[[requirements]]`` (下阶段工作要求).
Each entry is one sentence or one piece of a sentence; :data:`ENTRIES` says which names it may
use besides the :data:`COMMON` ones (the configuration's words and the period).  Line breaks and
the spaces that begin a line are dropped, so a long sentence may be written over several lines.

The file is checked when it is read, before anything is written: an entry missing or unknown, a
jinja2 syntax error, or a name the entry cannot use stops the run with one line naming the file,
the line and the entry (:class:`~xcreport.errors.TemplateError`).
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from xcreport.config.load import find_line, key_lines, syntax_error
from xcreport.errors import TemplateError
from xcreport.text import join

WORDING_FILE = "report_wording.toml"

#: Names every entry may use: the configuration's words and the period (see context.common_names).
COMMON = (
    "county", "bureau", "office", "self_name", "system", "city_office", "kind", "year", "month",
    "period_word", "scope", "goal_span", "cutoff_day", "half_boundary_day", "cadence_rule", "duties",
    "categories", "dynamic_category", "focus", "plain_focus", "project_focus", "projects",
    "brand_focus", "brands", "key_target", "deduct",
)  # fmt: skip

#: The names of a comparison (环比, 同比): the figures now and then, and the change in words.
_AGAINST = ("submitted", "submitted_then", "submitted_change", "adopted", "adopted_then", "adopted_change")

#: Every entry of the wording file → the names it may use besides COMMON.
ENTRIES: dict[str, tuple[str, ...]] = {
    "heading.masthead": (),
    "heading.issue_no": ("number",),
    "heading.title": ("span",),
    "heading.addressee": (),
    "heading.intro": ("span",),
    "colophon.copy_to": ("names",),
    "colophon.printed_on": ("date",),
    "overview.totals": ("lead", "bodies", "submitted", "adopted", "bonus_pieces"),
    "overview.year_to_date": ("months", "submitted_ytd", "adopted_ytd"),
    "overview.targets": ("targets",),
    "overview.target": tuple(
        "label target exceed actual this_month expected ahead shortfall status whole_year partial"
        " months".split()
    ),
    "overview.city_rank": tuple(
        "rank_month counties rank score status target_rank stretch_rank trend".split()
    ),
    "overview.city_trend_point": ("rank_month", "rank"),
    "overview.city_missing": (),
    "overview.city_adopted": ("adopted_month", "adopted_ytd"),
    "overview.tracks": ("tracks",),
    "overview.track": ("name", "this_month", "ytd", "external_rank"),
    "outlook.comparison": ("parts",),
    "outlook.previous_month": _AGAINST,
    "outlook.last_year_month": ("label", *_AGAINST),
    "outlook.last_year_to_date": ("months", *_AGAINST),
    "outlook.last_year_period": ("label", *_AGAINST),
    "outlook.forecast": ("months", "projections"),
    "outlook.projection": ("label", "projected", "target", "exceed", "clears", "remaining", "per_month"),
    "outlook.target_missed": ("label", "remaining"),
    "outlook.targets_missed": ("missed",),
    "outlook.targets_met": (),
    "outlook.task_gap": ("level", "gap"),
    "outlook.tasks_met": (),
    "outlook.tasks_owed": ("owed", "months_left"),
    "outlook.tasks_missed": ("owed",),
    "bodies.group_heading": ("number", "label", "members"),
    "bodies.top": ("places", "top", "tied"),
    "bodies.top_place": ("names", "score", "rank", "tied"),
    "bodies.cadence_missed": ("missed",),
    "bodies.cadence_all_met": (),
    "bodies.steady_all": (),
    "bodies.steady_some": ("steady",),
    "bodies.steady_none": (),
    "problems.heading": ("number", "title"),
    "problems.row": ("body", "title", "detail"),
    "problems.cadence_title": (),
    "problems.cadence": ("missed",),
    "problems.cadence_none": (),
    "problems.late_title": (),
    "problems.late": ("rows",),
    "problems.late_none": (),
    "problems.major_title": (),
    "problems.major_late": ("count", "rows"),
    "problems.major_missed": ("events",),
    "problems.major_event": ("body", "event", "event_date", "what"),
    "problems.major_none": (),
    "problems.false_title": (),
    "problems.false": ("rows",),
    "problems.false_none": (),
    "problems.ledgers_title": (),
    "problems.ledgers": ("errors", "warnings", "bodies", "files"),
    "problems.ledger_body": ("body", "errors", "warnings"),
    "problems.ledger_file": ("file", "errors", "warnings"),
    "problems.no_roster": ("bodies",),
    "problems.sides_missing": ("sides",),
    "problems.ledgers_none": (),
    "problems.brands_title": (),
    "problems.brands": ("brands_missed",),
    "problems.brand": ("brand", "body"),
    "problems.brands_none": (),
    "annual.focus_coverage": ("items",),
    "annual.focus_item": ("name", "count"),
    "annual.advanced_units": ("units",),
    "annual.advanced_persons": ("persons",),
    "charts.trend": (),
    "charts.pace": ("label",),
    "charts.scores": (),
    "charts.caption": ("number", "text"),
    **{f"charts.{key}": ("target",) for key in ("score_axis", "score_axis_ytd", "pace_goal")},
    **{
        f"charts.{key}": ()
        for key in ("pace_actual", "pace_expected", "pace_unit", "trend_submitted", "trend_unit")
    },
    "duty.half": ("label", "minimum", "category"),
    "duty.month": ("label", "minimum", "category"),
}
#: A piece of 下阶段工作要求: a run-in heading and its paragraph.
REQUIREMENT_KEYS = ("lead", "text")


def _quoted(items: Iterable[str]) -> str:
    """``["甲", "乙"]|quoted`` → “甲”“乙”."""
    return "".join(f"“{item}”" for item in items)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["quoted"] = _quoted
    env.filters["cn_list"] = join
    return env


def _one_line(text: str) -> str:
    return "".join(line.strip() for line in text.splitlines())


@dataclass(frozen=True, slots=True)
class Wording:
    """The wording file, read and checked; :meth:`bind` gives it the run's common names."""

    path: Path
    entries: Mapping[str, jinja2.Template]
    requirements: tuple[tuple[jinja2.Template, jinja2.Template], ...]
    common: Mapping[str, Any] = field(default_factory=dict)

    def bind(self, common: Mapping[str, Any]) -> Wording:
        """The same wording with ``common`` (names of :data:`COMMON`) given to every entry."""
        return Wording(self.path, self.entries, self.requirements, {**self.common, **common})

    def _render(self, template: jinja2.Template, what: str, names: Mapping[str, Any]) -> str:
        try:
            return _one_line(template.render({**self.common, **names}))
        except jinja2.TemplateError as exc:
            raise TemplateError(f"{self.path}: {what}: 无法填写（{exc}）") from exc

    def say(self, key: str, **names: Any) -> str:
        """The entry ``key`` (``"overview.totals"``) with the common names and ``names``."""
        return self._render(self.entries[key], key, names)

    def requirement_list(self, **names: Any) -> list[dict[str, str]]:
        """下阶段工作要求: ``{"lead": "（一）…。", "text": "…"}`` each, in the file's order."""
        return [
            {
                "lead": self._render(lead, f"requirements[{i}].lead", names),
                "text": self._render(text, f"requirements[{i}].text", names),
            }
            for i, (lead, text) in enumerate(self.requirements)
        ]


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


class _Checker:
    """Compiles the entries of one wording file, every mistake a line naming file, line and entry."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = key_lines(text)
        self.env = _environment()

    def fail(self, key: str, message: str) -> TemplateError:
        line = find_line(self.lines, key)
        where = f"第{line}行 " if line else ""
        return TemplateError(f"{self.path}: {where}{key}: {message}")

    def compile(self, key: str, source: object, allowed: Iterable[str]) -> jinja2.Template:
        if not isinstance(source, str):
            raise self.fail(key, '应为文字（加英文引号 "…"）')
        try:
            parsed = self.env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            raise self.fail(key, f"模板标记语法错误：{exc.message}") from exc
        allowed_names = set(allowed) | set(COMMON)
        unknown = sorted(meta.find_undeclared_variables(parsed) - allowed_names)
        if unknown:
            close = difflib.get_close_matches(unknown[0], sorted(allowed_names), n=1)
            hint = f"（是否应为 {close[0]}？）" if close else ""
            raise self.fail(key, f"用了本条不能用的名称「{unknown[0]}」{hint}")
        return self.env.from_string(source)


def load_wording(template_dir: Path) -> Wording:
    """Read and check ``template_dir/report_wording.toml``."""
    path = template_dir / WORDING_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise TemplateError(f"{path}: 用语文件不存在（模板文件夹中应有 {WORDING_FILE}）") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: 无法读取用语文件（{exc}），请存为 UTF-8 编码") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(syntax_error(path, text, str(exc))) from exc
    check = _Checker(path, text)
    requirements = data.pop("requirements", [])
    flat = _flatten(data)
    for key in flat:
        if key not in ENTRIES:
            close = difflib.get_close_matches(key, list(ENTRIES), n=1)
            raise check.fail(key, "未知的用语条目" + (f"（是否应为 {close[0]}？）" if close else ""))
    for key in ENTRIES:
        if key not in flat:
            raise check.fail(key, "缺少这一条用语")
    entries = {key: check.compile(key, flat[key], ENTRIES[key]) for key in ENTRIES}
    return Wording(path, entries, _requirements(check, requirements))


def _requirements(check: _Checker, items: object) -> tuple[tuple[jinja2.Template, jinja2.Template], ...]:
    if not isinstance(items, list):
        raise check.fail("requirements", "应写成 [[requirements]] 表，每段一个")
    out = []
    for i, item in enumerate(items):
        key = f"requirements[{i}]"
        if not isinstance(item, dict) or set(item) != set(REQUIREMENT_KEYS):
            raise check.fail(key, "每段应有且只有 lead（小标题）和 text（正文）两项")
        lead = check.compile(f"{key}.lead", item["lead"], ())
        out.append((lead, check.compile(f"{key}.text", item["text"], ())))
    return tuple(out)

"""Reading the configuration file: TOML → :class:`Settings`, every mistake in the clerk's words.

A mistake stops the run before anything is read or written (exit code 2) with one line that names
the file, the line and the key, and says what is wrong — also for a TOML syntax error, whose likely
cause (Chinese quotes “”, a full-width ＝, a Chinese key without quotes) is named.  When there
are several mistakes, each further one gets a line of its own below the first.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from xcreport.config.settings import Settings
from xcreport.errors import ConfigError
from xcreport.text import num

DEFAULT_CONFIG_NAME = "xcreport.toml"

_MESSAGES: dict[str, str] = {
    "extra_forbidden": "未知的配置项",
    "missing": "缺少必填项",
    "int_type": "应为整数（数字不加引号）",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字（数字不加引号）",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false（不加引号）",
    "bool_parsing": "应为 true 或 false",
    "string_type": "应为文字（加英文引号）",
    "string_too_short": "不能为空",
    "tuple_type": '应为列表，如 ["甲", "乙"]',
    "list_type": '应为列表，如 ["甲", "乙"]',
    "dict_type": "应为表 (table)",
    "model_type": "应为表 (table)",
    "model_attributes_type": "应为表 (table)",
    "too_short": "至少需要 {min_length} 项",
    "greater_than_equal": "应不小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "应不大于 {le}",
}
#: tomllib's messages, the start of each, in Chinese.
_SYNTAX: tuple[tuple[str, str], ...] = (
    ("Expected '=' after a key", "配置项名称后应有 ="),
    ("Invalid value", "取值写法不对"),
    ("Invalid statement", "这一行不是“名称 = 取值”的写法"),
    ("Invalid initial character for a key part", "配置项名称的写法不对"),
    ("Cannot declare", "重复定义了同一项"),
    ("Cannot overwrite a value", "同一项写了两次"),
    ("Unclosed array", "列表缺少 ]"),
    ("Unclosed inline table", "表缺少 }"),
    ("Unterminated string", "引号没有成对"),
    ("Illegal character", "含有不允许的字符"),
    ("Expected ']'", "缺少 ]"),
    ("Expected newline or end of document", "一行里写了多项，或多了字符"),
)
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_CJK = re.compile(r"[\u3400-\u9fff]")


def load_settings(path: Path) -> Settings:
    """Read and validate the configuration file; :class:`ConfigError` names file, line and key."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取配置文件 ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: 配置文件不是 UTF-8 编码，请用记事本或 WPS 另存为 UTF-8") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(syntax_error(path, text, str(exc))) from exc
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        lines = key_lines(text)
        errors = exc.errors(include_url=False)
        said = [
            f"{path}: {describe(errors[0], lines)}",
            *(f"  另有: {describe(e, lines)}" for e in errors[1:]),
        ]
        raise ConfigError("\n".join(said)) from exc


def syntax_error(path: Path, text: str, message: str) -> str:
    """A TOML syntax error as one line: where, what, and the likely cause."""
    found = _AT.search(message)
    number = int(found.group(1)) if found else 0
    what = next((cn for en, cn in _SYNTAX if message.startswith(en)), _AT.sub("", message).strip())
    lines = text.splitlines()
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    cause = likely_cause(line)
    where = f"第{number}行 " if number else ""
    return f"{path}: {where}TOML 语法错误：{what}" + (f"；可能的原因：{cause}" if cause else "")


def likely_cause(line: str) -> str:
    """What a clerk typing in a Chinese input method most likely got wrong on ``line``."""
    if re.search(r"[“”‘’]", line):
        return '使用了中文引号“”，请改为英文引号 "'
    if "＝" in line:
        return "使用了全角等号＝，请改为 ="
    key = line.split("=", 1)[0].strip() if "=" in line else ""
    if key and _CJK.search(key) and not key.startswith(('"', "'", "[")):
        return f'中文的配置项名称要加英文引号，如 "{key}" = …'
    if re.search(r"[［］｛｝，：]", line):
        return "使用了全角的括号、逗号或冒号，请改为半角"
    return ""


def describe(err: ErrorDetails, lines: Mapping[str, int]) -> str:
    """``第12行 bodies[3].group: 取值应为「unit」「project」「office」之一``."""
    loc = tuple(err["loc"])
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    key = key_path(loc)
    if err["type"] == "xcreport":
        key = ".".join(k for k in (key, str(ctx["key"])) if k)
        message = str(ctx["message"])
    elif err["type"] == "literal_error":
        message = f"取值应为{_choices(str(ctx.get('expected', '')))}之一"
    elif err["type"] == "extra_forbidden":
        message = _MESSAGES["extra_forbidden"] + _did_you_mean(loc)
    else:
        message = _MESSAGES.get(err["type"], err["msg"].removeprefix("Value error, "))
        if "{" in message:
            message = message.format(
                **{k: num(v) if isinstance(v, int | float) else v for k, v in ctx.items()}
            )
    line = find_line(lines, key)
    return " ".join(
        part for part in (f"第{line}行" if line else "", f"{key}:" if key else "", message) if part
    )


def _choices(expected: str) -> str:
    """pydantic's "'unit', 'project' or 'office'" → 「unit」「project」「office」."""
    return "".join(f"「{item}」" for item in re.findall(r"'([^']*)'", expected)) or expected


def _did_you_mean(loc: Sequence[int | str]) -> str:
    """（是否应为 cutoff_day？）for a misspelt key, from the keys its section accepts."""
    model: type[BaseModel] | None = Settings
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        model = _model_of(field.annotation) if field is not None else None
    if model is None:
        return ""
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
    return f"（是否应为 {close[0]}？）" if close else ""


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The section model a field holds (itself, or the items of a tuple of them)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def key_path(loc: Sequence[int | str]) -> str:
    """('bodies', 0, 'group') → 'bodies[0].group'."""
    parts: list[str] = []
    for item in loc:
        parts.append(f"[{item}]" if isinstance(item, int) else ("." if parts else "") + str(item))
    return "".join(parts)


_LAST_PART = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


def find_line(lines: Mapping[str, int], key: str) -> int:
    """The line of ``key``, else of the nearest enclosing key or table; 0 when none is known."""
    while key:
        if key in lines:
            return lines[key]
        key = _LAST_PART.sub("", key) if _LAST_PART.search(key) else ""
    return 0


_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*$")
_ARRAY_TABLE = re.compile(r"^\s*\[\[\s*([^\[\]]+?)\s*\]\]\s*$")
_KEY = re.compile(
    r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*="""
)
_INLINE_KEY = re.compile(r"""[{,]\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def _key(text: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in re.findall(r""""[^"]*"|'[^']*'|[^.]+""", text))


def key_lines(text: str) -> dict[str, int]:
    """Key path ('bodies[3].group', 'cadence.cutoff_day') → the line it is written on.

    Enough of TOML for the files offices write: tables, arrays of tables, keys (quoted or dotted),
    the keys of one-line inline tables; lines inside a multi-line array are skipped.
    """
    found: dict[str, int] = {}
    counts: dict[str, int] = {}
    prefix, depth = "", 0
    for number, line in enumerate(text.splitlines(), start=1):
        bare = _strip_comment(line)
        if depth:
            depth += bare.count("[") - bare.count("]")
            continue
        if match := _ARRAY_TABLE.match(bare):
            name = _key(match.group(1))
            counts[name] = counts.get(name, -1) + 1
            prefix = f"{name}[{counts[name]}]"
            found[prefix] = number
        elif match := _TABLE.match(bare):
            prefix = _key(match.group(1))
            found.setdefault(prefix, number)
        elif match := _KEY.match(bare):
            key = ".".join(k for k in (prefix, _key(match.group(1))) if k)
            found[key] = number
            rest = bare[match.end() :]
            for inline in _INLINE_KEY.findall(rest):
                found[f"{key}.{_key(inline)}"] = number
            depth = max(0, rest.count("[") - rest.count("]"))
    return found


def _strip_comment(line: str) -> str:
    """``line`` without a trailing ``# comment`` (a # inside quotes is kept)."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[:i]
    return line

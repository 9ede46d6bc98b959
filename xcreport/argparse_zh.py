"""argparse in Chinese: its own words (用法、选项、错误) as well as ours.

argparse looks its words up through ``gettext`` (the module-level ``_`` and ``ngettext`` of
:mod:`argparse`).  :class:`ChineseArgumentParser` answers those look-ups from the table below while
it builds itself, parses, prints help or reports an error, and leaves them as they were otherwise;
a word the table does not know (a newer Python's) stays as argparse wrote it.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn

from xcreport.text import display_width

#: argparse's messages (Python 3.11–3.13) → Chinese; the %-placeholders are kept.
MESSAGES: dict[str, str] = {
    "usage: ": "用法: ",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数: %s",
    "unrecognized arguments: %s": "无法识别的参数: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择 %(value)r（可选: %(choices)s）",
    "invalid choice: %(value)r, choose from %(choices)s": "无效的选择 %(value)r（可选: %(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s: %(message)s",
    "expected one argument": "后面应有一个取值",
    "expected at most one argument": "后面最多一个取值",
    "expected at least one argument": "后面至少一个取值",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ignored explicit argument %r": "不接受取值 %r",
    "one of the arguments %s is required": "参数 %s 必须选一个",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项 %s",
    "invalid %(type)s value: %(value)r": "取值 %(value)r 无效",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 错误: %(message)s\n",
    "can't open '%(filename)s': %(error)s": "无法打开「%(filename)s」: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可选:"
    " %(choices)s）",
}
#: The messages argparse words with ngettext: (singular, plural) → Chinese.
PLURALS: dict[tuple[str, str], str] = {
    ("expected %s argument", "expected %s arguments"): "后面应有 %s 个取值",
}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    found = PLURALS.get((singular, plural))
    if found is not None:
        return found
    return singular if n == 1 else plural


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    """Answer argparse's gettext look-ups in Chinese for the duration of the block."""
    module: Any = argparse
    saved: tuple[Callable[..., str], Callable[..., str]] = (module._, module.ngettext)
    module._, module.ngettext = translate, translate_plural
    try:
        yield
    finally:
        module._, module.ngettext = saved


class HelpFormatter(argparse.HelpFormatter):
    """Each option's help on the lines below it: argparse aligns columns by characters, and a
    Chinese character is two columns wide, so side-by-side columns would not line up."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=6)

    def _split_lines(self, text: str, width: int) -> list[str]:
        """Wrap at ``width`` screen columns (a Chinese character takes two)."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for ch in " ".join(paragraph.split()):
                if display_width(line + ch) > width:
                    lines.append(line.rstrip())
                    line = ch.lstrip()
                else:
                    line += ch
            lines.append(line)
        return lines


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese: help, usage and errors.

    ``hint`` is added below an error (e.g. where to find the help).
    """

    def __init__(self, *args: Any, hint: str = "", **kwargs: Any) -> None:
        self.hint = hint
        kwargs.setdefault("formatter_class", HelpFormatter)
        with chinese():
            super().__init__(*args, **kwargs)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with chinese():
            return super().parse_known_args(args, namespace)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        with chinese():
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese():
            return super().format_help()

    def add_subparsers(self, **kwargs: Any) -> Any:
        with chinese():
            return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        """Usage, then ``xcreport monthly: 错误: …`` and the hint, on stderr; exit code 2."""
        self.print_usage(sys.stderr)
        hint = f"\n{self.hint}" if self.hint else ""
        self.exit(2, f"{self.prog}: 错误: {message}{hint}\n")

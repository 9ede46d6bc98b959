"""``xcreport`` — the command line: parse, load settings, call the pipeline, say what happened.

Every screen is in Chinese (argparse's own words too: :mod:`xcreport.argparse_zh`), and every run
first names the configuration and the ledger folder it used.  Exit codes: 0 done (findings do not
fail a run); 1 the run could not produce its outputs, an unsent mail, or ``--strict`` with error
findings; 2 bad usage or bad configuration (one line naming the file and the key).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from xcreport import __version__
from xcreport.argparse_zh import ChineseArgumentParser
from xcreport.config import DEFAULT_CONFIG_NAME, Settings, load_settings
from xcreport.county import Where
from xcreport.errors import UsageError, XcreportError
from xcreport.fsutil import scratch_prefix, sweep_stale_scratch
from xcreport.text import os_error_text

if TYPE_CHECKING:
    from xcreport.deliver import SendReport
    from xcreport.pipeline import RunResult

log = logging.getLogger("xcreport")

DEFAULT_OUT = Path("out")
_Sub = argparse._SubParsersAction


def _today(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」应为 年-月-日，例如 2015-01-20") from None


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"「{text}」应为四位年份，例如 2014")
    return int(text)


def _config(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="文件",
        help=f"配置文件（默认：当前文件夹的 {DEFAULT_CONFIG_NAME}，没有时用内置的示例县配置）",
    )


def _common(p: argparse.ArgumentParser) -> None:
    """--ledgers, --config, --out and --today of the commands that read the ledgers."""
    p.add_argument(
        "--ledgers",
        type=Path,
        default=None,
        metavar="文件夹",
        help="台账文件夹，含子文件夹（默认：配置文件旁边的「台账」文件夹；示例县用内置的示例台账）",
    )
    _config(p)
    p.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="文件夹",
        help="输出文件夹，每期一个子文件夹，如 out/2014年3月/（默认：%(default)s）",
    )
    p.add_argument(
        "--today",
        type=_today,
        default=None,
        metavar="年-月-日",
        help="按哪一天运行：决定默认统计期间和“晚于今天”的检查（默认：今天）",
    )


def _strict(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="有“错误”级的校验问题时以退出码 1 结束")


def _reporting(p: argparse.ArgumentParser) -> None:
    """--send, --resend, --strict and --templates of monthly and annual."""
    p.add_argument("--send", action="store_true", help="生成后发送 outbox 中的邮件（默认只生成，不发送）")
    p.add_argument("--resend", action="store_true", help="与 --send 同用：已发送过的也重新发送")
    p.add_argument("--issue-no", default=None, metavar="N", help="通报的期号（默认为月份）")
    p.add_argument(
        "--date",
        type=_today,
        default=None,
        metavar="YYYY-MM-DD",
        help="成文日期（默认为运行当天，即 --today）",
    )
    _strict(p)
    p.add_argument(
        "--templates",
        type=Path,
        default=None,
        metavar="文件夹",
        help="通报和邮件模板所在的文件夹（默认：配置文件旁边的「模板」文件夹，没有时用内置模板）",
    )


def _sub(sub: _Sub[ChineseArgumentParser], name: str, text: str) -> ChineseArgumentParser:
    return sub.add_parser(
        name, help=text, description=text, add_help=False, hint=f"查看用法：xcreport {name} --help"
    )


def _report_commands(sub: _Sub[ChineseArgumentParser]) -> None:
    p = _sub(sub, "monthly", "月度通报、排名表、校验问题清单、退回修改清单和邮件")
    _help(p)
    _common(p)
    p.add_argument(
        "--month",
        default=None,
        metavar="年-月",
        help="统计哪个月，如 2014-03（默认：最近一个已结束且有记录的月份）",
    )
    _reporting(p)

    p = _sub(sub, "annual", "年度通报和年度综合考核")
    _help(p)
    _common(p)
    p.add_argument(
        "--year", type=_year, default=None, metavar="年", help="统计哪一年，如 2014（默认：最近有记录的年份）"
    )
    _reporting(p)

    p = _sub(sub, "validate", "只校验台账：校验问题清单和各单位的退回修改清单")
    _help(p)
    _common(p)
    _strict(p)


def _other_commands(sub: _Sub[ChineseArgumentParser]) -> None:
    p = _sub(sub, "init", "生成带下拉选项的空白台账，年初下发各单位")
    _help(p)
    p.add_argument("dir", type=Path, metavar="文件夹", help="空白台账写到哪个文件夹")
    _config(p)
    p.add_argument("--year", type=_year, default=None, metavar="年", help="台账年度（默认：今年）")

    p = _sub(sub, "init-config", "为本县建一个文件夹：可修改的配置文件、模板和「台账」文件夹")
    _help(p)
    p.add_argument("dir", type=Path, metavar="文件夹", help="新建或已有的文件夹（已有的配置文件不会被覆盖）")

    p = _sub(sub, "check-config", "检查配置文件，列出程序读到的单位、计分、目标和收件人")
    _help(p)
    _config(p)

    p = _sub(sub, "send", "发送已生成的邮件（outbox），已发送过的不重复发送")
    _help(p)
    p.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="文件夹",
        help="某一期的输出文件夹（如 out/2014年3月），或输出总文件夹加 --month / --year（默认：%(default)s）",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument("--month", default=None, metavar="年-月", help="发送哪个月的邮件，如 2014-03")
    which.add_argument("--year", type=_year, default=None, metavar="年", help="发送哪一年的年度邮件")
    _config(p)
    again = p.add_mutually_exclusive_group()
    again.add_argument("--resend", action="store_true", help="已发送过的也重新发送")
    again.add_argument(
        "--resend-uncertain",
        action="store_true",
        help="只补发上次发送中途中断、状态不明的邮件（请先向收件人确认没有收到）",
    )
    again.add_argument(
        "--test", default=None, metavar="邮箱", help="只发一封测试邮件到这个邮箱，检查邮件服务器的设置"
    )


def _remind_command(sub: _Sub[ChineseArgumentParser]) -> None:
    p = _sub(sub, "remind", "截止日前催报：提醒还没有完成本半月、本月报送要求的单位（按配置的提醒日）")
    _help(p)
    _common(p)
    p.add_argument("--send", action="store_true", help="发送提醒邮件（默认只生成，不发送）")
    p.add_argument(
        "--templates",
        type=Path,
        default=None,
        metavar="文件夹",
        help="邮件模板所在的文件夹（默认：配置文件旁边的「模板」文件夹，没有时用内置模板）",
    )


def _help(p: argparse.ArgumentParser) -> None:
    p.add_argument("-h", "--help", action="help", help="显示本帮助并退出")


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(
        prog="xcreport",
        description="信息宣传台账统计与通报：读取、校验各单位的台账，计分、排名，生成通报并发送邮件。",
        epilog="每个命令的用法：xcreport 命令 --help，例如 xcreport monthly --help",
        add_help=False,
        hint="查看用法：xcreport --help",
    )
    _help(parser)
    parser.add_argument(
        "--version", action="version", version=f"xcreport {__version__}", help="显示版本号并退出"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="显示每一步的详细信息")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令", title="命令")
    _report_commands(sub)
    _other_commands(sub)
    _remind_command(sub)
    return parser


def _first_line(where: Where, what: str = "") -> Settings:
    """Load the configuration, then name it (and ``what`` it works on) as the run's first line."""
    settings = load_settings(where.config)
    print(f"配置文件：{where.label}" + (f"；{what}" if what else ""), flush=True)
    return settings


def _print_run(result: RunResult, send_report: SendReport | None) -> None:
    from xcreport.render.outputs import CORRECTIONS_DIR, OUTBOX_DIR

    outputs, folder = result.outputs, result.out_dir
    if result.period is not None:
        print(f"统计期间：{result.period.span_label}")
    print(
        f"校验问题：错误 {result.errors} 条，警告 {result.warnings} 条"
        + (f"，逐条见 {outputs.findings}" if result.errors or result.warnings else "")
    )
    print(f"输出文件夹：{folder}")
    for f in outputs.documents:
        print(f"  {f.relative_to(folder)}")
    if outputs.corrections:
        print(f"  {CORRECTIONS_DIR}/（{len(outputs.corrections)} 个单位的退回修改清单）")
    if outputs.mails:
        sent = "" if send_report is not None else f"，未发送；发送：xcreport send --out {_quoted(folder)}"
        print(f"  {OUTBOX_DIR}/（{len(outputs.mails)} 封邮件{sent}）")


def _quoted(path: Path) -> str:
    text = str(path)
    return f'"{text}"' if " " in text else text


def _report(args: argparse.Namespace, today: dt.date) -> int:
    from xcreport import pipeline  # imported late: `xcreport --help` stays fast

    where = Where.find(args.config)
    ledgers = where.ledgers(args.ledgers)
    settings = _first_line(where, f"台账文件夹：{ledgers}")
    if args.command == "validate":
        result = pipeline.run_validate(ledgers, settings, args.out, today=today)
    else:
        result = pipeline.run_report(
            args.command,
            ledgers,
            settings,
            args.out,
            today=today,
            month=getattr(args, "month", None),
            year=getattr(args, "year", None),
            send=args.send,
            resend=args.resend,
            template_dir=where.templates(args.templates),
            sent_log=where.sent_log(args.out),
            issue_no=args.issue_no,
            issued=args.date,
        )
    for note in result.notes:
        print(f"xcreport: 注意: {note}", file=sys.stderr)
    _print_run(result, result.send_report)
    code = 1 if (args.strict and result.errors) else 0
    if result.send_report is not None:
        from xcreport.deliver import format_send_report

        print(format_send_report(result.send_report, result.out_dir))
        if not result.send_report.ok:
            code = 1
    return code


def _send(args: argparse.Namespace, today: dt.date) -> int:
    from xcreport import pipeline
    from xcreport.deliver import format_send_report, send_test_mail

    where = Where.find(args.config)
    if args.test:
        settings = _first_line(where, f"测试邮件：{args.test}")
        print(send_test_mail(settings, args.test))
        return 0
    folder = pipeline.send_folder(args.out, today=today, month=args.month, year=args.year)
    log_path = where.sent_log(folder.parent)
    settings = _first_line(where, f"发送：{folder}；发送记录：{log_path}")
    report = pipeline.run_send(
        folder, settings, resend=args.resend, resend_uncertain=args.resend_uncertain, sent_log=log_path
    )
    print(format_send_report(report, folder))
    return 0 if report.ok else 1


def _remind(args: argparse.Namespace, today: dt.date) -> int:
    from xcreport.remind import format_remind, run_remind

    where = Where.find(args.config)
    ledgers = where.ledgers(args.ledgers)
    settings = _first_line(where, f"台账文件夹：{ledgers}")
    result = run_remind(
        ledgers,
        settings,
        args.out,
        today=today,
        send=args.send,
        template_dir=where.templates(args.templates),
        sent_log=where.sent_log(args.out),
    )
    print(format_remind(result))
    if result.send_report is None:
        return 0
    from xcreport.deliver import format_send_report

    print(format_send_report(result.send_report, result.out_dir))
    return 0 if result.send_report.ok else 1


def _init(args: argparse.Namespace, today: dt.date) -> int:
    from xcreport.blank import write_blank_ledgers

    settings = _first_line(Where.find(args.config), f"空白台账写到：{args.dir}")
    files = write_blank_ledgers(args.dir, settings, args.year or today.year)
    print(f"已生成 {len(files)} 个空白台账：{args.dir}")
    return 0


def _init_config(args: argparse.Namespace, today: dt.date) -> int:
    from xcreport.county import init_config

    written = init_config(args.dir)
    print(f"已为本县建好文件夹 {args.dir}：")
    for path in written:
        print(f"  {path}")
    print(
        f"下一步：修改 {written[0]}，运行 xcreport check-config 核对；"
        f"把台账放进 {args.dir / '台账'} 后，在 {args.dir} 里运行 xcreport monthly"
    )
    return 0


def _check_config(args: argparse.Namespace, today: dt.date) -> int:
    from xcreport.describe import describe_settings

    where = Where.find(args.config)
    settings = _first_line(where, f"发送记录：{where.sent_log(DEFAULT_OUT)}")
    for line in describe_settings(settings, os.environ):
        print(line)
    print("配置文件没有发现错误。")
    return 0


_COMMANDS = {
    "monthly": _report,
    "annual": _report,
    "validate": _report,
    "send": _send,
    "init": _init,
    "init-config": _init_config,
    "check-config": _check_config,
    "remind": _remind,
}


@contextlib.contextmanager
def _private_matplotlib_config() -> Iterator[None]:
    """Give matplotlib a temporary config and cache folder for this run, removed at its end.

    OUTPUTS.md: nothing outside --out is kept (not matplotlib's font cache; rebuilding it costs
    ~0.1 s); the user's own MPLCONFIGDIR is respected.  What killed runs left there goes first.
    """
    sweep_stale_scratch(Path(tempfile.gettempdir()))
    if "MPLCONFIGDIR" in os.environ:
        yield
        return
    with tempfile.TemporaryDirectory(prefix=scratch_prefix("mpl")) as folder:
        os.environ["MPLCONFIGDIR"] = folder
        try:
            yield
        finally:
            del os.environ["MPLCONFIGDIR"]


class ChineseLogFormatter(logging.Formatter):
    """``xcreport: 注意: …`` — the level in Chinese, as the rest of the screen."""

    LEVELS: ClassVar[dict[str, str]] = {
        "DEBUG": "调试",
        "INFO": "",
        "WARNING": "注意",
        "ERROR": "错误",
        "CRITICAL": "错误",
    }

    def format(self, record: logging.LogRecord) -> str:
        level = self.LEVELS.get(record.levelname, record.levelname)
        return f"xcreport: {level}: {record.getMessage()}" if level else f"xcreport: {record.getMessage()}"


def _logging(verbose: bool) -> None:
    """Warnings (and with -v, each step) on stderr, in Chinese; a no-op when logging is set up."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(ChineseLogFormatter())
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _logging(args.verbose)
    today = getattr(args, "today", None) or dt.date.today()
    try:
        with _private_matplotlib_config():
            return _COMMANDS[args.command](args, today)
    except XcreportError as exc:
        prefix = "配置错误" if exc.exit_code == 2 and not isinstance(exc, UsageError) else "错误"
        print(f"xcreport: {prefix}: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader of our output went away (`xcreport … | head`): nothing more to say to it.
        sys.stderr.close()
        return 1
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        print(f"xcreport: 错误: 无法读写文件{where}（{os_error_text(exc)}）", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("xcreport: 已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

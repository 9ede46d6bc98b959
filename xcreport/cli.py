"""``xcreport`` — the command line: parse, load settings, call the pipeline, say what happened.

Exit codes: 0 done (findings do not fail a run); 1 the run could not produce its outputs, an
unsent mail, or ``--strict`` with error findings; 2 bad usage or bad configuration (one line naming
the file and the key).
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
from typing import TYPE_CHECKING

from xcreport import __version__
from xcreport.config import DEFAULT_CONFIG_NAME, Settings, load_settings
from xcreport.errors import UsageError, XcreportError
from xcreport.resources import sample_config, sample_ledgers

if TYPE_CHECKING:
    from xcreport.render.outputs import Outputs

log = logging.getLogger("xcreport")

SAMPLE_LEDGERS = sample_ledgers()
SAMPLE_CONFIG = sample_config()
DEFAULT_OUT = Path("out")


def _default_config() -> Path:
    """``xcreport.toml`` in the current folder when present, else the sample county's."""
    here = Path(DEFAULT_CONFIG_NAME)
    return here if here.is_file() else SAMPLE_CONFIG


def _today(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」应为 YYYY-MM-DD") from None


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"「{text}」应为四位年份，例如 2014")
    return int(text)


def _common(p: argparse.ArgumentParser) -> None:
    """--ledgers, --config, --out and --today of the commands that read the ledgers."""
    p.add_argument(
        "--ledgers",
        type=Path,
        default=SAMPLE_LEDGERS,
        metavar="DIR",
        help="folder of ledger workbooks, read recursively (default: %(default)s)",
    )
    p.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="FILE",
        help=f"configuration (default: ./{DEFAULT_CONFIG_NAME} if present, else {SAMPLE_CONFIG})",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="where outputs are written (default: %(default)s)",
    )
    p.add_argument(
        "--today",
        type=_today,
        default=None,
        metavar="YYYY-MM-DD",
        help="the run's date, for future-date checks and the default period (default: today)",
    )


def _strict(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strict", action="store_true", help="exit 1 when any finding is an error")


def _reporting(p: argparse.ArgumentParser) -> None:
    """--send, --resend, --strict and --templates of monthly and annual."""
    p.add_argument(
        "--send",
        action="store_true",
        help="send the mails in outbox/ over SMTP (default: only write them)",
    )
    p.add_argument("--resend", action="store_true", help="with --send: send again what was already sent")
    _strict(p)
    p.add_argument(
        "--templates",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder of the Word and mail templates (default: the project's templates/)",
    )


def _report_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("monthly", help="the monthly 通报, rankings, findings, correction lists, mails")
    _common(p)
    p.add_argument(
        "--month",
        default=None,
        metavar="YYYY-MM",
        help="month to report (default: the latest ended month with rows)",
    )
    _reporting(p)

    p = sub.add_parser("annual", help="the annual 通报 and 考核 (年度综合考核)")
    _common(p)
    p.add_argument(
        "--year",
        type=_year,
        default=None,
        metavar="YYYY",
        help="year to report (default: the year of the latest ended month with rows)",
    )
    _reporting(p)

    p = sub.add_parser("validate", help="only the findings list and one correction list per body")
    _common(p)
    _strict(p)


def _other_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="blank ledger workbooks with drop-down lists, to hand out in January")
    p.add_argument("dir", type=Path, metavar="DIR", help="folder to write the blank ledgers into")
    p.add_argument("--config", type=Path, default=None, metavar="FILE", help="configuration")
    p.add_argument(
        "--year", type=_year, default=None, metavar="YYYY", help="ledger year (default: this year)"
    )

    p = sub.add_parser("send", help="send the mails a finished run left in DIR/outbox")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help="output folder of the run")
    p.add_argument("--config", type=Path, default=None, metavar="FILE", help="configuration")
    again = p.add_mutually_exclusive_group()
    again.add_argument("--resend", action="store_true", help="send again what was already sent")
    again.add_argument(
        "--resend-uncertain",
        action="store_true",
        help="send again only what a send that broke off may or may not have delivered",
    )


def _remind_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "remind", help="remind the bodies short of this half's or this month's duty, on the configured days"
    )
    _common(p)
    p.add_argument("--send", action="store_true", help="send the reminders (default: only write them)")
    p.add_argument("--templates", type=Path, default=None, metavar="DIR", help="folder of the mail templates")


def _remind(args: argparse.Namespace, today: dt.date) -> int:
    from xcreport.remind import format_remind, run_remind

    result = run_remind(
        args.ledgers, _settings(args), args.out, today=today, send=args.send, template_dir=args.templates
    )
    print(format_remind(result))
    if result.send_report is None:
        return 0
    from xcreport.deliver import format_send_report

    print(format_send_report(result.send_report, result.out_dir))
    return 0 if result.send_report.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xcreport",
        description="信息宣传台账统计与通报: read, check, score, rank and report the ledgers.",
    )
    parser.add_argument("--version", action="version", version=f"xcreport {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="say more about each step")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _report_commands(sub)
    _other_commands(sub)
    _remind_command(sub)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.config or _default_config())


def _print_files(outputs: Outputs, out_dir: Path) -> None:
    from xcreport.render.outputs import CORRECTIONS_DIR, OUTBOX_DIR

    for f in outputs.documents:
        print(f"  {f}")
    if outputs.corrections:
        print(f"  {out_dir / CORRECTIONS_DIR}/ ({len(outputs.corrections)} 个单位的退回修改清单)")
    if outputs.mails:
        print(f"  {out_dir / OUTBOX_DIR}/ ({len(outputs.mails)} 封邮件，未发送；加 --send 发送)")


def _run(args: argparse.Namespace) -> int:
    from xcreport import pipeline  # imported late: `xcreport --help` stays fast

    today = getattr(args, "today", None) or dt.date.today()
    if args.command == "init":
        from xcreport.blank import write_blank_ledgers

        settings = _settings(args)
        files = write_blank_ledgers(args.dir, settings, args.year or today.year)
        print(f"已生成 {len(files)} 个空白台账: {args.dir}")
        return 0
    if args.command == "remind":
        return _remind(args, today)
    if args.command == "send":
        from xcreport.deliver import format_send_report

        report = pipeline.run_send(
            args.out, _settings(args), resend=args.resend, resend_uncertain=args.resend_uncertain
        )
        print(format_send_report(report, args.out))
        return 0 if report.ok else 1

    settings = _settings(args)
    if args.command == "validate":
        result = pipeline.run_validate(args.ledgers, settings, args.out, today=today)
    else:
        result = pipeline.run_report(
            args.command,
            args.ledgers,
            settings,
            args.out,
            today=today,
            month=getattr(args, "month", None),
            year=getattr(args, "year", None),
            send=args.send,
            resend=args.resend,
            template_dir=args.templates or pipeline.DEFAULT_TEMPLATES,
        )
    for note in result.notes:
        print(f"xcreport: 注意: {note}", file=sys.stderr)
    if result.period is not None:
        print(f"统计期间: {result.period.span_label}")
    print(f"校验问题: 错误 {result.errors} 条，警告 {result.warnings} 条")
    print("输出文件:")
    _print_files(result.outputs, args.out)
    code = 1 if (args.strict and result.errors) else 0
    if result.send_report is not None:
        from xcreport.deliver import format_send_report

        print(format_send_report(result.send_report, args.out))
        if not result.send_report.ok:
            code = 1
    return code


@contextlib.contextmanager
def _private_matplotlib_config() -> Iterator[None]:
    """Give matplotlib a temporary config and cache folder for this run, removed at its end.

    OUTPUTS.md: nothing outside --out is written.  matplotlib would otherwise leave its font cache
    in the user's home folder; rebuilding it costs about a tenth of a second.  A folder the user
    chose with MPLCONFIGDIR is respected.
    """
    if "MPLCONFIGDIR" in os.environ:
        yield
        return
    with tempfile.TemporaryDirectory(prefix="xcreport-mpl-") as folder:
        os.environ["MPLCONFIGDIR"] = folder
        try:
            yield
        finally:
            del os.environ["MPLCONFIGDIR"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(message)s",
        stream=sys.stderr,
    )
    try:
        with _private_matplotlib_config():
            return _run(args)
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
        print(f"xcreport: 错误: 无法读写文件{where} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("xcreport: 已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

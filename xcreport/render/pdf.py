"""The 通报 as PDF beside the .docx, for leaders who read on their phones.

LibreOffice converts it, headless, when it is installed (``soffice`` or ``libreoffice`` on the
PATH): in a temporary folder of its own, with a private profile there (so that it neither meets a
LibreOffice the user has open nor writes into the home folder), within :data:`TIMEOUT_S` seconds,
and the folder is removed afterwards.  Blank pages are exported: the 版记 stands on an even page
when printed on both sides.  The PDF's dates and identifiers are replaced by fixed ones, so the
same .docx gives the same bytes (and a mail carrying it is not sent again).

When LibreOffice is missing, fails or takes too long, :class:`PdfError` says so in one Chinese
line; the run goes on without the PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from xcreport.errors import XcreportError
from xcreport.fsutil import scratch_prefix, write_bytes_atomic

OFFICE_BINARIES = ("soffice", "libreoffice")
TIMEOUT_S = 180
#: LibreOffice's PDF export, automatically inserted blank pages kept.
EXPORT_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{14})")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")


class PdfError(XcreportError):
    """The PDF could not be made; the message says why, in Chinese (a note, never a failed run)."""


def office_binary() -> str | None:
    """LibreOffice's command, or None when it is not installed."""
    for name in OFFICE_BINARIES:
        found = shutil.which(name)
        if found:
            return found
    return None


def fixed_pdf(data: bytes, stamp: dt.datetime) -> bytes:
    """``data`` with its creation dates set to ``stamp`` and its identifiers made from its content.

    Every replacement keeps the length of what it replaces, so the cross-reference table's offsets
    stay right.
    """
    digits = stamp.strftime("%Y%m%d%H%M%S").encode()
    data = _DATE.sub(lambda m: b"/" + m.group(1) + b"(D:" + digits, data)
    blank = _ID.sub(
        lambda m: b"/ID [<" + b"0" * len(m.group(1)) + b"> <" + b"0" * len(m.group(2)) + b">]", data
    )
    blank = _CHECKSUM.sub(lambda m: b"/DocChecksum /" + b"0" * len(m.group(1)), blank)
    digest = hashlib.sha256(blank).hexdigest().upper().encode()

    def ident(m: re.Match[bytes]) -> bytes:
        first, second = (digest * 4)[: len(m.group(1))], (digest[::-1] * 4)[: len(m.group(2))]
        return m.group(0).replace(m.group(1), first, 1).replace(m.group(2), second, 1)

    data = _ID.sub(ident, data)
    return _CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), (digest * 4)[: len(m.group(1))]), data)


def convert_to_pdf(docx: Path, out_path: Path, stamp: dt.datetime, *, timeout: float = TIMEOUT_S) -> Path:
    """Write ``docx`` as PDF to ``out_path`` (atomically); :class:`PdfError` when it cannot."""
    binary = office_binary()
    if binary is None:
        raise PdfError("未安装 LibreOffice（soffice），未生成 PDF 版通报；Word 版已生成")
    with tempfile.TemporaryDirectory(prefix=scratch_prefix("pdf")) as folder:
        tmp = Path(folder)
        source = tmp / "report.docx"  # an ASCII name: LibreOffice names its output after it
        shutil.copyfile(docx, source)
        command = [
            binary,
            f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
            "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", EXPORT_FILTER, "--outdir", str(tmp), str(source),
        ]  # fmt: skip
        env = {**os.environ, "HOME": str(tmp), "XDG_CACHE_HOME": str(tmp / "cache"), "TZ": "UTC"}
        _run(command, env, timeout)
        pdf = tmp / "report.pdf"
        if not pdf.is_file():
            raise PdfError("LibreOffice 未能把通报转换为 PDF，未生成 PDF 版通报；Word 版已生成")
        write_bytes_atomic(out_path, fixed_pdf(pdf.read_bytes(), stamp))
    return out_path


def _run(command: list[str], env: dict[str, str], timeout: float) -> None:
    """Run LibreOffice in a process group of its own, ended with all its children on a timeout."""
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
    except OSError as exc:
        raise PdfError(f"无法启动 LibreOffice（{exc.strerror or exc}），未生成 PDF 版通报") from exc
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise PdfError(f"LibreOffice 转换超过{timeout:g}秒未完成，未生成 PDF 版通报；Word 版已生成") from None

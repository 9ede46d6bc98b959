"""One mail as ``.eml`` bytes: encoded so every client shows the Chinese, and deterministic.

CRLF, 7-bit; Chinese headers RFC 2047, attachment names RFC 2231 (and in ``name=`` for the clients
that read only that).  The Message-ID and the MIME boundary come from a hash of the content, so two
runs on the same inputs write identical bytes.  Each file records in X- headers what ``send`` keys
its sent log on: the period, the report kind, which mail it is and the sha256 of every attachment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from email import policy
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path

from xcreport.errors import DeliveryError
from xcreport.period import Period
from xcreport.text import os_error_text

HEADER_PERIOD = "X-Xcreport-Period"  # Period.key: '2014-03' or '2014'
HEADER_KIND = "X-Xcreport-Kind"  # monthly | annual | remind
HEADER_MAIL = "X-Xcreport-Mail"  # leaders | body | remind:<duty>:<day>
HEADER_BODY = "X-Xcreport-Body"  # the body's registered name (body mails only)
HEADER_ATTACHMENTS = "X-Xcreport-Attachments"  # 'sha256:<hex>, sha256:<hex>' in attachment order

#: Exact types for the attachments a run produces; anything else is application/octet-stream.
_MIME_TYPES: dict[str, tuple[str, str]] = {
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pdf": ("application", "pdf"),
    ".json": ("application", "json"),
    ".png": ("image", "png"),
}
#: CRLF and 78-column folding for headers set through the API; headers written raw stay as written.
POLICY = policy.SMTP.clone(refold_source="none")


def _content_type(ctype: str, filename: str) -> str:
    """A pre-folded Content-Type with the file name also in ``name=`` (RFC 2047 words when not ASCII).

    Content-Disposition carries the name RFC 2231-encoded (``filename*=utf-8''…``), which current
    clients read; ``name="=?utf-8?b?…?="`` is the form Outlook and Thunderbird themselves write,
    for clients that read only that.  Written raw because the email package, asked to fold a
    long MIME type with a non-ASCII parameter, encodes the MIME type itself and breaks it.
    """
    if filename.isascii() and filename.isprintable() and not any(c in filename for c in '"\\'):
        return f'{ctype};\n name="{filename}"'
    words = Header(filename, "utf-8").encode(maxlinelen=60).split()
    return f'{ctype};\n name="' + "\n ".join(words) + '"'


def compose_message(
    *,
    subject: str,
    text: str,
    sender: str,
    to: Sequence[Address],
    date: dt.datetime,
    period: Period,
    mail: str,
    body: str,
    attachments: Sequence[Path],
    kind: str | None = None,
) -> bytes:
    """One mail as .eml bytes (CRLF, 7-bit; Chinese headers RFC 2047, file names RFC 2231).

    ``kind`` (X-Xcreport-Kind) is the period's kind unless given (``remind`` for reminders)."""
    kind = kind or period.kind
    payloads: list[tuple[Path, bytes, str]] = []
    for path in attachments:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DeliveryError(f"邮件附件无法读取：{path}（{os_error_text(exc)}）") from exc
        payloads.append((path, data, hashlib.sha256(data).hexdigest()))
    digest = hashlib.sha256(
        json.dumps(
            [
                subject,
                text,
                sender,
                [str(a) for a in to],
                date.isoformat(),
                period.key,
                kind,
                mail,
                body,
            ]
            + [[p.name, h] for p, _, h in payloads],
            ensure_ascii=False,
        ).encode("utf-8")
    ).hexdigest()
    addr = parseaddr(sender)[1]
    domain = addr.rsplit("@", 1)[1] if "@" in addr else "xcreport.invalid"

    msg = EmailMessage(policy=POLICY)
    if sender:
        msg["From"] = sender
    msg["To"] = list(to)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = f"<xcreport.{period.key}.{digest[:32]}@{domain}>"
    msg[HEADER_PERIOD] = period.key
    msg[HEADER_KIND] = kind
    msg[HEADER_MAIL] = mail
    if body:
        msg[HEADER_BODY] = body
    # raw, one hash a line: folding would otherwise start the value on a line of its own
    msg.set_raw(HEADER_ATTACHMENTS, ",\n ".join(f"sha256:{h}" for _, _, h in payloads))
    msg.set_content(text, subtype="plain", charset="utf-8", cte="base64")
    for path, data, _ in payloads:
        maintype, subtype = _MIME_TYPES.get(path.suffix.lower(), ("application", "octet-stream"))
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=path.name)
        part = list(msg.iter_attachments())[-1]
        del part["Content-Type"]
        part.set_raw("Content-Type", _content_type(f"{maintype}/{subtype}", path.name))
    if msg.is_multipart():
        # '=_' never occurs in base64 or quoted-printable text, so the boundary cannot collide.
        msg.set_boundary(f"=_xcreport_{digest[:40]}")
    return msg.as_bytes()


#: What the subject of a mail that replaces one already delivered starts with.
CORRECTED = "【更正】"


def _field(name: str, value: str) -> bytes:
    """One header field, encoded and folded as compose_message encodes them."""
    msg = EmailMessage(policy=POLICY)
    msg[name] = value
    return msg.as_bytes().split(b"\r\n\r\n", 1)[0] + b"\r\n"


def _fields(head: bytes) -> list[bytes]:
    """The header block as its fields, each with its folded continuation lines."""
    fields: list[bytes] = []
    for line in head.split(b"\r\n"):
        if fields and line[:1] in (b" ", b"\t"):
            fields[-1] += line + b"\r\n"
        else:
            fields.append(line + b"\r\n")
    return fields


def restamp(
    raw: bytes, *, date: dt.datetime, subject: str, corrected: bool = False, sender: str = ""
) -> bytes:
    """The outbox message as it is sent: Date is the time of sending, and a message that replaces
    a version already delivered says 【更正】 before its ``subject``; ``sender`` becomes the From of a
    message written without one.  The rest (Message-ID, body, attachments) stays byte for byte."""
    head, _, rest = raw.partition(b"\r\n\r\n")
    replaced = {b"date": _field("Date", format_datetime(date))}
    if corrected and not subject.startswith(CORRECTED):
        replaced[b"subject"] = _field("Subject", CORRECTED + subject)
    fields = [replaced.get(f.split(b":", 1)[0].strip().lower(), f) for f in _fields(head)]
    if sender and not any(f.lower().startswith(b"from:") for f in fields):
        fields.insert(0, _field("From", sender))
    return b"".join(fields) + b"\r\n" + rest

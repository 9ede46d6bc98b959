"""The sent log ``发送记录.jsonl``: what was sent to whom, append-only, fsync'd.

It lives beside the configuration file (in the output root for the packaged sample:
:func:`xcreport.render.outputs.sent_log_path`), so every run of one configuration — from any
``--out`` — sees every mail sent before.

One JSON object per line and per recipient::

    {"ts": "2014-04-01T01:02:03+00:00", "event": "begin", "period": "2014-03", "kind": "monthly",
     "mail": "leaders", "body": "", "attachments": ["<sha256>", "<sha256>"],
     "recipient": "juzhang@example.gov.cn", "file": "01_领导_2014年3月.eml",
     "message_id": "<xcreport.2014-03.…@example.gov.cn>", "attempts": 0, "reason": ""}

``event`` is ``begin`` (written and fsync'd before the SMTP transaction), then one of ``done``
(the server accepted the recipient), ``refused`` (the server refused the recipient, 5xx),
``failed`` (not delivered: temporary errors outlasted the retries, or a permanent error stopped
the run) or ``uncertain`` (the connection broke, or the reply timed out, after the whole message
was sent).  A message is identified by :class:`MailKey` — period, report kind, which mail, the
attachments' sha256 and the recipient — so a corrected report (new hash) is a new message.

A key whose last record is ``uncertain``, or ``begin`` (the process died during the transaction),
is *uncertain*: the message may or may not have reached the server, and is not sent again
without the clerk's word.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Literal, cast

from xcreport.errors import DeliveryError
from xcreport.render.outputs import SEND_LOCK_NAME

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fh: IO[bytes]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _try_lock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


log = logging.getLogger(__name__)

Event = Literal["begin", "done", "refused", "failed", "uncertain"]
EVENTS: frozenset[str] = frozenset({"begin", "done", "refused", "failed", "uncertain"})


@dataclass(frozen=True, slots=True)
class MailKey:
    """What makes a delivery unique: the same key is never sent twice without ``--resend``."""

    period: str
    kind: str
    mail: str  # leaders | body
    body: str  # the body's name for body mails, '' for the leaders' mail
    attachments: tuple[str, ...]  # sha256 of every attachment, in order
    recipient: str  # the address, lower case


@dataclass(frozen=True, slots=True)
class SentRecord:
    """One line of the sent log."""

    event: Event
    period: str
    kind: str
    mail: str
    body: str
    attachments: tuple[str, ...]
    recipient: str
    file: str = ""
    message_id: str = ""
    attempts: int = 0
    reason: str = ""
    ts: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))

    @property
    def key(self) -> MailKey:
        return MailKey(
            self.period, self.kind, self.mail, self.body, self.attachments, normalize_address(self.recipient)
        )

    @property
    def version_free_key(self) -> tuple[str, ...]:
        """The key without the attachments: the same mail in any version of its attachments."""
        k = self.key
        return (k.period, k.kind, k.mail, k.body, k.recipient)

    def to_json(self) -> str:
        data = asdict(self)
        data["attachments"] = list(self.attachments)
        ordered = {"ts": data.pop("ts"), **data}
        return json.dumps(ordered, ensure_ascii=False, separators=(", ", ": "))

    @classmethod
    def from_json(cls, line: str) -> SentRecord:
        """Parse one line; ValueError when it is not a sent-log record."""
        data = json.loads(line)
        if not isinstance(data, dict) or data.get("event") not in EVENTS:
            raise ValueError("not a sent-log record")
        attachments = data.get("attachments", [])
        if not isinstance(attachments, list) or not all(isinstance(a, str) for a in attachments):
            raise ValueError("attachments is not a list of strings")
        texts = {
            k: data.get(k, "") for k in ("period", "kind", "mail", "body", "recipient", "file", "message_id")
        }
        if not all(isinstance(v, str) for v in texts.values()):
            raise ValueError("a text field is not a string")
        attempts = data.get("attempts", 0)
        return cls(
            event=cast(Event, data["event"]),
            attachments=tuple(attachments),
            attempts=attempts if isinstance(attempts, int) else 0,
            reason=str(data.get("reason", "")),
            ts=str(data.get("ts", "")),
            **texts,
        )


def normalize_address(address: str) -> str:
    return address.strip().lower()


@dataclass(slots=True)
class KeyState:
    """What the sent log says about one key."""

    delivered: bool = False  # a ``done`` record exists (ever)
    last: Event | None = None  # the last event recorded
    reason: str = ""  # the reason of the last refused/failed record

    @property
    def uncertain(self) -> bool:
        """The last transaction has no known outcome: a crash during the send, or a connection
        that broke after the whole message was sent."""
        return not self.delivered and self.last in ("begin", "uncertain")


class SentLog:
    """The append-only sent-log file; every append is flushed and fsync'd before it returns."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def records(self) -> list[SentRecord]:
        """Every readable record in order; a damaged line (a crash mid-write) is skipped with a warning."""
        if not self.path.exists():
            return []
        found: list[SentRecord] = []
        text = self.path.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                found.append(SentRecord.from_json(line))
            except ValueError:
                log.warning("发送记录 %s 第%d行无法读取，已忽略", self.path, number)
        return found

    def states(self) -> dict[MailKey, KeyState]:
        states: dict[MailKey, KeyState] = {}
        for record in self.records():
            state = states.setdefault(record.key, KeyState())
            state.last = record.event
            if record.event == "done":
                state.delivered = True
            elif record.event in ("refused", "failed", "uncertain"):
                state.reason = record.reason
        return states

    def delivered_versions(self) -> set[tuple[str, ...]]:
        """:attr:`SentRecord.version_free_key` of every delivery: who got some version of a mail."""
        return {r.version_free_key for r in self.records() if r.event == "done"}

    def append(self, records: Sequence[SentRecord]) -> None:
        """Append ``records`` as one write, then fsync; a torn last line of a crash is closed first."""
        if not records:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        created = not self.path.exists()
        payload = "".join(r.to_json() + "\n" for r in records).encode("utf-8")
        with self.path.open("ab+") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell() > 0:
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    payload = b"\n" + payload
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if created:
            _fsync_dir(self.path.parent)

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold an exclusive lock for one send run: two sends at once could each send a message."""
        lock_path = self.path.with_name(SEND_LOCK_NAME)
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with lock_path.open("ab+") as fh:
            try:
                _try_lock(fh)
            except OSError as exc:
                raise DeliveryError(f"另一个发送进程正在使用 {self.path}，请等它结束后再运行") from exc
            yield


def _fsync_dir(folder: Path) -> None:
    """Make a new file's directory entry durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

"""A one-line progress indicator on standard error, shown only when it is a terminal."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """``读取台账 12/40``, rewritten in place; silent when the stream is not a terminal."""

    def __init__(self, label: str, total: int = 0, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.start(total)

    def start(self, total: int) -> None:
        """Begin counting to ``total`` (the reader calls this once it knows how many files)."""
        self.total = total
        self.done = 0
        self.active = total > 0 and self.stream.isatty()

    def advance(self, step: int = 1) -> None:
        self.done += step
        if self.active:
            width = 24
            filled = width * self.done // max(self.total, 1)
            bar = "█" * filled + "·" * (width - filled)
            self.stream.write(f"\r{self.label} {bar} {self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r\033[K")
            self.stream.flush()

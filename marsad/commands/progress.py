"""A progress bar on stderr for runs that last more than a moment (terminals only)."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """``update()`` per item; draws after ``delay`` seconds, only on a terminal."""

    def __init__(
        self, total: int | None, label: str, *, delay: float = 1.5, stream: TextIO | None = None
    ) -> None:
        self.total = total
        self.label = label
        self.delay = delay
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self.enabled = self.stream.isatty() or os.environ.get("MARSAD_PROGRESS") == "1"
        self.drawn = False
        self._last = 0.0

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if not self.enabled or now - self.started < self.delay or now - self._last < 0.1:
            return
        self._last = now
        rate = self.done / max(now - self.started, 1e-9)
        if self.total:
            frac = min(self.done / self.total, 1.0)
            bar = "#" * int(frac * 30)
            line = f"\r{self.label} [{bar:<30}] {self.done}/{self.total} {rate:.1f}/s"
        else:
            line = f"\r{self.label} {self.done} {rate:.1f}/s"
        self.stream.write(line)
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()

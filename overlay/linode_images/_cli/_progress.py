"""What ``upload`` shows while it works: a bar on a terminal, plain lines otherwise.

The library reports the PUT through ``on_progress(sent, total)`` and says nothing of the steps
around it, so the command names them itself: ``preparing`` (checks, and gzip compression of
raw data, before the image is created), ``uploading`` (from the first report on) and, entered
by the command once the upload is answered, ``processing`` (the API makes the image
available). A report that carries a phase of its own (a third argument such as
``"compressing"``) is shown under that name.
``sent`` going back means the PUT started again: the rate is measured afresh.
"""

from __future__ import annotations

import io
import os
import shutil
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["UploadProgress", "format_bytes", "format_duration"]

# How often the bar is redrawn, and how often a plain line is written when not on a terminal.
REDRAW_INTERVAL = 0.1
LINE_INTERVAL = 10.0
# Room kept after the bar for " 100% 190.8 MiB/190.8 MiB 139.5 MiB/s 0:00 left", so that the
# bar keeps its length while the numbers change.
_TAIL_WIDTH = 50
_UNITS = ("B", "KiB", "MiB", "GiB", "TiB")


def format_bytes(count: float) -> str:
    """``1536`` -> ``'1.5 KiB'``."""
    for unit in _UNITS:
        if abs(count) < 1024 or unit == _UNITS[-1]:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    raise AssertionError("unreachable")


def format_duration(seconds: float) -> str:
    """``75`` -> ``'1:15'``; hours when there are any (``'2:03:00'``)."""
    whole = max(int(seconds + 0.5), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _terminal_width(stream: TextIO) -> int:
    """The width of the terminal ``stream`` draws on (stdout may be a pipe while stderr is not)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return shutil.get_terminal_size().columns


class UploadProgress:
    """``on_progress`` for ``images.upload`` that draws on ``stream``.

    >>> progress = UploadProgress(sys.stderr, terminal=sys.stderr.isatty(), name="disk.img")
    >>> progress.phase("preparing")
    >>> image = client.images.upload("disk.img", label="x", region="us-east", on_progress=progress)
    >>> progress.finish(f"{image.id} is {image.status}")
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        terminal: bool,
        name: str,
        clock: Callable[[], float] = time.monotonic,
        line_interval: float = LINE_INTERVAL,
        width: Callable[[], int] | None = None,
    ) -> None:
        self._stream = stream
        self._terminal = terminal
        self._name = name
        self._clock = clock
        self._line_interval = line_interval
        self._width = width or (lambda: _terminal_width(stream))
        self.current: str | None = None
        self._sent = 0
        self._total = 0
        self._started = clock()
        self._last_drawn = float("-inf")
        self._bar_open = False  # a bar line without its newline yet

    def phase(self, name: str, detail: str = "") -> None:
        """Enter phase ``name``, announced on a line of its own (with ``detail`` when given)."""
        self._enter(name)
        self._write_line(f"{name} {self._name}" + (f": {detail}" if detail else ""))

    def _enter(self, name: str) -> None:
        self._end_bar()
        self.current = name
        self._sent = self._total = 0
        self._started = self._clock()
        self._last_drawn = float("-inf")

    def __call__(self, sent: int, total: int, phase: str | None = None) -> None:
        """A report from the library: ``sent`` of ``total`` bytes, optionally in ``phase``."""
        wanted = phase or "uploading"
        if wanted != self.current:
            self._enter(wanted)  # the bar or the lines that follow name the phase
        elif sent < self._sent:
            self._enter(wanted)
            self._write_line(f"{wanted} {self._name}: starting again from the first byte")
        self._sent, self._total = sent, total
        now = self._clock()
        complete = total > 0 and sent >= total
        if self._terminal:
            if complete or now - self._last_drawn >= REDRAW_INTERVAL:
                self._draw_bar(now)
        elif complete or now - self._last_drawn >= self._line_interval:
            self._last_drawn = now
            self._write_line(self._status(now))

    def finish(self, message: str) -> None:
        """The last line: what became of the image."""
        self._end_bar()
        self._write_line(message)

    # Drawing.

    def _rate(self, now: float) -> float | None:
        elapsed = now - self._started
        return self._sent / elapsed if elapsed > 0 and self._sent else None

    def _status(self, now: float) -> str:
        sent, total = self._sent, self._total
        percent = 100.0 * sent / total if total else 100.0
        text = f"{self.current}: {format_bytes(sent)} of {format_bytes(total)} ({percent:.0f}%)"
        rate = self._rate(now)
        if total and sent >= total:
            return text + f" in {format_duration(now - self._started)}"
        if rate:
            text += f", {format_bytes(rate)}/s, {format_duration((total - sent) / rate)} left"
        return text

    def _draw_bar(self, now: float) -> None:
        self._last_drawn = now
        sent, total = self._sent, self._total
        fraction = min(sent / total, 1.0) if total else 1.0
        rate = self._rate(now)
        tail = f" {fraction * 100:3.0f}% {format_bytes(sent)}/{format_bytes(total)}"
        if rate:
            tail += f" {format_bytes(rate)}/s"
            tail += f" {format_duration((total - sent) / rate)} left" if fraction < 1 else ""
        head = f"{self.current} "
        width = max(self._width() - 1, 20)
        # The numbers matter more than the bar: on a narrow terminal the bar goes first.
        cells = width - len(head) - max(len(tail), _TAIL_WIDTH) - 2
        if cells >= 5:
            filled = int(cells * fraction)
            line = f"{head}[{'#' * filled}{'.' * (cells - filled)}]{tail}"
        else:
            line = head.rstrip() + tail
        self._stream.write("\r" + line[:width].ljust(width))
        self._stream.flush()
        self._bar_open = True

    def _end_bar(self) -> None:
        if self._bar_open:
            self._stream.write("\n")
            self._stream.flush()
            self._bar_open = False

    def _write_line(self, text: str) -> None:
        self._stream.write(text + "\n")
        self._stream.flush()

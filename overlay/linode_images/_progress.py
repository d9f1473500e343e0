"""Upload progress: the ``(sent, total)`` callback, and an optional tqdm bar on top of it."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any, TypeAlias

__all__ = ["ProgressCallback", "SentCounter", "progress_callback"]

ProgressCallback: TypeAlias = Callable[[int, int], object]
"""``on_progress(sent_bytes, total_bytes)``; ``sent`` restarts from 0 when the PUT is retried."""


class SentCounter:
    """Feeds ``on_progress`` for one PUT attempt: 0 at the start, then after every chunk."""

    __slots__ = ("_on_progress", "_sent", "_total")

    def __init__(self, total: int, on_progress: ProgressCallback | None) -> None:
        self._on_progress = on_progress
        self._total = total
        self._sent = 0
        if on_progress is not None:
            on_progress(0, total)

    def __call__(self, size: int) -> None:
        self._sent += size
        if self._on_progress is not None:
            self._on_progress(self._sent, self._total)


class _ProgressBar:
    """A tqdm bar on stderr fed by ``(sent, total)``; tqdm is imported only when asked for."""

    def __init__(self, description: str) -> None:
        try:
            self._tqdm: Any = importlib.import_module("tqdm").tqdm
        except ImportError:
            raise ImportError(
                "progress=True needs the optional extra: pip install 'linode-images[progress]'"
            ) from None
        self._description = description
        self._bar: Any = None

    def __call__(self, sent: int, total: int) -> None:
        if self._bar is None:
            self._bar = self._tqdm(
                total=total,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                desc=self._description,
                file=sys.stderr,
            )
        elif sent < self._bar.n:
            self._bar.reset(total=total)  # the PUT is being retried from the start
        self._bar.update(sent - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def progress_callback(
    on_progress: ProgressCallback | None, progress: bool, description: str
) -> tuple[ProgressCallback | None, Callable[[], None]]:
    """One callback feeding ``on_progress`` and, if ``progress``, a bar; plus the bar's close."""
    if not progress:
        return on_progress, lambda: None
    bar = _ProgressBar(description)
    if on_progress is None:
        return bar, bar.close
    user_callback = on_progress

    def both(sent: int, total: int) -> None:
        bar(sent, total)
        user_callback(sent, total)

    return both, bar.close

"""Upload progress in phases (checking a gzip file, compressing a raw one, uploading), and a bar.

``on_progress`` keeps its two-argument form, ``(done, total)``, which hears the upload phase
only, as it always has. A callback that takes a third argument hears every phase:
``on_progress(done, total, phase)``, ``phase`` one of ``PHASES``; ``done`` restarts from 0 at
each phase (and when the PUT is retried). ``total`` is 0 when it is not known beforehand (a
stream being compressed). The bar shows the phase beside the label, in decimal units like all
of this library's sizes (``_sizes``).
"""

from __future__ import annotations

import importlib
import inspect
import sys
import time
from collections.abc import Callable
from typing import Any, Literal, TypeAlias

from ._sizes import PROGRESS_UNIT_DIVISOR, short_size

__all__ = ["PHASES", "Phase", "PhaseCallback", "ProgressCallback", "SentCounter", "phase_callback"]

Phase: TypeAlias = Literal["checking", "compressing", "uploading"]
PHASES: tuple[Phase, ...] = ("checking", "compressing", "uploading")

ProgressCallback: TypeAlias = Callable[[int, int], object] | Callable[[int, int, Phase], object]
"""``on_progress(done, total)``, or ``on_progress(done, total, phase)`` to hear every phase."""
PhaseCallback: TypeAlias = Callable[[int, int, Phase], None]


def _takes_phase(callback: Callable[..., object]) -> bool:
    """Whether ``callback`` accepts a third positional argument."""
    try:
        parameters = inspect.signature(callback).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature: call it the old way
        return False
    positional = 0
    for parameter in parameters:
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            return True
        if parameter.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD):
            positional += 1
    return positional >= 3


def _user_callback(on_progress: ProgressCallback) -> PhaseCallback:
    if not callable(on_progress):
        raise TypeError(f"on_progress must be callable, not {type(on_progress).__name__}")
    if _takes_phase(on_progress):
        three: Callable[[int, int, Phase], object] = on_progress  # type: ignore[assignment]

        def every_phase(done: int, total: int, phase: Phase) -> None:
            three(done, total, phase)

        return every_phase
    two: Callable[[int, int], object] = on_progress  # type: ignore[assignment]

    def uploads_only(done: int, total: int, phase: Phase) -> None:
        if phase == "uploading":
            two(done, total)

    return uploads_only


class SentCounter:
    """Feeds the upload phase for one PUT attempt: 0 at the start, then after every chunk."""

    __slots__ = ("_report", "_sent", "_total")

    def __init__(self, total: int, report: PhaseCallback | None) -> None:
        self._report = report
        self._total = total
        self._sent = 0
        if report is not None:
            report(0, total, "uploading")

    @property
    def sent(self) -> int:
        """Bytes the HTTP client has taken (and written) so far."""
        return self._sent

    def __call__(self, size: int) -> None:
        self._sent += size
        if self._report is not None:
            self._report(self._sent, self._total, "uploading")


# How often a stderr that is not a terminal (a file, a CI log) gets a plain progress line.
PLAIN_LINE_INTERVAL = 10.0


class _PlainLines:
    """Progress as plain lines on stderr when it is not a terminal, where a bar's carriage
    returns would pile up: one when a phase starts, then at most one every
    ``PLAIN_LINE_INTERVAL`` seconds, and one when it ends."""

    def __init__(self, description: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._description = description
        self._clock = clock
        self._phase: Phase | None = None
        self._last = 0.0
        self._state = (0, 0)

    def _line(self) -> None:
        done, total = self._state
        of = f" of {short_size(total)}" if total else ""
        print(f"{self._description}: {self._phase} {short_size(done)}{of}", file=sys.stderr, flush=True)

    def __call__(self, done: int, total: int, phase: Phase) -> None:
        if phase != self._phase:
            self.close()
            self._phase, self._state, self._last = phase, (done, total), self._clock()
            self._line()
            return
        self._state = (done, total)
        if self._clock() - self._last >= PLAIN_LINE_INTERVAL:
            self._last = self._clock()
            self._line()

    def close(self) -> None:
        if self._phase is not None:
            self._line()
            self._phase = None


class _PhaseBar:
    """A tqdm bar on stderr, one per phase; tqdm is imported only when asked for."""

    def __init__(self, description: str) -> None:
        try:
            self._tqdm: Any = importlib.import_module("tqdm").tqdm
        except ImportError:
            raise ImportError(
                "progress=True needs the optional extra: pip install 'linode-images[progress]'"
            ) from None
        self._description = description
        self._bar: Any = None
        self._phase: Phase | None = None

    def __call__(self, done: int, total: int, phase: Phase) -> None:
        if self._bar is None or phase != self._phase:
            self.close()
            self._phase = phase
            self._bar = self._tqdm(
                total=total or None,
                unit="B",
                unit_scale=True,
                unit_divisor=PROGRESS_UNIT_DIVISOR,
                desc=f"{self._description}: {phase}",
                file=sys.stderr,
            )
        elif done < self._bar.n:
            self._bar.reset(total=total or None)  # the PUT is being retried from the start
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def phase_callback(
    on_progress: ProgressCallback | None, progress: bool, description: str
) -> tuple[PhaseCallback | None, Callable[[], None]]:
    """One ``(done, total, phase)`` callback feeding ``on_progress`` and, if ``progress``, a bar;
    plus the bar's close. A missing tqdm is reported here, before anything is created."""
    user = _user_callback(on_progress) if on_progress is not None else None
    if not progress:
        return user, lambda: None
    # A missing tqdm is reported whether or not stderr is a terminal.
    drawn = _PhaseBar(description)
    bar: _PhaseBar | _PlainLines = drawn if sys.stderr.isatty() else _PlainLines(description)
    if user is None:
        return bar, bar.close
    feed_user = user

    def both(done: int, total: int, phase: Phase) -> None:
        bar(done, total, phase)
        feed_user(done, total, phase)

    return both, bar.close

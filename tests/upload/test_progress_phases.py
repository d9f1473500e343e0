"""Progress in phases: two-argument callbacks hear uploads only, three-argument ones every phase."""

from __future__ import annotations

import functools
import sys
from typing import Any

import pytest
from linode_images._progress import PHASES, Phase, phase_callback

EVENTS: list[tuple[int, int, Phase]] = [
    (0, 3000, "checking"),
    (3000, 3000, "checking"),
    (0, 9000, "compressing"),
    (9000, 9000, "compressing"),
    (0, 1000, "uploading"),
    (500, 1000, "uploading"),
    (0, 1000, "uploading"),  # the PUT retried from the start
    (1000, 1000, "uploading"),
]


def feed(callback: Any) -> None:
    for event in EVENTS:
        callback(*event)


def test_a_two_argument_callback_hears_the_upload_phase_only_as_before() -> None:
    seen: list[tuple[int, int]] = []
    callback, close = phase_callback(lambda sent, total: seen.append((sent, total)), False, "x")
    assert callback is not None
    feed(callback)
    close()
    assert seen == [(0, 1000), (500, 1000), (0, 1000), (1000, 1000)]


class Recorder:
    def __init__(self) -> None:
        self.seen: list[tuple[int, int, str]] = []

    def method(self, done: int, total: int, phase: Phase) -> None:
        self.seen.append((done, total, phase))

    def star(self, *args: Any) -> None:
        self.seen.append(args)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["function", "bound method", "varargs", "partial"])
def test_a_callback_taking_a_phase_hears_every_phase(kind: str) -> None:
    recorder = Recorder()
    seen = recorder.seen

    def function(done: int, total: int, phase: Phase) -> None:
        seen.append((done, total, phase))

    def four(tag: str, done: int, total: int, phase: Phase) -> None:
        seen.append((done, total, phase))

    callbacks = {
        "function": function,
        "bound method": recorder.method,
        "varargs": recorder.star,
        "partial": functools.partial(four, "t"),
    }
    callback, close = phase_callback(callbacks[kind], False, "x")
    assert callback is not None
    feed(callback)
    close()
    assert seen == EVENTS
    assert {phase for _, _, phase in seen} == set(PHASES)


def test_a_callback_that_is_not_callable_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="on_progress must be callable"):
        phase_callback(42, False, "x")  # type: ignore[arg-type]


def test_the_bar_shows_each_phase_in_decimal_units(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)  # a bar on a terminal only
    seen: list[tuple[int, int]] = []
    callback, close = phase_callback(lambda s, t: seen.append((s, t)), True, "golden")
    assert callback is not None
    callback(0, 0, "compressing")  # a stream: the total is not known
    callback(2_500_000, 0, "compressing")
    callback(0, 2_000_000, "uploading")
    callback(2_000_000, 2_000_000, "uploading")
    close()
    err = capsys.readouterr().err
    assert "golden: compressing" in err and "golden: uploading" in err
    assert "2.50MB" in err  # 2,500,000 bytes read: decimal MB, as in every message
    assert "2.00M/2.00M" in err  # 2,000,000 bytes: 2.00 decimal MB, not 1.91 MiB
    assert seen == [(0, 2_000_000), (2_000_000, 2_000_000)]


def test_progress_without_the_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.raises(ImportError, match=r"linode-images\[progress\]"):
        phase_callback(None, True, "x")

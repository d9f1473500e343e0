"""The upload progress display, driven directly with a fake clock."""

from __future__ import annotations

import io

from linode_images._cli._progress import UploadProgress, format_bytes, format_duration

MIB = 1024 * 1024


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make(terminal: bool) -> tuple[UploadProgress, io.StringIO, Clock]:
    out, clock = io.StringIO(), Clock()
    progress = UploadProgress(
        out, terminal=terminal, name="disk.img", clock=clock, line_interval=10, width=lambda: 80
    )
    return progress, out, clock


def test_plain_lines_at_most_every_interval_and_at_the_end() -> None:
    progress, out, clock = make(terminal=False)
    progress.phase("preparing", "compressing")
    for step in range(0, 101):  # 100 MiB over 50 s, a report every half second
        progress(step * MIB, 100 * MIB)
        clock.now += 0.5
    lines = out.getvalue().splitlines()
    assert lines[0] == "preparing disk.img: compressing"
    assert lines[1] == "uploading: 0 B of 100.0 MiB (0%)"
    assert lines[2] == "uploading: 20.0 MiB of 100.0 MiB (20%), 2.0 MiB/s, 0:40 left"
    assert len(lines) == 2 + 4 + 1  # a line each 10 s, and the last one
    assert lines[-1] == "uploading: 100.0 MiB of 100.0 MiB (100%) in 0:50"


def test_a_retried_put_starts_again_and_says_so() -> None:
    progress, out, clock = make(terminal=False)
    progress(0, 10 * MIB)
    clock.now += 20
    progress(5 * MIB, 10 * MIB)
    progress(0, 10 * MIB)
    clock.now += 1
    progress(10 * MIB, 10 * MIB)
    lines = out.getvalue().splitlines()
    assert "uploading disk.img: starting again from the first byte" in lines
    assert lines[-1] == "uploading: 10.0 MiB of 10.0 MiB (100%) in 0:01"


def test_a_phase_reported_by_the_library_is_shown_under_its_name() -> None:
    progress, out, clock = make(terminal=False)
    progress(0, 4 * MIB, "compressing")
    clock.now += 1
    progress(4 * MIB, 4 * MIB, "compressing")
    progress(0, MIB)
    assert out.getvalue().splitlines() == [
        "compressing: 0 B of 4.0 MiB (0%)",
        "compressing: 4.0 MiB of 4.0 MiB (100%) in 0:01",
        "uploading: 0 B of 1.0 MiB (0%)",
    ]


def test_the_bar_is_redrawn_in_place_and_closed_by_the_next_line() -> None:
    progress, out, clock = make(terminal=True)
    progress(0, 8 * MIB)
    clock.now += 2
    progress(4 * MIB, 8 * MIB)
    clock.now += 0.01
    progress(4 * MIB + 1, 8 * MIB)  # within the redraw interval: not drawn
    clock.now += 2
    progress(8 * MIB, 8 * MIB)
    progress.finish("private/1 is available")
    text = out.getvalue()
    draws = text.split("\n")[0].split("\r")[1:]
    assert len(draws) == 3
    assert all(len(draw) == 79 for draw in draws)
    assert len({draw.index("]") for draw in draws}) == 1  # the bar keeps its length
    assert draws[1].startswith("uploading [") and " 50% 4.0 MiB/8.0 MiB 2.0 MiB/s 0:02 left" in draws[1]
    assert draws[2].rstrip().endswith("100% 8.0 MiB/8.0 MiB 2.0 MiB/s")
    assert "#" * 10 in draws[2] and "." not in draws[2].split("]")[0]
    assert text.endswith("\nprivate/1 is available\n")


def test_a_narrow_terminal_keeps_the_numbers_and_drops_the_bar() -> None:
    out, clock = io.StringIO(), Clock()
    progress = UploadProgress(out, terminal=True, name="disk.img", clock=clock, width=lambda: 51)
    progress(0, 8 * MIB)
    clock.now += 2
    progress(4 * MIB, 8 * MIB)
    assert out.getvalue().split("\r")[-1].rstrip() == "uploading  50% 4.0 MiB/8.0 MiB 2.0 MiB/s 0:02 left"


def test_units() -> None:
    assert [format_bytes(n) for n in (0, 1023, 1536, 5 * MIB, 3 * 1024**4)] == [
        "0 B",
        "1023 B",
        "1.5 KiB",
        "5.0 MiB",
        "3.0 TiB",
    ]
    assert [format_duration(s) for s in (0, 59.6, 75, 7380)] == ["0:00", "1:00", "1:15", "2:03:00"]

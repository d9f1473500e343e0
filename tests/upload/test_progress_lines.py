"""progress=True on a stderr that is not a terminal: plain lines, no carriage returns."""

from __future__ import annotations

import pytest
from linode_images import _progress
from linode_images._progress import PLAIN_LINE_INTERVAL, _PlainLines, phase_callback


def test_a_file_or_ci_log_gets_lines_not_a_bar(capsys: pytest.CaptureFixture[str]) -> None:
    report, close = phase_callback(None, True, "disk.img")
    assert isinstance(report, _PlainLines)  # captured stderr is not a terminal
    report(0, 3_000_000, "compressing")
    report(1_000_000, 3_000_000, "compressing")
    report(0, 2_000_000, "uploading")
    report(2_000_000, 2_000_000, "uploading")
    close()
    err = capsys.readouterr().err
    assert "\r" not in err
    assert err.splitlines() == [
        "disk.img: compressing 0 B of 3.0 MB",
        "disk.img: compressing 1.0 MB of 3.0 MB",
        "disk.img: uploading 0 B of 2.0 MB",
        "disk.img: uploading 2.0 MB of 2.0 MB",
    ]


def test_lines_come_at_most_every_interval(capsys: pytest.CaptureFixture[str]) -> None:
    now = [100.0]
    lines = _PlainLines("disk.img", clock=lambda: now[0])
    lines(0, 10_000, "uploading")
    for sent in range(1_000, 10_001, 1_000):
        now[0] += PLAIN_LINE_INTERVAL / 4
        lines(sent, 10_000, "uploading")
    lines.close()
    err = capsys.readouterr().err.splitlines()
    # The start, one line per full interval (10 updates a quarter interval apart), the end.
    assert len(err) == 1 + 2 + 1
    assert err[-1] == "disk.img: uploading 10.0 kB of 10.0 kB"


def test_a_terminal_still_gets_the_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("tqdm")
    monkeypatch.setattr(_progress.sys.stderr, "isatty", lambda: True, raising=False)
    report, close = phase_callback(None, True, "disk.img")
    assert isinstance(report, _progress._PhaseBar)
    close()

"""Prints how many hypothesis examples the property tests ran, under the selected profile:
one line, and with ``-v`` the outcomes and state machine calls by kind."""

from __future__ import annotations

import pytest

from tests.property.support import summary


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in summary(terminalreporter.verbosity):
        terminalreporter.write_line(line)

"""Prints how many hypothesis examples the property tests ran, under the selected profile."""

from __future__ import annotations

import pytest

from tests.property.support import CALLS, EXAMPLES, OUTCOMES, PROFILE


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if EXAMPLES:
        terminalreporter.write_line(
            f"property tests (profile {PROFILE}): {sum(EXAMPLES.values())} hypothesis examples "
            f"over {len(EXAMPLES)} hypothesis tests"
        )
    if OUTCOMES:
        terminalreporter.write_line(f"outcomes: {dict(sorted(OUTCOMES.items()))}")
    if CALLS:
        terminalreporter.write_line(f"state machine client calls: {dict(sorted(CALLS.items()))}")

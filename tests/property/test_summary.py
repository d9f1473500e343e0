"""The property tests' terminal summary is one line; ``-v`` adds the counts by kind."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.property import support


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(support, "EXAMPLES", Counter({"test_a": 30, "test_b": 12}))
    outcomes = Counter({f"get-image {status}": 2 for status in range(400, 440)})
    monkeypatch.setattr(support, "OUTCOMES", outcomes)
    monkeypatch.setattr(support, "CALLS", Counter({"get": 5, "delete": 3}))
    monkeypatch.setattr(support, "PROFILE", "ci")


@pytest.mark.usefixtures("counted")
def test_forty_kinds_of_outcome_are_one_line() -> None:
    assert support.summary(0) == [
        "property tests (profile ci): 42 hypothesis examples over 2 tests, 80 outcomes of 40 kinds, "
        "8 state machine client calls (-v lists them)"
    ]


@pytest.mark.usefixtures("counted")
def test_verbose_lists_every_count() -> None:
    lines = support.summary(1)
    assert len(lines) == 1 + 40 + 2
    assert "  outcome get-image 404: 2" in lines
    assert lines[-2:] == ["  client call delete: 3", "  client call get: 5"]


def test_nothing_when_no_property_test_ran(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(support, "EXAMPLES", Counter())
    assert support.summary(0) == []

"""Fixtures for the linode_images client tests (doubles live in support.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.overlay.support import Handler, Harness


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make(kind: str) -> Iterator[Callable[..., Harness]]:
    """Build a Harness of the parametrised kind; closed after the test."""
    made: list[Harness] = []

    def factory(handler: Handler | None = None, **kwargs: Any) -> Harness:
        harness = Harness(kind, handler, **kwargs)
        made.append(harness)
        return harness

    yield factory
    for harness in made:
        harness.close()

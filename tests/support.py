"""What every suite shares: the test tokens, one fake clock and sleep, and the mock-server fixture.

``FakeTime`` is an injectable clock (epoch seconds) and sleep that moves it without sleeping;
``fresh_mock`` puts a running ``MockServer`` back exactly as it was started: every
``MockConfig`` field, the images, the counters, the fault plans and the real clock.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator

import pytest
from linode_images_mock import MockConfig, MockServer

__all__ = ["OTHER_TOKEN", "TOKEN", "FakeTime", "fresh_mock", "mock_server_fixture"]

# The mock's default account token (MockConfig.tokens); a second account's for isolation tests.
TOKEN = "test-token"
OTHER_TOKEN = "other-token"


class FakeTime:
    """A clock that only moves when the code under test sleeps (or ``advance`` is called).

    Callable, so it can stand for ``time.time`` itself (the mock's ``state.clock``);
    ``on_sleep`` runs before each pause, e.g. to change the mock's state meanwhile.
    """

    def __init__(self, start: float = 1_700_000_000.0) -> None:  # 2023-11-14T22:13:20Z
        self.now = start
        self.sleeps: list[float] = []
        self.on_sleep: Callable[[], None] | None = None

    def __call__(self) -> float:
        return self.now

    def clock(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def sleep(self, seconds: float) -> None:
        if self.on_sleep is not None:
            self.on_sleep()
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


def fresh_mock(server: MockServer, config: MockConfig) -> MockServer:
    """``server`` with every setting of ``config`` restored, its seed images only, zeroed counters."""
    server.state.configure(
        **{field.name: getattr(config, field.name) for field in dataclasses.fields(config)}
    )
    server.state.clock = time.time
    server.state.reset()
    return server


def mock_server_fixture(config: MockConfig | None = None) -> Callable[[], Iterator[MockServer]]:
    """A module-scoped fixture: a mock server on a free loopback port, stopped after the module."""

    @pytest.fixture(scope="module")
    def mock_server() -> Iterator[MockServer]:
        with MockServer(config) as server:
            yield server

    return mock_server

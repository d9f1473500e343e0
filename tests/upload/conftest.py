"""A mock server shared by the upload and wait tests of one module, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from linode_images_mock import MockConfig, MockServer

TOKEN = "test-token"
DEFAULTS = MockConfig()


@pytest.fixture(scope="module")
def mock_server() -> Iterator[MockServer]:
    with MockServer() as server:
        yield server


@pytest.fixture
def mock(mock_server: MockServer) -> MockServer:
    """The module's server with default settings, no images of this test's making, zeroed counters."""
    mock_server.state.configure(
        faults={}, timing={}, upload_limit=DEFAULTS.upload_limit, rate_limits={}, tokens={TOKEN: "default"}
    )
    mock_server.state.reset()
    return mock_server

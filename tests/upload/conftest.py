"""Fixtures of the upload tests: a mock server shared by a module and reset per test; test files."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from linode_images_mock import MockConfig, MockServer

from .support import RAW

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


@pytest.fixture
def raw_file(tmp_path: Path) -> Path:
    """``RAW`` as a raw disk image file."""
    path = tmp_path / "disk.img"
    path.write_bytes(RAW)
    return path


@pytest.fixture
def gz_file(tmp_path: Path) -> Path:
    """``RAW`` gzip-compressed, as a .img.gz file."""
    path = tmp_path / "disk.img.gz"
    path.write_bytes(gzip.compress(RAW))
    return path

"""Fixtures of the upload tests: a mock server shared by a module and reset per test; test files."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from linode_images_mock import MockConfig, MockServer

from ..support import TOKEN, fresh_mock, mock_server_fixture
from .support import RAW

__all__ = ["TOKEN"]

DEFAULTS = MockConfig()
mock_server = mock_server_fixture(DEFAULTS)


@pytest.fixture
def mock(mock_server: MockServer) -> MockServer:
    """The module's server with default settings, no images of this test's making, zeroed counters."""
    return fresh_mock(mock_server, DEFAULTS)


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

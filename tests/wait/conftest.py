"""The wait tests use the upload tests' mock server fixtures."""

from tests.upload.conftest import mock, mock_server

__all__ = ["mock", "mock_server"]

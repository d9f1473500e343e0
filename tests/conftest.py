"""Markers by kind, so that ``pytest -m "not slow"`` is the fast inner loop.

Each test gets the marker of its suite (``unit``, ``mock``, ``property``, ``contract``, by
directory and file as below); the suites that take tens of seconds are also ``slow``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

_TESTS = Path(__file__).parent

# Paths relative to tests/, by directory or by file; the first match wins.
_KINDS = {
    "contract": "contract",
    "property": "property",
    "mock": "mock",
    "overlay/test_against_mock.py": "mock",
    "overlay/test_hostile_mock.py": "mock",
    "overlay/test_async_abandon.py": "mock",
    "upload/test_upload_mock.py": "mock",
    "upload/test_upload_memory.py": "mock",
    "upload/test_upload_hostile.py": "mock",
    "wait/test_wait_mock.py": "mock",
    "demo": "mock",
    "readme": "mock",
}
_SLOW = (
    "property",
    "mock/test_schemathesis.py",
    "mock/test_stock_schemathesis.py",
    "upload/test_upload_memory.py",
    "demo",
    "readme",
    "contract",
)


def _matches(relative: str, prefixes: tuple[str, ...] | list[str]) -> str | None:
    for prefix in prefixes:
        if relative == prefix or relative.startswith(prefix + "/"):
            return prefix
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        relative = Path(item.path).resolve().relative_to(_TESTS.resolve()).as_posix()
        kind = _matches(relative, sorted(_KINDS, key=len, reverse=True))
        item.add_marker(_KINDS[kind] if kind is not None else "unit")
        if _matches(relative, _SLOW) is not None:
            item.add_marker("slow")

"""Wire-format helpers shared by the API, the admin endpoints and the state: JSON and time."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any


def wire_time(epoch: float) -> str:
    """An epoch as the API writes it: UTC, no offset, no fraction."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S")


def copy_json(value: Any) -> Any:
    """A deep copy of JSON data (dicts, lists, scalars): several times faster than copy.deepcopy,
    which dominated listing a 500-image page (benchmarks/bench.py, row 6)."""
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_json(item) for item in value]
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def loads_json(text: str | bytes) -> Any:
    """Parse strict JSON: ``NaN``, ``Infinity`` and ``-Infinity`` are refused, as is nesting
    too deep to parse, so every problem is a ``ValueError``.

    Python's ``json`` accepts the three constants although JSON has no such values; the API
    refuses them (REAL-API-FACTS, "Lists and pagination": a bad filter is a 400).
    """
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None

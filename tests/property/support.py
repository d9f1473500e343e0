"""Shared pieces of the property tests: hypothesis profiles, the spec, the mock, and the
comparison of a decoded model with the JSON it came from.

Profiles (``HYPOTHESIS_PROFILE``, default ``ci``):

- ``ci``: derandomized (the same examples on every run), no example database, no deadline;
  the budgets below keep tests/property under about a minute on 2 cores.
- ``long``: random seeds and ten times the examples, for ``make test-property-long``.

The profiles are applied per test through ``budget()`` rather than loaded globally, so the
other suites keep their own hypothesis settings.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from linode_images_mock import MockConfig, MockServer, MockState

SPEC_PATH = os.path.join(os.path.dirname(__file__), "..", "..", "spec", "linode-images.yaml")

TOKEN = "test-token"
ACCOUNT = "default"
DISKS = (1001, 1002, 1003)
# Private images every example starts with (ids private/24000000..), all available.
SEEDED_PRIVATE = 3

_SUPPRESSED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, suppress_health_check=_SUPPRESSED
)
settings.register_profile(
    "long", derandomize=False, database=None, deadline=None, suppress_health_check=_SUPPRESSED
)
SCALE = {"ci": 1, "long": 10}
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE not in SCALE:
    raise RuntimeError(f"HYPOTHESIS_PROFILE is {PROFILE!r}; tests/property knows {sorted(SCALE)}")

# Examples run per test, printed in the terminal summary (tests/property/conftest.py).
EXAMPLES: Counter[str] = Counter()
# Outcomes by kind ("get-image 404", "negative post-image 400", "listing several pages"), same summary.
OUTCOMES: Counter[str] = Counter()
# Client calls made by the state machine, by method (same summary).
CALLS: Counter[str] = Counter()


def summary(verbosity: int = 0) -> list[str]:
    """The terminal summary: one line, plus the counts by kind with ``-v``."""
    if not EXAMPLES:
        return []
    line = f"property tests (profile {PROFILE}): {sum(EXAMPLES.values())} hypothesis examples over {len(EXAMPLES)} tests"
    if OUTCOMES:
        line += f", {sum(OUTCOMES.values())} outcomes of {len(OUTCOMES)} kinds"
    if CALLS:
        line += f", {sum(CALLS.values())} state machine client calls"
    if verbosity <= 0:
        return [line + (" (-v lists them)" if OUTCOMES or CALLS else "")]
    lines = [line]
    lines += [f"  outcome {name}: {number}" for name, number in sorted(OUTCOMES.items())]
    lines += [f"  client call {name}: {number}" for name, number in sorted(CALLS.items())]
    return lines


def budget(examples: int, **changes: Any) -> settings:
    """The selected profile with ``examples`` examples (scaled up by the long profile)."""
    return settings(settings.get_profile(PROFILE), max_examples=examples * SCALE[PROFILE], **changes)


def count(name: str) -> None:
    """Record one example of test ``name``."""
    EXAMPLES[name] += 1


@cache
def spec() -> dict[str, Any]:
    """spec/linode-images.yaml, parsed."""
    with open(SPEC_PATH, encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


def component(name: str) -> dict[str, Any]:
    """A schema of ``components.schemas``."""
    schema: dict[str, Any] = spec()["components"]["schemas"][name]
    return schema


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (the spec only has ``#/components/schemas/<name>`` ones)."""
    while "$ref" in schema:
        schema = component(schema["$ref"].rsplit("/", 1)[1])
    return schema


def mock_config(**changes: Any) -> MockConfig:
    """One account with three disks; every response is checked against the spec (strict)."""
    base: dict[str, Any] = {"tokens": {TOKEN: ACCOUNT}, "disks": {ACCOUNT: list(DISKS)}, "strict": True}
    return MockConfig(**{**base, **changes})


@contextlib.contextmanager
def running_mock(**changes: Any) -> Iterator[MockServer]:
    """A strict MockServer on a free loopback port for the duration of the block."""
    with MockServer(mock_config(**changes)) as server:
        yield server


def fresh(state: MockState) -> list[str]:
    """Reset the mock to its seeded images plus ``SEEDED_PRIVATE`` private ones; their ids."""
    state.reset()
    return state.seed_images(SEEDED_PRIVATE, public=False, account=ACCOUNT)


# --- comparing a decoded model with the JSON it was decoded from --------------------------------


def _instant(value: str) -> datetime.datetime | str:
    try:
        # RFC 3339 allows a lower-case "t" and "z"; fromisoformat wants them upper-case.
        parsed = datetime.datetime.fromisoformat(value.upper())
    except ValueError:
        return value
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=datetime.UTC)


def normalise(value: Any, schema: dict[str, Any]) -> Any:
    """``value`` with every ``format: date-time`` string of ``schema`` made an aware datetime.

    This is the one normalisation between what the API sends and what ``to_dict()`` gives
    back: a timestamp without an offset is UTC (REAL-API-FACTS, "Timestamps") and comes back
    as the same instant written by ``datetime.isoformat()`` (``+00:00``, microseconds;
    ``z`` and ``t`` upper-cased; a fraction beyond microseconds is cut, as Python's datetime does).
    """
    schema = resolve(schema)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        return {key: normalise(item, properties.get(key, {})) for key, item in value.items()}
    if isinstance(value, list):
        items = schema.get("items", {})
        return [normalise(item, items) for item in value]
    if isinstance(value, str) and schema.get("format") == "date-time":
        return _instant(value)
    return value


def assert_round_trip(model: Any, sent: Any, schema_name: str) -> None:
    """``model.to_dict()`` equals the JSON the server sent, up to ``normalise``."""
    schema = component(schema_name)
    assert normalise(model.to_dict(), schema) == normalise(sent, schema)

"""Hostile input is refused with ValueError before anything is sent."""

from __future__ import annotations

import math
from typing import Any

import pytest
from linode_images import Filter, RetryPolicy

from tests.overlay.support import Recorder


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_filter_values_are_refused(make: Any, value: float) -> None:
    recorder = Recorder()
    harness = make(recorder)
    with pytest.raises(ValueError, match="finite"):
        Filter.gt("size", value)
    with pytest.raises(ValueError, match="finite"):
        harness.call("list_page", filter={"size": {"+gt": value}})
    with pytest.raises(ValueError, match="finite"):
        harness.call("list_page", filter={"+or": [{"size": value}]})
    assert recorder.count == 0


def _nested(depth: int) -> dict[str, Any]:
    doc: dict[str, Any] = {"label": "x"}
    for _ in range(depth):
        doc = {"+and": [doc]}
    return doc


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deeply_nested_filters_are_refused(make: Any, depth: int) -> None:
    recorder = Recorder()
    harness = make(recorder)
    with pytest.raises(ValueError, match="nested more than"):
        harness.call("list_page", filter=_nested(depth))
    assert recorder.count == 0


def test_combining_many_filters_stays_flat() -> None:
    combined = Filter.eq("label", "0")
    for n in range(1, 200):
        combined = combined & Filter.eq("label", str(n))
    assert combined.to_dict() == {"+and": [{"label": str(n)} for n in range(200)]}
    either = Filter.or_(Filter.eq("label", "a") | Filter.eq("label", "b"), Filter.eq("label", "c"))
    assert either.to_dict() == {"+or": [{"label": "a"}, {"label": "b"}, {"label": "c"}]}


@pytest.mark.parametrize("method", ["get", "delete", "wait_for_status"])
def test_an_image_id_longer_than_any_is_refused(make: Any, method: str) -> None:
    recorder = Recorder()
    harness = make(recorder)
    with pytest.raises(ValueError, match="more than any image id"):
        harness.call(method, "private/" + "1" * 70_000)
    assert recorder.count == 0


@pytest.mark.parametrize(
    "settings",
    [
        {"backoff_initial": -1.0},
        {"backoff_max": -0.5},
        {"max_retry_after": -10},
        {"backoff_initial": math.nan},
        {"max_retry_after": math.inf},
        {"max_retries": -1},
        {"jitter": -0.1},
    ],
)
def test_negative_retry_settings_are_refused(settings: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**settings)

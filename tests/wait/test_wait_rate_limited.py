"""Waiting while the API answers 429: a server's Retry-After is capped as the client's retries cap
it, and neither the poll's own retries nor its pauses run past the wait's timeout."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from linode_images import RetryPolicy, WaitTimeoutError

from tests.overlay.support import Harness, Recorder, image_json, json_response


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> Any:
    return request.param


def too_many(retry_after: str) -> httpx.Response:
    return httpx.Response(429, headers={"retry-after": retry_after}, content=b"")


def test_an_uncapped_retry_after_is_capped_like_the_clients_retries(kind: str) -> None:
    recorder = Recorder(*[too_many("1000000000")] * 5, default=lambda r: json_response(200, image_json()))
    harness = Harness(kind, recorder, retry=RetryPolicy(max_retries=3, max_retry_after=60))
    try:
        image = harness.call("wait_for_status", "private/1", timeout=None)
    finally:
        harness.close()
    assert image.status == "available"
    assert recorder.count == 6
    assert harness.time.sleeps and max(harness.time.sleeps) <= 60


@pytest.mark.parametrize(("timeout", "retry_after"), [(1, "60"), (300, "1000000000"), (30, "7")])
def test_the_timeout_holds_within_one_poll_interval(kind: str, timeout: float, retry_after: str) -> None:
    recorder = Recorder(default=lambda r: too_many(retry_after))
    harness = Harness(kind, recorder, retry=RetryPolicy(max_retries=3, max_retry_after=120))
    try:
        with pytest.raises(WaitTimeoutError) as info:
            harness.call("wait_for_status", "private/1", timeout=timeout, poll_interval=2)
    finally:
        harness.close()
    assert info.value.elapsed <= timeout + 2
    assert sum(harness.time.sleeps) <= timeout
    assert "429" in str(info.value)

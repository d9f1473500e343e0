"""Hostile input is refused with ValueError before anything is sent."""

from __future__ import annotations

import json
import math
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from linode_images import APIResponseValidationError, Filter, RetryPolicy, ServerError

from tests.overlay.support import Recorder, image_json


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


NOT_GZIP = {"content-encoding": "gzip", "content-type": "application/json"}


class RawBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body handed over as it is: a Response built from bytes would decode them at once."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def __iter__(self) -> Iterator[bytes]:
        yield self.body

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.body


class Answers:
    """A MockTransport handler giving ``answers`` in turn (the last one for ever), counting requests."""

    def __init__(self, *answers: tuple[int, dict[str, str], bytes]) -> None:
        self.answers = list(answers)
        self.count = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        status, headers, body = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return httpx.Response(status, headers=headers, stream=RawBody(body))


def test_a_success_whose_body_is_not_the_gzip_it_claims_is_a_validation_error(make: Any) -> None:
    answers = Answers((200, NOT_GZIP, b'{"id": "x"}'))
    with pytest.raises(APIResponseValidationError, match="could not be decoded") as info:
        make(answers, retry=2).call("get", "private/1")
    assert info.value.status_code == 200 and answers.count == 1


def test_a_5xx_whose_body_is_not_the_gzip_it_claims_is_retried(make: Any) -> None:
    image = json.dumps(image_json()).encode()
    answers = Answers(
        (502, NOT_GZIP, b"<html>bad gateway</html>"), (200, {"content-type": "application/json"}, image)
    )
    assert make(answers, retry=2).call("get", "private/1").id == "private/1"
    assert answers.count == 2
    gateway = Answers((502, NOT_GZIP, b"<html>"))
    with pytest.raises(ServerError) as info:
        make(gateway, retry=1).call("get", "private/1")
    assert info.value.status_code == 502 and gateway.count == 2

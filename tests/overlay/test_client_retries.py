"""Retries as a user sees them: how many requests go out, how long the client waits, and
that a create is never sent twice. No real sleeping: the clock and sleep are fakes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from linode_images import (
    APIConnectionError,
    APITimeoutError,
    MaintenanceError,
    RateLimitError,
    RetryPolicy,
    ServerError,
)

from tests.overlay.support import Recorder, image_json, json_response

OK_IMAGE = json_response(200, image_json("private/1"))
RATE_LIMITED = httpx.Response(429, content=b"")  # the API may send 429 with an empty body
NGINX_502 = httpx.Response(
    502,
    content=b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
    headers={"content-type": "text/html"},
)


def refused(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def read_timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("timed out", request=request)


def read_error(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadError("connection reset by peer", request=request)


def test_get_retries_5xx_then_succeeds(make: Any) -> None:
    recorder = Recorder(NGINX_502, json_response(500, {"errors": [{"reason": "oops"}]}), OK_IMAGE)
    harness = make(recorder, retry=RetryPolicy(jitter=0.0))
    assert harness.call("get", "private/1").id == "private/1"
    assert recorder.count == 3
    assert harness.time.sleeps == [0.5, 1.0]


def test_retry_after_is_honoured(make: Any) -> None:
    recorder = Recorder(
        httpx.Response(429, content=b"", headers={"Retry-After": "7"}),
        httpx.Response(503, content=b"", headers={"Retry-After": "-3"}),
        OK_IMAGE,
    )
    harness = make(recorder)
    harness.call("get", "private/1")
    assert harness.time.sleeps == [7.0, 0.0]


def test_retry_after_http_date(make: Any) -> None:
    import email.utils

    harness_time_start = 1_700_000_000.0
    date = email.utils.formatdate(harness_time_start + 15, usegmt=True)
    recorder = Recorder(httpx.Response(429, content=b"", headers={"Retry-After": date}), OK_IMAGE)
    harness = make(recorder)
    harness.call("get", "private/1")
    assert harness.time.sleeps == [pytest.approx(15.0)]


def test_retry_after_is_capped(make: Any) -> None:
    recorder = Recorder(httpx.Response(429, content=b"", headers={"Retry-After": "86400"}), OK_IMAGE)
    harness = make(recorder, retry=RetryPolicy(max_retry_after=20))
    harness.call("get", "private/1")
    assert harness.time.sleeps == [20.0]


def test_gives_up_after_max_retries(make: Any) -> None:
    recorder = Recorder(default=lambda r: RATE_LIMITED)
    harness = make(recorder, retry=RetryPolicy(max_retries=2, jitter=0.0))
    with pytest.raises(RateLimitError) as info:
        harness.call("get", "private/1")
    assert recorder.count == 3
    assert info.value.retry_after is None
    assert harness.time.sleeps == [0.5, 1.0]


@pytest.mark.parametrize("retry", [None, 0, RetryPolicy(max_retries=0)])
def test_retries_can_be_disabled(make: Any, retry: Any) -> None:
    recorder = Recorder(default=lambda r: NGINX_502)
    harness = make(recorder, retry=retry)
    with pytest.raises(ServerError):
        harness.call("get", "private/1")
    assert recorder.count == 1
    assert harness.time.sleeps == []


def test_maintenance_is_not_retried(make: Any) -> None:
    recorder = Recorder(
        default=lambda r: json_response(
            503, {"errors": [{"reason": "maintenance"}]}, {"X-Maintenance-Mode": "x"}
        )
    )
    harness = make(recorder)
    with pytest.raises(MaintenanceError):
        harness.call("get", "private/1")
    assert recorder.count == 1


@pytest.mark.parametrize(
    ("method", "args", "kwargs"),
    [
        ("create", (), {"disk_id": 1, "label": "golden"}),
        ("create_upload", (), {"label": "golden", "region": "us-east"}),
        ("replicate", ("private/1",), {"regions": ["us-east"]}),
    ],
)
@pytest.mark.parametrize(
    "failure",
    [NGINX_502, RATE_LIMITED, json_response(500, {"errors": [{"reason": "boom"}]}), read_timeout, read_error],
)
def test_post_is_never_sent_twice_once_it_reached_the_server(
    make: Any, method: str, args: tuple[Any, ...], kwargs: dict[str, Any], failure: Any
) -> None:
    recorder = Recorder(failure, default=lambda r: OK_IMAGE)
    harness = make(recorder)
    with pytest.raises((ServerError, RateLimitError, APIConnectionError)):
        harness.call(method, *args, **kwargs)
    assert recorder.count == 1
    assert harness.time.sleeps == []


def test_post_is_retried_when_the_connection_was_refused(make: Any) -> None:
    recorder = Recorder(refused, refused, OK_IMAGE)
    harness = make(recorder, retry=RetryPolicy(jitter=0.0))
    image = harness.call("create", disk_id=1, label="golden")
    assert image.id == "private/1"
    assert recorder.count == 3
    assert [r.method for r in recorder.requests] == ["POST"] * 3


@pytest.mark.parametrize(
    ("method", "args", "kwargs"),
    [
        ("get", ("private/1",), {}),
        ("update", ("private/1",), {"label": "x"}),
        ("delete", ("private/1",), {}),
        ("list_page", (), {}),
    ],
)
def test_idempotent_calls_retry_connection_errors(
    make: Any, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    ok = json_response(
        200,
        {"data": [], "page": 0, "pages": 0, "results": 0}
        if method == "list_page"
        else ({} if method == "delete" else image_json()),
    )
    recorder = Recorder(read_timeout, read_error, refused, ok)
    harness = make(recorder, retry=RetryPolicy(max_retries=3, jitter=0.0))
    harness.call(method, *args, **kwargs)
    assert recorder.count == 4
    assert harness.time.sleeps == [0.5, 1.0, 2.0]


def test_connection_errors_are_typed(make: Any) -> None:
    harness = make(Recorder(default=refused), retry=1)
    with pytest.raises(APIConnectionError) as info:
        harness.call("get", "private/1")
    assert not isinstance(info.value, APITimeoutError)
    assert info.value.method == "GET"
    assert info.value.url.endswith("/v4/images/private%2F1")
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    harness = make(Recorder(default=read_timeout), retry=0)
    with pytest.raises(APITimeoutError):
        harness.call("get", "private/1")


def test_waits_for_rate_limit_reset_instead_of_walking_into_429(make: Any) -> None:
    start = 1_700_000_000
    spent = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(start + 40), "X-RateLimit-Limit": "20"}
    page = {"data": [image_json()], "page": 1, "pages": 1, "results": 1}
    recorder = Recorder(json_response(200, page, spent), default=lambda r: json_response(200, page))
    harness = make(recorder, retry=RetryPolicy(wait_for_rate_limit_reset=True))
    harness.call("list_page")
    assert harness.time.sleeps == []
    harness.call("list_page")
    assert harness.time.sleeps == [40.0]
    harness.call("list_page")
    assert harness.time.sleeps == [40.0]
    assert recorder.count == 3


def test_rate_limit_wait_is_off_by_default(make: Any) -> None:
    start = 1_700_000_000
    spent = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(start + 40)}
    recorder = Recorder(default=lambda r: json_response(200, image_json(), spent))
    harness = make(recorder)
    harness.call("get", "private/1")
    harness.call("get", "private/1")
    assert harness.time.sleeps == []


def test_rate_limit_wait_is_per_operation(make: Any) -> None:
    start = 1_700_000_000
    spent = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(start + 40)}
    page = {"data": [], "page": 0, "pages": 0, "results": 0}
    recorder = Recorder(json_response(200, page, spent), default=lambda r: OK_IMAGE)
    harness = make(recorder, retry=RetryPolicy(wait_for_rate_limit_reset=True))
    harness.call("list_page")
    harness.call("get", "private/1")
    assert harness.time.sleeps == []


def test_retries_are_logged(make: Any, caplog: pytest.LogCaptureFixture) -> None:
    harness = make(Recorder(NGINX_502, OK_IMAGE), retry=RetryPolicy(jitter=0.0))
    with caplog.at_level("DEBUG", logger="linode_images"):
        harness.call("get", "private/1")
    messages = [r.getMessage() for r in caplog.records if r.name == "linode_images"]
    assert any("retrying in 0.50s (retry 1 of 3)" in m and "502" in m for m in messages)
    assert any(m.startswith("GET https://api.linode.com/v4/images/private%2F1 -> 502") for m in messages)
    assert any(m.startswith("GET https://api.linode.com/v4/images/private%2F1 -> 200") for m in messages)

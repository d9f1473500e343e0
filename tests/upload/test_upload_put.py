"""The PUT to ``upload_to``: headers, streaming, status checks, retries; no network (MockTransport)."""

from __future__ import annotations

import gzip
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from linode_images import RetryPolicy
from linode_images._flow import AsyncEffects, Flow, SyncEffects, run_async, run_sync
from linode_images._source import PreparedSource, prepare_source
from linode_images._storage import (
    PutFailure,
    PutResult,
    asend_put,
    check_upload_url,
    parse_object_storage_error,
    put_flow,
    send_put,
)

from .support import Pipe

GZ = gzip.compress(os.urandom(300_000))
URL = "https://objects.example/bucket/private-1?Signature=abc&Expires=4102444800"  # 2100-01-01
UA = "linode-images/test"

ACCESS_DENIED = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
    b"<Message>Request has expired &amp; cannot be used</Message><RequestId>tx1</RequestId></Error>"
)


class Recorder:
    """A MockTransport handler answering from a script and recording what each request carried."""

    def __init__(self, *answers: int | bytes | Exception | tuple[int, bytes]) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.bodies: list[bytes] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.bodies.append(request.content)
        answer = self.answers.pop(0) if self.answers else 200
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, tuple):
            return httpx.Response(answer[0], content=answer[1])
        return httpx.Response(answer) if isinstance(answer, int) else httpx.Response(200, content=answer)


def _put_flow(
    url: str,
    source: PreparedSource,
    retry: RetryPolicy = RetryPolicy(max_retries=2),  # noqa: B008 - frozen, shared safely
    **options: Any,
) -> Flow[PutResult]:
    return put_flow(url, source, retry=retry, clock=time.time, **options)


def put_sync(
    http: httpx.Client, url: str, source: PreparedSource, *, sleep: Any, **options: Any
) -> PutResult:
    """``put_flow`` run as the sync client runs it, each PUT sent over ``http``."""
    effects = SyncEffects(sleep, lambda effect: send_put(http, effect.request))
    return run_sync(_put_flow(url, source, **options), effects)


async def put_async(
    http: httpx.AsyncClient, url: str, source: PreparedSource, *, sleep: Any, **options: Any
) -> PutResult:
    """``put_sync`` as the async client runs it."""
    effects = AsyncEffects(sleep, lambda effect: asend_put(http, effect.request))
    return await run_async(_put_flow(url, source, **options), effects)


def sleeps() -> tuple[list[float], Callable[[float], None]]:
    slept: list[float] = []
    return slept, slept.append


def run_put(recorder: Recorder, source: PreparedSource, **kwargs: object) -> tuple[int, list[float]]:
    slept, sleep = sleeps()
    with httpx.Client(transport=httpx.MockTransport(recorder)) as http:
        result = put_sync(http, URL, source, user_agent=UA, sleep=sleep, **kwargs)  # type: ignore[arg-type]
    return result.attempts, slept


# ---- upload_to checks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        URL,
        "http://127.0.0.1:8123/bucket/1?Signature=x",
        "http://127.9.9.9/b/1",
        "http://localhost:9000/b/1",
        "http://[::1]:9000/b/1",
    ],
)
def test_accepted_upload_urls(url: str) -> None:
    assert str(check_upload_url(url)) == url


@pytest.mark.parametrize(
    ("url", "match"),
    [
        ("http://us-east-1.linodeobjects.example/b/1", "must be an https URL"),
        ("http://10.0.0.1/b/1", "must be an https URL"),
        ("ftp://127.0.0.1/b/1", "must be an https URL"),
        ("https://user:secret@objects.example/b/1", "credentials"),
        ("", "empty upload_to"),
        ("/relative/path", "no host"),
    ],
)
def test_refused_upload_urls(url: str, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        check_upload_url(url)


def test_plain_http_refused_before_any_byte_is_sent() -> None:
    recorder = Recorder()
    with (
        prepare_source(GZ) as source,
        httpx.Client(transport=httpx.MockTransport(recorder)) as http,
        pytest.raises(ValueError, match="https"),
    ):
        put_sync(http, "http://objects.example/b/1", source, user_agent=UA, sleep=lambda s: None)
    assert recorder.requests == []


# ---- XML errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (ACCESS_DENIED.decode(), ("AccessDenied", "Request has expired & cannot be used")),
        ("<Error><Code>SlowDown</Code></Error>", ("SlowDown", None)),
        ("<html><body>Bad Gateway</body></html>", (None, None)),
        ("", (None, None)),
    ],
)
def test_parse_object_storage_error(body: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_object_storage_error(body) == expected


# ---- one PUT ------------------------------------------------------------------------------------


def test_put_sends_content_length_and_no_api_headers() -> None:
    recorder = Recorder(200)
    with prepare_source(GZ, chunk_size=64 * 1024) as source:
        attempts, slept = run_put(recorder, source)
    assert (attempts, slept) == (1, [])
    (request,) = recorder.requests
    assert request.method == "PUT"
    assert str(request.url) == URL
    assert request.headers["Content-Length"] == str(len(GZ))
    assert "Transfer-Encoding" not in request.headers
    assert "Authorization" not in request.headers
    assert "X-Filter" not in request.headers
    assert request.headers["Content-Type"] == "application/octet-stream"
    assert request.headers["User-Agent"] == UA
    assert recorder.bodies == [GZ]


def test_progress_reports_every_chunk_up_to_the_total() -> None:
    calls: list[tuple[int, int]] = []
    with prepare_source(GZ, chunk_size=100_000) as source:
        run_put(Recorder(200), source, on_progress=lambda s, t, _: calls.append((s, t)))
    total = len(GZ)
    assert calls[0] == (0, total)
    assert calls[-1] == (total, total)
    sent = [s for s, _ in calls]
    assert sent == sorted(sent)
    assert len(calls) == 1 + -(-total // 100_000)


def test_a_progress_callback_that_raises_aborts_the_put() -> None:
    def stop(sent: int, total: int, phase: str) -> None:
        if sent > 0:
            raise KeyboardInterrupt

    with prepare_source(GZ, chunk_size=100_000) as source, pytest.raises(KeyboardInterrupt):
        run_put(Recorder(200), source, on_progress=stop)


def test_403_with_xml_is_final() -> None:
    recorder = Recorder((403, ACCESS_DENIED))
    with prepare_source(GZ) as source, pytest.raises(PutFailure) as caught:
        run_put(recorder, source)
    failure = caught.value
    assert (failure.status_code, failure.code, failure.attempts, failure.retryable) == (
        403,
        "AccessDenied",
        1,
        False,
    )
    assert "Request has expired" in failure.reason
    assert failure.body is not None and "<Code>AccessDenied</Code>" in failure.body
    assert len(recorder.requests) == 1


@pytest.mark.parametrize(
    "first",
    [
        500,
        503,
        429,
        (400, b"<Error><Code>RequestTimeout</Code></Error>"),
        httpx.RemoteProtocolError("peer closed connection"),
        httpx.ConnectError("connection refused"),
        httpx.WriteTimeout("write timed out"),
    ],
)
def test_transient_failures_retry_a_rewindable_source(first: object) -> None:
    recorder = Recorder(first, 200)  # type: ignore[arg-type]
    with prepare_source(GZ) as source:
        attempts, slept = run_put(recorder, source)
    assert attempts == 2 and len(slept) == 1
    assert recorder.bodies[-1] == GZ
    assert all(r.headers["Content-Length"] == str(len(GZ)) for r in recorder.requests)


@pytest.mark.parametrize(
    ("status", "retry_after", "expected"),
    [(503, "7", 7.0), (429, "0", 0.0), (503, "-3", 0.0), (503, "9999", 60.0)],
)
def test_a_storage_retry_after_sets_the_pause(status: int, retry_after: str, expected: float) -> None:
    """Object storage asks for a pause with Retry-After on 503 SlowDown / 429; it is honoured, capped."""

    def handler(request: httpx.Request) -> httpx.Response:
        if len(handler.seen) == 0:  # type: ignore[attr-defined]
            handler.seen.append(request)  # type: ignore[attr-defined]
            return httpx.Response(
                status, headers={"Retry-After": retry_after}, content=b"<Error><Code>SlowDown</Code></Error>"
            )
        return httpx.Response(200)

    handler.seen = []  # type: ignore[attr-defined]
    slept: list[float] = []
    with prepare_source(GZ) as source, httpx.Client(transport=httpx.MockTransport(handler)) as http:
        attempts = put_sync(http, URL, source, user_agent=UA, sleep=slept.append).attempts
    assert attempts == 2
    assert slept == [expected]


class CutOff(httpx.SyncByteStream):
    """A response body whose connection is lost before the promised bytes arrive."""

    def __iter__(self) -> Iterator[bytes]:
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")
        yield b""  # pragma: no cover - makes this a generator


def test_a_200_whose_connection_drops_is_not_a_success() -> None:
    answers = iter(
        [httpx.Response(200, headers={"Content-Length": "1024"}, stream=CutOff()), httpx.Response(200)]
    )
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        requests.append(request)
        return next(answers)

    with prepare_source(GZ) as source, httpx.Client(transport=httpx.MockTransport(handler)) as http:
        assert put_sync(http, URL, source, user_agent=UA, sleep=lambda s: None).attempts == 2
    assert len(requests) == 2


def test_retries_are_logged_without_the_url(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="linode_images")
    with prepare_source(GZ) as source:
        run_put(Recorder(503, 200), source)
    (record,) = [r for r in caplog.records if r.name == "linode_images"]
    assert "attempt 1 of 3 failed" in record.getMessage() and "503" in record.getMessage()
    assert "Signature" not in record.getMessage() and "objects.example" not in record.getMessage()


def test_retries_are_bounded() -> None:
    recorder = Recorder(500, 502, 503, 504)
    with prepare_source(GZ) as source, pytest.raises(PutFailure) as caught:
        run_put(recorder, source, max_attempts=3)
    assert caught.value.attempts == 3 and caught.value.status_code == 503
    assert "gave up after 3 attempts" in caught.value.reason
    assert len(recorder.requests) == 3


def test_a_stream_read_once_is_not_retried_and_says_why() -> None:
    recorder = Recorder(500, 200)
    with prepare_source(Pipe(GZ), size=len(GZ)) as source, pytest.raises(PutFailure) as caught:
        run_put(recorder, source)
    assert caught.value.attempts == 1
    assert "not retried: the source is a non-seekable stream" in caught.value.reason
    assert len(recorder.requests) == 1


def test_progress_restarts_from_zero_on_retry() -> None:
    calls: list[int] = []
    with prepare_source(GZ, chunk_size=100_000) as source:
        run_put(Recorder(500, 200), source, on_progress=lambda s, t, _: calls.append(s))
    assert calls.count(0) == 2 and calls.count(len(GZ)) == 2


def test_the_pauses_between_attempts_come_from_the_retry_policy() -> None:
    policy = RetryPolicy(max_retries=3, backoff_initial=0.5, backoff_max=1.5, jitter=0.5, random=lambda: 0.5)
    slept: list[float] = []
    with (
        prepare_source(GZ) as source,
        httpx.Client(transport=httpx.MockTransport(Recorder(500, 502, 503, 200))) as http,
    ):
        assert put_sync(http, URL, source, user_agent=UA, sleep=slept.append, retry=policy).attempts == 4
    assert slept == [0.375, 0.75, 1.125]


# ---- async --------------------------------------------------------------------------------------


async def test_async_put_streams_the_same_bytes_and_retries() -> None:
    recorder = Recorder(502, 200)
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    calls: list[int] = []
    with prepare_source(GZ, chunk_size=50_000) as source:
        async with httpx.AsyncClient(transport=httpx.MockTransport(recorder)) as http:
            result = await put_async(
                http, URL, source, user_agent=UA, sleep=sleep, on_progress=lambda s, t, _: calls.append(s)
            )
            attempts = result.attempts
    assert attempts == 2 and len(slept) == 1
    assert recorder.bodies == [GZ, GZ]
    assert "Authorization" not in recorder.requests[1].headers
    assert recorder.requests[1].headers["Content-Length"] == str(len(GZ))
    assert calls[-1] == len(GZ)


async def test_async_put_403_is_final() -> None:
    recorder = Recorder((403, ACCESS_DENIED))

    async def sleep(seconds: float) -> None:
        raise AssertionError("must not sleep")

    with prepare_source(GZ) as source:
        async with httpx.AsyncClient(transport=httpx.MockTransport(recorder)) as http:
            with pytest.raises(PutFailure) as caught:
                await put_async(http, URL, source, user_agent=UA, sleep=sleep)
    assert caught.value.code == "AccessDenied"

"""The PUT of image data to the pre-signed ``upload_to`` URL, on an HTTP client of its own.

The client has the user's proxy, CA and timeout settings and none of the API's headers:
``Content-Length`` always, since pre-signed PUTs need it; the body streamed from the source in
chunks; the status checked and an object-storage XML error surfaced in ``PutFailure``.
Connection failures, timeouts, and the statuses the retry policy retries (408, 429, 5xx) send
the whole PUT again after the policy's pause, but only when the source can be rewound.

What the PUT proves (``_integrity``): the MD5 of the bytes sent is taken as they go out and
compared with the storage's plain-MD5 ``ETag``; a mismatch fails the upload. No attempt, first
or retried, starts once the URL's ``Expires`` is (nearly) past.

Timeouts apply per network operation (connect, each chunk written, the response read), never to
the whole transfer: a large upload over a slow link does not time out while bytes keep moving.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from ._config import USER_AGENT, AsyncCookielessClient, CookielessClient, NetworkOptions, is_loopback, logger
from ._flow import Flow, Pause, PutData
from ._integrity import SentDigest, etag_mismatch, expired_reason, plain_md5_etag, url_expires
from ._progress import PhaseCallback, SentCounter
from ._redact import redact_text, redacted_url
from ._retry import NOT_SENT_ERRORS, RetryPolicy
from ._source import PreparedSource, SourceChangedError

__all__ = [
    "PutAttempt",
    "PutFailure",
    "PutRequest",
    "PutResult",
    "StorageAnswer",
    "asend_put",
    "check_upload_url",
    "parse_object_storage_error",
    "put_flow",
    "send_put",
    "upload_async_http_client",
    "upload_http_client",
]

# An error body is only read this far: enough for object storage's XML, bounded for anything else.
_ERROR_BODY_LIMIT = 64 * 1024
# Object-storage error codes after which sending the same PUT again can succeed.
_RETRY_CODES = frozenset({"RequestTimeout", "SlowDown", "InternalError", "ServiceUnavailable"})


def check_upload_url(upload_to: str) -> httpx.URL:
    """The ``upload_to`` URL if it is safe to send image data to, else ``ValueError``.

    ``https`` only; plain ``http`` is accepted for loopback hosts (a local mock server).

    >>> str(check_upload_url("http://127.0.0.1:8080/bucket/1?Signature=x"))
    'http://127.0.0.1:8080/bucket/1?Signature=x'
    """
    if not upload_to:
        raise ValueError("the API sent an empty upload_to URL for the image data")
    try:
        url = httpx.URL(upload_to)
    except httpx.InvalidURL as exc:
        raise ValueError(f"upload_to is not a valid URL: {exc}") from None
    if not url.host:
        raise ValueError("upload_to has no host")
    if url.userinfo:
        # Credentials in the URL would become an Authorization header on the storage host.
        raise ValueError("upload_to carries user credentials; refusing to send image data to it")
    if url.scheme == "https":
        return url
    if url.scheme == "http" and is_loopback(url.host):
        return url
    raise ValueError(
        f"upload_to must be an https URL (plain http only to a loopback host), not {url.scheme}://{url.host}"
    )


_XML_FIELD = re.compile(r"<(Code|Message)>([^<]*)</\1>")


def parse_object_storage_error(body: str) -> tuple[str | None, str | None]:
    """``(Code, Message)`` of an object-storage XML error body; None for what is absent.

    >>> parse_object_storage_error("<Error><Code>AccessDenied</Code><Message>Expired</Message></Error>")
    ('AccessDenied', 'Expired')
    """
    # A regular expression rather than an XML parser: the body comes from another host, and
    # two flat text fields do not justify exposing an XML parser (entity expansion) to it.
    found = {name: html.unescape(value.strip()) for name, value in _XML_FIELD.findall(body)}
    return found.get("Code") or None, found.get("Message") or None


@dataclass(eq=False, repr=False)  # as the errors of _errors: hashed by identity, Exception's repr
class PutFailure(Exception):
    """The PUT failed; ``upload()`` turns this into an ``UploadError`` once the image is dealt with."""

    reason: str
    _: dataclasses.KW_ONLY
    status_code: int | None = None
    code: str | None = None
    body: str | None = None
    attempts: int = 1
    retryable: bool = False
    # The storage's answer headers: its Retry-After sets the pause before the next attempt.
    headers: httpx.Headers | None = None
    # An attempt sent the whole body and its answer was lost: the data may have arrived.
    maybe_stored: bool = False
    # The source changed while it was sent: whatever arrived is not the image.
    source_changed: bool = False
    # The storage's ETag says it holds other bytes than were sent: what arrived is not the image.
    other_bytes_stored: bool = False

    def __post_init__(self) -> None:
        super().__init__(self.reason)


@dataclass(frozen=True, slots=True)
class PutRequest:
    """What every attempt of one PUT sends."""

    url: httpx.URL
    headers: dict[str, str]
    source: PreparedSource
    on_progress: PhaseCallback | None


@dataclass(frozen=True, slots=True)
class PutAttempt:
    """One attempt of a PUT: the request, and the count of its bytes the HTTP client took."""

    put: PutRequest
    sent: SentCounter


@dataclass(frozen=True, slots=True)
class StorageAnswer:
    """The storage's status, headers and (capped) body; the body is read on success too, so a
    connection dropped after a 200 status line is a failed upload, not a finished one."""

    status_code: int
    headers: httpx.Headers
    body: bytes
    md5: str
    """The MD5 (hex) of the bytes this attempt sent."""


@dataclass(frozen=True, slots=True)
class PutResult:
    """A finished PUT: the attempts it took, the MD5 of the bytes stored, and whether the
    storage's ETag confirmed it (False when the ETag was not a plain MD5)."""

    attempts: int
    md5: str
    etag_verified: bool


def _build(http: httpx.Client | httpx.AsyncClient, put: PutRequest, content: Any) -> httpx.Request:
    return http.build_request("PUT", put.url, headers=put.headers, content=content)


def _counter(put: PutRequest) -> SentCounter:
    return SentCounter(put.source.size, put.on_progress)


def _capped(body: bytes, part: bytes) -> bytes:
    """``body + part``, cut at ``_ERROR_BODY_LIMIT`` bytes (reading stops there)."""
    return (body + part)[:_ERROR_BODY_LIMIT]


def send_put(http: httpx.Client, attempt: PutAttempt) -> StorageAnswer:
    """One attempt of a PUT over a sync client."""
    put = attempt.put
    digest = SentDigest()
    response = http.send(_build(http, put, digest.tap(put.source.iter_chunks(attempt.sent))), stream=True)
    body = b""
    with contextlib.closing(response):
        for part in response.iter_bytes():
            if len(body := _capped(body, part)) >= _ERROR_BODY_LIMIT:
                break
    return StorageAnswer(response.status_code, response.headers, body, digest.hexdigest())


async def asend_put(http: httpx.AsyncClient, attempt: PutAttempt) -> StorageAnswer:
    """One attempt of a PUT over an async client."""
    put = attempt.put
    digest = SentDigest()
    content = digest.atap(put.source.aiter_chunks(attempt.sent))
    response = await http.send(_build(http, put, content), stream=True)
    body = b""
    async with contextlib.aclosing(response):
        async for part in response.aiter_bytes():
            if len(body := _capped(body, part)) >= _ERROR_BODY_LIMIT:
                break
    return StorageAnswer(response.status_code, response.headers, body, digest.hexdigest())


def _failure_from_status(answer: StorageAnswer, retry: RetryPolicy) -> PutFailure:
    text = answer.body.decode("utf-8", errors="replace")
    code, message = parse_object_storage_error(text)
    detail = ": ".join(part for part in (code, message) if part)
    if not detail:
        detail = " ".join(text.split())[:200] or "(empty body)"
    return PutFailure(
        f"the object storage answered {answer.status_code}: {detail}",
        status_code=answer.status_code,
        code=code,
        body=text,
        retryable=retry.retries_status(answer.status_code) or code in _RETRY_CODES,
        headers=answer.headers,
    )


def _failure_from_exception(exc: Exception) -> PutFailure:
    if isinstance(exc, SourceChangedError):
        return PutFailure(str(exc), source_changed=True)
    # redact: an exception's text may quote the URL, whose signature is a credential.
    if isinstance(exc, httpx.TimeoutException):
        return PutFailure(redact_text(f"the upload timed out ({type(exc).__name__}: {exc})"), retryable=True)
    # Reset, refused, dropped mid-body: a fresh PUT may well get through.
    return PutFailure(redact_text(f"the connection failed ({type(exc).__name__}: {exc})"), retryable=True)


def _finished(answer: StorageAnswer, attempt: int) -> PutResult:
    """The result of a 2xx answer, or ``PutFailure`` when its ETag disproves the bytes sent."""
    etag = answer.headers.get("ETag")
    mismatch = etag_mismatch(answer.md5, etag)
    if mismatch is not None:
        # Not retried: the storage already took this object, and the image may be importing it.
        raise PutFailure(mismatch, status_code=answer.status_code, attempts=attempt, other_bytes_stored=True)
    return PutResult(attempt, answer.md5, plain_md5_etag(etag) is not None)


def _next_pause(
    failure: PutFailure, attempt: int, source: PreparedSource, retry: RetryPolicy, now: float
) -> float | None:
    """The pause before the next attempt, or None when ``failure`` is final (reason added)."""
    failure.attempts = attempt
    if not failure.retryable:
        return None
    if not source.rewindable:
        failure.reason += f"; not retried: {source.not_rewindable}"
        return None
    pause = retry.retry_upload(retryable=True, headers=failure.headers, retries_done=attempt - 1, now=now)
    if pause is None:
        failure.reason += f"; gave up after {attempt} attempts"
        return None
    # The URL stays out of the log: its query string is a credential for the image's data.
    logger.info(
        "upload PUT attempt %d of %d failed (%s); retrying in %.2fs",
        attempt,
        retry.max_retries + 1,
        failure.reason,
        pause,
    )
    return pause


def _log_put(put: PutRequest, attempt: int, outcome: int | str, started: float) -> None:
    # The URL through the redaction rule: its signature is a credential for the image's data.
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "PUT %s (%d bytes, attempt %d) -> %s in %.1f ms",
            redacted_url(put.url),
            put.source.size,
            attempt,
            outcome,
            (time.perf_counter() - started) * 1000,
        )


def put_flow(
    upload_to: str,
    source: PreparedSource,
    *,
    retry: RetryPolicy,
    clock: Callable[[], float],
    user_agent: str = USER_AGENT,
    on_progress: PhaseCallback | None = None,
    max_attempts: int | None = None,
) -> Flow[PutResult]:
    """PUT ``source`` to ``upload_to`` as a flow; what it took and proved, or ``PutFailure``.

    ``retry`` decides about sending it again and how long to pause first; ``max_attempts``,
    when given, replaces its ``max_retries + 1``. No attempt starts once the URL has expired.
    """
    # Only what the object storage needs: no Authorization, no X-Filter, no API Accept.
    headers = {
        "Content-Type": "application/octet-stream",
        "Content-Length": str(source.size),
        "User-Agent": user_agent,
    }
    put = PutRequest(check_upload_url(upload_to), headers, source, on_progress)
    expires = url_expires(upload_to)
    if max_attempts is not None:
        retry = dataclasses.replace(retry, max_retries=max_attempts - 1)
    attempt = 0
    maybe_stored = False
    while True:
        attempt += 1
        expired = expired_reason(expires, clock(), attempt)
        if expired is not None:
            failure = PutFailure(expired, attempts=attempt - 1)
            failure.maybe_stored = maybe_stored
            raise failure
        sent = _counter(put)
        started = time.perf_counter()
        try:
            answer: StorageAnswer = yield PutData(PutAttempt(put, sent))
        except (httpx.TransportError, SourceChangedError) as exc:
            _log_put(put, attempt, type(exc).__name__, started)
            failure = _failure_from_exception(exc)
            # No answer after the whole body went: the storage may have stored it all.
            maybe_stored |= (
                isinstance(exc, httpx.TransportError)
                and not isinstance(exc, NOT_SENT_ERRORS)
                and sent.sent >= source.size
            )
        else:
            _log_put(put, attempt, answer.status_code, started)
            if 200 <= answer.status_code < 300:
                return _finished(answer, attempt)
            failure = _failure_from_status(answer, retry)
        pause = _next_pause(failure, attempt, source, retry, clock())
        if pause is None:
            failure.maybe_stored = maybe_stored
            raise failure
        yield Pause(pause)


class _BorrowedTransport(httpx.BaseTransport):
    """The user's transport, shared with the API client: closing the upload client keeps it open."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._inner.handle_request(request)


class _BorrowedAsyncTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._inner.handle_async_request(request)


def _upload_client_kwargs(network: NetworkOptions) -> dict[str, Any]:
    # The user's TLS, proxy, timeout and transport settings; no base URL, no auth, no API
    # headers, so nothing of the API's reaches the storage host. Redirects are not followed:
    # a pre-signed PUT does not redirect, and following one would send the data elsewhere.
    kwargs = network.httpx_kwargs()
    kwargs["follow_redirects"] = False
    return kwargs


def upload_http_client(network: NetworkOptions) -> httpx.Client:
    """An ``httpx.Client`` for the PUT, built from the API client's network settings."""
    kwargs = _upload_client_kwargs(network)
    if isinstance(kwargs.get("transport"), httpx.BaseTransport):
        kwargs["transport"] = _BorrowedTransport(kwargs["transport"])
    return CookielessClient(**kwargs)


def upload_async_http_client(network: NetworkOptions) -> httpx.AsyncClient:
    """Async ``upload_http_client``."""
    kwargs = _upload_client_kwargs(network)
    if isinstance(kwargs.get("transport"), httpx.AsyncBaseTransport):
        kwargs["transport"] = _BorrowedAsyncTransport(kwargs["transport"])
    return AsyncCookielessClient(**kwargs)

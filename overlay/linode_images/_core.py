"""The request core, with no I/O: the operation table, the retry loop as a flow, and ``settle``.

Every API call is ``Core.call``: a flow (see ``_flow``) that waits out a spent rate limit, yields
a ``Call`` of the generated ``*_detailed`` function, passes what came back through ``settle``
(the one place a response becomes a model or a typed error) and, when the retry policy says
so, pauses and tries again. The generated functions leave error bodies undecoded and return the
``httpx.Response`` with the result, so ``settle`` reads status, headers and body from it.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from linode_images_api.api.images import (
    delete_image,
    get_image,
    get_images,
    post_image,
    post_replicate_image,
    post_upload_image,
    put_image,
)
from linode_images_api.client import AuthenticatedClient
from linode_images_api.errors import DecodeError, UndecodableResponse
from linode_images_api.types import Response

from ._config import logger
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    LinodeError,
    NotFoundError,
    body_excerpt,
    error_from_response,
    parse_error_details,
)
from ._flow import Call, Flow, Pause
from ._models import ApiVersion
from ._redact import request_line
from ._retry import RetryPolicy, parse_retry_after

__all__ = ["DELETE", "GET", "LIST", "RAW_SINK", "Core", "Operation", "aremember_answer", "remember_answer"]

T = TypeVar("T")

# Where ``with_raw_response`` collects the response of the call it wraps (``_response``).
RAW_SINK: contextvars.ContextVar[list[tuple[httpx.Response, float]] | None] = contextvars.ContextVar(
    "linode_images_raw", default=None
)


@dataclass(frozen=True, slots=True)
class Operation:
    name: str
    method: str
    sync: Callable[..., Response[Any]]
    asyncio: Callable[..., Awaitable[Response[Any]]]
    # Served under v4beta only (the spec's x-linode-beta): called there whatever api_version is.
    beta: bool = False
    gone_is_done: bool = False
    """A 404 to a retry is success: an earlier attempt did the work and its answer was lost."""


LIST = Operation("get_images", "GET", get_images.sync_detailed, get_images.asyncio_detailed)
GET = Operation("get_image", "GET", get_image.sync_detailed, get_image.asyncio_detailed)
CREATE = Operation("post_image", "POST", post_image.sync_detailed, post_image.asyncio_detailed)
UPLOAD = Operation(
    "post_upload_image", "POST", post_upload_image.sync_detailed, post_upload_image.asyncio_detailed
)
UPDATE = Operation("put_image", "PUT", put_image.sync_detailed, put_image.asyncio_detailed)
REPLICATE = Operation(
    "post_replicate_image", "POST", post_replicate_image.sync_detailed, post_replicate_image.asyncio_detailed
)
DELETE = Operation(
    "delete_image", "DELETE", delete_image.sync_detailed, delete_image.asyncio_detailed, gone_is_done=True
)

# Where the response hook leaves status and headers on the request, for the one failure that
# comes after them: a body that cannot be decoded (Content-Encoding: gzip over a plain body).
_ANSWER = "linode_images.answer"


def remember_answer(response: httpx.Response) -> None:
    """httpx response hook (sync client): keep the status and headers before the body is read."""
    response.request.extensions[_ANSWER] = (response.status_code, response.headers)


async def aremember_answer(response: httpx.Response) -> None:
    """``remember_answer`` for the async client, whose hooks are awaited."""
    remember_answer(response)


def _undecodable(exc: httpx.DecodingError) -> httpx.Response | None:
    """The answer whose body failed to decode, with its status and headers and no body."""
    try:
        request = exc.request
    except RuntimeError:
        return None
    answer = request.extensions.get(_ANSWER)
    if answer is None:
        return None
    status, headers = answer
    headers = httpx.Headers([(k, v) for k, v in headers.multi_items() if k.lower() != "content-encoding"])
    return httpx.Response(status, headers=headers, content=b"", request=request)


@dataclass(slots=True)
class _Outcome:
    value: Any = None
    error: LinodeError | None = None
    cause: BaseException | None = None
    delay: float | None = None
    response: httpx.Response | None = None
    elapsed: float = 0.0


def _logged(request: httpx.Request) -> str:
    return request_line(request.method, request.url, request.headers, request.content)


def _request_url(exc: Exception) -> str:
    try:
        return str(exc.request.url) if isinstance(exc, httpx.RequestError) else ""
    except RuntimeError:  # httpx raises when the error was created without a request
        return ""


class Core:
    """What every call needs, shared by both clients: the generated client, the API version,
    the retry policy, the clock and the rate-limit state. It does no I/O itself."""

    __slots__ = ("api_version", "clock", "generated", "rate_limit_resets", "retry_policy")

    def __init__(
        self,
        generated: AuthenticatedClient,
        api_version: ApiVersion,
        retry_policy: RetryPolicy,
        clock: Callable[[], float],
    ) -> None:
        self.generated = generated
        self.api_version = api_version
        self.retry_policy = retry_policy
        self.clock = clock
        # Epoch time before which an operation must not be called again (X-RateLimit-Remaining: 0).
        self.rate_limit_resets: dict[str, float] = {}

    def call(
        self, op: Operation, expect: type[T], /, *args: Any, deadline: float | None = None, **kwargs: Any
    ) -> Flow[T]:
        """One API call as a flow: the model of type ``expect``, or the typed error raised.

        ``deadline`` (epoch seconds, the clock's) bounds the pauses between retries: a retry
        that would start after it is not made, and the last error is raised instead.
        """
        kwargs["client"] = self.generated
        version = ApiVersion.V4BETA if op.beta else self.api_version
        effect = Call(op.sync, op.asyncio, (version, *args), kwargs)
        retries = 0
        while True:
            wait = self._rate_limit_wait(op) if self.rate_limit_resets else 0.0
            if deadline is not None:
                wait = min(wait, max(0.0, deadline - self.clock()))
            if wait > 0:
                yield Pause(wait)
            started = time.perf_counter()
            try:
                result = yield effect
            except UndecodableResponse as exc:
                outcome = self.settle(op, expect, None, exc, exc.response, retries, started)
            except Exception as exc:
                outcome = self.settle(op, expect, None, exc, None, retries, started)
            else:
                outcome = self.settle(op, expect, result, None, result.http_response, retries, started)
            if retries and op.gone_is_done and isinstance(outcome.error, NotFoundError):
                logger.info("%s: the retry found nothing left; an earlier attempt did it", op.name)
                outcome = _Outcome(value=expect(), response=outcome.response)
            if outcome.delay is not None and deadline is not None and self.clock() + outcome.delay > deadline:
                outcome.delay = None  # the caller's time is up before the retry could start
            if outcome.delay is None:
                value: T = _finish(outcome)
                return value
            yield Pause(outcome.delay)
            retries += 1

    def _rate_limit_wait(self, op: Operation) -> float:
        reset = self.rate_limit_resets.get(op.name)
        if reset is None:
            return 0.0
        wait = reset - self.clock()
        if wait <= 0:
            del self.rate_limit_resets[op.name]
            return 0.0
        logger.info("%s: rate limit spent, waiting %.2fs for X-RateLimit-Reset", op.name, wait)
        return wait

    def settle(
        self,
        op: Operation,
        expect: type[Any],
        result: Response[Any] | None,
        exc: Exception | None,
        response: httpx.Response | None,
        retries: int,
        started: float,
    ) -> _Outcome:
        """The one place a call's outcome is decided: model, typed error, and whether to retry."""
        elapsed = time.perf_counter() - started
        elapsed_ms = elapsed * 1000
        if response is None and isinstance(exc, httpx.DecodingError):
            response = _undecodable(exc)
        if response is None:
            assert exc is not None
            if not isinstance(exc, httpx.TransportError):
                raise exc
            url = _request_url(exc)
            error_type = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
            error: LinodeError = error_type(
                f"{op.method} {url}: {type(exc).__name__}: {exc}", method=op.method, url=url
            )
            delay = self.retry_policy.retry_error(method=op.method, error=exc, retries_done=retries)
            if logger.isEnabledFor(logging.DEBUG):
                line = _logged(exc.request) if url else op.method
                logger.debug("%s -> %s after %.1f ms", line, type(exc).__name__, elapsed_ms)
            return self._log_retry(op, _Outcome(error=error, cause=exc, delay=delay), retries)
        now = self.clock()
        status = response.status_code
        # Described only when DEBUG is on: formatting costs a few percent of a whole call over
        # a local transport.
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s -> %d in %.1f ms", _logged(response.request), status, elapsed_ms)
        reset = self.retry_policy.rate_limit_reset(response.headers, now)
        if reset is not None:
            self.rate_limit_resets[op.name] = reset
        if 200 <= status < 300:
            parsed = result.parsed if result is not None else None
            if exc is None and isinstance(parsed, expect):
                return _Outcome(parsed, None, None, None, response, elapsed)  # positional: every call
            cause = exc.__cause__ if isinstance(exc, UndecodableResponse) else exc
            error = _validation_error(op, expect, response, cause)
            return _Outcome(error=error, cause=cause, response=response)
        url = str(response.request.url)
        retry_after = parse_retry_after(response.headers.get("retry-after"), now)
        error = error_from_response(
            status_code=status,
            headers=response.headers,
            content=response.content,
            method=op.method,
            url=url,
            retry_after=max(retry_after, 0.0) if retry_after is not None else None,
            token_sent="authorization" in response.request.headers,
        )
        delay = self.retry_policy.retry_status(
            method=op.method, status_code=status, headers=response.headers, retries_done=retries, now=now
        )
        return self._log_retry(op, _Outcome(error=error, cause=exc, delay=delay, response=response), retries)

    def _log_retry(self, op: Operation, outcome: _Outcome, retries: int) -> _Outcome:
        if outcome.delay is not None:
            logger.info(
                "%s: retrying in %.2fs (retry %d of %d) after: %s",
                op.name,
                outcome.delay,
                retries + 1,
                self.retry_policy.max_retries,
                outcome.error,
            )
        return outcome


def _validation_error(
    op: Operation, expect: type[Any], response: httpx.Response, cause: BaseException | None
) -> APIResponseValidationError:
    """The error for a success response whose body is not a valid ``expect``; ``cause`` is the
    generated layer's ``DecodeError`` (which names the JSON path) or the JSON parser's error."""
    url = str(response.request.url)
    body = response.content.decode("utf-8", errors="replace")
    path: str | None
    if isinstance(cause, DecodeError):
        path, problem = cause.path, str(cause)
    elif isinstance(cause, httpx.DecodingError):
        # The body does not match its Content-Encoding (a gzip header on plain bytes).
        path, problem = None, f"the body could not be decoded ({cause})"
    elif cause is None:
        # A success status the spec does not document for this operation.
        path, problem = None, f"a {response.status_code} answer is not documented here"
    else:
        path, problem = None, f"the body is not JSON: {body_excerpt(body)!r}"
    # A success status with Linode's error list (seen from proxies and during incidents).
    details = parse_error_details(response.content)
    if details:
        problem += "; it carries errors: " + "; ".join(str(detail) for detail in details)
    return APIResponseValidationError(
        f"{op.method} {url} -> {response.status_code}: the body is not a valid {expect.__name__}: {problem}",
        status_code=response.status_code,
        method=op.method,
        url=url,
        body=body,
        path=path,
    )


def _finish(outcome: _Outcome) -> Any:
    if outcome.error is not None:
        raise outcome.error from outcome.cause
    sink = RAW_SINK.get()
    if sink is not None and outcome.response is not None:
        sink.append((outcome.response, outcome.elapsed))
    return outcome.value

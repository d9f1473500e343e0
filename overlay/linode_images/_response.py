"""``RawResponse`` and ``with_raw_response``: a call's model together with its status and headers.

The wrapped method runs as usual; ``_core`` leaves the final response of the call in a
context-local list that only the wrapper reads, so the methods themselves stay one-liners.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, ParamSpec, TypeVar

import httpx

from ._core import RAW_SINK

__all__ = ["RawResponse", "with_raw", "with_raw_async"]

T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class RawResponse(Generic[T]):
    """The decoded result of a call with the response's status and headers."""

    parsed: T
    status_code: int
    headers: httpx.Headers
    method: str
    url: str
    elapsed: float
    """Seconds from sending the request to reading the whole response."""


def _raw(sink: list[tuple[httpx.Response, float]], parsed: T) -> RawResponse[T]:
    response, elapsed = sink[-1]
    return RawResponse(
        parsed=parsed,
        status_code=response.status_code,
        headers=response.headers,
        method=response.request.method,
        url=str(response.request.url),
        elapsed=elapsed,
    )


def with_raw(func: Callable[P, T]) -> Callable[P, RawResponse[T]]:
    """``func`` returning a ``RawResponse`` around its result."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        sink: list[tuple[httpx.Response, float]] = []
        token = RAW_SINK.set(sink)
        try:
            value = func(*args, **kwargs)
        finally:
            RAW_SINK.reset(token)
        return _raw(sink, value)

    return wrapper


def with_raw_async(func: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[RawResponse[T]]]:
    """``with_raw`` for a coroutine function."""

    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        sink: list[tuple[httpx.Response, float]] = []
        token = RAW_SINK.set(sink)
        try:
            value = await func(*args, **kwargs)
        finally:
            RAW_SINK.reset(token)
        return _raw(sink, value)

    return wrapper

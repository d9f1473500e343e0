"""When to retry a request and how long to wait first: pure decisions, no I/O.

One policy for the API calls and the upload's PUT to object storage: the flows ask
``RetryPolicy`` after every attempt and yield a pause, which the runners do with the client's
sleep function, so tests inject a fake clock and sleep. ``max_retries`` counts the attempts
after the first everywhere.
"""

from __future__ import annotations

import datetime
import email.utils
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

__all__ = ["RetryPolicy", "parse_retry_after"]

_IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_SECONDS = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")

# Errors raised before a single byte of the request left this process: a POST that failed
# this way cannot have created anything, so it is safe to send again.
NOT_SENT_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)


def _parse_one(value: str, now: float) -> float | None:
    value = value.strip()
    if not value:
        return None
    if _SECONDS.fullmatch(value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        # HTTP dates are always GMT; the asctime form and "-0000" carry no zone.
        when = when.replace(tzinfo=datetime.UTC)
    return when.timestamp() - now


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait according to a ``Retry-After`` value (seconds or HTTP date), or None.

    Negative results are returned as they are; ``RetryPolicy`` clamps them. Values merged by
    a proxy (``"5, 5"`` or two dates joined by a comma) are read from their first element.

    >>> parse_retry_after("7", now=0.0)
    7.0
    """
    if value is None:
        return None
    seconds = _parse_one(value, now)
    if seconds is not None:
        return seconds
    parts = value.split(",")
    for candidate in (parts[0], ",".join(parts[:2])):
        seconds = _parse_one(candidate, now)
        if seconds is not None:
            return seconds
    return None


def _header_float(headers: httpx.Headers, name: str) -> float | None:
    # get_list: an absent header (most answers) is an empty list, where get() raises and
    # catches a KeyError inside httpx.
    values = headers.get_list(name)
    if not values:
        return None
    first = values[0].split(",")[0].strip()
    return float(first) if _SECONDS.fullmatch(first) else None


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries with exponential backoff and jitter, honouring ``Retry-After``.

    GET, PUT and DELETE are retried on 408, 429, 5xx and connection errors. POST is retried
    only when the request never reached the server, so a create is never duplicated. A 503
    carrying ``X-Maintenance-Mode`` is not retried. A 429 waits for ``Retry-After`` (else
    ``X-RateLimit-Reset``), a 503 for ``Retry-After``; other statuses back off exponentially.

    >>> from linode_images import LinodeImages, RetryPolicy
    >>> client = LinodeImages(token="t", retry=RetryPolicy(max_retries=5, max_retry_after=30))
    """

    max_retries: int = 3
    """Retries after the first attempt (0 disables retrying)."""
    backoff_initial: float = 0.5
    """Delay before the first retry when the server gave no hint; doubles on each retry."""
    backoff_max: float = 8.0
    """Upper bound of the exponential backoff."""
    jitter: float = 0.25
    """Fraction of the backoff randomly taken off, so clients do not retry in lockstep."""
    max_retry_after: float = 60.0
    """Cap on a server-requested wait (``Retry-After``, ``X-RateLimit-Reset``)."""
    retry_statuses: frozenset[int] = frozenset({408, 429})
    """Statuses retried for idempotent methods, in addition to every 5xx."""
    wait_for_rate_limit_reset: bool = False
    """When ``X-RateLimit-Remaining`` reaches 0, wait for ``X-RateLimit-Reset`` before the
    next request to the same operation instead of walking into a 429."""
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)
    """Source of jitter in [0, 1); inject a constant for reproducible delays."""

    def __post_init__(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int):
            raise TypeError(f"max_retries must be an int, not {type(self.max_retries).__name__}")
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, not {self.max_retries}")
        for name in ("backoff_initial", "backoff_max", "max_retry_after"):
            value = getattr(self, name)
            # A negative or NaN delay would surface only at retry time, as a failing sleep.
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                raise ValueError(f"{name} must be a finite number of seconds >= 0, not {value!r}")
        if not 0.0 <= self.jitter <= 1.0:
            raise ValueError("jitter must be between 0 and 1")

    def backoff(self, retry_number: int) -> float:
        """Delay before retry ``retry_number`` (1-based) when the server gave no hint."""
        base = min(self.backoff_max, self.backoff_initial * 2.0 ** (retry_number - 1))
        return float(base * (1.0 - self.jitter * self.random()))

    def server_delay(self, headers: httpx.Headers, now: float, *, rate_limited: bool = True) -> float | None:
        """The wait the server asked for (``Retry-After``, else for a 429 ``X-RateLimit-Reset``),
        clamped to [0, max_retry_after]."""
        seconds = parse_retry_after(headers.get("retry-after"), now)
        if seconds is None:
            if not rate_limited:
                return None
            reset = _header_float(headers, "x-ratelimit-reset")
            if reset is None:
                return None
            seconds = reset - now
        return self.clamp(seconds)

    def clamp(self, seconds: float) -> float:
        """A wait the server asked for, as this policy honours it: within [0, max_retry_after]."""
        return min(max(seconds, 0.0), self.max_retry_after)

    def retries_status(self, status_code: int) -> bool:
        """Whether an answer with ``status_code`` is worth sending again (408, 429, every 5xx)."""
        return status_code in self.retry_statuses or status_code >= 500

    def retry_status(
        self, *, method: str, status_code: int, headers: httpx.Headers, retries_done: int, now: float
    ) -> float | None:
        """Seconds to wait before retrying a request that got ``status_code``, or None."""
        if retries_done >= self.max_retries or method.upper() not in _IDEMPOTENT:
            return None
        if status_code == 503 and "x-maintenance-mode" in headers:
            return None
        if not self.retries_status(status_code):
            return None
        # Linode sends Retry-After and X-RateLimit-Reset on every response, 200s included
        # (REAL-API-FACTS "Responses"): they describe the rate-limit window, so they only
        # set the wait for a 429, or a 503 (where HTTP defines Retry-After). A 500 or 502
        # backs off instead of waiting for the window to end.
        hinted = None
        if status_code in (429, 503):
            hinted = self.server_delay(headers, now, rate_limited=status_code == 429)
        return hinted if hinted is not None else self.backoff(retries_done + 1)

    def retry_error(self, *, method: str, error: Exception, retries_done: int) -> float | None:
        """Seconds to wait before retrying a request that raised ``error``, or None."""
        if retries_done >= self.max_retries or not isinstance(error, httpx.TransportError):
            return None
        if method.upper() not in _IDEMPOTENT and not isinstance(error, NOT_SENT_ERRORS):
            return None
        if isinstance(error, httpx.UnsupportedProtocol | httpx.ProxyError | httpx.LocalProtocolError):
            return None
        return self.backoff(retries_done + 1)

    def retry_upload(
        self, *, retryable: bool, headers: httpx.Headers | None, retries_done: int, now: float
    ) -> float | None:
        """Seconds to wait before sending a failed PUT of image data again, or None.

        ``retryable`` is the storage-specific judgement (status or object-storage error code);
        the storage's own ``Retry-After`` sets the wait, clamped like the API's.
        """
        if not retryable or retries_done >= self.max_retries:
            return None
        hinted = self.server_delay(headers, now, rate_limited=False) if headers is not None else None
        return hinted if hinted is not None else self.backoff(retries_done + 1)

    def rate_limit_reset(self, headers: httpx.Headers, now: float) -> float | None:
        """Epoch time to wait for before the next request, when the quota is spent."""
        if not self.wait_for_rate_limit_reset:
            return None
        remaining = _header_float(headers, "x-ratelimit-remaining")
        if remaining is None or remaining > 0:
            return None
        reset = _header_float(headers, "x-ratelimit-reset")
        if reset is None:
            return None
        return min(reset, now + self.max_retry_after)

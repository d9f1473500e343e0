"""``LinodeImages`` and ``AsyncLinodeImages``: configuration, auth, the request loop, and
``client.images``.

Every operation calls a generated ``*_detailed`` function; every outcome, success or not,
goes through ``_BaseClient._settle``, which returns the model or the typed error and asks
the retry policy whether to try again. The sync and async classes only differ in how they
wait and send.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import ipaddress
import logging
import os
import ssl
import time
from collections.abc import Awaitable, Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Generic, Literal, ParamSpec, Self, TypeVar

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
from linode_images_api.spec_facts import MAX_PAGE_SIZE, MIN_PAGE_SIZE
from linode_images_api.types import Response

from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    LinodeError,
    error_from_response,
)
from ._filter import Filter, build_x_filter
from ._ids import check_image_id
from ._models import (
    UNSET,
    ApiVersion,
    CreateImageRequest,
    DeleteImageResponse,
    Image,
    PaginatedImages,
    ReplicateImageRequest,
    Unset,
    UpdateImageRequest,
    UploadImageRequest,
    UploadImageResponse,
)
from ._pagination import AsyncImagePager, ImagePager
from ._retry import RetryPolicy, parse_retry_after
from ._upload import (
    DEFAULT_COMPRESS_LEVEL,
    DEFAULT_MAX_SIZE,
    Compress,
    ProgressCallback,
    UploadSource,
    upload_async,
    upload_options,
    upload_sync,
)
from ._version import __version__
from ._wait import (
    DEFAULT_MAX_INTERVAL,
    DEFAULT_POLL_INTERVAL,
    DEFAULT_REPLICATION_TIMEOUT,
    DEFAULT_STATUS_TIMEOUT,
    Waiter,
    replication_target,
    status_target,
    wait_async,
    wait_sync,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_TIMEOUT",
    "AsyncImages",
    "AsyncLinodeImages",
    "Images",
    "LinodeImages",
    "NetworkOptions",
    "RawResponse",
]

T = TypeVar("T")
P = ParamSpec("P")

logger = logging.getLogger("linode_images")

DEFAULT_BASE_URL = "https://api.linode.com"
# Timeouts are on by default: a stalled connection must not hang a deploy script forever.
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=60.0, pool=10.0)
# GET /images allows 20 requests a minute (REAL-API-FACTS); 500 is the largest page the API serves.
DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE
DEFAULT_MAX_CONCURRENCY = 4
USER_AGENT = f"linode-images/{__version__}"


@dataclass(frozen=True)
class NetworkOptions:
    """The user's network settings, kept together so that other connections the client makes
    (the upload to a pre-signed URL) use the same TLS, proxy and timeout settings without the
    API's headers. ``transport``, when the user injected one, is shared: closing an httpx
    client built from ``httpx_kwargs()`` closes it too, so such clients close with the API client.

    >>> import httpx
    >>> with httpx.Client(**NetworkOptions().httpx_kwargs()) as http:
    ...     pass
    """

    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    verify: ssl.SSLContext | str | bool = True
    cert: str | tuple[str, str] | tuple[str, str, str] | None = None
    proxy: str | httpx.URL | httpx.Proxy | None = None
    trust_env: bool = True
    limits: httpx.Limits = field(default_factory=httpx.Limits)
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None

    def httpx_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``httpx.Client`` / ``httpx.AsyncClient``."""
        kwargs: dict[str, Any] = {
            "timeout": self.timeout,
            "verify": self.verify,
            "proxy": self.proxy,
            "trust_env": self.trust_env,
            "limits": self.limits,
        }
        if self.cert is not None:
            kwargs["cert"] = self.cert
        if self.transport is not None:
            kwargs["transport"] = self.transport
        return kwargs


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


class _Capture:
    """Where the auth flow leaves the response of the request being sent in this context."""

    __slots__ = ("response",)

    def __init__(self) -> None:
        self.response: httpx.Response | None = None


_CAPTURE: contextvars.ContextVar[_Capture | None] = contextvars.ContextVar(
    "linode_images_capture", default=None
)
_RAW_SINK: contextvars.ContextVar[list[tuple[httpx.Response, float]] | None] = contextvars.ContextVar(
    "linode_images_raw", default=None
)


class _TokenAuth(httpx.Auth):
    """Adds ``Authorization: Bearer`` (unless anonymous) to requests for the API's origin only,
    and hands the response back to the call that sent the request, so undecodable bodies can
    still be turned into typed errors."""

    __slots__ = ("_origin", "_token")

    def __init__(self, token: str | None, base_url: str) -> None:
        self._token = token
        url = httpx.URL(base_url)
        self._origin = (url.scheme, url.netloc)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._token is not None and (request.url.scheme, request.url.netloc) == self._origin:
            request.headers["Authorization"] = "Bearer " + self._token
        response = yield request
        capture = _CAPTURE.get()
        if capture is not None:
            capture.response = response

    @property
    def has_token(self) -> bool:
        return self._token is not None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {'token=<redacted>' if self._token else 'anonymous'}>"


@dataclass(frozen=True, slots=True)
class _Operation:
    name: str
    method: str
    sync: Callable[..., Response[Any]]
    asyncio: Callable[..., Awaitable[Response[Any]]]


_LIST = _Operation("get_images", "GET", get_images.sync_detailed, get_images.asyncio_detailed)
_GET = _Operation("get_image", "GET", get_image.sync_detailed, get_image.asyncio_detailed)
_CREATE = _Operation("post_image", "POST", post_image.sync_detailed, post_image.asyncio_detailed)
_UPLOAD = _Operation(
    "post_upload_image", "POST", post_upload_image.sync_detailed, post_upload_image.asyncio_detailed
)
_UPDATE = _Operation("put_image", "PUT", put_image.sync_detailed, put_image.asyncio_detailed)
_REPLICATE = _Operation(
    "post_replicate_image", "POST", post_replicate_image.sync_detailed, post_replicate_image.asyncio_detailed
)
_DELETE = _Operation("delete_image", "DELETE", delete_image.sync_detailed, delete_image.asyncio_detailed)


@dataclass(slots=True)
class _Outcome:
    value: Any = None
    error: LinodeError | None = None
    cause: BaseException | None = None
    delay: float | None = None
    response: httpx.Response | None = None
    elapsed: float = 0.0


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_base_url(base_url: str | httpx.URL, allow_insecure_http: bool) -> str:
    url = httpx.URL(str(base_url))
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an http(s) URL with a host, not {str(base_url)!r}")
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise ValueError(
            f"refusing to send the API token over plain http to {url.host!r}; "
            "use https, a loopback address, or allow_insecure_http=True"
        )
    return str(url).rstrip("/")


def _check_int(name: str, value: object) -> int:
    # bool is an int to Python but not to the API's "type: integer"; anything else would
    # fail later with a comparison error that does not say which argument was wrong.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


def _check_page(page: int) -> int:
    if _check_int("page", page) < 1:
        raise ValueError("page numbers start at 1")
    return page


def _check_page_size(page_size: int) -> int:
    if not MIN_PAGE_SIZE <= _check_int("page_size", page_size) <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be between {MIN_PAGE_SIZE} and {MAX_PAGE_SIZE}, not {page_size}")
    return page_size


def _request_url(exc: Exception) -> str:
    try:
        return str(exc.request.url) if isinstance(exc, httpx.RequestError) else ""
    except RuntimeError:  # httpx raises when the error was created without a request
        return ""


class _BaseClient:
    """Configuration and the I/O-free half of every call, shared by the sync and async clients."""

    def __init__(
        self,
        *,
        token: str | None,
        base_url: str | httpx.URL | None,
        api_version: ApiVersion | Literal["v4", "v4beta"],
        timeout: float | httpx.Timeout | None,
        verify: ssl.SSLContext | str | bool,
        cert: str | tuple[str, str] | tuple[str, str, str] | None,
        proxy: str | httpx.URL | httpx.Proxy | None,
        trust_env: bool,
        limits: httpx.Limits | None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None,
        retry: RetryPolicy | int | None,
        clock: Callable[[], float] | None,
        allow_insecure_http: bool,
        headers: Mapping[str, str] | None,
    ) -> None:
        if token is None:
            token = os.environ.get("LINODE_TOKEN") or None
        if token is not None and any(ch in token for ch in "\r\n"):
            raise ValueError("the token contains a line break")
        self._base_url = _check_base_url(base_url or DEFAULT_BASE_URL, allow_insecure_http)
        try:
            self._api_version = ApiVersion(api_version)
            if self._api_version not in (ApiVersion.V4, ApiVersion.V4BETA):
                raise ValueError
        except ValueError:
            raise ValueError(f"api_version must be 'v4' or 'v4beta', not {api_version!r}") from None
        if timeout is None:
            timeout = DEFAULT_TIMEOUT
        elif not isinstance(timeout, httpx.Timeout):
            timeout = httpx.Timeout(timeout)
        self._network = NetworkOptions(
            timeout=timeout,
            verify=verify,
            cert=cert,
            proxy=proxy,
            trust_env=trust_env,
            limits=limits or httpx.Limits(),
            transport=transport,
        )
        if retry is None:
            retry = RetryPolicy(max_retries=0)
        elif isinstance(retry, int):
            retry = RetryPolicy(max_retries=retry)
        self._retry_policy = retry
        self._clock: Callable[[], float] = clock or time.time
        # The token lives in this one object, whose repr redacts it.
        self._auth = _TokenAuth(token, self._base_url)
        self._headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})}
        # Epoch time before which an operation must not be called again (X-RateLimit-Remaining: 0).
        self._rate_limit_resets: dict[str, float] = {}
        # The generated client never sees the token (its attrs repr would print it): auth is
        # added by our httpx.Auth on the httpx client we inject.
        self._generated = AuthenticatedClient(base_url=self._base_url, token="unused")  # noqa: S106

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def api_version(self) -> ApiVersion:
        return self._api_version

    @property
    def retry_policy(self) -> RetryPolicy:
        return self._retry_policy

    def _httpx_kwargs(self) -> dict[str, Any]:
        return {
            **self._network.httpx_kwargs(),
            "base_url": self._base_url,
            "headers": self._headers,
            "auth": self._auth,
            "follow_redirects": False,
        }

    def __repr__(self) -> str:
        token = "<redacted>" if self._auth.has_token else "None"
        return (
            f"{type(self).__name__}(base_url={self._base_url!r}, "
            f"api_version={str(self._api_version)!r}, token={token})"
        )

    def __reduce__(self) -> Any:
        raise TypeError(f"{type(self).__name__} objects hold a token and cannot be pickled")

    def _rate_limit_wait(self, op: _Operation) -> float:
        reset = self._rate_limit_resets.get(op.name)
        if reset is None:
            return 0.0
        wait = reset - self._clock()
        if wait <= 0:
            del self._rate_limit_resets[op.name]
            return 0.0
        logger.info("%s: rate limit spent, waiting %.2fs for X-RateLimit-Reset", op.name, wait)
        return wait

    def _settle(
        self,
        op: _Operation,
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
        if exc is not None and (response is None or isinstance(exc, httpx.TransportError)):
            if not isinstance(exc, httpx.TransportError):
                raise exc
            url = _request_url(exc)
            error_type = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
            error: LinodeError = error_type(
                f"{op.method} {url}: {type(exc).__name__}: {exc}", method=op.method, url=url
            )
            delay = self._retry_policy.retry_error(method=op.method, error=exc, retries_done=retries)
            logger.debug("%s %s -> %s after %.1f ms", op.method, url, type(exc).__name__, elapsed_ms)
            return self._log_retry(op, _Outcome(error=error, cause=exc, delay=delay), retries)
        assert response is not None
        now = self._clock()
        status = response.status_code
        # The URL object itself: logging formats it only when DEBUG is on (str() of a URL costs
        # about half a microsecond, a few percent of a whole get over a local transport).
        logger.debug("%s %s -> %d in %.1f ms", op.method, response.request.url, status, elapsed_ms)
        reset = self._retry_policy.rate_limit_reset(response.headers, now)
        if reset is not None:
            self._rate_limit_resets[op.name] = reset
        if 200 <= status < 300:
            parsed = result.parsed if result is not None else None
            if exc is None and isinstance(parsed, expect):
                return _Outcome(value=parsed, response=response, elapsed=elapsed)
            url = str(response.request.url)
            body = response.content.decode("utf-8", errors="replace")
            error = APIResponseValidationError(
                f"{op.method} {url} -> {status}: the body is not a valid {expect.__name__}: {body[:200]!r}",
                status_code=status,
                method=op.method,
                url=url,
                body=body,
            )
            return _Outcome(error=error, cause=exc, response=response)
        url = str(response.request.url)
        retry_after = parse_retry_after(response.headers.get("retry-after"), now)
        error = error_from_response(
            status_code=status,
            headers=response.headers,
            content=response.content,
            method=op.method,
            url=url,
            retry_after=max(retry_after, 0.0) if retry_after is not None else None,
        )
        delay = self._retry_policy.retry_status(
            method=op.method, status_code=status, headers=response.headers, retries_done=retries, now=now
        )
        return self._log_retry(op, _Outcome(error=error, delay=delay, response=response), retries)

    def _log_retry(self, op: _Operation, outcome: _Outcome, retries: int) -> _Outcome:
        if outcome.delay is not None:
            logger.info(
                "%s: retrying in %.2fs (retry %d of %d) after: %s",
                op.name,
                outcome.delay,
                retries + 1,
                self._retry_policy.max_retries,
                outcome.error,
            )
        return outcome

    @staticmethod
    def _finish(outcome: _Outcome) -> Any:
        if outcome.error is not None:
            raise outcome.error from outcome.cause
        sink = _RAW_SINK.get()
        if sink is not None and outcome.response is not None:
            sink.append((outcome.response, outcome.elapsed))
        return outcome.value


def _raw(sunk: tuple[httpx.Response, float], parsed: T) -> RawResponse[T]:
    response, elapsed = sunk
    return RawResponse(
        parsed=parsed,
        status_code=response.status_code,
        headers=response.headers,
        method=response.request.method,
        url=str(response.request.url),
        elapsed=elapsed,
    )


def _with_raw(func: Callable[P, T]) -> Callable[P, RawResponse[T]]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        sink: list[tuple[httpx.Response, float]] = []
        token = _RAW_SINK.set(sink)
        try:
            value = func(*args, **kwargs)
        finally:
            _RAW_SINK.reset(token)
        return _raw(sink[-1], value)

    return wrapper


def _with_raw_async(func: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[RawResponse[T]]]:
    @functools.wraps(func)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        sink: list[tuple[httpx.Response, float]] = []
        token = _RAW_SINK.set(sink)
        try:
            value = await func(*args, **kwargs)
        finally:
            _RAW_SINK.reset(token)
        return _raw(sink[-1], value)

    return wrapper


# Request bodies, shared by both resources.


def _create_body(
    disk_id: int,
    label: str | Unset,
    description: str | Unset,
    tags: Sequence[str] | Unset,
    cloud_init: bool | Unset,
) -> CreateImageRequest:
    return CreateImageRequest(
        disk_id=disk_id,
        label=label,
        description=description,
        tags=_tags(tags),
        cloud_init=cloud_init,
    )


def _upload_body(
    label: str, region: str, description: str | Unset, tags: Sequence[str] | Unset, cloud_init: bool | Unset
) -> UploadImageRequest:
    return UploadImageRequest(
        label=label,
        region=region,
        description=description,
        tags=_tags(tags),
        cloud_init=cloud_init,
    )


def _update_body(
    label: str | Unset, description: str | Unset | None, tags: Sequence[str] | Unset
) -> UpdateImageRequest:
    if isinstance(label, Unset) and isinstance(description, Unset) and isinstance(tags, Unset):
        raise ValueError("update() needs at least one of label, description, tags")
    return UpdateImageRequest(label=label, description=description, tags=_tags(tags))


def _string_list(name: str, value: Sequence[str], example: str) -> list[str]:
    # list() would split a str into characters and a dict into its keys: refuse both, and
    # say which argument it was instead of "'bool' object is not iterable".
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise TypeError(f"{name} is a list of strings such as {example}, not {type(value).__name__}")
    return list(value)


def _tags(tags: Sequence[str] | Unset) -> list[str] | Unset:
    return UNSET if isinstance(tags, Unset) else _string_list("tags", tags, "['web']")


def _replicate_body(regions: Sequence[str]) -> ReplicateImageRequest:
    if isinstance(regions, str) or not regions:
        raise ValueError("regions is a non-empty list of region ids, such as ['us-east']")
    return ReplicateImageRequest(regions=_string_list("regions", regions, "['us-east']"))


class LinodeImages(_BaseClient):
    """The synchronous client.

    >>> from linode_images import LinodeImages
    >>> with LinodeImages(token="...") as client:          # or LINODE_TOKEN
    ...     image = client.images.get("linode/debian12")

    ``retry`` takes a ``RetryPolicy``, a number of retries, or None for no retries; ``sleep``
    and ``clock`` (epoch seconds) can be replaced, e.g. in tests.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | httpx.URL | None = None,
        api_version: ApiVersion | Literal["v4", "v4beta"] = "v4",
        timeout: float | httpx.Timeout | None = None,
        verify: ssl.SSLContext | str | bool = True,
        cert: str | tuple[str, str] | tuple[str, str, str] | None = None,
        proxy: str | httpx.URL | httpx.Proxy | None = None,
        trust_env: bool = True,
        limits: httpx.Limits | None = None,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | int | None = RetryPolicy(),  # noqa: B008 - frozen, shared safely
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
        allow_insecure_http: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            token=token,
            base_url=base_url,
            api_version=api_version,
            timeout=timeout,
            verify=verify,
            cert=cert,
            proxy=proxy,
            trust_env=trust_env,
            limits=limits,
            transport=transport,
            retry=retry,
            clock=clock,
            allow_insecure_http=allow_insecure_http,
            headers=headers,
        )
        self._sleep: Callable[[float], None] = sleep or time.sleep
        self._http = httpx.Client(**self._httpx_kwargs())
        self._generated.set_httpx_client(self._http)
        self.images = Images(self)

    def _call(self, op: _Operation, expect: type[T], /, *args: Any, **kwargs: Any) -> T:
        retries = 0
        while True:
            wait = self._rate_limit_wait(op)
            if wait > 0:
                self._sleep(wait)
            capture = _Capture()
            reset = _CAPTURE.set(capture)
            started = time.perf_counter()
            try:
                result = op.sync(self._api_version, *args, client=self._generated, **kwargs)
            except Exception as exc:
                outcome = self._settle(op, expect, None, exc, capture.response, retries, started)
            else:
                outcome = self._settle(op, expect, result, None, capture.response, retries, started)
            finally:
                _CAPTURE.reset(reset)
            if outcome.delay is None:
                value: T = self._finish(outcome)
                return value
            self._sleep(outcome.delay)
            retries += 1

    def close(self) -> None:
        """Close the connections (the injected transport included)."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncLinodeImages(_BaseClient):
    """The asyncio client, with the same methods as ``LinodeImages`` to be awaited.

    >>> import asyncio
    >>> from linode_images import AsyncLinodeImages
    >>> async def main() -> None:
    ...     async with AsyncLinodeImages(token="...") as client:
    ...         async for image in client.images.list():
    ...             print(image.id)

    ``max_concurrency`` bounds the page requests ``images.list()`` keeps in flight.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | httpx.URL | None = None,
        api_version: ApiVersion | Literal["v4", "v4beta"] = "v4",
        timeout: float | httpx.Timeout | None = None,
        verify: ssl.SSLContext | str | bool = True,
        cert: str | tuple[str, str] | tuple[str, str, str] | None = None,
        proxy: str | httpx.URL | httpx.Proxy | None = None,
        trust_env: bool = True,
        limits: httpx.Limits | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | int | None = RetryPolicy(),  # noqa: B008 - frozen, shared safely
        sleep: Callable[[float], Awaitable[None]] | None = None,
        clock: Callable[[], float] | None = None,
        allow_insecure_http: bool = False,
        headers: Mapping[str, str] | None = None,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
    ) -> None:
        super().__init__(
            token=token,
            base_url=base_url,
            api_version=api_version,
            timeout=timeout,
            verify=verify,
            cert=cert,
            proxy=proxy,
            trust_env=trust_env,
            limits=limits,
            transport=transport,
            retry=retry,
            clock=clock,
            allow_insecure_http=allow_insecure_http,
            headers=headers,
        )
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be >= 1")
        self._max_concurrency = max_concurrency
        self._sleep: Callable[[float], Awaitable[None]] = sleep or asyncio.sleep
        self._http = httpx.AsyncClient(**self._httpx_kwargs())
        self._generated.set_async_httpx_client(self._http)
        self.images = AsyncImages(self)

    async def _call(self, op: _Operation, expect: type[T], /, *args: Any, **kwargs: Any) -> T:
        retries = 0
        while True:
            wait = self._rate_limit_wait(op)
            if wait > 0:
                await self._sleep(wait)
            capture = _Capture()
            reset = _CAPTURE.set(capture)
            started = time.perf_counter()
            try:
                result = await op.asyncio(self._api_version, *args, client=self._generated, **kwargs)
            except Exception as exc:
                outcome = self._settle(op, expect, None, exc, capture.response, retries, started)
            else:
                outcome = self._settle(op, expect, result, None, capture.response, retries, started)
            finally:
                _CAPTURE.reset(reset)
            if outcome.delay is None:
                value: T = self._finish(outcome)
                return value
            await self._sleep(outcome.delay)
            retries += 1

    async def aclose(self) -> None:
        """Close the connections (the injected transport included)."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


class Images:
    """``client.images``: the Linode Images operations."""

    def __init__(self, client: LinodeImages) -> None:
        self._client = client
        self.with_raw_response = ImagesWithRawResponse(self)

    def get(self, image_id: str) -> Image:
        """One image by id.

        >>> image = client.images.get("linode/debian12")
        """
        return self._client._call(_GET, Image, check_image_id(image_id))

    def list_page(
        self,
        page: int = 1,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        filter: Filter | Mapping[str, Any] | None = None,
        order_by: str | None = None,
        order: Literal["asc", "desc"] | None = None,
    ) -> PaginatedImages:
        """One page of images with ``page``, ``pages`` and ``results``.

        >>> page = client.images.list_page(page=2, page_size=100)
        """
        x_filter = build_x_filter(filter, order_by=order_by, order=order)
        return self._page(page, _check_page_size(page_size), x_filter)

    def _page(self, page: int, page_size: int, x_filter: str | None) -> PaginatedImages:
        _check_page(page)
        return self._client._call(
            _LIST,
            PaginatedImages,
            page=page,
            page_size=page_size,
            x_filter=x_filter if x_filter is not None else UNSET,
        )

    def list(
        self,
        *,
        filter: Filter | Mapping[str, Any] | None = None,
        order_by: str | None = None,
        order: Literal["asc", "desc"] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
    ) -> ImagePager:
        """Every image matching ``filter``, fetched lazily page by page (500 per request).

        >>> for image in client.images.list(filter=Filter.eq("is_public", False), order_by="created"):
        ...     print(image.id)
        """
        x_filter = build_x_filter(filter, order_by=order_by, order=order)
        _check_page_size(page_size)
        return ImagePager(lambda number: self._page(number, page_size, x_filter))

    def create(
        self,
        *,
        disk_id: int,
        label: str | Unset = UNSET,
        description: str | Unset = UNSET,
        tags: Sequence[str] | Unset = UNSET,
        cloud_init: bool | Unset = UNSET,
    ) -> Image:
        """Capture an image of a Linode disk (never retried once sent: a create is not repeated).

        >>> image = client.images.create(disk_id=42, label="golden", tags=["web"])
        """
        body = _create_body(disk_id, label, description, tags, cloud_init)
        return self._client._call(_CREATE, Image, body=body)

    def create_upload(
        self,
        *,
        label: str,
        region: str,
        description: str | Unset = UNSET,
        tags: Sequence[str] | Unset = UNSET,
        cloud_init: bool | Unset = UNSET,
    ) -> UploadImageResponse:
        """Create a ``pending_upload`` image and get the pre-signed ``upload_to`` URL for its data.

        >>> pending = client.images.create_upload(label="golden", region="us-east")
        """
        body = _upload_body(label, region, description, tags, cloud_init)
        return self._client._call(_UPLOAD, UploadImageResponse, body=body)

    def update(
        self,
        image_id: str,
        *,
        label: str | Unset = UNSET,
        description: str | Unset | None = UNSET,
        tags: Sequence[str] | Unset = UNSET,
    ) -> Image:
        """Change an image's label, description or tags; omitted fields stay as they are.

        >>> image = client.images.update("private/123", label="golden-v2")
        """
        body = _update_body(label, description, tags)
        return self._client._call(_UPDATE, Image, check_image_id(image_id), body=body)

    def replicate(self, image_id: str, *, regions: Sequence[str]) -> Image:
        """Set the regions an image is available in (a POST: never retried once sent).

        >>> image = client.images.replicate("private/123", regions=["us-east", "us-iad"])
        """
        body = _replicate_body(regions)
        return self._client._call(_REPLICATE, Image, check_image_id(image_id), body=body)

    def delete(self, image_id: str) -> None:
        """Delete an image.

        >>> client.images.delete("private/123")
        """
        self._client._call(_DELETE, DeleteImageResponse, check_image_id(image_id))

    def upload(
        self,
        source: UploadSource,
        *,
        label: str,
        region: str,
        description: str | None = None,
        tags: Sequence[str] | None = None,
        cloud_init: bool = False,
        compress: Compress = "auto",
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
        wait: bool = True,
        wait_timeout: float | None = DEFAULT_STATUS_TIMEOUT,
        delete_on_failure: bool = True,
        max_size: int = DEFAULT_MAX_SIZE,
        compress_level: int = DEFAULT_COMPRESS_LEVEL,
        size: int | None = None,
        spool_dir: str | os.PathLike[str] | None = None,
        max_attempts: int = 3,
    ) -> Image:
        """Upload a disk image (path, bytes or binary file object) and return the new image.

        Raw data is gzip-compressed first; every check runs before the image is created; a
        failed upload deletes the pending image unless ``delete_on_failure=False``. With
        ``wait=True`` the image is returned once ``available``.

        >>> image = client.images.upload("disk.img", label="golden", region="us-east")
        """
        options = upload_options(
            tags,
            label=label,
            region=region,
            description=description,
            cloud_init=cloud_init,
            compress=compress,
            on_progress=on_progress,
            progress=progress,
            wait=wait,
            wait_timeout=wait_timeout,
            delete_on_failure=delete_on_failure,
            max_size=max_size,
            compress_level=compress_level,
            size=size,
            spool_dir=spool_dir,
            max_attempts=max_attempts,
        )
        return upload_sync(self, source, options)

    def wait_for_status(
        self,
        image_id: str,
        status: str = "available",
        *,
        timeout: float | None = DEFAULT_STATUS_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_interval: float = DEFAULT_MAX_INTERVAL,
    ) -> Image:
        """Poll until the image has ``status``; the final image (fails fast on 404 and dead ends).

        >>> image = client.images.wait_for_status("private/123", "available", timeout=600)
        """
        waiter = Waiter(
            check_image_id(image_id),
            status_target(status),
            timeout=timeout,
            poll_interval=poll_interval,
            max_interval=max_interval,
            clock=self._client._clock,
        )
        return wait_sync(lambda: self.get(image_id), waiter, self._client._sleep)

    def wait_for_replication(
        self,
        image_id: str,
        regions: Sequence[str] | None = None,
        *,
        timeout: float | None = DEFAULT_REPLICATION_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_interval: float = DEFAULT_MAX_INTERVAL,
    ) -> Image:
        """Poll until the image is available in every region of ``regions`` (default: all listed).

        >>> image = client.images.wait_for_replication("private/123", regions=["us-east", "us-iad"])
        """
        waiter = Waiter(
            check_image_id(image_id),
            replication_target(regions),
            timeout=timeout,
            poll_interval=poll_interval,
            max_interval=max_interval,
            clock=self._client._clock,
        )
        return wait_sync(lambda: self.get(image_id), waiter, self._client._sleep)


class ImagesWithRawResponse:
    """``client.images.with_raw_response``: the same calls, returning ``RawResponse``.

    >>> raw = client.images.with_raw_response.get("linode/debian12")
    >>> raw.status_code, raw.headers.get("x-ratelimit-remaining"), raw.parsed.label
    """

    def __init__(self, images: Images) -> None:
        self.get = _with_raw(images.get)
        self.list_page = _with_raw(images.list_page)
        self.create = _with_raw(images.create)
        self.create_upload = _with_raw(images.create_upload)
        self.update = _with_raw(images.update)
        self.replicate = _with_raw(images.replicate)
        self.delete = _with_raw(images.delete)


class AsyncImages:
    """``client.images`` of ``AsyncLinodeImages``: the same methods, awaited."""

    def __init__(self, client: AsyncLinodeImages) -> None:
        self._client = client
        self.with_raw_response = AsyncImagesWithRawResponse(self)

    async def get(self, image_id: str) -> Image:
        """One image by id.

        >>> image = await client.images.get("linode/debian12")
        """
        return await self._client._call(_GET, Image, check_image_id(image_id))

    async def list_page(
        self,
        page: int = 1,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        filter: Filter | Mapping[str, Any] | None = None,
        order_by: str | None = None,
        order: Literal["asc", "desc"] | None = None,
    ) -> PaginatedImages:
        """One page of images with ``page``, ``pages`` and ``results``.

        >>> page = await client.images.list_page(page=2, page_size=100)
        """
        x_filter = build_x_filter(filter, order_by=order_by, order=order)
        return await self._page(page, _check_page_size(page_size), x_filter)

    async def _page(self, page: int, page_size: int, x_filter: str | None) -> PaginatedImages:
        _check_page(page)
        return await self._client._call(
            _LIST,
            PaginatedImages,
            page=page,
            page_size=page_size,
            x_filter=x_filter if x_filter is not None else UNSET,
        )

    def list(
        self,
        *,
        filter: Filter | Mapping[str, Any] | None = None,
        order_by: str | None = None,
        order: Literal["asc", "desc"] | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        max_concurrency: int | None = None,
    ) -> AsyncImagePager:
        """Every image matching ``filter``; pages after the first are fetched concurrently.

        >>> async for image in client.images.list(filter=Filter.eq("is_public", False)):
        ...     print(image.id)
        """
        x_filter = build_x_filter(filter, order_by=order_by, order=order)
        _check_page_size(page_size)
        return AsyncImagePager(
            lambda number: self._page(number, page_size, x_filter),
            max_concurrency or self._client._max_concurrency,
        )

    async def create(
        self,
        *,
        disk_id: int,
        label: str | Unset = UNSET,
        description: str | Unset = UNSET,
        tags: Sequence[str] | Unset = UNSET,
        cloud_init: bool | Unset = UNSET,
    ) -> Image:
        """Capture an image of a Linode disk (never retried once sent: a create is not repeated)."""
        body = _create_body(disk_id, label, description, tags, cloud_init)
        return await self._client._call(_CREATE, Image, body=body)

    async def create_upload(
        self,
        *,
        label: str,
        region: str,
        description: str | Unset = UNSET,
        tags: Sequence[str] | Unset = UNSET,
        cloud_init: bool | Unset = UNSET,
    ) -> UploadImageResponse:
        """Create a ``pending_upload`` image and get the pre-signed ``upload_to`` URL for its data."""
        body = _upload_body(label, region, description, tags, cloud_init)
        return await self._client._call(_UPLOAD, UploadImageResponse, body=body)

    async def update(
        self,
        image_id: str,
        *,
        label: str | Unset = UNSET,
        description: str | Unset | None = UNSET,
        tags: Sequence[str] | Unset = UNSET,
    ) -> Image:
        """Change an image's label, description or tags; omitted fields stay as they are."""
        body = _update_body(label, description, tags)
        return await self._client._call(_UPDATE, Image, check_image_id(image_id), body=body)

    async def replicate(self, image_id: str, *, regions: Sequence[str]) -> Image:
        """Set the regions an image is available in (a POST: never retried once sent)."""
        body = _replicate_body(regions)
        return await self._client._call(_REPLICATE, Image, check_image_id(image_id), body=body)

    async def delete(self, image_id: str) -> None:
        """Delete an image."""
        await self._client._call(_DELETE, DeleteImageResponse, check_image_id(image_id))

    async def upload(
        self,
        source: UploadSource,
        *,
        label: str,
        region: str,
        description: str | None = None,
        tags: Sequence[str] | None = None,
        cloud_init: bool = False,
        compress: Compress = "auto",
        on_progress: ProgressCallback | None = None,
        progress: bool = False,
        wait: bool = True,
        wait_timeout: float | None = DEFAULT_STATUS_TIMEOUT,
        delete_on_failure: bool = True,
        max_size: int = DEFAULT_MAX_SIZE,
        compress_level: int = DEFAULT_COMPRESS_LEVEL,
        size: int | None = None,
        spool_dir: str | os.PathLike[str] | None = None,
        max_attempts: int = 3,
    ) -> Image:
        """Upload a disk image (path, bytes or binary file object) and return the new image.

        Raw data is gzip-compressed first; every check runs before the image is created; a
        failed upload deletes the pending image unless ``delete_on_failure=False``. With
        ``wait=True`` the image is returned once ``available``.

        >>> image = await client.images.upload("disk.img", label="golden", region="us-east")
        """
        options = upload_options(
            tags,
            label=label,
            region=region,
            description=description,
            cloud_init=cloud_init,
            compress=compress,
            on_progress=on_progress,
            progress=progress,
            wait=wait,
            wait_timeout=wait_timeout,
            delete_on_failure=delete_on_failure,
            max_size=max_size,
            compress_level=compress_level,
            size=size,
            spool_dir=spool_dir,
            max_attempts=max_attempts,
        )
        return await upload_async(self, source, options)

    async def wait_for_status(
        self,
        image_id: str,
        status: str = "available",
        *,
        timeout: float | None = DEFAULT_STATUS_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_interval: float = DEFAULT_MAX_INTERVAL,
    ) -> Image:
        """Poll until the image has ``status``; the final image (fails fast on 404 and dead ends).

        >>> image = await client.images.wait_for_status("private/123", "available", timeout=600)
        """
        waiter = Waiter(
            check_image_id(image_id),
            status_target(status),
            timeout=timeout,
            poll_interval=poll_interval,
            max_interval=max_interval,
            clock=self._client._clock,
        )
        return await wait_async(lambda: self.get(image_id), waiter, self._client._sleep)

    async def wait_for_replication(
        self,
        image_id: str,
        regions: Sequence[str] | None = None,
        *,
        timeout: float | None = DEFAULT_REPLICATION_TIMEOUT,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        max_interval: float = DEFAULT_MAX_INTERVAL,
    ) -> Image:
        """Poll until the image is available in every region of ``regions`` (default: all listed).

        >>> image = await client.images.wait_for_replication("private/123", regions=["us-east", "us-iad"])
        """
        waiter = Waiter(
            check_image_id(image_id),
            replication_target(regions),
            timeout=timeout,
            poll_interval=poll_interval,
            max_interval=max_interval,
            clock=self._client._clock,
        )
        return await wait_async(lambda: self.get(image_id), waiter, self._client._sleep)


class AsyncImagesWithRawResponse:
    """``client.images.with_raw_response`` of the async client."""

    def __init__(self, images: AsyncImages) -> None:
        self.get = _with_raw_async(images.get)
        self.list_page = _with_raw_async(images.list_page)
        self.create = _with_raw_async(images.create)
        self.create_upload = _with_raw_async(images.create_upload)
        self.update = _with_raw_async(images.update)
        self.replicate = _with_raw_async(images.replicate)
        self.delete = _with_raw_async(images.delete)

"""``LinodeImages`` and ``AsyncLinodeImages``: configuration, auth, and the two runners.

Every operation of ``client.images`` is a flow (``_images``, ``_core``); the sync client runs it
with ``run_sync``, the async one with ``run_async``, each with its own sleep and HTTP clients.
That is the only difference between them.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Mapping
from types import TracebackType
from typing import Any, Generic, Literal, Self, TypeVar, overload

import httpx
from linode_images_api.client import AuthenticatedClient

from ._async_images import AsyncImages
from ._config import (
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_TIMEOUT,
    USER_AGENT,
    AsyncCookielessClient,
    CookielessClient,
    NetworkOptions,
    check_base_url,
    direct_mount,
    resolve_base_url,
    resolve_token,
)
from ._core import Core, aremember_answer, remember_answer
from ._flow import AsyncEffects, Flow, SyncEffects, run_async, run_sync
from ._images import Images
from ._models import ApiVersion
from ._pagination import cancel_all
from ._retry import RetryPolicy
from ._sharegroup_tokens import AsyncShareGroupTokens, ShareGroupTokens
from ._sharegroups import AsyncShareGroups, ShareGroups
from ._storage import asend_put, send_put, upload_async_http_client, upload_http_client

__all__ = ["AsyncLinodeImages", "LinodeImages"]

T = TypeVar("T")


_REDACTED_BEARER = "Bearer <redacted>"


class _Signed:
    """``Authorization: Bearer <token>`` on ``request`` while it is sent (no header for a None
    token). Once it has gone, answered or failed, the header is replaced: the request object stays
    reachable from errors (``httpx.RequestError.request``, a response's ``request``), and nothing
    reachable from an error may carry the token. A class rather than a contextlib generator:
    every API call goes through here."""

    __slots__ = ("_request", "_token")

    def __init__(self, token: str | None, request: httpx.Request) -> None:
        self._token = token
        self._request = request

    def __enter__(self) -> None:
        if self._token is not None:
            self._request.headers["Authorization"] = "Bearer " + self._token

    def __exit__(self, *exc_info: object) -> None:
        if self._token is not None:
            self._request.headers["Authorization"] = _REDACTED_BEARER


class _TokenAuth(httpx.Auth):
    """Adds ``Authorization: Bearer`` (unless anonymous) to requests for the API's origin only."""

    __slots__ = ("_origin", "_token")

    def __init__(self, token: str | None, base_url: str) -> None:
        self._token = token
        url = httpx.URL(base_url)
        self._origin = (url.scheme, url.netloc)

    def _token_for(self, request: httpx.Request) -> str | None:
        return self._token if (request.url.scheme, request.url.netloc) == self._origin else None

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        with _Signed(self._token_for(request), request):
            yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        with _Signed(self._token_for(request), request):
            yield request

    @property
    def has_token(self) -> bool:
        return self._token is not None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {'token=<redacted>' if self._token else 'anonymous'}>"


R = TypeVar("R")


class _Resource(Generic[R]):
    """A client's ``images``, ``sharegroups`` or ``sharegroup_tokens``: made for each client on
    first use, then kept in its ``__dict__`` (as ``functools.cached_property`` would)."""

    def __init__(self, make: Callable[[Any], R]) -> None:
        self._make = make

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, client: None, owner: type) -> Self: ...
    @overload
    def __get__(self, client: object, owner: type) -> R: ...
    def __get__(self, client: object, owner: type) -> R | Self:
        if client is None:
            return self
        resource = self._make(client)
        vars(client)[self._name] = resource
        return resource


def _settings(arguments: dict[str, Any]) -> dict[str, Any]:
    """The arguments of a client's ``__init__`` that ``_BaseClient`` takes."""
    return {name: arguments[name] for name in _BaseClient.SETTINGS}


class _BaseClient:
    """Configuration, shared by the sync and async clients; the calls themselves are ``Core``'s."""

    SETTINGS = (
        "token",
        "anonymous",
        "base_url",
        "api_version",
        "timeout",
        "verify",
        "cert",
        "proxy",
        "trust_env",
        "limits",
        "transport",
        "retry",
        "clock",
        "allow_insecure_http",
        "headers",
    )

    def __init__(
        self,
        *,
        token: str | None,
        anonymous: bool,
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
        # An unset or empty LINODE_TOKEN is anonymous, as shells export empty variables; an
        # explicit token="" is refused (check_token).
        token = resolve_token(token, anonymous)
        self._base_url = check_base_url(resolve_base_url(base_url), allow_insecure_http)
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
        # The generated client never sees the token (its attrs repr would print it): auth is
        # added by our httpx.Auth on the httpx client we inject.
        self._generated = AuthenticatedClient(base_url=self._base_url, token="unused")  # noqa: S106
        self._core = Core(self._generated, self._api_version, retry, self._clock)

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
        kwargs = self._network.httpx_kwargs(direct=direct_mount(httpx.URL(self._base_url)))
        return {
            **kwargs,
            "base_url": self._base_url,
            "headers": self._headers,
            "auth": self._auth,
            "follow_redirects": False,
        }

    def __repr__(self) -> str:
        # getattr: a constructor that raised leaves a half-made object, whose repr is still
        # shown by tracebacks that capture locals.
        auth = getattr(self, "_auth", None)
        if auth is None:
            return f"<{type(self).__name__} (not configured)>"
        token = "<redacted>" if auth.has_token else "None"
        return (
            f"{type(self).__name__}(base_url={self._base_url!r}, "
            f"api_version={str(self._api_version)!r}, token={token})"
        )

    def __reduce__(self) -> Any:
        raise TypeError(f"{type(self).__name__} objects hold a token and cannot be pickled")


class LinodeImages(_BaseClient):
    """The synchronous client.

    >>> from linode_images import LinodeImages
    >>> with LinodeImages(token="...") as client:          # or LINODE_TOKEN
    ...     image = client.images.get("linode/debian12")

    Attributes:
        images: the image operations (``Images``): ``get``, ``list``, ``list_page``,
            ``create``, ``create_upload``, ``update``, ``replicate``, ``delete``, ``upload``,
            ``wait_for_status``, ``wait_for_replication``, and ``with_raw_response``.

    Args:
        token: the API token (a personal access or OAuth token); None reads
            ``LINODE_TOKEN``, and without one the client is anonymous (public images only).
        anonymous: send no token, whatever ``LINODE_TOKEN`` holds.
        base_url: the API's origin, without the version; None reads ``LINODE_BASE_URL``,
            else ``https://api.linode.com``. Plain http only to a loopback address.
        api_version: ``"v4"`` or ``"v4beta"``, the first segment of every path.
        timeout: seconds, or an ``httpx.Timeout`` per connect, read, write and pool
            (None: the defaults in ``DEFAULT_TIMEOUT``).
        verify, cert, proxy, trust_env, limits: passed to httpx as they are (TLS
            verification, client certificate, proxy, proxy and CA settings from the
            environment, connection pool limits); the upload's PUT uses them too.
        transport: an httpx transport (``httpx.MockTransport`` in tests), shared with the PUT.
        retry: a ``RetryPolicy``, a number of retries, or None for no retries.
        sleep, clock: replace ``time.sleep`` and ``time.time`` (epoch seconds), e.g. in tests.
        allow_insecure_http: allow plain http to a host other than this machine.
        headers: extra headers for every API request (never sent with the upload's PUT).
    """

    images = _Resource(Images)
    # Image sharing (Beta: always sent to v4beta, whatever api_version says).
    sharegroups = _Resource(ShareGroups)
    sharegroup_tokens = _Resource(ShareGroupTokens)

    def __init__(
        self,
        token: str | None = None,
        *,
        anonymous: bool = False,
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
        super().__init__(**_settings(locals()))
        self._sleep: Callable[[float], None] = sleep or time.sleep
        self._http = CookielessClient(**self._httpx_kwargs(), event_hooks={"response": [remember_answer]})
        self._generated.set_httpx_client(self._http)
        self._storage: httpx.Client | None = None
        self._effects = SyncEffects(
            self._sleep, lambda effect: send_put(self._storage_client(), effect.request)
        )

    def _run(self, flow: Flow[T], /) -> T:
        return run_sync(flow, self._effects)

    def _storage_client(self) -> httpx.Client:
        # Opened on the first upload, for the PUTs to object storage only (see _storage).
        if self._storage is None:
            self._storage = upload_http_client(self._network)
        return self._storage

    def close(self) -> None:
        """Close the connections (the injected transport included)."""
        if self._storage is not None:
            self._storage.close()
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

    Attributes:
        images: the image operations (``AsyncImages``), the same as ``LinodeImages.images``,
            awaited; ``images.list()`` is iterated with ``async for``.

    Args:
        token: the API token (a personal access or OAuth token); None reads
            ``LINODE_TOKEN``, and without one the client is anonymous (public images only).
        anonymous: send no token, whatever ``LINODE_TOKEN`` holds.
        base_url: the API's origin, without the version; None reads ``LINODE_BASE_URL``,
            else ``https://api.linode.com``. Plain http only to a loopback address.
        api_version: ``"v4"`` or ``"v4beta"``, the first segment of every path.
        timeout: seconds, or an ``httpx.Timeout`` per connect, read, write and pool
            (None: the defaults in ``DEFAULT_TIMEOUT``).
        verify, cert, proxy, trust_env, limits: passed to httpx as they are (TLS
            verification, client certificate, proxy, proxy and CA settings from the
            environment, connection pool limits); the upload's PUT uses them too.
        transport: an httpx transport (``httpx.MockTransport`` in tests), shared with the PUT.
        retry: a ``RetryPolicy``, a number of retries, or None for no retries.
        sleep, clock: replace ``asyncio.sleep`` and ``time.time`` (epoch seconds), e.g. in tests.
        allow_insecure_http: allow plain http to a host other than this machine.
        headers: extra headers for every API request (never sent with the upload's PUT).
        max_concurrency: the most page requests ``images.list()`` keeps in flight.
    """

    images = _Resource(AsyncImages)
    sharegroups = _Resource(AsyncShareGroups)
    sharegroup_tokens = _Resource(AsyncShareGroupTokens)

    def __init__(
        self,
        token: str | None = None,
        *,
        anonymous: bool = False,
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
        super().__init__(**_settings(locals()))
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be >= 1")
        self._max_concurrency = max_concurrency
        self._page_tasks: set[asyncio.Future[Any]] = set()
        self._sleep: Callable[[float], Awaitable[None]] = sleep or asyncio.sleep
        self._http = AsyncCookielessClient(
            **self._httpx_kwargs(), event_hooks={"response": [aremember_answer]}
        )
        self._generated.set_async_httpx_client(self._http)
        self._storage: httpx.AsyncClient | None = None
        self._effects = AsyncEffects(
            self._sleep, lambda effect: asend_put(self._storage_client(), effect.request)
        )

    def _run(self, flow: Flow[T], /) -> Awaitable[T]:
        return run_async(flow, self._effects)

    def _storage_client(self) -> httpx.AsyncClient:
        if self._storage is None:
            self._storage = upload_async_http_client(self._network)
        return self._storage

    async def aclose(self) -> None:
        """Close the connections (the injected transport included), after cancelling the page
        requests of ``images.list()`` iterations still in flight."""
        await cancel_all(self._page_tasks)
        if self._storage is not None:
            await self._storage.aclose()
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

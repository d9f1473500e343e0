"""The client's defaults and the checks on where it may send things: one place for each rule.

``USER_AGENT`` and the ``linode_images`` logger are defined here and nowhere else; so is the
loopback rule, which both the API's ``base_url`` and the upload's ``upload_to`` follow, and the
httpx client classes, which keep no cookies, that both connect with.
"""

from __future__ import annotations

import http.cookiejar
import ipaddress
import logging
import os
import re
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
from linode_images_api.spec_facts import MAX_PAGE_SIZE, MIN_PAGE_SIZE

from ._models import ApiVersion
from ._version import __version__

__all__ = [
    "BASE_URL_VARIABLE",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_TIMEOUT",
    "MAX_PAGE_SIZE",
    "MIN_PAGE_SIZE",
    "TOKEN_VARIABLE",
    "USER_AGENT",
    "AsyncCookielessClient",
    "CookielessClient",
    "NetworkOptions",
    "check_base_url",
    "check_token",
    "direct_mount",
    "is_loopback",
    "logger",
    "resolve_base_url",
    "resolve_token",
]

logger = logging.getLogger("linode_images")

DEFAULT_BASE_URL = "https://api.linode.com"
# The environment variables the clients read when the argument is not given.
TOKEN_VARIABLE = "LINODE_TOKEN"  # noqa: S105 - a variable name
BASE_URL_VARIABLE = "LINODE_BASE_URL"
# A last path segment that names an API version (v4, v4beta, and any later one).
_API_VERSION = re.compile(r"v\d+(beta|alpha)?", re.IGNORECASE)
# Timeouts are on by default: a stalled connection must not hang a deploy script forever.
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=60.0, pool=10.0)
# GET /images allows 20 requests a minute (REAL-API-FACTS); 500 is the largest page the API serves.
DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE
DEFAULT_MAX_CONCURRENCY = 4
USER_AGENT = f"linode-images/{__version__}"


def is_loopback(host: str) -> bool:
    """True for a host that can only be this machine: ``localhost`` (RFC 6761 reserves it and
    every ``*.localhost`` name for loopback), ``ip6-localhost``, or a loopback address.

    >>> [is_loopback(h) for h in ("localhost.", "foo.localhost", "[::1]", "127.0.0.2", "example.com")]
    [True, True, True, True, False]
    """
    name = host.lower().rstrip(".")
    if name in ("localhost", "ip6-localhost") or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def check_token(token: object) -> str | None:
    """``token`` if it can be sent as ``Authorization: Bearer <token>``; None for anonymous.

    An empty string is refused rather than taken for anonymous access, which is ``None``: it
    is what an unset variable read with a default of ``""`` gives, and the caller meant a
    token. Whitespace around it (a copy-paste) or any control character inside is refused
    too; no message repeats the token.

    >>> check_token(None) is None, check_token("abc")
    (True, 'abc')
    """
    if token is None:
        return None
    if not isinstance(token, str):
        raise TypeError(f"token must be a str or None, not {type(token).__name__}")
    if not token.strip():
        raise ValueError("the token is empty; pass anonymous=True to send no token")
    if token != token.strip() or _CONTROL.search(token):
        raise ValueError(
            "the token has whitespace around it or a control character in it (a copy-paste "
            "leftover?); pass the token exactly as Linode issued it"
        )
    return token


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def resolve_token(token: str | None, anonymous: bool, environ: Mapping[str, str] = os.environ) -> str | None:
    """The token to send: ``token``, else ``LINODE_TOKEN`` (unset or empty: none); none at all
    when ``anonymous``, whatever the environment holds.

    >>> resolve_token(None, False, {"LINODE_TOKEN": "t"}), resolve_token(None, True, {"LINODE_TOKEN": "t"})
    ('t', None)
    """
    if anonymous:
        if token is not None:
            raise ValueError("pass either token= or anonymous=True, not both")
        return None
    if token is None:
        return check_token(environ.get(TOKEN_VARIABLE) or None)
    return check_token(token)


def resolve_base_url(
    base_url: str | httpx.URL | None, environ: Mapping[str, str] = os.environ
) -> str | httpx.URL:
    """The base URL: ``base_url``, else ``LINODE_BASE_URL`` (unset or empty: ignored), else the live API.

    >>> resolve_base_url(None, {"LINODE_BASE_URL": "http://127.0.0.1:4010"}), resolve_base_url(None, {})
    ('http://127.0.0.1:4010', 'https://api.linode.com')
    """
    return base_url or environ.get(BASE_URL_VARIABLE) or DEFAULT_BASE_URL


def check_base_url(base_url: str | httpx.URL, allow_insecure_http: bool) -> str:
    """``base_url`` without a trailing slash, if the token may be sent there, else ``ValueError``.

    The API version is not part of it: every request path starts with ``/{api_version}``.

    >>> try:
    ...     check_base_url("http://127.0.0.1:4010/v4", False)
    ... except ValueError as error:
    ...     print(str(error).partition(": use ")[2])
    'http://127.0.0.1:4010'
    """
    url = httpx.URL(str(base_url))
    if url.userinfo:
        # "https://api.linode.com@evil.example" has the host evil.example; the message leaves
        # out what came before the '@', which may be a password.
        raise ValueError(
            f"base_url must not carry user information (the part before '@'); its host is {url.host!r}"
        )
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an http(s) URL with a host, not {str(base_url)!r}")
    head, _, last = url.path.rstrip("/").rpartition("/")
    if _API_VERSION.fullmatch(last):
        versions = " or ".join(f"/{version}" for version in ApiVersion)
        raise ValueError(
            f"base_url ends in an API version (/{last}); the client adds {versions} (api_version=) "
            f"to every path itself, so requests would go to /{last}/v4/images: "
            f"use {str(url.copy_with(path=head or '/', query=None)).rstrip('/')!r}"
        )
    if url.scheme == "http" and not allow_insecure_http and not is_loopback(url.host):
        raise ValueError(
            f"refusing to send the API token over plain http to {url.host!r}; "
            "use https, a loopback address, or allow_insecure_http=True"
        )
    return str(url).rstrip("/")


def direct_mount(url: httpx.URL) -> dict[str, None]:
    """An httpx ``mounts`` entry sending plain-http requests for ``url``'s loopback host past
    any proxy (empty for any other URL): a proxy would carry them, and the API token or the
    upload's signature, over the network in clear (``HTTP_PROXY``/``ALL_PROXY`` included)."""
    if url.scheme == "http" and is_loopback(url.host):
        return {f"http://{url.netloc.decode('ascii')}": None}
    return {}


# The loopback names and addresses people use, for the connections whose URL is not known
# in advance (the upload's upload_to); a port-less pattern matches every port.
_DIRECT: dict[str, None] = {
    pattern: None
    for pattern in ("http://localhost", "http://*.localhost", "http://127.0.0.1", "http://[::1]")
}


class _EmptyJar(http.cookiejar.CookieJar):
    """A cookie jar that stays empty: every cookie offered to it is dropped."""

    def set_cookie(self, cookie: http.cookiejar.Cookie) -> None:
        return None


_EMPTY_JAR = _EmptyJar()


class _NoCookies(httpx.Cookies):
    """The cookies of a ``CookielessClient``: always none, so one instance serves every client
    (its jar cannot be replaced, and drops what it is given)."""

    def __init__(self) -> None:
        pass  # httpx.Cookies.__init__ would set a jar of its own

    @property
    def jar(self) -> http.cookiejar.CookieJar:
        return _EMPTY_JAR

    @jar.setter
    def jar(self, jar: http.cookiejar.CookieJar) -> None:
        raise AttributeError("this client keeps no cookies")

    def extract_cookies(self, response: httpx.Response) -> None:
        return None  # without reading the response into the stdlib's cookie objects first


_NO_COOKIES = _NoCookies()


class _Cookieless:
    @property
    def cookies(self) -> httpx.Cookies:
        return _NO_COOKIES

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        raise AttributeError("this client keeps no cookies")


class CookielessClient(_Cookieless, httpx.Client):
    """``httpx.Client`` that keeps no cookies. Linode's API authenticates by token and a pre-signed
    upload URL by its signature: a cookie set by a proxy or a load balancer is not sent back, so
    no state carries from one call to the next, and no response pays for httpx's cookie parsing
    (on a local transport about a fifth of a whole GET)."""


class AsyncCookielessClient(_Cookieless, httpx.AsyncClient):
    """``CookielessClient`` for async code."""


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

    def httpx_kwargs(self, direct: dict[str, None] | None = None) -> dict[str, Any]:
        """Keyword arguments for ``httpx.Client`` / ``httpx.AsyncClient``.

        ``direct``: the ``mounts`` that bypass any proxy; by default every loopback host, for
        a client whose URLs are not known in advance. A client that talks to one origin passes
        ``direct_mount`` of it: httpx matches every request against every mount.
        """
        kwargs: dict[str, Any] = {
            "timeout": self.timeout,
            "verify": self.verify,
            "proxy": self.proxy,
            "trust_env": self.trust_env,
            "limits": self.limits,
        }
        if self.cert is not None:
            kwargs["cert"] = self.cert
        kwargs["mounts"] = dict(_DIRECT if direct is None else direct)
        if self.transport is not None:
            kwargs["transport"] = self.transport
        return kwargs

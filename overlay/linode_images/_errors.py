"""Every error the client raises, rooted at ``LinodeError``.

    LinodeError
    ├── APIConnectionError ........ no response arrived (refused, reset, DNS, TLS)
    │   └── APITimeoutError ....... a connect/read/write/pool timeout expired
    ├── APIResponseValidationError  a 2xx response whose body is not the documented shape
    ├── APIStatusError ............ the API answered with an error status
    │   ├── BadRequestError ....... 400 (a bad field, a bad X-Filter)
    │   ├── AuthenticationError ... 401 (missing or invalid token)
    │   ├── PermissionDeniedError . 403 (token lacks the images scope)
    │   ├── NotFoundError ......... 404
    │   ├── ConflictError ......... 409
    │   ├── RateLimitError ........ 429, with ``retry_after``
    │   └── ServerError ........... 5xx (nginx HTML 502 pages included)
    │       └── MaintenanceError .. 503 with ``X-Maintenance-Mode``
    ├── PaginationError ........... a list's pages cannot be trusted (a page repeated only
    │                               images already seen); iterating stopped
    ├── UploadError ............... the pre-signed upload of image data failed
    ├── UnreachableStatusError .... an awaited state can no longer be reached; waiting stopped
    └── WaitTimeoutError .......... an image did not reach the wanted state in time

``APIStatusError`` carries Linode's list of ``(field, reason)`` pairs as ``errors``, the
request method and URL, and the response headers. No error carries the API token: requests
authenticate by header and headers of requests are never stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from linode_images_api.models import Image

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ErrorDetail",
    "LinodeError",
    "MaintenanceError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "UnreachableStatusError",
    "UploadError",
    "WaitTimeoutError",
    "error_from_response",
]


@dataclass(frozen=True, slots=True)
class ErrorDetail:
    """One entry of Linode's ``errors`` list; ``field`` is None when no field is concerned."""

    field: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}" if self.field else self.reason


# The errors are dataclasses: each field is a keyword-only argument and an attribute. Not
# compared by value (an exception is hashed by identity) and shown by Exception's own repr.
@dataclass(eq=False, repr=False)
class LinodeError(Exception):
    """Root of every error raised by ``linode_images``."""

    message: str

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __reduce__(self) -> tuple[Any, ...]:
        # The subclasses take keyword-only arguments, which Exception's own reduce (calling
        # the class with ``args``) cannot pass: rebuild from the attributes instead, so that an
        # error crosses a process boundary (multiprocessing, ProcessPoolExecutor) intact.
        return (_rebuild, (type(self), self.args, dict(vars(self))))


def _rebuild(cls: type[LinodeError], args: tuple[Any, ...], state: dict[str, Any]) -> LinodeError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


@dataclass(kw_only=True, eq=False, repr=False)
class APIConnectionError(LinodeError):
    """No response arrived: the connection was refused, reset, or could not be set up."""

    method: str
    url: str


class APITimeoutError(APIConnectionError):
    """A connect, read, write or pool timeout expired."""


@dataclass(kw_only=True, eq=False, repr=False)
class APIResponseValidationError(LinodeError):
    """A success response whose body could not be decoded into the documented model.

    ``path`` is where in the JSON body the shape was wrong (``data[3].size``; ``""`` for the
    body as a whole), or None when the body is not JSON at all.
    """

    status_code: int
    method: str
    url: str
    body: str
    path: str | None


@dataclass(kw_only=True, eq=False, repr=False)
class APIStatusError(LinodeError):
    """The API answered with an error status; ``errors`` is Linode's ``(field, reason)`` list."""

    status_code: int
    errors: list[ErrorDetail]
    method: str
    url: str
    headers: httpx.Headers
    body: str

    @property
    def reasons(self) -> list[str]:
        """The ``reason`` of every entry in ``errors``."""
        return [e.reason for e in self.errors]


class BadRequestError(APIStatusError):
    """400: a field failed validation, or the X-Filter header was refused."""


class AuthenticationError(APIStatusError):
    """401: no token where one is needed, or the token is invalid or expired."""


class PermissionDeniedError(APIStatusError):
    """403: the token lacks the scope, or the image belongs to someone else."""


class NotFoundError(APIStatusError):
    """404: no such image (or not visible to this token)."""


class ConflictError(APIStatusError):
    """409: the image is in a state that does not allow the operation."""


@dataclass(kw_only=True, eq=False, repr=False)
class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` is the server's hint in seconds, if it sent one."""

    retry_after: float | None


class ServerError(APIStatusError):
    """5xx: the API or a gateway in front of it failed."""


class MaintenanceError(ServerError):
    """503 with ``X-Maintenance-Mode``: the API is down for maintenance; not retried."""


@dataclass(kw_only=True, eq=False, repr=False)
class PaginationError(LinodeError):
    """A page of a list brought only images already yielded: the API's page count cannot be
    trusted (it repeats pages), or the list moved by more than a page between two requests.
    Iterating stopped at ``page``; the images yielded before are all distinct."""

    page: int
    pages: int


@dataclass(kw_only=True, eq=False, repr=False)
class UploadError(LinodeError):
    """Sending image data to the pre-signed ``upload_to`` URL failed.

    ``code`` is the object storage's XML ``<Code>`` when it sent one; ``image_deleted`` says
    whether the pending image was deleted afterwards (None: kept, because of
    ``delete_on_failure=False`` or because its data may have arrived; the message says which);
    ``image_status`` is the image's status when it was looked at before deleting, if it was.
    """

    status_code: int | None = None
    code: str | None = None
    body: str | None = None
    image_id: str | None = None
    image_deleted: bool | None = None
    attempts: int = 1
    image_status: str | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class UnreachableStatusError(LinodeError):
    """The image is in a state from which the awaited one cannot be reached; ``last_image`` shows it."""

    image_id: str
    last_image: Image
    elapsed: float


@dataclass(kw_only=True, eq=False, repr=False)
class WaitTimeoutError(LinodeError):
    """An image did not reach the wanted status in time; ``last_image`` is the last one seen."""

    image_id: str
    last_image: Image | None
    elapsed: float


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
}

# Enough of an HTML error page to recognise it in a message, short enough for a log line.
_BODY_EXCERPT = 200


def body_excerpt(body: str) -> str:
    """The start of ``body`` on one line, for a message."""
    return " ".join(body.split())[:_BODY_EXCERPT]


def parse_error_details(content: bytes) -> list[ErrorDetail]:
    """Linode's ``{"errors": [{"field": ..., "reason": ...}]}``; [] for any other body."""
    try:
        doc = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return []
    items = doc.get("errors") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        return []
    details = []
    for item in items:
        if isinstance(item, Mapping) and item.get("reason") is not None:
            field = item.get("field")
            details.append(ErrorDetail(str(field) if field is not None else None, str(item["reason"])))
    return details


def error_from_response(
    *,
    status_code: int,
    headers: httpx.Headers,
    content: bytes,
    method: str,
    url: str,
    retry_after: float | None,
    token_sent: bool = True,
) -> APIStatusError:
    """The typed error for an error response, whatever its body (JSON, HTML or empty).

    The message adds what the response alone does not say: a 401 to a request that carried no
    token, and the ``Retry-After`` of a 429.

    >>> body = b'{"errors": [{"reason": "Invalid Token"}]}'
    >>> print(error_from_response(status_code=401, headers=httpx.Headers(), content=body,
    ...     method="POST", url="/v4/images", retry_after=None, token_sent=False))
    POST /v4/images -> 401: Invalid Token (no token was sent: pass token= or set LINODE_TOKEN)
    """
    details = parse_error_details(content)
    body = content.decode("utf-8", errors="replace")
    if details:
        summary = "; ".join(str(d) for d in details)
    else:
        excerpt = body_excerpt(body)
        summary = excerpt or "(empty body)"
    message = f"{method} {url} -> {status_code}: {summary}"
    if status_code == 401 and not token_sent:
        message += " (no token was sent: pass token= or set LINODE_TOKEN)"
    if status_code == 429 and retry_after is not None:
        message += f" (Retry-After: {retry_after:g} s)"
    kwargs: dict[str, Any] = dict(
        status_code=status_code, errors=details, method=method, url=url, headers=headers, body=body
    )
    if status_code == 429:
        return RateLimitError(message, retry_after=retry_after, **kwargs)
    if status_code == 503 and "x-maintenance-mode" in headers:
        return MaintenanceError(message, **kwargs)
    if status_code >= 500:
        return ServerError(message, **kwargs)
    return _BY_STATUS.get(status_code, APIStatusError)(message, **kwargs)

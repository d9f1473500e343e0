"""Contains some shared types for properties"""

import datetime
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar

import httpx
from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None
    http_response: httpx.Response
    """ The response as httpx returned it (request, elapsed time, raw body). """


def parse_datetime(value: str) -> datetime.datetime:
    """An ISO 8601 date-time; one without an offset is read as UTC (Linode sends "2021-08-14T22:44:02")."""
    # RFC 3339 allows a lower-case "t" and "z", which fromisoformat refuses; upper-casing
    # leaves digits and separators as they are.
    value = value.upper()
    parsed = datetime.datetime.fromisoformat(value)
    if parsed.tzinfo is not None:
        return parsed
    try:
        aware = datetime.datetime.fromisoformat(value + "+00:00")
    except ValueError:
        aware = None
    if aware is None or aware.tzinfo is None:  # a date alone takes no offset
        return parsed.replace(tzinfo=datetime.UTC)
    return aware


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "parse_datetime",
]

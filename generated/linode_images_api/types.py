"""Contains some shared types for properties"""

import datetime
from collections.abc import Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

import httpx
from attrs import define

from .errors import DecodeError


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


# The models' fast path calls it directly for Linode's 19-character timestamps (see decode_datetime).
fromisoformat = datetime.datetime.fromisoformat


def decode_datetime(value: object, path: str) -> datetime.datetime:
    """``parse_datetime`` for from_dict: anything but a date-time string raises DecodeError at ``path``."""
    if isinstance(value, str):
        # Linode's own form, "2021-08-14T22:44:02"; a 19-character string with an offset fails here.
        if len(value) == 19:
            try:
                return fromisoformat(value + "+00:00")
            except ValueError:
                pass
        try:
            return parse_datetime(value)
        except ValueError:
            shown = value if len(value) <= 40 else value[:40] + "..."
            raise DecodeError(path, "date-time", f"got {shown!r}") from None
    raise decode_error(path, "date-time string", value)


_JSON_TYPES: dict[type, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
    list: "array",
    dict: "object",
}


def decode_error(path: str, expected: str, value: object) -> DecodeError:
    """The DecodeError for ``value`` found at ``path`` where the spec asks for ``expected``."""
    if value is UNSET:
        return DecodeError(path, expected, "missing (the field is required)")
    return DecodeError(
        path, expected, f"got {_JSON_TYPES.get(type(value)) or type(value).__name__}"
    )


def list_item_error(
    items: list[Any], decode: Callable[[Any], object], path: str
) -> DecodeError:
    """The error of the first item ``decode`` refuses, at ``path[index]`` (run once a list failed)."""
    for index, item in enumerate(items):
        try:
            decode(item)
        except DecodeError as exc:
            return exc.within(f"{path}[{index}]")
    return DecodeError(
        path, "a list of valid items", "found none invalid on a second pass"
    )


# A list of models longer than this shows as a count in a repr: "data=[500 images]".
REPR_LIST_LIMIT = 3


def model_repr(
    model: object, fields: tuple[str, ...], model_lists: tuple[tuple[str, str], ...]
) -> str:
    """``Image(id='linode/debian12', ...)``: set attributes only, lists of models last, long ones counted."""
    parts = [
        f"{name}={value!r}"
        for name in fields
        if (value := getattr(model, name)) is not UNSET
    ]
    for name, noun in model_lists:
        value = getattr(model, name)
        if isinstance(value, list) and len(value) > REPR_LIST_LIMIT:
            parts.append(f"{name}=[{len(value)} {noun}]")
        elif value is not UNSET:
            parts.append(f"{name}={value!r}")
    unknown = getattr(model, "additional_properties", None)
    if unknown:
        parts.append(f"additional_properties={unknown!r}")
    return f"{type(model).__name__}({', '.join(parts)})"


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "decode_datetime",
    "decode_error",
    "fromisoformat",
    "list_item_error",
    "model_repr",
    "parse_datetime",
]

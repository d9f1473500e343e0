"""Contains some shared types for properties"""

import datetime
import json
import threading
from collections.abc import Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar
from urllib.parse import quote

import httpx
from attrs import define

from .errors import DecodeError


class Unset:
    def __bool__(self) -> Literal[False]:
        return False

    def __reduce__(self) -> str:
        # Unpickled as the one UNSET, so that "is UNSET" holds for a model that crossed a process.
        return "UNSET"


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


# How many combinations of field types (accept_types) and sequences of keys (unknown_keys) a
# model remembers; past that, new ones are checked each time, so odd input costs time, not memory.
SHAPE_LIMIT = 256


def accept_types(
    types: tuple[type, ...],
    allowed: tuple[frozenset[type], ...],
    accepted: set[tuple[type, ...]],
) -> bool:
    """Whether each of ``types`` is in its ``allowed`` set; an accepted combination is remembered in ``accepted``."""
    if not all(map(frozenset.__contains__, allowed, types)):
        return False
    if len(accepted) < SHAPE_LIMIT:
        accepted.add(types)
    return True


def unknown_keys(
    keys: tuple[str, ...],
    known: frozenset[str],
    cache: dict[tuple[str, ...], tuple[str, ...]],
) -> tuple[str, ...]:
    """The keys not in ``known``, in their order; remembered in ``cache`` under ``keys``."""
    unknown = tuple(key for key in keys if key not in known)
    if len(cache) < SHAPE_LIMIT:
        cache[keys] = unknown
    return unknown


def unknown_fields(
    src_dict: dict[str, Any], unknown: tuple[str, ...]
) -> dict[str, Any]:
    """The fields of ``src_dict`` named in ``unknown``, in that order."""
    return dict(zip(unknown, map(src_dict.__getitem__, unknown)))


try:
    # Optional (the "speedups" extra): msgspec parses a page of images in about half the time
    # json.loads takes, and parsed into Structs (Shape below) it also checks each field's JSON type.
    from msgspec import defstruct as _defstruct
    from msgspec.json import Decoder as _MsgspecDecoder
except ImportError:
    _fast_loads: Callable[[bytes], Any] | None = None
    _have_msgspec = False
else:
    _fast_loads = _MsgspecDecoder().decode
    _have_msgspec = True


def json_loads(content: bytes) -> Any:
    """The JSON value of a response body, as ``json.loads(content)`` gives it (by msgspec when installed)."""
    if _fast_loads is not None:
        try:
            return _fast_loads(content)
        except Exception:
            # What msgspec refuses (NaN, a byte-order mark, UTF-16, a lone surrogate escape, a
            # number beyond float range, deep nesting), json.loads accepts or refuses with its own error.
            pass
    return json.loads(content)


# One field of a Shape: its Python name, its JSON name, its JSON type and whether it is required.
# The type is str, int or bool, "any" (any JSON value), another model's Shape, ("list", item) or
# ("null", type) for a nullable one.
ShapeField = tuple[str, str, Any, bool]


class Shape:
    """The JSON types of one model's fields, for a model's ``from_json`` to have msgspec check them.

    With msgspec installed, ``from_json`` parses a body into Structs built from these types (on
    first use, because models refer to each other), so that each field's JSON type is checked in
    C as it is parsed, and then converts only what needs converting (date-times, enums, nested
    models). Whatever the Structs refuse (an unknown field, a wrong type, a missing field, a body
    msgspec does not parse) ``from_json`` decodes again with ``from_dict(json_loads(content))``,
    which accepts it or raises the DecodeError naming the path: its values and errors are
    from_dict's own. ``fields`` is None for a model that has a field these types cannot express
    exactly as from_dict checks it; such a model (and any model holding it) has no Struct.
    A body with a field this version does not know (the API adds fields over time) is refused
    by the Struct at that field and decoded by from_dict, at from_dict's speed, until the client
    is regenerated from a spec that lists the field.
    """

    def __init__(
        self, name: str, fields: Callable[[], tuple[ShapeField, ...]] | None
    ) -> None:
        self.name = name
        self._fields = fields
        self._state = "new"
        self._struct: Any = None
        # The parser of a body into this model's Struct, or None when there is no Struct.
        self.parse: Callable[[bytes], Any] | None = self._first_parse

    def __repr__(self) -> str:
        return f"<Shape of {self.name}>"

    def struct(self) -> Any:
        """The Struct class, or None without msgspec or when a field's type has no exact Struct type."""
        # One thread builds at a time, so that another never sees a Struct half built (as the
        # "building" state below) and concludes there is none.
        with _shape_lock:
            if self._state == "new":
                self._state = (
                    "building"  # a model that holds itself, however deep, has no Struct
                )
                try:
                    self._struct = self._build()
                except BaseException:
                    self._state = "new"  # interrupted: the next call builds again
                    raise
                self._state = "built"
            return self._struct if self._state == "built" else None

    def _build(self) -> Any:
        if not _have_msgspec or self._fields is None:
            return None
        fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
        rename: dict[str, str] = {}
        for python_name, json_name, spec, required in self._fields():
            kind = _struct_type(spec)
            if kind is None:
                return None
            fields.append(
                (python_name, kind) if required else (python_name, kind, UNSET)
            )
            if json_name != python_name:
                rename[python_name] = json_name
        return _defstruct(
            self.name,
            fields,
            kw_only=True,
            rename=rename or None,
            # Refused, so that from_dict decides: a model that keeps unknown fields keeps them in
            # additional_properties, and one that ignores them still has json.loads check them
            # (a Struct would skip over an unknown value without reading it as json.loads does).
            forbid_unknown_fields=True,
            # A Struct lives only until it is converted, and holds no cycle.
            gc=False,
        )

    def _first_parse(self, content: bytes) -> Any:
        struct = self.struct()
        if struct is None:
            self.parse = None
            raise ValueError(
                f"{self.name} has no Struct"
            )  # from_json decodes with from_dict
        self.parse = _MsgspecDecoder(struct).decode
        return self.parse(content)


_shape_lock = threading.RLock()


def _struct_type(spec: Any) -> Any:
    """The Struct field type of a ShapeField's type, or None if a model in it has no Struct."""
    if isinstance(spec, Shape):
        return spec.struct()
    if spec == "any":
        return Any
    if isinstance(spec, tuple):
        wrapper, inner_spec = spec
        inner = _struct_type(inner_spec)
        if inner is None:
            return None
        return list[inner] if wrapper == "list" else inner | None  # type: ignore[valid-type]
    return spec


# Path parameters quoted so far (str keys only: an int 1 and a str "1" must not share an entry), up
# to a bound, so that ids from an untrusted source cannot grow it without end. A client calls with
# a handful of API versions and the ids it works on; quote() costs more than the rest of the URL.
PATH_SEGMENT_CACHE_SIZE = 4096
_path_segments: dict[str, str] = {}


def path_segment(value: object) -> str:
    """``quote(str(value), safe="")``: one path parameter as it goes into the URL, "/" included."""
    try:
        return _path_segments[value]  # type: ignore[index]
    except (KeyError, TypeError):
        pass
    segment = quote(str(value), safe="")
    if isinstance(value, str) and len(_path_segments) < PATH_SEGMENT_CACHE_SIZE:
        _path_segments[value] = segment
    return segment


_http_statuses: dict[int, HTTPStatus] = {status.value: status for status in HTTPStatus}


def http_status(code: int) -> HTTPStatus:
    """``HTTPStatus(code)``, by a dict lookup for the codes it knows; ``ValueError`` for others."""
    return _http_statuses.get(code) or HTTPStatus(code)


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
    "accept_types",
    "decode_datetime",
    "decode_error",
    "fromisoformat",
    "http_status",
    "json_loads",
    "list_item_error",
    "model_repr",
    "parse_datetime",
    "path_segment",
    "unknown_fields",
    "unknown_keys",
]

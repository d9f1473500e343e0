"""Every response body the spec allows, and the real API's deviations from it, decodes.

Bodies are drawn from the spec's response schemas by a small strategy builder over
``components.schemas`` (objects with their required properties, any subset of the others, plus unknown ones,
since response schemas allow additional properties; nullable fields; enums; RFC 3339
``date-time`` strings in every form the mock's validator accepts, lower-case ``t``/``z``
and offsets included). A second mode adds the real-API deviations of REAL-API-FACTS:
unknown enum values, offset-less timestamps and the empty list as page 0 (``is_shared``
and ``image_sharing``, which the 4.189.0 document lacked, are in the spec since 4.234.0).

Each body is decoded by the generated model (``from_dict``) and by the overlay (served by an
``httpx.MockTransport`` to the operation that returns it); the result must round-trip
(``to_dict()`` equals the body, timestamps compared as instants: see ``support.normalise``).
Error bodies become the typed error of their status with Linode's ``(field, reason)`` list.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from linode_images import (
    APIStatusError,
    BadRequestError,
    ConflictError,
    ErrorDetail,
    LinodeImages,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
)
from linode_images_api import models
from linode_images_api.models import (
    ConsumerShareGroup,
    CreatedShareGroupToken,
    DeleteImageResponse,
    ErrorResponse,
    Image,
    PaginatedImages,
    PaginatedSharedImages,
    PaginatedShareGroups,
    SharedImage,
    ShareGroup,
    ShareGroupMember,
    ShareGroupToken,
    UploadImageResponse,
)
from linode_images_mock._spec import Spec

from tests.property.support import assert_round_trip, budget, component, count, resolve, spec

MOCK_SPEC = Spec()
JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.text(max_size=10)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def timestamps(*, deviant: bool) -> st.SearchStrategy[str]:
    """RFC 3339 date-times (any offset, optional fraction, either case); Linode's offset-less ones."""
    moments = st.datetimes(min_value=datetime.datetime(1970, 1, 1), max_value=datetime.datetime(2100, 1, 1))
    offsets = st.sampled_from(["Z", "z", "+00:00", "-00:00", "+05:30", "-08:00", "+14:00"])
    fractions = st.sampled_from(["", ".5", ".123456", ".1234567"])
    separators = st.sampled_from(["T", "t"])

    @st.composite
    def rfc3339(draw: st.DrawFn) -> str:
        moment = draw(moments).strftime("%Y-%m-%d{}%H:%M:%S")
        return moment.format(draw(separators)) + draw(fractions) + draw(offsets)

    if not deviant:
        return rfc3339()
    linode = moments.map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%S"))
    return linode | st.just("1970-01-01T05:00:00") | rfc3339()


def from_schema(schema: dict[str, Any], *, deviant: bool) -> st.SearchStrategy[Any]:
    """Values ``schema`` (an OpenAPI 3.0 schema of the spec) admits; with ``deviant``, also
    the real API's deviations from it."""
    schema = resolve(schema)
    if len(schema.get("allOf", [])) == 1:  # a reference that may be null (image_sharing)
        strategy = from_schema(schema["allOf"][0], deviant=deviant)
    else:
        strategy = _non_null(schema, deviant=deviant)
    return st.none() | strategy if schema.get("nullable") else strategy


def _non_null(schema: dict[str, Any], *, deviant: bool) -> st.SearchStrategy[Any]:
    if "enum" in schema:
        known = st.sampled_from(schema["enum"])
        if deviant:
            # Enum values keep growing (REAL-API-FACTS): "timedout", "shared" and others.
            unknown = st.sampled_from(["timedout", "deleted", "pending_review"]) | st.text(
                min_size=1, max_size=12
            )
            return known | unknown.filter(lambda value: value not in schema["enum"])
        return known
    kind = schema.get("type")
    if kind == "object":
        properties = {
            name: from_schema(sub, deviant=deviant) for name, sub in schema.get("properties", {}).items()
        }
        required = {name: properties.pop(name) for name in schema.get("required", [])}
        fixed = st.fixed_dictionaries(required, optional=properties)
        if schema.get("maxProperties") == 0:
            return st.just({})
        # Response schemas allow properties the spec does not list.
        unknown = st.dictionaries(
            st.text(min_size=1, max_size=10).filter(
                lambda key: key not in properties and key not in required
            ),
            JSON_VALUES,
            max_size=2,
        )
        return st.builds(lambda known, more: {**more, **known}, fixed, unknown)
    if kind == "array":
        return st.lists(
            from_schema(schema["items"], deviant=deviant),
            min_size=schema.get("minItems", 0),
            max_size=min(schema.get("maxItems", 4), 4),
        )
    if kind == "string":
        if schema.get("format") == "date-time":
            return timestamps(deviant=deviant)
        return st.text(min_size=schema.get("minLength", 0), max_size=min(schema.get("maxLength", 20), 20))
    if kind == "integer":
        return st.integers(min_value=-(2**53), max_value=2**53)
    if kind == "boolean":
        return st.booleans()
    raise AssertionError(f"no strategy for {schema}")


def bodies(name: str, *, deviant: bool) -> st.SearchStrategy[Any]:
    strategy = from_schema(component(name), deviant=deviant)
    if name == "PaginatedImages" and deviant:
        # An empty filtered list is page 0 of 0 (REAL-API-FACTS, "Lists and pagination").
        strategy = st.just({"data": [], "page": 0, "pages": 0, "results": 0}) | strategy
    return strategy


# The image-sharing models (4.234.0 on): share groups, shared images, members, tokens.
SHARING_MODELS: dict[str, Any] = {
    model.__name__: model
    for model in (
        ShareGroup,
        SharedImage,
        ShareGroupMember,
        ShareGroupToken,
        CreatedShareGroupToken,
        ConsumerShareGroup,
        PaginatedShareGroups,
        PaginatedSharedImages,
    )
}


def test_the_strategies_draw_only_what_the_spec_allows() -> None:
    """The non-deviant bodies pass the mock's own response validation (lower-case t/z included)."""

    @budget(100)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        count("responses[spec check]")
        for name in ("Image", "PaginatedImages", "UploadImageResponse", "ErrorResponse", *SHARING_MODELS):
            body = data.draw(bodies(name, deviant=False), label=name)
            validator = MOCK_SPEC.validator(MOCK_SPEC._translated["components"]["schemas"][name])
            assert validator.is_valid(body), (name, body)

    run()


MODELS: dict[str, Any] = {
    "Image": Image,
    "PaginatedImages": PaginatedImages,
    "UploadImageResponse": UploadImageResponse,
    "DeleteImageResponse": DeleteImageResponse,
    "ErrorResponse": ErrorResponse,
    **SHARING_MODELS,
}


@pytest.mark.parametrize("deviant", [False, True], ids=["spec", "real-api"])
@pytest.mark.parametrize("name", list(MODELS))
def test_generated_models_decode_and_round_trip(name: str, deviant: bool) -> None:
    @budget(150)
    @given(body=bodies(name, deviant=deviant))
    def run(body: Any) -> None:
        count(f"responses[generated {name} deviant={deviant}]")
        assert_round_trip(MODELS[name].from_dict(body), body, name)

    run()


def _serve(status: int, body: Any) -> LinodeImages:
    content = json.dumps(body).encode()
    transport = httpx.MockTransport(
        lambda request: httpx.Response(status, content=content, headers={"content-type": "application/json"})
    )
    return LinodeImages("tok", transport=transport, retry=None)


# The overlay call that receives each kind of 200 body.
CALLS: dict[str, Any] = {
    "Image": lambda images: images.get("private/1"),
    "PaginatedImages": lambda images: images.list_page(),
    "UploadImageResponse": lambda images: images.create_upload(label="x", region="us-east"),
    "DeleteImageResponse": lambda images: images.delete("private/1"),
}


@pytest.mark.parametrize("deviant", [False, True], ids=["spec", "real-api"])
@pytest.mark.parametrize("name", list(CALLS))
def test_the_overlay_decodes_every_success_body(name: str, deviant: bool) -> None:
    @budget(100)
    @given(body=bodies(name, deviant=deviant))
    def run(body: Any) -> None:
        count(f"responses[overlay {name} deviant={deviant}]")
        with _serve(200, body) as client:
            result = CALLS[name](client.images)
        if name == "DeleteImageResponse":
            assert result is None
        else:
            assert_round_trip(result, body, name)

    run()


ERROR_TYPES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
    500: ServerError,
}


def test_the_overlay_turns_every_error_body_into_its_typed_error() -> None:
    @budget(150)
    @given(status=st.sampled_from(sorted(ERROR_TYPES)), body=bodies("ErrorResponse", deviant=False))
    def run(status: int, body: Any) -> None:
        count("responses[overlay errors]")
        with _serve(status, body) as client, pytest.raises(APIStatusError) as caught:
            client.images.get("private/1")
        error = caught.value
        assert type(error) is ERROR_TYPES[status]
        assert error.status_code == status
        items = body.get("errors", [])
        assert error.errors == [
            ErrorDetail(item.get("field"), item["reason"]) for item in items if item.get("reason") is not None
        ]

    run()


def _decoded(decode: Any, content: bytes) -> tuple[str, ...]:
    """What decoding gives, compared exactly: the error's type and message, or the model's repr (which
    tells True from 1), its unknown fields and its JSON (which tells "1" from 1 and 1 from 1.0)."""
    try:
        model = decode(content)
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))
    extra = json.dumps(getattr(model, "additional_properties", {}))
    return ("model", type(model).__name__, repr(model), extra, json.dumps(model.to_dict(), default=repr))


@st.composite
def damaged(draw: st.DrawFn, body: Any) -> Any:
    """``body`` with one object somewhere in it changed: a field set to any JSON value, or removed."""
    objects: list[dict[str, Any]] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            objects.append(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    body = json.loads(json.dumps(body))
    walk(body)
    if not objects:
        return body
    target = draw(st.sampled_from(objects))
    key = draw(st.sampled_from(sorted(target)) | st.text(max_size=6)) if target else draw(st.text(max_size=6))
    if key in target and draw(st.booleans()):
        del target[key]
    else:
        target[key] = draw(JSON_VALUES | st.floats(allow_nan=False) | st.integers(min_value=2**63))
    return body


@pytest.mark.parametrize("name", list(MODELS))
def test_from_json_decodes_exactly_as_from_dict_of_json_loads(name: str) -> None:
    """from_json has msgspec check the JSON types as it parses (types.Shape) and leaves whatever that
    pass refuses to from_dict: for any body, well-formed, deviant or damaged, it gives the same
    model or the same error as from_dict(json.loads(body))."""
    model = MODELS[name]

    @budget(150)
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        count(f"responses[from_json {name}]")
        body = data.draw(bodies(name, deviant=data.draw(st.booleans(), label="deviant")), label="body")
        if data.draw(st.booleans(), label="damage"):
            body = data.draw(damaged(body), label="damaged")
        content = json.dumps(body).encode()
        assert _decoded(model.from_json, content) == _decoded(
            lambda c: model.from_dict(json.loads(c)), content
        )

    run()


# One value of each JSON kind (and a date-time string), for the exhaustive comparison below.
JSON_KINDS: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    2**64,
    1.5,
    1.0,
    "x",
    "2021-08-14T22:44:02",
    [],
    ["x"],
    [1],
    [None],
    {},
    {"a": 1},
)


def full_body(schema: dict[str, Any]) -> Any:
    """A value of ``schema`` with every property present and every array holding one item."""
    schema = resolve(schema)
    if len(schema.get("allOf", [])) == 1:
        return full_body(schema["allOf"][0])
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {name: full_body(sub) for name, sub in schema.get("properties", {}).items()}
    if kind == "array":
        return [full_body(schema["items"])]
    if kind == "string":
        return "2021-08-14T22:44:02" if schema.get("format") == "date-time" else "abc"
    return {"integer": 1, "boolean": False}[kind]


def every_change(body: Any) -> Iterator[Any]:
    """``body`` with one value anywhere in it replaced by each of JSON_KINDS, or removed, or with an
    unknown field added to one of its objects."""
    if isinstance(body, dict):
        yield {**body, "unknown_field": 1}
        for key, value in body.items():
            rest = {k: v for k, v in body.items() if k != key}
            yield rest
            for replacement in JSON_KINDS:
                yield {**body, key: replacement}
            for changed in every_change(value):
                yield {**body, key: changed}
    elif isinstance(body, list):
        for index, value in enumerate(body):
            for changed in every_change(value):
                yield [*body[:index], changed, *body[index + 1 :]]


@pytest.mark.parametrize("name", list(MODELS))
def test_from_json_decodes_every_one_value_change_as_from_dict_does(name: str) -> None:
    """Each field of each model, at any depth, set to each kind of JSON value or left out: from_json
    and from_dict(json.loads(...)) give the same model or the same error."""
    model = MODELS[name]
    bodies_seen = 0
    for body in (full_body(component(name)), *every_change(full_body(component(name)))):
        content = json.dumps(body).encode()
        assert _decoded(model.from_json, content) == _decoded(
            lambda c: model.from_dict(json.loads(c)), content
        ), body
        bodies_seen += 1
    assert bodies_seen >= 2  # at least the body itself and the body with an unknown field


# Bytes json.dumps never writes: invalid UTF-8, a lone surrogate (raw and escaped), an integer past
# Python's digit limit, nesting past the recursion limit, NaN and a number beyond float range.
RAW_VALUES: tuple[bytes, ...] = (
    b'"\xff"',
    b'"\xed\xa0\x80"',
    b'"\\ud800"',
    b'{"a": "\xc0\x80"}',
    b"1" + b"0" * 5000,
    b"[" * 1000 + b"]" * 1000,
    b"NaN",
    b"1e400",
)
# Every model (request bodies too: from_json is public), by its schema's name.
EVERY_MODEL: dict[str, Any] = {
    name: getattr(models, name)
    for name in models.__all__
    if hasattr(getattr(models, name), "from_json") and name in spec()["components"]["schemas"]
}


@pytest.mark.parametrize("name", sorted(EVERY_MODEL))
def test_from_json_agrees_with_json_loads_on_bytes_json_dumps_never_writes(name: str) -> None:
    """Each field, and an unknown one, given each of RAW_VALUES: from_json gives what
    from_dict(json.loads(...)) gives, the model or the error (UnicodeDecodeError, RecursionError...)."""
    model = EVERY_MODEL[name]
    body = full_body(component(name))
    assert len(EVERY_MODEL) > 30
    for key in [*body, "unknown_field"]:
        rest = json.dumps({k: v for k, v in body.items() if k != key}).encode()
        for raw in RAW_VALUES:
            content = (
                rest[:-1] + (b", " if len(rest) > 2 else b"") + json.dumps(key).encode() + b": " + raw + b"}"
            )
            assert _decoded(model.from_json, content) == _decoded(
                lambda c: model.from_dict(json.loads(c)), content
            ), (key, raw[:20])

"""A model's from_json: with msgspec installed, the body is parsed into Structs that check each field's
JSON type (types.Shape), and what they refuse is decoded by from_dict(json_loads(...)); without
msgspec, from_dict alone. tests/property/test_responses.py compares the two on every model."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
import pytest
from linode_images_api import AuthenticatedClient, types
from linode_images_api.api.images import get_image, get_images
from linode_images_api.errors import DecodeError, UndecodableResponse
from linode_images_api.models import ApiVersion, Image, ImageRegion, PaginatedImages
from linode_images_api.types import UNSET, Shape

from tests.pipeline.test_generated_client import OLD_IMAGE, PRIVATE_IMAGE, PUBLIC_IMAGE

REPLICATED = {
    **PRIVATE_IMAGE,
    "regions": [
        {"region": "us-east", "status": "available"},
        {"region": "us-iad", "status": "pending replication"},
    ],
}
PAGE = {"data": [PUBLIC_IMAGE, REPLICATED, OLD_IMAGE], "page": 1, "pages": 1, "results": 3}


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The bodies json_loads is asked to parse (so, the ones from_dict decodes) during a test."""
    seen: list[bytes] = []
    original = types._fast_loads

    def spy(content: bytes) -> Any:
        seen.append(content)
        return original(content) if original is not None else json.loads(content)

    monkeypatch.setattr(types, "_fast_loads", spy)
    return seen


def generated_client(body: bytes) -> AuthenticatedClient:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    client = AuthenticatedClient(base_url="https://api.linode.com", token="t")
    return client.set_httpx_client(httpx.Client(base_url="https://api.linode.com", transport=transport))


def test_a_page_of_the_specs_shape_is_decoded_by_the_struct_alone(parses: list[bytes]) -> None:
    body = json.dumps(PAGE).encode()
    page = PaginatedImages.from_json(body)
    assert parses == []
    assert page == PaginatedImages.from_dict(json.loads(body))
    assert [type(image) for image in page.data] == [Image, Image, Image]
    regions = page.data[1].regions
    assert isinstance(regions, list) and len(regions) == 2 and type(regions[0]) is ImageRegion
    assert page.data[0].created.tzinfo is not None  # an offset-less timestamp is UTC
    assert page.data[2].total_size is UNSET and page.data[2].additional_properties == {}


def test_an_unknown_field_is_refused_by_the_struct_and_kept_by_from_dict(parses: list[bytes]) -> None:
    body = json.dumps({**PRIVATE_IMAGE, "later_field": [1, 2]}).encode()
    image = Image.from_json(body)
    assert parses == [body]
    assert image == Image.from_dict(json.loads(body))
    assert image.additional_properties == {"later_field": [1, 2]}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({**PRIVATE_IMAGE, "size": True}, r"^size: expected integer, got boolean$"),
        ({**PRIVATE_IMAGE, "regions": [{"region": "us-east"}]}, r"^regions\[0\]\.status: "),
        ({**PRIVATE_IMAGE, "created": "not a date"}, r"^created: "),
        ([PRIVATE_IMAGE], r"expected object, got array"),
    ],
)
def test_a_body_of_the_wrong_shape_raises_from_dicts_error(
    parses: list[bytes], body: Any, message: str
) -> None:
    content = json.dumps(body).encode()
    with pytest.raises(DecodeError, match=message):
        Image.from_json(content)
    assert parses == [content]


def test_the_api_functions_decode_a_model_body_with_from_json(parses: list[bytes]) -> None:
    body = json.dumps(PAGE).encode()
    result = get_images.sync_detailed(ApiVersion.V4, client=generated_client(body))
    assert isinstance(result.parsed, PaginatedImages) and len(result.parsed.data) == 3
    assert parses == []
    wrong = json.dumps({**PRIVATE_IMAGE, "label": None}).encode()
    with pytest.raises(UndecodableResponse, match="label: expected string, got null"):
        get_image.sync_detailed(ApiVersion.V4, "private/123", client=generated_client(wrong))


def test_without_msgspec_from_json_is_from_dict_of_json_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(types, "_have_msgspec", False)
    shape = Shape("Image", Image._shape._fields)
    assert shape.struct() is None
    with pytest.raises(ValueError, match="Image has no Struct"):
        assert shape.parse is not None
        shape.parse(b"{}")
    assert shape.parse is None
    # The models' own shapes are built already; from_json is told there is no Struct as above.
    for model in (Image, ImageRegion, PaginatedImages):
        monkeypatch.setattr(model._shape, "parse", None)
    monkeypatch.setattr(types, "_fast_loads", None)
    body = json.dumps(PAGE).encode()
    assert PaginatedImages.from_json(body) == PaginatedImages.from_dict(json.loads(body))
    with pytest.raises(DecodeError, match=r"^data\[1\]\.size: expected integer, got string$"):
        PaginatedImages.from_json(
            json.dumps({**PAGE, "data": [PUBLIC_IMAGE, {**PRIVATE_IMAGE, "size": "1"}]}).encode()
        )


def test_a_model_holding_one_without_a_struct_has_none() -> None:
    inner = Shape("Inner", None)
    outer = Shape("Outer", lambda: (("items", "items", ("list", inner), True),))
    assert inner.struct() is None and outer.struct() is None


def test_a_model_that_holds_itself_has_no_struct() -> None:
    loop: Shape = Shape("Loop", lambda: (("next", "next", ("null", loop), False),))
    assert loop.struct() is None


def test_a_struct_takes_json_names_and_leaves_unset_fields_unset() -> None:
    shape = Shape(
        "Thing",
        lambda: (
            ("type_", "type", str, True),
            ("size", "size", ("null", int), False),
            ("any", "any", "any", False),
        ),
    )
    assert shape.parse is not None
    parsed = shape.parse(b'{"type": "manual", "any": [1, {"a": null}]}')
    assert (parsed.type_, parsed.size, parsed.any) == ("manual", UNSET, [1, {"a": None}])
    assert shape.parse(b'{"type": "manual", "size": null}').size is None
    for refused in (
        b'{"type": "manual", "other": 1}',
        b'{"size": 1}',
        b'{"type": 1}',
        b'{"type": "m", "size": true}',
    ):
        with pytest.raises(ValueError):
            shape.parse(refused)
    assert repr(shape) == "<Shape of Thing>"


def test_a_thread_that_asks_while_another_builds_the_struct_waits_for_it() -> None:
    started = threading.Event()

    def fields() -> tuple[types.ShapeField, ...]:
        started.set()
        time.sleep(0.2)  # the other thread asks meanwhile
        return (("id", "id", str, True),)

    shape = Shape("Slow", fields)
    got: list[Any] = []
    builder = threading.Thread(target=lambda: got.append(shape.struct()))
    builder.start()
    started.wait()
    got.append(shape.struct())
    builder.join()
    assert len(got) == 2 and got[0] is got[1] is not None


def test_a_build_that_is_interrupted_is_tried_again() -> None:
    calls: list[int] = []

    def fields() -> tuple[types.ShapeField, ...]:
        calls.append(1)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return (("id", "id", str, True),)

    shape = Shape("Interrupted", fields)
    with pytest.raises(KeyboardInterrupt):
        shape.struct()
    assert shape.struct() is not None and len(calls) == 2

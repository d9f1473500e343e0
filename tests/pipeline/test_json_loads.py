"""The API functions parse bodies with types.json_loads: msgspec's parser when the speedups extra is
installed, json.loads otherwise; either way the values and the errors are json.loads' own."""

from __future__ import annotations

import json
import math
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from linode_images_api import AuthenticatedClient, types
from linode_images_api.api.images import get_images
from linode_images_api.errors import UndecodableResponse
from linode_images_api.models import ApiVersion, PaginatedImages
from linode_images_api.types import json_loads

from tests.pipeline.test_generated_client import PRIVATE_IMAGE, PUBLIC_IMAGE

PAGE = {"data": [PUBLIC_IMAGE, PRIVATE_IMAGE], "page": 1, "pages": 1, "results": 2}


def outcome(parse: Any, content: bytes) -> tuple[str, Any]:
    try:
        value = parse(content)
    except Exception as exc:
        return "error", (type(exc), str(exc))
    # NaN is not equal to itself: compare its repr.
    return "value", repr(value) if isinstance(value, float) and math.isnan(value) else value


@pytest.mark.parametrize(
    "content",
    [
        json.dumps(PAGE).encode(),
        b'{"a": NaN, "b": Infinity, "c": -Infinity}',
        b"NaN",
        b'{"size": 1e400}',
        b'{"size": 123456789012345678901234567890, "n": -9223372036854775809}',
        b'"\\ud800"',
        b"\xef\xbb\xbf" + json.dumps(PAGE).encode(),
        json.dumps(PAGE).encode("utf-16"),
        json.dumps(PAGE).encode("utf-32-le"),
        b"[" * 5000 + b"]" * 5000,
        b'{"a": 1, "a": 2}',
        b'{"a": "\xff"}',
        b'{"a": "line\x01break"}',
        b"",
        b"   ",
        b'{"a": 1,}',
        b"[1, 2",
        b"01",
        b"1.",
        b"-",
        b"+1",
        b'{"a": 1} {"b": 2}',
        b' {"a": -0.0, "b": -0, "c": 5e-324, "d": 1.7976931348623157e308} ',
    ],
)
def test_json_loads_gives_what_json_loads_gives(content: bytes) -> None:
    assert outcome(json_loads, content) == outcome(json.loads, content)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5),
    max_leaves=30,
)


@given(value=json_values, ensure_ascii=st.booleans(), indent=st.sampled_from([None, 0, 2]))
def test_json_loads_agrees_with_json_loads_on_any_json(
    value: Any, ensure_ascii: bool, indent: int | None
) -> None:
    content = json.dumps(value, ensure_ascii=ensure_ascii, indent=indent).encode()
    assert json_loads(content) == json.loads(content)


@given(content=st.binary(max_size=40))
def test_json_loads_agrees_with_json_loads_on_any_bytes(content: bytes) -> None:
    assert outcome(json_loads, content) == outcome(json.loads, content)


def generated_client(body: bytes) -> AuthenticatedClient:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    client = AuthenticatedClient(base_url="https://api.linode.com", token="t")
    return client.set_httpx_client(httpx.Client(base_url="https://api.linode.com", transport=transport))


@pytest.mark.parametrize("installed", [True, False], ids=["with msgspec", "without msgspec"])
def test_the_api_functions_parse_with_json_loads(monkeypatch: pytest.MonkeyPatch, installed: bool) -> None:
    calls: list[bytes] = []

    def parser(content: bytes) -> Any:
        calls.append(content)
        return json.loads(content)

    monkeypatch.setattr(types, "_fast_loads", parser if installed else None)
    # A body with an unknown field: PaginatedImages.from_json's Struct refuses it, so from_dict
    # decodes it, from json_loads (tests/pipeline/test_from_json.py has the Struct's side).
    body = json.dumps({**PAGE, "later_field": 1}).encode()
    result = get_images.sync_detailed(ApiVersion.V4, client=generated_client(body), page_size=500)
    assert isinstance(result.parsed, PaginatedImages)
    assert [image.id for image in result.parsed.data] == ["linode/debian12", "private/123"]
    assert result.parsed.additional_properties == {"later_field": 1}
    assert calls == ([body] if installed else [])
    with pytest.raises(UndecodableResponse) as caught:
        get_images.sync_detailed(ApiVersion.V4, client=generated_client(b'{"data": [NaN'))
    assert isinstance(caught.value.__cause__, json.JSONDecodeError)

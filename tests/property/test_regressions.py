"""Focused tests for the bugs the property tests found, each with the input that showed it."""

from __future__ import annotations

import datetime
import socket
from typing import Any

import httpx
import pytest
from linode_images import ORDERABLE_FIELDS, AsyncLinodeImages, Image, LinodeImages
from linode_images_mock import create_app
from linode_images_mock._server import bind_socket

from tests.overlay.support import image_json
from tests.property.support import mock_config


def _unreachable(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"nothing may be sent: {request.method} {request.url}")


@pytest.fixture
def client() -> LinodeImages:
    return LinodeImages("tok", transport=httpx.MockTransport(_unreachable), retry=None)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"page_size": "100"}, "page_size"),  # was: '<=' not supported between 'int' and 'str'
        ({"page_size": 100.0}, "page_size"),
        ({"page_size": True}, "page_size"),
        ({"page": "2"}, "page"),  # was: '<' not supported between 'str' and 'int'
        ({"page": [1]}, "page"),
        ({"page": True}, "page"),  # was sent as page=true
    ],
)
def test_page_arguments_of_the_wrong_type_are_refused_by_name(
    client: LinodeImages, kwargs: dict[str, Any], name: str
) -> None:
    with pytest.raises(TypeError, match=rf"^{name} must be an int, not "):
        client.images.list_page(**kwargs)


async def test_the_async_client_checks_page_types_too() -> None:
    async with AsyncLinodeImages("tok", transport=httpx.MockTransport(_unreachable), retry=None) as client:
        with pytest.raises(TypeError, match=r"^page must be an int"):
            await client.images.list_page(page="1")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"^page_size must be an int"):
            client.images.list(page_size=None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "tags",
    [
        "webserver",  # was split into nine one-letter tags
        {"web": 1},  # was sent as ["web"]
        True,  # was: 'bool' object is not iterable
        7,
    ],
)
def test_tags_must_be_a_list_of_strings(client: LinodeImages, tags: Any) -> None:
    with pytest.raises(TypeError, match=r"^tags is a list of strings"):
        client.images.create(disk_id=1001, tags=tags)
    with pytest.raises(TypeError, match=r"^tags is a list of strings"):
        client.images.create_upload(label="x", region="us-east", tags=tags)
    with pytest.raises(TypeError, match=r"^tags is a list of strings"):
        client.images.update("private/1", tags=tags)


@pytest.mark.parametrize("regions", [{"us-east": 1}, 7, b"us-east"])
def test_regions_must_be_a_list_of_strings(client: LinodeImages, regions: Any) -> None:
    with pytest.raises(TypeError, match=r"^regions is a list of strings"):
        client.images.replicate("private/1", regions=regions)


def test_lists_and_tuples_are_still_accepted() -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={**image_json("private/1"), "tags": ["web"], "regions": []})

    with LinodeImages("tok", transport=httpx.MockTransport(answer), retry=None) as client:
        client.images.update("private/1", tags=("web",))
        client.images.replicate("private/1", regions=["us-east"])
    assert [request.content for request in sent] == [b'{"tags":["web"]}', b'{"regions":["us-east"]}']


def test_lower_case_t_and_z_timestamps_decode() -> None:
    """RFC 3339 allows "t" and "z"; the generated models raised (created) or kept a str (eol)."""
    utc = datetime.datetime(2021, 8, 14, 22, 44, 2, tzinfo=datetime.UTC)
    image = Image.from_dict(
        {
            **image_json(),
            "created": "2021-08-14t22:44:02z",
            "updated": "2021-08-14t22:44:02",
            "eol": "2021-08-14T22:44:02z",
        }
    )
    assert (image.created, image.updated, image.eol) == (utc, utc, utc)


def test_the_mock_server_turns_nagle_off_on_its_connections() -> None:
    """Found as 40 ms per request over keep-alive: responses waited for the delayed ACK."""
    listener = bind_socket()
    with listener, socket.create_connection(listener.getsockname()):
        accepted, _ = listener.accept()
        with accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.mark.parametrize("field", ["status", "tags"])
def test_sorting_on_status_or_tags_is_refused_before_sending(client: LinodeImages, field: str) -> None:
    """The client let order_by="tags" through and the API answered 400 (status: not orderable)."""
    assert field not in ORDERABLE_FIELDS
    with pytest.raises(ValueError, match="cannot filter or sort on"):
        client.images.list_page(order_by=field)
    with pytest.raises(ValueError, match="cannot filter or sort on"):
        client.images.list(filter={"+order_by": field})


async def test_the_mock_refuses_sorting_on_status() -> None:
    app = create_app(mock_config())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as http:
        refused = await http.get("/v4/images", headers={"X-Filter": '{"+order_by": "status"}'})
        allowed = await http.get("/v4/images", headers={"X-Filter": '{"+order_by": "vendor"}'})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "X-Filter"
    assert allowed.status_code == 200

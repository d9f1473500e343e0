"""GET /images: the seeded public images, pagination and X-Filter as the API does them."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from linode_images_mock import MockState
from linode_images_mock._filters import parse_filter

from .conftest import AUTH, create_image


async def list_images(client: httpx.AsyncClient, x_filter: object = None, **params: Any) -> httpx.Response:
    headers = dict(AUTH)
    if x_filter is not None:
        headers["X-Filter"] = x_filter if isinstance(x_filter, str) else json.dumps(x_filter)
    return await client.get("/v4/images", params=params, headers=headers)


async def ids(client: httpx.AsyncClient, x_filter: object, **params: Any) -> list[str]:
    response = await list_images(client, x_filter, **params)
    assert response.status_code == 200, response.text
    return [image["id"] for image in response.json()["data"]]


async def test_public_images_have_the_live_wire_shape(client: httpx.AsyncClient) -> None:
    data = (await client.get("/v4/images")).json()["data"]
    assert data and all(image["id"].startswith("linode/") for image in data)
    for image in data:
        assert image["regions"] is None
        assert "total_size" not in image
        assert image["created_by"] == "linode" and image["type"] == "manual"
    deprecated = [image for image in data if image["deprecated"]]
    assert deprecated and all(image["eol"] for image in deprecated)
    assert any("cloud-init" in image["capabilities"] for image in data)
    assert {image["description"] for image in data} == {None, ""}
    debian = next(image for image in data if image["id"] == "linode/debian12")
    assert debian["vendor"] == "Debian" and debian["size"] > 0


async def test_pagination_defaults_and_envelope(client: httpx.AsyncClient, state: MockState) -> None:
    state.seed_images(230, public=True)
    body = (await list_images(client)).json()
    total = body["results"]
    assert (body["page"], body["pages"], len(body["data"])) == (1, -(-total // 100), 100)
    last = (await list_images(client, page=body["pages"], page_size=100)).json()
    assert len(last["data"]) == total - 100 * (body["pages"] - 1)
    pages = [(await list_images(client, page=p, page_size=25)).json()["data"] for p in (1, 2)]
    assert {i["id"] for i in pages[0]}.isdisjoint({i["id"] for i in pages[1]})


async def test_empty_result_is_page_zero(client: httpx.AsyncClient) -> None:
    body = (await list_images(client, {"label": "no such image"})).json()
    assert body == {"data": [], "page": 0, "pages": 0, "results": 0}


@pytest.mark.parametrize(
    ("name", "value"), [("page_size", 24), ("page_size", 501), ("page", 0), ("page", "x")]
)
async def test_bad_paging_is_400_naming_the_parameter(
    client: httpx.AsyncClient, name: str, value: object
) -> None:
    response = await list_images(client, **{name: value})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == name


async def test_page_size_bounds_are_accepted(client: httpx.AsyncClient, state: MockState) -> None:
    state.seed_images(600, public=True)
    assert len((await list_images(client, page_size=25)).json()["data"]) == 25
    assert len((await list_images(client, page_size=500)).json()["data"]) == 500


async def test_five_thousand_private_images_page_through(client: httpx.AsyncClient, state: MockState) -> None:
    state.seed_images(5000, public=False, account="default")
    first = (await list_images(client, {"is_public": False}, page_size=500)).json()
    assert (first["results"], first["pages"]) == (5000, 10)
    seen: set[str] = set()
    for page in range(1, 11):
        seen.update(await ids(client, {"is_public": False}, page=page, page_size=500))
    assert len(seen) == 5000


async def test_filter_equality_and_implicit_and(client: httpx.AsyncClient) -> None:
    assert await ids(client, {"label": "Debian 12"}) == ["linode/debian12"]
    assert await ids(client, {"label": {"+eq": "Debian 12"}}) == ["linode/debian12"]
    found = await ids(client, {"vendor": "Debian", "deprecated": True})
    assert found == ["linode/debian10"]


async def test_filter_and_or(client: httpx.AsyncClient) -> None:
    found = await ids(client, {"+or": [{"label": "Debian 12"}, {"label": "Arch Linux"}]})
    assert sorted(found) == ["linode/arch", "linode/debian12"]
    found = await ids(
        client, {"+and": [{"vendor": "Ubuntu"}, {"deprecated": False}, {"label": {"+contains": "24"}}]}
    )
    assert sorted(found) == ["linode/ubuntu24.04", "linode/ubuntu24.10"]


async def test_filter_operators(client: httpx.AsyncClient) -> None:
    data = (await list_images(client)).json()["data"]
    sizes = {image["id"]: image["size"] for image in data}
    assert set(await ids(client, {"size": {"+gt": 2500}})) == {i for i, s in sizes.items() if s > 2500}
    assert set(await ids(client, {"size": {"+gte": 2500}})) == {i for i, s in sizes.items() if s >= 2500}
    assert set(await ids(client, {"size": {"+lt": 1500}})) == {i for i, s in sizes.items() if s < 1500}
    assert set(await ids(client, {"size": {"+lte": 1500}})) == {i for i, s in sizes.items() if s <= 1500}
    assert set(await ids(client, {"vendor": {"+neq": "Ubuntu"}})) == {
        image["id"] for image in data if image["vendor"] != "Ubuntu"
    }
    assert set(await ids(client, {"label": {"+contains": "linux"}})) == {
        image["id"] for image in data if "linux" in image["label"].lower()
    }


@pytest.mark.parametrize("field", ["created", "capabilities", "id"])
async def test_fields_the_spec_does_not_mark_filterable_are_refused(
    client: httpx.AsyncClient, field: str
) -> None:
    response = await list_images(client, {field: "x"})
    assert response.status_code == 400
    assert response.json() == {"errors": [{"reason": f"Cannot filter on {field}", "field": "X-Filter"}]}


async def test_filter_on_list_fields_matches_members(client: httpx.AsyncClient) -> None:
    tagged = await create_image(client, tags=["web", "prod"])
    await create_image(client, tags=["data"])
    assert await ids(client, {"tags": "web"}) == [tagged["id"]]


async def test_order_by_and_order(client: httpx.AsyncClient) -> None:
    ascending = await ids(client, {"vendor": "Debian", "+order_by": "created"})
    descending = await ids(client, {"vendor": "Debian", "+order_by": "created", "+order": "desc"})
    assert ascending == ["linode/debian10", "linode/debian11", "linode/debian12"]
    assert descending == list(reversed(ascending))


@pytest.mark.parametrize(
    "x_filter",
    [
        {"foo": "x"},
        {"+and": [{"bar": 1}]},
        {"label": {"+like": "x"}},
        {"+order_by": "nonsense"},
        {"+order_by": "label", "+order": "sideways"},
        {"+or": "not a list"},
        {"label": {"+eq": ["a"]}},
        "not json",
        "[1, 2]",
        "[" * 5000,
    ],
)
async def test_bad_filters_are_400_on_x_filter(client: httpx.AsyncClient, x_filter: object) -> None:
    response = await list_images(client, x_filter)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "X-Filter"


async def test_unknown_filter_field_reason(client: httpx.AsyncClient) -> None:
    response = await list_images(client, {"foo": "x"})
    assert response.json() == {"errors": [{"reason": "Cannot filter on foo", "field": "X-Filter"}]}


async def test_listed_and_fetched_images_are_copies_of_the_state(state: MockState) -> None:
    (image_id,) = state.seed_images(1, public=False, account="default")
    listed = state.list_images("default", parse_filter(None), 1, 500)["data"]
    fetched = state.get_image(image_id, "default")
    for image in (*listed, fetched):
        image["label"] = "changed"
        image["tags"].append("changed")
        image["capabilities"].append("changed")
        for region in image["regions"] or []:
            region["status"] = "changed"
    again = state.get_image(image_id, "default")
    assert again["label"] != "changed" and "changed" not in again["tags"] + again["capabilities"]
    assert all(region["status"] != "changed" for region in again["regions"] or [])
    assert state.list_images("default", parse_filter(None), 1, 500)["data"] == [
        state.get_image(i["id"], "default") for i in listed
    ]


@pytest.mark.parametrize(
    "raw", ["page=%D9%A3", "page=%202", "page=2%20", "page=+2", "page_size=%D9%A3%D9%A0"]
)
async def test_integer_parameters_are_ascii_digits_only(client: httpx.AsyncClient, raw: str) -> None:
    # "٣" (an Arabic-Indic three) and " 2" are numbers to Python's int(), not to the API.
    response = await client.get(f"/v4/images?{raw}", headers=AUTH)
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["field"] == raw.partition("=")[0]


@pytest.mark.parametrize(
    "header", ['{"size": {"+gt": NaN}}', '{"size": Infinity}', '{"+or": [{"size": -Infinity}]}']
)
async def test_x_filter_with_nan_or_infinity_is_refused(client: httpx.AsyncClient, header: str) -> None:
    response = await list_images(client, header)
    assert response.status_code == 400
    assert response.json() == {"errors": [{"reason": "The filter is not valid JSON", "field": "X-Filter"}]}

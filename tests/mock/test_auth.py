"""Accounts: anonymous reads see public images, private images belong to one account."""

from __future__ import annotations

import httpx
import pytest

from .conftest import AUTH, OTHER_AUTH, create_image

INVALID_TOKEN = {"errors": [{"reason": "Invalid Token"}]}
NOT_FOUND = {"errors": [{"reason": "Not found"}]}


async def test_anonymous_list_shows_public_images_only(client: httpx.AsyncClient) -> None:
    await create_image(client)
    anonymous = (await client.get("/v4/images")).json()
    owner = (await client.get("/v4/images", headers=AUTH)).json()
    assert all(image["is_public"] for image in anonymous["data"])
    assert owner["results"] == anonymous["results"] + 1


async def test_private_image_is_visible_to_its_account_only(client: httpx.AsyncClient) -> None:
    image = await create_image(client)
    path = f"/v4/images/{image['id']}"
    assert (await client.get(path, headers=AUTH)).status_code == 200
    for headers in ({}, OTHER_AUTH):
        response = await client.get(path, headers=headers)
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    other_list = (await client.get("/v4/images", headers=OTHER_AUTH)).json()
    assert image["id"] not in [i["id"] for i in other_list["data"]]


async def test_other_account_cannot_change_or_delete(client: httpx.AsyncClient) -> None:
    image = await create_image(client)
    path = f"/v4/images/{image['id']}"
    assert (await client.put(path, json={"label": "x"}, headers=OTHER_AUTH)).status_code == 404
    assert (await client.delete(path, headers=OTHER_AUTH)).status_code == 404
    assert (await client.get(path, headers=AUTH)).json()["label"] == image["label"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v4/images", {"disk_id": 1001}),
        ("POST", "/v4/images/upload", {"label": "x", "region": "us-east"}),
        ("PUT", "/v4/images/private/1", {"label": "x"}),
        ("DELETE", "/v4/images/private/1", None),
        ("POST", "/v4/images/private/1/regions", {"regions": ["us-east"]}),
    ],
)
async def test_writes_need_a_token(client: httpx.AsyncClient, method: str, path: str, body: object) -> None:
    response = await client.request(method, path, json=body)
    assert (response.status_code, response.json()) == (401, INVALID_TOKEN)


@pytest.mark.parametrize("header", ["Bearer wrong-token", "Bearer ", "test-token", "Basic dGVzdC10b2tlbg=="])
async def test_a_wrong_token_is_401_even_for_reads(client: httpx.AsyncClient, header: str) -> None:
    response = await client.get("/v4/images", headers={"Authorization": header})
    assert (response.status_code, response.json()) == (401, INVALID_TOKEN)


async def test_each_token_is_its_own_account(client: httpx.AsyncClient) -> None:
    response = await client.post("/v4/images", json={"disk_id": 2001}, headers=OTHER_AUTH)
    assert response.status_code == 200
    assert response.json()["created_by"] == "other"
    # The other account's disk is unknown to the default account.
    response = await client.post("/v4/images", json={"disk_id": 2001}, headers=AUTH)
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "disk_id"

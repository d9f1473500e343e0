"""Strict mode: a response that does not match the spec fails loudly and changes nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from linode_images_mock import MockState, ResponseDrift

from .conftest import AUTH, create_image


async def image_ids(client: httpx.AsyncClient) -> set[str]:
    response = await client.get("/v4/images", params={"page_size": 500}, headers=AUTH)
    assert response.status_code == 200, response.text
    return {image["id"] for image in response.json()["data"]}


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v4/images/upload", {"label": "big", "region": "us-east"}),
        ("/v4/images", {"disk_id": 1001}),
    ],
)
async def test_a_created_image_that_breaks_the_spec_is_not_stored(
    client: httpx.AsyncClient, state: MockState, path: str, body: dict[str, Any]
) -> None:
    before = await image_ids(client)
    # The request schemas set no maxLength on description; the Image schema allows 65,000.
    with pytest.raises(ResponseDrift, match="description"):
        await client.post(path, json={**body, "description": "x" * 70_000}, headers=AUTH)
    assert await image_ids(client) == before
    assert state.counters.images_created == 0
    created = await create_image(client)
    assert created["id"] in await image_ids(client)


def refuse(payload: Any) -> None:
    raise ResponseDrift("refused by the test")


def test_writes_commit_only_after_the_check(state: MockState) -> None:
    image = state.create_image("default", {"disk_id": 1001, "label": "kept"})
    state.get_image(image["id"], "default")  # creating -> available
    before = state.get_image(image["id"], "default")
    with pytest.raises(ResponseDrift):
        state.update_image(image["id"], "default", {"label": "changed", "tags": ["abc"]}, check=refuse)
    with pytest.raises(ResponseDrift):
        state.replicate_image(image["id"], "default", ["us-ord"], check=refuse)
    with pytest.raises(ResponseDrift):
        state.delete_image(image["id"], "default", check=refuse)
    with pytest.raises(ResponseDrift):
        state.create_image("default", {"disk_id": 1001}, check=refuse)
    with pytest.raises(ResponseDrift):
        state.upload_image("default", {"label": "x", "region": "us-east"}, "http://mock", check=refuse)
    after = state.get_image(image["id"], "default")
    assert after == before
    assert state.counters.images_created == 1
    # Ids are not used up by refused writes.
    assert state.create_image("default", {"disk_id": 1001})["id"] == f"private/{int(image['id'][8:]) + 1}"

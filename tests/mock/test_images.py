"""Create, get, update, replicate and delete: Linode's semantics and error shapes."""

from __future__ import annotations

import httpx
import pytest
from linode_images_mock import MockState

from .conftest import AUTH, create_image


async def get(client: httpx.AsyncClient, image_id: str) -> httpx.Response:
    return await client.get(f"/v4/images/{image_id}", headers=AUTH)


async def test_create_from_disk_goes_creating_then_available(client: httpx.AsyncClient) -> None:
    image = await create_image(client, label="web", description="d", tags=["abc"], cloud_init=True)
    assert image["id"].startswith("private/")
    assert (image["status"], image["regions"], image["is_public"]) == ("creating", [], False)
    assert (image["label"], image["description"], image["tags"]) == ("web", "d", ["abc"])
    assert image["capabilities"] == ["cloud-init"]
    later = (await get(client, image["id"])).json()
    assert later["status"] == "available"
    assert later["size"] > 0 and later["total_size"] == later["size"] * len(later["regions"])
    assert later["regions"][0]["status"] == "available"


async def test_create_from_an_unknown_disk_is_404_on_disk_id(client: httpx.AsyncClient) -> None:
    # Not found, like an image id that is not there: a schema-valid request about a disk
    # that does not exist (docs/real-api-facts.md#requests).
    response = await client.post("/v4/images", json={"disk_id": 999}, headers=AUTH)
    assert response.status_code == 404
    assert response.json()["errors"] == [{"reason": "Not found", "field": "disk_id"}]


async def test_known_disks_are_configurable(client: httpx.AsyncClient, state: MockState) -> None:
    state.configure(disks={"default": [999]})
    assert (await client.post("/v4/images", json={"disk_id": 999}, headers=AUTH)).status_code == 200
    assert (await client.post("/v4/images", json={"disk_id": 1001}, headers=AUTH)).status_code == 404


async def test_update_changes_writable_fields_only(client: httpx.AsyncClient) -> None:
    image = await create_image(client)
    path = f"/v4/images/{image['id']}"
    response = await client.put(
        path, json={"label": "new", "description": None, "tags": ["one", "two"]}, headers=AUTH
    )
    assert response.status_code == 200
    updated = response.json()
    assert (updated["label"], updated["description"], updated["tags"]) == ("new", None, ["one", "two"])
    assert (await get(client, image["id"])).json()["label"] == "new"
    # Omitted fields stay as they were.
    assert (await client.put(path, json={}, headers=AUTH)).json()["label"] == "new"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"label": 5}, "label"),
        ({"tags": ["ab"]}, "tags"),
        ({"tags": "abc"}, "tags"),
        ({"description": "x" * 65001}, "description"),
        ({"size": 5}, "size"),
        ({"status": "available"}, "status"),
    ],
)
async def test_update_rejects_invalid_values_naming_the_field(
    client: httpx.AsyncClient, body: dict[str, object], field: str
) -> None:
    image = await create_image(client)
    response = await client.put(f"/v4/images/{image['id']}", json=body, headers=AUTH)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


async def test_public_images_cannot_be_changed(client: httpx.AsyncClient) -> None:
    response = await client.put("/v4/images/linode/debian12", json={"label": "mine"}, headers=AUTH)
    assert response.status_code == 403
    response = await client.post(
        "/v4/images/linode/debian12/regions", json={"regions": ["us-east"]}, headers=AUTH
    )
    assert response.status_code == 403


async def test_replicate_replaces_the_region_list(client: httpx.AsyncClient, state: MockState) -> None:
    state.configure(
        timing={"replication_start": "1 reads", "replication": "1 reads", "region_removal": "1 reads"}
    )
    image = await create_image(client)
    image = (await get(client, image["id"])).json()
    home = image["regions"][0]["region"]
    path = f"/v4/images/{image['id']}/regions"
    response = await client.post(path, json={"regions": ["us-ord", "fr-par", "us-ord"]}, headers=AUTH)
    assert response.status_code == 200
    statuses = {r["region"]: r["status"] for r in response.json()["regions"]}
    # The omitted home region is removed; the new ones start pending; duplicates count once.
    assert statuses == {
        home: "pending deletion",
        "us-ord": "pending replication",
        "fr-par": "pending replication",
    }
    seen = [
        {r["region"]: r["status"] for r in (await get(client, image["id"])).json()["regions"]}
        for _ in range(4)
    ]
    assert seen[0] == statuses
    assert seen[1] == {"us-ord": "replicating", "fr-par": "replicating"}
    assert seen[2] == {"us-ord": "replicating", "fr-par": "replicating"}
    assert seen[3] == {"us-ord": "available", "fr-par": "available"}


async def test_replicate_keeps_listed_regions(client: httpx.AsyncClient) -> None:
    image = await create_image(client)
    home = (await get(client, image["id"])).json()["regions"][0]["region"]
    path = f"/v4/images/{image['id']}/regions"
    await client.post(path, json={"regions": [home, "us-ord"]}, headers=AUTH)
    regions = (await get(client, image["id"])).json()["regions"]
    assert {(r["region"], r["status"]) for r in regions} == {(home, "available"), ("us-ord", "available")}


@pytest.mark.parametrize("body", [{"regions": []}, {"regions": ["nowhere-1"]}, {}, {"regions": "us-east"}])
async def test_replicate_rejects_bad_region_lists(client: httpx.AsyncClient, body: dict[str, object]) -> None:
    image = await create_image(client)
    await get(client, image["id"])
    response = await client.post(f"/v4/images/{image['id']}/regions", json=body, headers=AUTH)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "regions"


async def test_delete_answers_empty_object_and_the_image_is_gone(client: httpx.AsyncClient) -> None:
    image = await create_image(client)
    response = await client.delete(f"/v4/images/{image['id']}", headers=AUTH)
    assert (response.status_code, response.json()) == (200, {})
    assert (await get(client, image["id"])).status_code == 404
    assert (await client.delete(f"/v4/images/{image['id']}", headers=AUTH)).status_code == 404


async def test_public_images_cannot_be_deleted(client: httpx.AsyncClient) -> None:
    response = await client.delete("/v4/images/linode/debian12", headers=AUTH)
    assert response.status_code == 403
    assert (await get(client, "linode/debian12")).status_code == 200


@pytest.mark.parametrize(
    "path", ["/v4/images/linode/nothing", "/v4/images/private/1", "/v4/nothing", "/", "/v3/images"]
)
async def test_unknown_is_404_in_linode_shape(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path, headers=AUTH)
    assert (response.status_code, response.json()) == (404, {"errors": [{"reason": "Not found"}]})


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PATCH", "/v4/images", "GET, POST"),
        ("DELETE", "/v4/images", "GET, POST"),
        ("GET", "/v4/images/upload", "POST"),
        ("POST", "/v4/images/linode/debian12", "GET, PUT, DELETE"),
        ("OPTIONS", "/v4/images/linode%2Fdebian12", "GET, PUT, DELETE"),
        ("GET", "/v4/images/private/1/regions", "POST"),
    ],
)
async def test_undocumented_methods_are_405_with_exact_allow(
    client: httpx.AsyncClient, method: str, path: str, allow: str
) -> None:
    response = await client.request(method, path, headers=AUTH)
    assert response.status_code == 405
    assert response.headers["allow"] == allow


@pytest.mark.parametrize(
    ("content", "content_type", "field"),
    [
        (b"{not json", "application/json", None),
        (b'{"disk_id": 1001', "application/json", None),
        (b'{"disk_id": NaN}', "application/json", None),
        (b"\xff\xfe", "application/json", None),
        (b"", "application/json", None),
        (b'{"disk_id": 1001}', "text/plain", None),
        (b'{"disk_id": 1001}', "", None),
        (b"[1001]", "application/json", None),
        (b'{"label": "x"}', "application/json", "disk_id"),
        (b'{"disk_id": "1001"}', "application/json", "disk_id"),
        (b'{"disk_id": 1001, "size": 5}', "application/json", "size"),
        (b'{"disk_id": 1001, "label": "\\ud800"}', "application/json", None),
    ],
)
async def test_bad_bodies_are_400_in_linode_shape(
    client: httpx.AsyncClient, content: bytes, content_type: str, field: str | None
) -> None:
    headers = {**AUTH, "Content-Type": content_type}
    response = await client.post("/v4/images", content=content, headers=headers)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert len(errors) == 1 and errors[0]["reason"]
    assert errors[0].get("field") == field


async def test_ids_work_raw_and_percent_encoded(client: httpx.AsyncClient) -> None:
    raw = (await client.get("/v4/images/linode/debian12")).json()
    encoded = (await client.get("/v4/images/linode%2Fdebian12")).json()
    lower = (await client.get("/v4/images/linode%2fdebian12")).json()
    assert raw == encoded == lower and raw["id"] == "linode/debian12"
    image = await create_image(client)
    encoded_id = image["id"].replace("/", "%2F")
    assert (
        await client.put(f"/v4/images/{encoded_id}", json={"label": "e"}, headers=AUTH)
    ).status_code == 200
    replicate = await client.post(
        f"/v4/images/{encoded_id}/regions", json={"regions": ["us-ord"]}, headers=AUTH
    )
    assert replicate.status_code == 200
    assert (await client.delete(f"/v4/images/{encoded_id}", headers=AUTH)).status_code == 200


async def test_v4beta_serves_the_same_api(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v4beta/images/linode/debian12")).json()["id"] == "linode/debian12"

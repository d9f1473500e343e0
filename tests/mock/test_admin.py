"""The admin endpoints refuse bad input with 400 and keep their answers small and safe."""

from __future__ import annotations

import httpx
import pytest
from linode_images_mock import MockConfig, MockState
from linode_images_mock._config import MAX_IMAGES

from .conftest import AUTH


@pytest.mark.parametrize(
    "changes",
    [
        {"regions": "us-east"},
        {"regions": [1, 2]},
        {"regions": []},
        {"tokens": {"t": 1}},
        {"tokens": ["t"]},
        {"disks": {"default": "1001"}},
        {"disks": {"default": [True]}},
        {"strict": "no"},
        {"seed": 1.5},
        {"timing": ["create"]},
        {"rate_limits": {"get-images": "5"}},
        {"extra_private_images": {"default": -1}},
        {"extra_public_images": MAX_IMAGES + 1},
    ],
)
async def test_config_patch_with_wrong_types_is_400_and_changes_nothing(
    client: httpx.AsyncClient, changes: object
) -> None:
    before = (await client.get("/__mock__/config")).json()
    response = await client.patch("/__mock__/config", json=changes)
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["reason"]
    assert (await client.get("/__mock__/config")).json() == before


@pytest.mark.parametrize("path", ["/__mock__/seed", "/__mock__/config"])
async def test_deeply_nested_admin_json_is_400(client: httpx.AsyncClient, path: str) -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = await client.request(
        "POST" if path.endswith("seed") else "PATCH",
        path,
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json() == {"errors": [{"reason": "the body must be JSON"}]}


async def test_admin_json_with_nan_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/__mock__/seed", content='{"count": NaN}')
    assert response.status_code == 400


async def test_seeding_has_an_upper_bound(client: httpx.AsyncClient, state: MockState) -> None:
    stored = (await client.get("/v4/images", headers=AUTH)).json()["results"]
    response = await client.post("/__mock__/seed", json={"count": MAX_IMAGES})
    assert response.status_code == 400
    assert f"at most {MAX_IMAGES} images" in response.json()["errors"][0]["reason"]
    assert (await client.get("/v4/images", headers=AUTH)).json()["results"] == stored
    with pytest.raises(ValueError, match="at most"):
        state.seed_images(10_000_000, public=True)
    with pytest.raises(ValueError, match="at most"):
        MockConfig(extra_public_images=MAX_IMAGES, extra_private_images={"default": 1})


async def test_seed_answers_a_summary_and_the_ids_on_request(client: httpx.AsyncClient) -> None:
    response = await client.post("/__mock__/seed", json={"count": 5000})
    assert response.status_code == 200
    summary = response.json()
    assert summary == {
        "count": 5000,
        "public": False,
        "account": "default",
        "first_id": summary["first_id"],
        "last_id": summary["last_id"],
    }
    assert len(response.content) < 200
    for image_id in (summary["first_id"], summary["last_id"]):
        assert (await client.get(f"/v4/images/{image_id}", headers=AUTH)).status_code == 200
    listed = await client.get("/v4/images", headers={**AUTH, "X-Filter": '{"is_public": false}'})
    assert listed.json()["results"] == 5000
    with_ids = (await client.post("/__mock__/seed", json={"count": 3, "public": True, "ids": True})).json()
    assert with_ids["count"] == 3 and with_ids["account"] is None
    assert with_ids["ids"] == [with_ids["first_id"], with_ids["ids"][1], with_ids["last_id"]]
    assert all(image_id.startswith("linode/generated-") for image_id in with_ids["ids"])
    nothing = (await client.post("/__mock__/seed", json={"count": 0})).json()
    assert nothing == {"count": 0, "public": False, "account": "default", "first_id": None, "last_id": None}


@pytest.mark.parametrize(
    "body",
    [
        {"count": "5"},
        {"count": -1},
        {"count": 1, "public": "yes"},
        {"count": 1, "ids": 1},
        {"count": 1, "x": 1},
    ],
)
async def test_seed_refuses_bad_fields(client: httpx.AsyncClient, body: object) -> None:
    response = await client.post("/__mock__/seed", json=body)
    assert response.status_code == 400

"""Image sharing (Beta, /v4beta): share groups, their images and members, consumers' tokens.

The producer is the ``default`` account (AUTH), the consumer ``other`` (OTHER_AUTH); the
semantics are docs/real-api-facts.md#image-sharing.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from linode_images_mock import MockState, ResponseDrift, create_app

from .conftest import AUTH, OTHER_AUTH, create_image, make_config

BETA = "/v4beta/images/sharegroups"


async def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


async def available_image(client: httpx.AsyncClient, label: str = "golden") -> dict[str, Any]:
    """A private image of the producer, read until it is available."""
    image = await create_image(client, label=label, description="source")
    later: dict[str, Any] = await ok(await client.get(f"/v4/images/{image['id']}", headers=AUTH))
    assert later["status"] == "available"
    return later


async def new_group(client: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    group: dict[str, Any] = await ok(await client.post(BETA, json={"label": "team", **body}, headers=AUTH))
    return group


async def shared_with_consumer(client: httpx.AsyncClient) -> dict[str, Any]:
    """A group with one shared image and the consumer as an active member."""
    source = await available_image(client)
    group = await new_group(client, images=[{"id": source["id"], "label": "for-you"}])
    token = await ok(
        await client.post(
            f"{BETA}/tokens", json={"valid_for_sharegroup_uuid": group["uuid"]}, headers=OTHER_AUTH
        )
    )
    member = await ok(
        await client.post(
            f"{BETA}/{group['id']}/members", json={"token": token["token"], "label": "other"}, headers=AUTH
        )
    )
    images = await ok(await client.get(f"{BETA}/{group['id']}/images", headers=AUTH))
    return {"source": source, "group": group, "token": token, "member": member, "shared": images["data"][0]}


async def test_a_new_group_is_empty_and_listed_for_its_owner_only(client: httpx.AsyncClient) -> None:
    group = await new_group(client, description="d")
    assert group["id"] > 0 and len(group["uuid"]) == 36
    assert (group["label"], group["description"], group["is_suspended"]) == ("team", "d", False)
    assert (group["images_count"], group["members_count"], group["updated"], group["expiry"]) == (
        0,
        0,
        None,
        None,
    )
    assert (await ok(await client.get(f"{BETA}/{group['id']}", headers=AUTH))) == group
    listed = await ok(await client.get(BETA, headers=AUTH))
    assert [g["id"] for g in listed["data"]] == [group["id"]] and listed["results"] == 1
    assert (await ok(await client.get(BETA, headers=OTHER_AUTH)))["results"] == 0
    assert (await client.get(f"{BETA}/{group['id']}", headers=OTHER_AUTH)).status_code == 404


async def test_beta_operations_are_not_served_under_v4(client: httpx.AsyncClient) -> None:
    response = await client.get("/v4/images/sharegroups", headers=AUTH)
    assert response.status_code == 404
    assert response.json() == {"errors": [{"reason": "Not found"}]}
    assert (await client.get(BETA, headers=AUTH)).status_code == 200


async def test_sharing_needs_a_token(client: httpx.AsyncClient) -> None:
    assert (await client.get(BETA)).status_code == 401
    assert (await client.post(BETA, json={"label": "x"})).status_code == 401


async def test_update_and_delete_a_group(client: httpx.AsyncClient) -> None:
    group = await new_group(client)
    changed = await ok(
        await client.put(
            f"{BETA}/{group['id']}", json={"label": "renamed", "description": "new"}, headers=AUTH
        )
    )
    assert (changed["label"], changed["description"]) == ("renamed", "new")
    assert changed["updated"] is not None
    assert (
        await client.put(f"{BETA}/{group['id']}", json={"label": "x"}, headers=OTHER_AUTH)
    ).status_code == 404
    assert await ok(await client.delete(f"{BETA}/{group['id']}", headers=AUTH)) == {}
    assert (await client.get(f"{BETA}/{group['id']}", headers=AUTH)).status_code == 404


async def test_adding_an_image_creates_a_shared_copy_and_marks_the_source(client: httpx.AsyncClient) -> None:
    source = await available_image(client)
    assert source["is_shared"] is False
    assert source["image_sharing"] == {
        "shared_with": {"sharegroup_count": 0, "sharegroup_list_url": f"/images/{source['id']}/sharegroups"},
        "shared_by": None,
    }
    group = await new_group(client)
    answer = await ok(
        await client.post(
            f"{BETA}/{group['id']}/images",
            json={"images": [{"id": source["id"], "label": "copy", "description": "for you"}]},
            headers=AUTH,
        )
    )
    # The answer is a list envelope of the group's shared images (as on the wire).
    assert (answer["page"], answer["pages"], answer["results"]) == (1, 1, 1)
    shared = answer["data"][0]
    assert shared["id"].startswith("shared/") and shared["type"] == "shared"
    assert (shared["label"], shared["description"]) == ("copy", "for you")
    assert (shared["is_shared"], shared["created_by"], shared["capabilities"]) == (
        None,
        None,
        ["distributed-sites"],
    )
    assert shared["image_sharing"] == {
        "shared_with": None,
        "shared_by": {
            "sharegroup_id": group["id"],
            "sharegroup_uuid": group["uuid"],
            "sharegroup_label": "team",
            "source_image_id": source["id"],
        },
    }
    after = await ok(await client.get(f"/v4/images/{source['id']}", headers=AUTH))
    assert after["is_shared"] is True and after["image_sharing"]["shared_with"]["sharegroup_count"] == 1
    assert (await ok(await client.get(f"{BETA}/{group['id']}", headers=AUTH)))["images_count"] == 1
    groups = await ok(await client.get(f"/v4beta/images/{source['id']}/sharegroups", headers=AUTH))
    assert [g["id"] for g in groups["data"]] == [group["id"]]
    # The shared copy is not one of the producer's own images.
    assert (await client.get(f"/v4/images/{shared['id']}", headers=AUTH)).status_code == 404


async def test_only_own_available_private_images_can_be_shared_once_per_group(
    client: httpx.AsyncClient, state: MockState
) -> None:
    group = await new_group(client)
    url = f"{BETA}/{group['id']}/images"
    # Public, missing, another account's: a conflict on the field (409), never a 404, which
    # would say the group in the path is gone.
    for other in ("linode/debian12", "private/1", *state.seed_images(1, public=False, account="other")):
        response = await client.post(url, json={"images": [{"id": other}]}, headers=AUTH)
        assert response.status_code == 409, other
        assert response.json() == {
            "errors": [{"reason": f"Image {other} is not a private image of yours", "field": "images"}]
        }
    pending = await create_image(client)  # still creating
    response = await client.post(url, json={"images": [{"id": pending["id"]}]}, headers=AUTH)
    assert response.status_code == 409 and "not available" in response.json()["errors"][0]["reason"]
    source = await available_image(client)
    await ok(await client.post(url, json={"images": [{"id": source["id"]}]}, headers=AUTH))
    again = await client.post(url, json={"images": [{"id": source["id"]}]}, headers=AUTH)
    assert again.status_code == 409
    # A refused request changes nothing: still one image in the group.
    assert (await ok(await client.get(url, headers=AUTH)))["results"] == 1


async def test_a_shared_image_can_be_renamed_and_removed(client: httpx.AsyncClient) -> None:
    source = await available_image(client)
    group = await new_group(client, images=[{"id": source["id"]}])
    assert group["images_count"] == 1
    listed = await ok(await client.get(f"{BETA}/{group['id']}/images", headers=AUTH))
    shared = listed["data"][0]
    assert shared["label"] == source["label"]  # the source's label unless one is given
    url = f"{BETA}/{group['id']}/images/{shared['id']}"
    changed = await ok(await client.put(url, json={"label": "renamed", "description": "x"}, headers=AUTH))
    assert (changed["id"], changed["label"], changed["description"]) == (shared["id"], "renamed", "x")
    assert await ok(await client.delete(url, headers=AUTH)) == {}
    assert (await client.delete(url, headers=AUTH)).status_code == 404
    after = await ok(await client.get(f"/v4/images/{source['id']}", headers=AUTH))
    assert after["is_shared"] is False and after["image_sharing"]["shared_with"]["sharegroup_count"] == 0
    assert (await ok(await client.get(f"{BETA}/{group['id']}", headers=AUTH)))["images_count"] == 0


async def test_a_redeemed_token_shows_the_group_images_to_the_consumer(client: httpx.AsyncClient) -> None:
    world = await shared_with_consumer(client)
    token, group, shared = world["token"], world["group"], world["shared"]
    # The token's secret was in the creation answer only.
    assert isinstance(token["token"], str) and len(token["token"]) >= 32
    got = await ok(await client.get(f"{BETA}/tokens/{token['token_uuid']}", headers=OTHER_AUTH))
    assert "token" not in got and got["status"] == "active"
    assert world["member"]["status"] == "active" and world["member"]["token_uuid"] == token["token_uuid"]
    consumer_images = await ok(await client.get("/v4/images", headers=OTHER_AUTH))
    assert shared["id"] in [image["id"] for image in consumer_images["data"]]
    assert (await ok(await client.get(f"/v4/images/{shared['id']}", headers=OTHER_AUTH)))["type"] == "shared"
    seen = await ok(await client.get(f"{BETA}/tokens/{token['token_uuid']}/sharegroup", headers=OTHER_AUTH))
    assert seen == {
        k: group[k] for k in ("id", "uuid", "label", "description", "is_suspended", "created", "updated")
    }
    by_token = await ok(
        await client.get(f"{BETA}/tokens/{token['token_uuid']}/sharegroup/images", headers=OTHER_AUTH)
    )
    assert [image["id"] for image in by_token["data"]] == [shared["id"]]
    # Filtering by type finds it in the consumer's image list.
    only_shared = await ok(
        await client.get("/v4/images", headers={**OTHER_AUTH, "X-Filter": json.dumps({"type": "shared"})})
    )
    assert [image["id"] for image in only_shared["data"]] == [shared["id"]]
    assert (await ok(await client.get(f"{BETA}/{group['id']}", headers=AUTH)))["members_count"] == 1


async def test_a_pending_token_gives_no_access(client: httpx.AsyncClient) -> None:
    group = await new_group(client)
    token = await ok(
        await client.post(
            f"{BETA}/tokens",
            json={"valid_for_sharegroup_uuid": group["uuid"], "label": "mine"},
            headers=OTHER_AUTH,
        )
    )
    assert (token["status"], token["label"], token["sharegroup_label"]) == ("pending", "mine", "team")
    assert (
        await client.get(f"{BETA}/tokens/{token['token_uuid']}/sharegroup", headers=OTHER_AUTH)
    ).status_code == 404
    listed = await ok(await client.get(f"{BETA}/tokens", headers=OTHER_AUTH))
    assert [t["token_uuid"] for t in listed["data"]] == [token["token_uuid"]]
    assert all("token" not in t for t in listed["data"])
    assert (await ok(await client.get(f"{BETA}/tokens", headers=AUTH)))["results"] == 0


async def test_a_token_is_for_one_known_group_and_redeems_once(client: httpx.AsyncClient) -> None:
    unknown = await client.post(
        f"{BETA}/tokens",
        json={"valid_for_sharegroup_uuid": "00000000-0000-4000-8000-000000000000"},
        headers=OTHER_AUTH,
    )
    assert unknown.status_code == 409
    assert unknown.json() == {
        "errors": [{"reason": "No share group has this UUID", "field": "valid_for_sharegroup_uuid"}]
    }
    first, second = await new_group(client), await new_group(client, label="second")
    token = await ok(
        await client.post(
            f"{BETA}/tokens", json={"valid_for_sharegroup_uuid": first["uuid"]}, headers=OTHER_AUTH
        )
    )
    body = {"token": token["token"], "label": "x"}
    wrong_group = await client.post(f"{BETA}/{second['id']}/members", json=body, headers=AUTH)
    assert wrong_group.status_code == 409
    assert wrong_group.json() == {
        "errors": [{"reason": "Invalid token for this share group", "field": "token"}]
    }
    await ok(await client.post(f"{BETA}/{first['id']}/members", json=body, headers=AUTH))
    # Redeemed once: the second time is a conflict.
    assert (await client.post(f"{BETA}/{first['id']}/members", json=body, headers=AUTH)).status_code == 409
    # Any string is compared safely, non-ASCII included: a 409, not a server error.
    odd = await client.post(
        f"{BETA}/{first['id']}/members", json={"token": "jeton-é", "label": "x"}, headers=AUTH
    )
    assert odd.status_code == 409 and odd.json()["errors"][0]["field"] == "token"


async def test_members_can_be_read_renamed_and_revoked(client: httpx.AsyncClient) -> None:
    world = await shared_with_consumer(client)
    group, token, shared = world["group"], world["token"], world["shared"]
    members = await ok(await client.get(f"{BETA}/{group['id']}/members", headers=AUTH))
    assert [m["token_uuid"] for m in members["data"]] == [token["token_uuid"]]
    url = f"{BETA}/{group['id']}/members/{token['token_uuid']}"
    assert (await ok(await client.get(url, headers=AUTH)))["label"] == "other"
    assert (await ok(await client.put(url, json={"label": "partner"}, headers=AUTH)))["label"] == "partner"
    assert await ok(await client.delete(url, headers=AUTH)) == {}
    # Revoked: the consumer loses access at once; its token says so.
    assert (await client.get(url, headers=AUTH)).status_code == 404
    assert (await client.get(f"/v4/images/{shared['id']}", headers=OTHER_AUTH)).status_code == 404
    ids = [i["id"] for i in (await ok(await client.get("/v4/images", headers=OTHER_AUTH)))["data"]]
    assert shared["id"] not in ids
    got = await ok(await client.get(f"{BETA}/tokens/{token['token_uuid']}", headers=OTHER_AUTH))
    assert got["status"] == "revoked"
    assert (await ok(await client.get(f"{BETA}/{group['id']}", headers=AUTH)))["members_count"] == 0


async def test_deleting_the_group_ends_access_and_unmarks_the_source(client: httpx.AsyncClient) -> None:
    world = await shared_with_consumer(client)
    group, token, shared, source = world["group"], world["token"], world["shared"], world["source"]
    await ok(await client.delete(f"{BETA}/{group['id']}", headers=AUTH))
    assert (await client.get(f"/v4/images/{shared['id']}", headers=OTHER_AUTH)).status_code == 404
    images_url = f"{BETA}/tokens/{token['token_uuid']}/sharegroup/images"
    assert (await client.get(images_url, headers=OTHER_AUTH)).status_code == 404
    after = await ok(await client.get(f"/v4/images/{source['id']}", headers=AUTH))
    assert after["is_shared"] is False and after["image_sharing"]["shared_with"]["sharegroup_count"] == 0


async def test_the_consumer_can_rename_and_delete_its_token(client: httpx.AsyncClient) -> None:
    world = await shared_with_consumer(client)
    group, token, shared = world["group"], world["token"], world["shared"]
    url = f"{BETA}/tokens/{token['token_uuid']}"
    assert (await ok(await client.put(url, json={"label": "renamed"}, headers=OTHER_AUTH)))[
        "label"
    ] == "renamed"
    assert (await client.get(url, headers=AUTH)).status_code == 404  # not the producer's token
    assert await ok(await client.delete(url, headers=OTHER_AUTH)) == {}
    assert (await client.get(url, headers=OTHER_AUTH)).status_code == 404
    assert (await client.get(f"/v4/images/{shared['id']}", headers=OTHER_AUTH)).status_code == 404
    # The producer still sees the membership, now revoked.
    member = await ok(await client.get(f"{BETA}/{group['id']}/members/{token['token_uuid']}", headers=AUTH))
    assert member["status"] == "revoked"


async def test_deleting_a_source_image_removes_its_shared_copies(client: httpx.AsyncClient) -> None:
    world = await shared_with_consumer(client)
    await ok(await client.delete(f"/v4/images/{world['source']['id']}", headers=AUTH))
    assert (await client.get(f"/v4/images/{world['shared']['id']}", headers=OTHER_AUTH)).status_code == 404
    assert (await ok(await client.get(f"{BETA}/{world['group']['id']}", headers=AUTH)))["images_count"] == 0


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (BETA, "label"),
        (f"{BETA}/tokens", "status"),
    ],
)
async def test_lists_filter_on_their_own_fields(client: httpx.AsyncClient, path: str, field: str) -> None:
    await new_group(client)
    response = await client.get(path, headers={**AUTH, "X-Filter": json.dumps({"size": 1})})
    assert response.status_code == 400
    assert response.json() == {"errors": [{"reason": "Cannot filter on size", "field": "X-Filter"}]}
    assert (await client.get(path, headers={**AUTH, "X-Filter": json.dumps({field: "x"})})).status_code == 200


async def test_share_group_lists_page_like_images(client: httpx.AsyncClient) -> None:
    for number in range(30):
        await new_group(client, label=f"group-{number:02}")
    first = await ok(await client.get(f"{BETA}?page_size=25", headers=AUTH))
    second = await ok(await client.get(f"{BETA}?page_size=25&page=2", headers=AUTH))
    assert (first["pages"], first["results"], len(first["data"]), len(second["data"])) == (2, 30, 25, 5)
    found = await ok(await client.get(BETA, headers={**AUTH, "X-Filter": json.dumps({"label": "group-07"})}))
    assert [g["label"] for g in found["data"]] == ["group-07"]
    ordered = await ok(
        await client.get(
            BETA, headers={**AUTH, "X-Filter": json.dumps({"+order_by": "label", "+order": "desc"})}
        )
    )
    assert ordered["data"][0]["label"] == "group-29"
    assert (await client.get(f"{BETA}?page_size=10", headers=AUTH)).status_code == 400


async def test_the_groups_of_an_image_are_the_owners_only(client: httpx.AsyncClient) -> None:
    source = await available_image(client)
    await new_group(client, images=[{"id": source["id"]}])
    await new_group(client, label="other-group")
    groups = await ok(await client.get(f"/v4beta/images/{source['id']}/sharegroups", headers=AUTH))
    assert [g["label"] for g in groups["data"]] == ["team"]
    assert (
        await client.get(f"/v4beta/images/{source['id']}/sharegroups", headers=OTHER_AUTH)
    ).status_code == 404


def refuse(payload: Any) -> None:
    raise ResponseDrift("refused by the test")


async def test_a_write_whose_answer_is_refused_stores_nothing(
    client: httpx.AsyncClient, state: MockState
) -> None:
    source = await available_image(client)
    group = await new_group(client)
    sharing = state.sharing
    with state.lock, pytest.raises(ResponseDrift):
        owned = sharing.owned("default", group["id"])
        sharing.write(refuse, lambda: sharing.add_images(owned, [{"id": source["id"]}]))
    with state.lock, pytest.raises(ResponseDrift):
        sharing.write(refuse, lambda: sharing.delete_group(sharing.owned("default", group["id"])))
    assert (await ok(await client.get(f"{BETA}/{group['id']}", headers=AUTH)))["images_count"] == 0
    after = await ok(await client.get(f"/v4/images/{source['id']}", headers=AUTH))
    assert after["is_shared"] is False
    # The shared id was not used up: the next share is shared/<first>.
    answer = await client.post(
        f"{BETA}/{group['id']}/images", json={"images": [{"id": source["id"]}]}, headers=AUTH
    )
    assert (await ok(answer))["data"][0]["id"] == "shared/5800"


async def test_seeded_share_groups_give_every_sharing_object_from_the_start() -> None:
    """``--sharegroups N``: each group shares one more available private image and has the
    account itself as an active member, so its token reads the group and its images."""
    state = MockState(make_config(extra_sharegroups={"default": 2}))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(create_app(state=state)), base_url="http://mock.test"
    ) as client:
        groups = (await ok(await client.get(BETA, headers=AUTH)))["data"]
        assert [(g["label"], g["images_count"], g["members_count"]) for g in groups] == [
            ("seeded-group-1", 1, 1),
            ("seeded-group-2", 1, 1),
        ]
        shared = (await ok(await client.get(f"{BETA}/{groups[0]['id']}/images", headers=AUTH)))["data"]
        source = shared[0]["image_sharing"]["shared_by"]["source_image_id"]
        image = await ok(await client.get(f"/v4/images/{source}", headers=AUTH))
        assert (image["status"], image["is_shared"]) == ("available", True)
        # The source can be replicated, as any available private image.
        await ok(
            await client.post(
                f"/v4/images/{source}/regions", json={"regions": ["us-east", "eu-west"]}, headers=AUTH
            )
        )
        # Each group's member token, and for the first group (the one the spec's example
        # requests name, tests/mock/test_examples.py) a pending one to add a member with.
        tokens = (await ok(await client.get(f"{BETA}/tokens", headers=AUTH)))["data"]
        assert [(t["sharegroup_uuid"], t["status"]) for t in tokens] == [
            (groups[0]["uuid"], "active"),
            (groups[0]["uuid"], "pending"),
            (groups[1]["uuid"], "active"),
        ]
        by_token = await ok(
            await client.get(f"{BETA}/tokens/{tokens[0]['token_uuid']}/sharegroup", headers=AUTH)
        )
        assert by_token["id"] == groups[0]["id"]
        # Nothing of it for the other account.
        assert (await ok(await client.get(BETA, headers=OTHER_AUTH)))["results"] == 0

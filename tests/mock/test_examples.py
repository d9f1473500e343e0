"""The spec's example requests succeed against the mock that ``--sharegroups`` seeds.

spec/overrides.yaml gives the operations no link reaches an example request each; the mock
reads those examples from its spec (``_examples``) and seeds exactly what they name, so a
contract-testing tool's examples phase gets a 2xx from each (tests/mock/test_stock_schemathesis.py).
"""

from __future__ import annotations

import copy
import re
from typing import Any

import httpx
import pytest
from linode_images_mock import MockState, create_app
from linode_images_mock._examples import examples_of, sharing_examples
from linode_images_mock._sharing import Token
from linode_images_mock._spec import HTTP_METHODS, load_document

from .conftest import AUTH, OTHER_AUTH, make_config

DOCUMENT = load_document()
# The operations the links of the spec leave unreached, which the examples are for.
UNLINKED = {
    "post-sharegroup-members",
    "put-sharegroup-member-token",
    "put-sharegroup-imageshare",
    "delete-sharegroup-imageshare",
    "post-replicate-image",
}


def example_requests() -> dict[str, tuple[str, str, Any]]:
    """Every operation whose path parameters (apiVersion aside) all have examples: its
    method, its path filled in from them (apiVersion v4beta, where every image operation is
    served) and its body example, if any."""
    requests = {}
    for template, item in DOCUMENT["paths"].items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            parameters = [*item.get("parameters", []), *operation.get("parameters", [])]
            values = {"apiVersion": "v4beta"}
            values.update(
                {p["name"]: p["example"] for p in parameters if p["in"] == "path" and "example" in p}
            )
            names = {p["name"] for p in parameters if p["in"] == "path"}
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            if len(values) > 1 and names <= set(values):
                path = template.format(**values)
                requests[operation["operationId"]] = (method.upper(), path, body.get("example"))
    return requests


REQUESTS = example_requests()


def seeded(**changes: Any) -> httpx.AsyncClient:
    state = MockState(make_config(**{"extra_sharegroups": {"default": 2}, **changes}))
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(create_app(state=state)), base_url="http://mock.test"
    )


def test_every_unlinked_operation_has_an_example_request() -> None:
    assert set(REQUESTS) >= UNLINKED


@pytest.mark.parametrize("operation_id", sorted(REQUESTS))
async def test_each_example_request_succeeds_against_the_seeded_mock(operation_id: str) -> None:
    method, path, body = REQUESTS[operation_id]
    async with seeded() as client:
        answer = await client.request(method, path, json=body, headers=AUTH)
        assert answer.status_code == 200, (operation_id, answer.text)


async def test_the_first_seeded_group_is_made_of_what_the_examples_name() -> None:
    examples = sharing_examples()
    assert examples is not None
    beta = "/v4beta/images/sharegroups"
    async with seeded(extra_sharegroups={"default": 2, "other": 1}) as client:
        groups = (await client.get(beta, headers=AUTH)).json()["data"]
        first, second = (group["id"] for group in groups)
        assert first == examples.sharegroup_id and second > first  # later ids go on past it
        shared = (await client.get(f"{beta}/{first}/images", headers=AUTH)).json()["data"]
        assert [image["id"] for image in shared] == [examples.shared_image_id]
        assert shared[0]["image_sharing"]["shared_by"]["source_image_id"] == examples.source_image_id
        source = (await client.get(f"/v4/images/{examples.source_image_id}", headers=AUTH)).json()
        assert (source["status"], source["is_public"]) == ("available", False)
        members = (await client.get(f"{beta}/{first}/members", headers=AUTH)).json()["data"]
        assert [(m["token_uuid"], m["status"]) for m in members] == [(examples.member_token_uuid, "active")]
        # The other account's group is an ordinary one: the example objects exist once.
        (theirs,) = (await client.get(beta, headers=OTHER_AUTH)).json()["data"]
        assert theirs["id"] not in (first, second)
        their_images = (await client.get(f"{beta}/{theirs['id']}/images", headers=OTHER_AUTH)).json()["data"]
        assert their_images[0]["id"] != examples.shared_image_id
        # The example secret adds a member once; then it is a redeemed token's.
        method, path, body = REQUESTS["post-sharegroup-members"]
        assert (await client.request(method, path, json=body, headers=AUTH)).status_code == 200
        again = await client.request(method, path, json=body, headers=AUTH)
        assert again.status_code == 409 and "already been used" in again.text


def test_a_spec_without_the_examples_seeds_ordinary_groups_only() -> None:
    document = copy.deepcopy(DOCUMENT)
    for item in document["paths"].values():
        for method in HTTP_METHODS:
            item.get(method, {}).get("requestBody", {}).get("content", {}).get("application/json", {}).pop(
                "example", None
            )
    assert examples_of(document) is None
    assert examples_of({"paths": {}}) is None


def test_examples_naming_two_groups_or_no_shared_image_id_are_refused() -> None:
    document = copy.deepcopy(DOCUMENT)
    members = document["paths"]["/{apiVersion}/images/sharegroups/{sharegroupId}/members"]
    (group,) = [p for p in members["parameters"] if p["name"] == "sharegroupId"]
    group["example"] += 1
    named = [str(group["example"] - 1), str(group["example"])]
    with pytest.raises(
        ValueError, match=re.escape(f"sharegroupId examples name {named}; the mock seeds one")
    ):
        examples_of(document)
    document = copy.deepcopy(DOCUMENT)
    shared = document["paths"]["/{apiVersion}/images/sharegroups/{sharegroupId}/images/{imageId}"]
    (image,) = [p for p in shared["parameters"] if p["name"] == "imageId"]
    image["example"] = "private/1"
    with pytest.raises(ValueError, match="example shared image 'private/1' is not shared/<n>"):
        examples_of(document)


def test_the_example_secret_stays_out_of_reprs() -> None:
    examples = sharing_examples()
    assert examples is not None
    token = Token({"token_uuid": examples.member_token_uuid}, "default", examples.pending_secret)
    assert examples.pending_secret not in repr(examples) + repr(token)

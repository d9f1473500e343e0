"""The client's requests, checked against spec/linode-images.contract.yaml like a validating
proxy would (tests/contract/request_contract.py; every test of this suite is checked the same
way by the ``requests_match_the_contract`` fixture). Here: one scenario through all seven image
operations, and the checker's own refusals, so that a conforming run means something."""

from __future__ import annotations

import gzip

import httpx
import pytest
from linode_images import Filter

from tests.contract.conftest import CONTRACT, Target
from tests.contract.test_reads import CountingTransport
from tests.contract.test_writes import tiny_disk

IMAGE_OPERATIONS = {
    "get-images", "get-image", "post-image", "post-upload-image", "put-image",
    "post-replicate-image", "delete-image",
}  # fmt: skip


def test_every_request_of_a_full_scenario_matches_the_contract_view(writes: Target, label: str) -> None:
    recording = CountingTransport()
    with writes.client(transport=recording) as client:
        mine = Filter.eq("is_public", False) & Filter.contains("label", label)
        pending = client.images.upload(
            gzip.compress(tiny_disk()), label=label, region=writes.regions[0], wait=False
        )
        assert isinstance(pending.id, str)
        client.images.wait_for_status(
            pending.id, "available", timeout=writes.timeout, poll_interval=writes.poll_interval
        )
        client.images.update(pending.id, label=f"{label}-v2", description=None, tags=["contract"])
        client.images.replicate(pending.id, regions=writes.regions)
        list(
            client.images.list(
                filter=mine | Filter.gt("size", 0), order_by="created", order="desc", page_size=25
            )
        )
        client.images.list_page(2, page_size=500, filter={"+or": [{"label": {"+contains": label}}]})
        if writes.disk_id is not None:
            created = client.images.create(disk_id=writes.disk_id, label=f"{label}-disk", cloud_init=True)
            assert isinstance(created.id, str)
            client.images.delete(created.id)
        client.images.delete(pending.id)

    api = [request for request in recording.requests if request.url.path.startswith("/v4")]
    matched = [CONTRACT.operation(request) for request in api]
    seen = {found[1]["operationId"] for found in matched if found is not None}
    assert seen == IMAGE_OPERATIONS if writes.disk_id is not None else IMAGE_OPERATIONS - {"post-image"}
    assert [problem for request in api for problem in CONTRACT.check(request)] == []


BASE = "http://api.test/v4"
TOKEN = {"Authorization": "Bearer t"}


@pytest.mark.parametrize(
    ("request_", "problem"),
    [
        (
            httpx.Request("POST", f"{BASE}/images", json={"disk_id": 0}, headers=TOKEN),
            "body: 0 is less than the minimum of 1",
        ),
        (httpx.Request("POST", f"{BASE}/images", json={"disk_id": 5}), "needs Authorization: Bearer <token>"),
        (
            httpx.Request("PUT", f"{BASE}/images/private/1", json={"id": "x"}, headers=TOKEN),
            "'id' was unexpected",
        ),
        (
            httpx.Request("GET", f"{BASE}/images", params={"page_size": 10}),
            "10 is less than the minimum of 25",
        ),
        (httpx.Request("GET", f"{BASE}/images", headers={"X-Filter": "label=x"}), "not application/json"),
        (
            httpx.Request("GET", f"{BASE}/images", headers={"X-Filter": '{"+order_by": "tags"}'}),
            "'tags' is not one of",
        ),
        (
            httpx.Request("GET", f"{BASE}/images", params={"colour": "x"}),
            "undocumented query parameter colour",
        ),
        (httpx.Request("GET", f"{BASE}/images/private/1/regions"), "no operation of the contract view"),
        (
            httpx.Request(
                "POST", f"{BASE}/images/upload", json={"label": "x", "region": "mars-1"}, headers=TOKEN
            ),
            "'mars-1' is not one of",
        ),
        (
            httpx.Request("GET", f"{BASE}beta/images/sharegroups/0", headers=TOKEN),
            "0 is less than the minimum of 1",
        ),
    ],
)
def test_the_checker_refuses_what_a_validating_proxy_refuses(request_: httpx.Request, problem: str) -> None:
    problems = CONTRACT.check(request_)
    assert len(problems) == 1 and problem in problems[0], problems


def test_the_checker_accepts_a_slash_in_an_image_id_raw_or_encoded() -> None:
    for path in ("images/linode/debian12", "images/linode%2Fdebian12"):
        assert CONTRACT.check(httpx.Request("GET", f"{BASE}/{path}")) == []

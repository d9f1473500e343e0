"""Image sharing in the client: every operation of client.sharegroups and client.sharegroup_tokens,
sync and async, against the mock (two accounts: producer and consumer) and against recorded
answers (v4beta routing, typed errors, argument checks, lazy paging, the token secret)."""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from linode_images import (
    BadRequestError,
    ConflictError,
    CreatedShareGroupToken,
    NotFoundError,
    SharedImage,
    ShareGroup,
    ShareGroupMemberStatus,
    ShareGroupTokenSecret,
    ShareGroupTokenStatus,
)
from linode_images_mock import MockConfig, MockServer

from tests.overlay.support import Harness, Recorder, json_response

from ..support import OTHER_TOKEN, fresh_mock, mock_server_fixture
from ..support import TOKEN as PRODUCER_TOKEN

CONFIG = MockConfig(
    tokens={PRODUCER_TOKEN: "producer", OTHER_TOKEN: "consumer"}, disks={"producer": [1001]}, strict=True
)
server = mock_server_fixture(CONFIG)
TOKEN_UUID = "5d6a5a2e-0c43-4a1b-9b55-1f0d6c2e7a10"


class World:
    """A producer and a consumer client of one kind over the mock."""

    def __init__(self, kind: str, url: str) -> None:
        common = {"base_url": url, "allow_insecure_http": True, "retry": 0}
        self.producer = Harness(kind, token=PRODUCER_TOKEN, **common)
        self.consumer = Harness(kind, token=OTHER_TOKEN, **common)

    @staticmethod
    def do(harness: Harness, resource: str, method: str, *args: Any, **kwargs: Any) -> Any:
        return harness.run(getattr(getattr(harness.client, resource), method)(*args, **kwargs))

    @staticmethod
    def collect(harness: Harness, pager: Any) -> list[Any]:
        if harness.kind == "sync":
            return list(pager)

        async def gather() -> list[Any]:
            return [item async for item in pager]

        return harness.run(gather())  # type: ignore[no-any-return]

    def group(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.do(self.producer, "sharegroups", method, *args, **kwargs)

    def tokens(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.do(self.consumer, "sharegroup_tokens", method, *args, **kwargs)

    def private_image(self) -> str:
        image = self.producer.call("create", disk_id=1001, label="golden")
        return str(self.producer.call("get", image.id).id)  # read once: creating -> available

    def close(self) -> None:
        self.producer.close()
        self.consumer.close()


@pytest.fixture
def world(kind: str, server: MockServer) -> Iterator[World]:
    fresh_mock(server, CONFIG)
    made = World(kind, server.url)
    yield made
    made.close()


def test_share_an_image_with_another_account(world: World) -> None:
    source = world.private_image()
    group = world.group("create", "partners", description="for partners", images=[source])
    assert isinstance(group, ShareGroup) and group.images_count == 1 and group.members_count == 0
    created = world.tokens("create", group.uuid, label="from consumer")
    assert isinstance(created, CreatedShareGroupToken) and created.status is ShareGroupTokenStatus.PENDING
    assert isinstance(created.token, ShareGroupTokenSecret)
    member = world.group("add_member", group.id, token=created.token, label="consumer")
    assert member.status is ShareGroupMemberStatus.ACTIVE and member.token_uuid == created.token_uuid
    # The consumer now sees the shared copy among its images and through its token.
    shared = [image for image in world.collect(world.consumer, world.consumer.client.images.list())]
    assert [image.id for image in shared if image.type_ == "shared"] == [f"shared/{5800}"]
    shared_image = (
        shared[-1] if shared[-1].type_ == "shared" else next(i for i in shared if i.type_ == "shared")
    )
    assert shared_image.image_sharing.shared_by.source_image_id == source
    by_token = world.collect(
        world.consumer, world.consumer.client.sharegroup_tokens.list_images(created.token_uuid)
    )
    assert [image.id for image in by_token] == [shared_image.id]
    assert world.tokens("sharegroup", created.token_uuid).uuid == group.uuid
    assert world.tokens("get", created.token_uuid).status is ShareGroupTokenStatus.ACTIVE
    # The producer sees the source marked shared, and the group it is in.
    assert world.producer.call("get", source).is_shared is True
    groups = world.collect(world.producer, world.producer.client.sharegroups.list_for_image(source))
    assert [g.id for g in groups] == [group.id]
    assert world.group("get", group.id).members_count == 1


def test_group_images_can_be_added_renamed_and_removed(world: World) -> None:
    source = world.private_image()
    group = world.group("create", "partners")
    added = world.group("add_images", group.id, [{"id": source, "label": "copy", "description": "v1"}])
    assert [type(image) for image in added] == [SharedImage] and added[0].label == "copy"
    listed = world.collect(world.producer, world.producer.client.sharegroups.list_images(group.id))
    assert [image.id for image in listed] == [added[0].id]
    changed = world.group("update_image", group.id, added[0].id, label="copy v2")
    assert changed.label == "copy v2" and changed.description == "v1"
    with pytest.raises(ConflictError):
        world.group("add_images", group.id, [source])  # once per group
    assert world.group("remove_image", group.id, added[0].id) is None
    assert world.group("get", group.id).images_count == 0
    assert world.producer.call("get", source).is_shared is False


def test_groups_can_be_listed_updated_and_deleted(world: World) -> None:
    first = world.group("create", "alpha")
    world.group("create", "beta")
    labels = [
        g.label
        for g in world.collect(
            world.producer, world.producer.client.sharegroups.list(order_by="label", order="desc")
        )
    ]
    assert labels == ["beta", "alpha"]
    only = world.collect(world.producer, world.producer.client.sharegroups.list(filter={"label": "alpha"}))
    assert [g.id for g in only] == [first.id]
    updated = world.group("update", first.id, label="alpha 2", description="changed")
    assert (updated.label, updated.description) == ("alpha 2", "changed")
    assert world.group("delete", first.id) is None
    with pytest.raises(NotFoundError):
        world.group("get", first.id)
    # Groups are the producer's own: the consumer sees none.
    assert world.collect(world.consumer, world.consumer.client.sharegroups.list()) == []


def test_members_can_be_read_renamed_and_revoked(world: World) -> None:
    group = world.group("create", "partners", images=[world.private_image()])
    created = world.tokens("create", group.uuid)
    world.group("add_member", group.id, token=created.token.reveal(), label="acme")
    members = world.collect(
        world.producer, world.producer.client.sharegroups.list_members(group.id, filter={"status": "active"})
    )
    assert [m.token_uuid for m in members] == [created.token_uuid]
    assert world.group("get_member", group.id, created.token_uuid).label == "acme"
    assert world.group("update_member", group.id, created.token_uuid, label="acme inc").label == "acme inc"
    assert world.group("remove_member", group.id, created.token_uuid) is None
    # Revoked: the consumer's token says so and its images are gone.
    assert world.tokens("get", created.token_uuid).status is ShareGroupTokenStatus.REVOKED
    images = world.collect(world.consumer, world.consumer.client.images.list(filter={"type": "shared"}))
    assert images == []
    with pytest.raises(NotFoundError):
        world.tokens("sharegroup", created.token_uuid)


def test_the_consumer_lists_renames_and_deletes_its_tokens(world: World) -> None:
    group = world.group("create", "partners")
    created = world.tokens("create", group.uuid, label="mine")
    tokens = world.collect(
        world.consumer, world.consumer.client.sharegroup_tokens.list(filter={"status": "pending"})
    )
    assert [t.token_uuid for t in tokens] == [created.token_uuid]
    assert world.tokens("update", created.token_uuid, label="renamed").label == "renamed"
    assert world.tokens("delete", created.token_uuid) is None
    with pytest.raises(NotFoundError):
        world.tokens("get", created.token_uuid)


def test_a_wrong_token_is_a_conflict_that_does_not_show_it(world: World) -> None:
    group = world.group("create", "partners")
    wrong = "-".join(("not", "the", "secret", "xyz"))  # not spelled out in any source line
    with pytest.raises(ConflictError) as caught:
        world.group("add_member", group.id, token=wrong, label="x")
    assert caught.value.errors[0].field == "token"
    assert wrong not in "".join(traceback.format_exception(caught.value))


# --- recorded answers -----------------------------------------------------------------------------


GROUP = {
    "id": 8306, "uuid": "1533863e-16a4-47b5-b829-ac0f35c13278", "label": "partners", "description": "",
    "is_suspended": False, "created": "2025-10-01T10:00:00", "updated": None, "expiry": None,
    "images_count": 0, "members_count": 0,
}  # fmt: skip
SECRET = "sgt-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
CREATED = {
    "token": SECRET, "token_uuid": TOKEN_UUID, "status": "pending", "label": "", "created": "2025-10-01T10:00:00",
    "updated": None, "expiry": None, "valid_for_sharegroup_uuid": GROUP["uuid"],
    "sharegroup_uuid": GROUP["uuid"], "sharegroup_label": "partners",
}  # fmt: skip


def page(*items: Any, number: int = 1, pages: int = 1, results: int | None = None) -> dict[str, Any]:
    return {
        "data": list(items),
        "page": number,
        "pages": pages,
        "results": len(items) if results is None else results,
    }


@pytest.mark.parametrize("api_version", ["v4", "v4beta"])
def test_sharing_always_goes_to_v4beta_and_images_follow_api_version(make: Any, api_version: str) -> None:
    recorder = Recorder(json_response(200, GROUP), json_response(200, page()))
    harness = make(recorder, api_version=api_version)
    harness.run(harness.client.sharegroups.get(8306))
    harness.list()
    assert recorder.requests[0].url.path == "/v4beta/images/sharegroups/8306"
    assert recorder.requests[1].url.path == f"/{api_version}/images"


def test_lists_are_lazy_and_page_like_images(make: Any) -> None:
    second = {**GROUP, "id": 8307}
    recorder = Recorder(
        json_response(200, page(GROUP, number=1, pages=2, results=2)),
        json_response(200, page(second, number=2, pages=2, results=2)),
    )
    harness = make(recorder)
    pager = harness.client.sharegroups.list(filter={"label": "partners"}, page_size=25)
    assert recorder.count == 0  # nothing sent until iterated
    ids = [group.id for group in World.collect(harness, pager)]
    assert ids == [8306, 8307] and pager.requests == 2
    first = recorder.requests[0]
    assert first.url.params["page"] == "1" and first.url.params["page_size"] == "25"
    assert json.loads(first.headers["X-Filter"]) == {"label": "partners"}
    assert recorder.requests[1].url.params["page"] == "2"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: c.sharegroups.list(filter={"size": 1}), ValueError),  # not a share-group field
        (lambda c: c.sharegroups.list_members(1, order_by="created"), ValueError),
        (lambda c: c.sharegroups.get("8306"), TypeError),
        (lambda c: c.sharegroups.create(""), ValueError),
        (lambda c: c.sharegroups.add_images(1, "private/1"), TypeError),
        (lambda c: c.sharegroups.add_images(1, [{"id": "private/1", "colour": "red"}]), ValueError),
        (lambda c: c.sharegroups.add_member(1, token=None, label="x"), TypeError),
        (lambda c: c.sharegroup_tokens.get("not-a-uuid"), ValueError),
        (lambda c: c.sharegroup_tokens.create(123), TypeError),
        (lambda c: c.sharegroups.update_image(1, "../etc", label="x"), ValueError),
    ],
)
def test_bad_arguments_fail_before_anything_is_sent(make: Any, call: Any, error: type[Exception]) -> None:
    recorder = Recorder()
    harness = make(recorder)
    with pytest.raises(error):
        result = call(harness.client)
        if hasattr(result, "__next__") or hasattr(result, "__anext__"):
            World.collect(harness, result)
        else:
            harness.run(result)
    assert recorder.count == 0


def test_errors_are_typed(make: Any) -> None:
    not_found = json_response(404, {"errors": [{"reason": "Not found"}]})
    harness = make(Recorder(not_found, not_found))
    with pytest.raises(NotFoundError):
        harness.run(harness.client.sharegroups.get(1))
    with pytest.raises(NotFoundError):
        harness.run(harness.client.sharegroup_tokens.sharegroup(TOKEN_UUID))


def test_the_token_secret_never_shows(make: Any, caplog: pytest.LogCaptureFixture) -> None:
    fail = json_response(
        400, {"errors": [{"reason": "Invalid token for this share group", "field": "token"}]}
    )
    recorder = Recorder(json_response(200, CREATED), fail)
    harness = make(recorder)
    with caplog.at_level(logging.DEBUG):
        created = harness.run(harness.client.sharegroup_tokens.create(GROUP["uuid"]))
        with pytest.raises(BadRequestError) as caught:
            harness.run(harness.client.sharegroups.add_member(8306, token=created.token, label="x"))
    # It was sent, as the value itself, once, to the producer's add_member.
    assert json.loads(recorder.requests[1].content)["token"] == SECRET
    assert created.token.reveal() == SECRET and created.token == SECRET
    for text in (
        repr(created),
        str(created),
        f"{created.token}",
        "%s" % created.token,  # noqa: UP031 - what logging does with %s
        repr(created.to_dict().keys()),
    ):
        assert SECRET not in text
    assert SECRET not in "".join(traceback.format_exception(caught.value))
    assert SECRET not in repr(vars(caught.value))
    for record in caplog.records:
        assert SECRET not in record.getMessage() and SECRET not in repr(record.args)
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(created.token)


def test_add_images_answers_the_groups_shared_images(make: Any) -> None:
    shared = {
        "id": "shared/5854", "label": "copy", "type": "shared", "is_public": False, "deprecated": False,
        "size": 1, "created": "2025-10-01T10:00:00", "description": "", "vendor": None, "created_by": None,
        "is_shared": None, "capabilities": ["distributed-sites"],
        "image_sharing": {"shared_with": None, "shared_by": {
            "sharegroup_id": 8306, "sharegroup_uuid": GROUP["uuid"], "sharegroup_label": "partners",
            "source_image_id": "private/160700"}},
    }  # fmt: skip
    recorder = Recorder(json_response(200, page(shared)))
    harness = make(recorder)
    answer = harness.run(
        harness.client.sharegroups.add_images(8306, [{"id": "private/160700", "label": "copy"}])
    )
    assert [image.id for image in answer] == ["shared/5854"]
    assert json.loads(recorder.requests[0].content) == {"images": [{"id": "private/160700", "label": "copy"}]}
    assert recorder.requests[0].url.path == "/v4beta/images/sharegroups/8306/images"


def test_the_secret_type_behaves_as_its_value_where_it_is_sent() -> None:
    secret = ShareGroupTokenSecret("abc")
    assert json.dumps({"token": secret}) == '{"token": "abc"}'
    assert httpx.Request("POST", "https://x.test", json={"token": secret}).content == b'{"token":"abc"}'

"""The ids the sharing operations put in a request's path are checked as image ids are: a wrong
type is a TypeError, a wrong value a ValueError, raised by the call itself before anything is
sent (a list's too, not at its first page), with the same message for the same mistake, sync
and async, and never with the value of what may be a token secret."""

from __future__ import annotations

import inspect
import traceback
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from linode_images import ShareGroupTokenSecret
from linode_images_api.spec_facts import MIN_SHAREGROUP_ID

from tests.overlay.support import Harness, Recorder, json_response

TOKEN_UUID = "5d6a5a2e-0c43-4a1b-9b55-1f0d6c2e7a10"
SECRET = "sgt-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
Call = Callable[[Any, Any], Any]

# Every sharing method, by the argument of it that goes into the request's path.
SHAREGROUP_ID_CALLS: dict[str, Call] = {
    "get": lambda c, v: c.sharegroups.get(v),
    "update": lambda c, v: c.sharegroups.update(v, label="x"),
    "delete": lambda c, v: c.sharegroups.delete(v),
    "list_images": lambda c, v: c.sharegroups.list_images(v),
    "add_images": lambda c, v: c.sharegroups.add_images(v, ["private/1"]),
    "update_image": lambda c, v: c.sharegroups.update_image(v, "shared/1", label="x"),
    "remove_image": lambda c, v: c.sharegroups.remove_image(v, "shared/1"),
    "list_members": lambda c, v: c.sharegroups.list_members(v),
    "add_member": lambda c, v: c.sharegroups.add_member(v, token=SECRET, label="x"),
    "get_member": lambda c, v: c.sharegroups.get_member(v, TOKEN_UUID),
    "update_member": lambda c, v: c.sharegroups.update_member(v, TOKEN_UUID, label="x"),
    "remove_member": lambda c, v: c.sharegroups.remove_member(v, TOKEN_UUID),
}
IMAGE_ID_CALLS: dict[str, Call] = {
    "images.get": lambda c, v: c.images.get(v),  # the rule the sharing ids follow
    "update_image": lambda c, v: c.sharegroups.update_image(1, v, label="x"),
    "remove_image": lambda c, v: c.sharegroups.remove_image(1, v),
    "list_for_image": lambda c, v: c.sharegroups.list_for_image(v),
}
TOKEN_UUID_CALLS: dict[str, Call] = {
    "get_member": lambda c, v: c.sharegroups.get_member(1, v),
    "update_member": lambda c, v: c.sharegroups.update_member(1, v, label="x"),
    "remove_member": lambda c, v: c.sharegroups.remove_member(1, v),
    "tokens.get": lambda c, v: c.sharegroup_tokens.get(v),
    "tokens.update": lambda c, v: c.sharegroup_tokens.update(v, label="x"),
    "tokens.delete": lambda c, v: c.sharegroup_tokens.delete(v),
    "tokens.sharegroup": lambda c, v: c.sharegroup_tokens.sharegroup(v),
    "tokens.list_images": lambda c, v: c.sharegroup_tokens.list_images(v),
}


def refused(harness: Harness, call: Call, value: object, error: type[Exception]) -> str:
    """The message ``call`` raises for ``value``; a list must raise when asked for, not iterated."""
    with pytest.raises(error) as caught:
        result = call(harness.client, value)
        if inspect.iscoroutine(result):
            harness.run(result)
    return str(caught.value)


def refused_alike(make: Any, calls: dict[str, Call], value: object, error: type[Exception]) -> str:
    """The one message every call in ``calls`` raises for ``value``, with no request sent."""
    recorder = Recorder()
    harness = make(recorder)
    messages = {name: refused(harness, call, value, error) for name, call in calls.items()}
    assert recorder.count == 0
    assert len(set(messages.values())) == 1, messages
    return next(iter(messages.values()))


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("8306", TypeError),
        ("..", TypeError),
        (True, TypeError),
        (8306.0, TypeError),
        (None, TypeError),
        (0, ValueError),
        (MIN_SHAREGROUP_ID - 2, ValueError),
    ],
)
def test_sharegroup_ids_are_checked(make: Any, value: object, error: type[Exception]) -> None:
    message = refused_alike(make, SHAREGROUP_ID_CALLS, value, error)
    assert message.startswith("sharegroup_id must be")


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("..", ValueError),
        (".", ValueError),
        ("private/1/..", ValueError),
        ("private/..", ValueError),
        ("private/1?page=2", ValueError),
        ("", ValueError),
        ("private/" + "1" * 70_000, ValueError),
        (123, TypeError),
        (None, TypeError),
    ],
)
def test_image_ids_are_checked_as_the_images_are(make: Any, value: object, error: type[Exception]) -> None:
    refused_alike(make, IMAGE_ID_CALLS, value, error)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("..", ValueError),
        ("", ValueError),
        ("not-a-uuid", ValueError),
        (f"{TOKEN_UUID}/..", ValueError),
        # Spellings Python's uuid.UUID reads, which are not the text form the spec means.
        (f"urn:uuid:{TOKEN_UUID}", ValueError),
        (f"{{{TOKEN_UUID}}}", ValueError),
        (TOKEN_UUID.replace("-", ""), ValueError),
        (f"{TOKEN_UUID}\n", ValueError),
        (None, TypeError),
        (uuid.UUID(TOKEN_UUID), TypeError),
        (1, TypeError),
    ],
)
def test_token_uuids_are_checked(make: Any, value: object, error: type[Exception]) -> None:
    message = refused_alike(make, TOKEN_UUID_CALLS, value, error)
    assert message.startswith("token_uuid ")


@pytest.mark.parametrize("secret", [SECRET, ShareGroupTokenSecret(SECRET)], ids=["str", "secret"])
def test_a_token_secret_given_as_a_token_uuid_is_not_shown(make: Any, secret: str) -> None:
    harness = make(Recorder())
    for call in TOKEN_UUID_CALLS.values():
        with pytest.raises(ValueError, match="not a UUID") as caught:
            result = call(harness.client, secret)
            if inspect.iscoroutine(result):
                harness.run(result)
        assert SECRET not in "".join(traceback.format_exception(caught.value))


@pytest.mark.parametrize(("token", "error"), [("", ValueError), (None, TypeError), (b"x", TypeError)])
def test_a_missing_member_token_is_refused_without_showing_it(
    make: Any, token: object, error: type[Exception]
) -> None:
    recorder = Recorder()
    harness = make(recorder)
    message = refused(harness, lambda c, v: c.sharegroups.add_member(1, token=v, label="x"), token, error)
    assert message.startswith("token must") and recorder.count == 0


def test_well_formed_ids_reach_the_paths_they_name(make: Any) -> None:
    empty = json_response(200, {"data": [], "page": 1, "pages": 1, "results": 0})
    recorder = Recorder(default=lambda request: empty)
    harness = make(recorder)
    upper = TOKEN_UUID.upper()  # the spec's uuid text form takes either case
    pagers = [
        harness.client.sharegroups.list_for_image("private/160700"),
        harness.client.sharegroups.list_images(MIN_SHAREGROUP_ID),
        harness.client.sharegroups.list_members(8306),
        harness.client.sharegroup_tokens.list_images(upper),
    ]
    for pager in pagers:
        if harness.kind == "sync":
            assert list(pager) == []
        else:

            async def collect(p: Any = pager) -> list[Any]:
                return [item async for item in p]

            assert harness.run(collect()) == []
    assert [request.url.raw_path.split(b"?")[0].decode() for request in recorder.requests] == [
        "/v4beta/images/private%2F160700/sharegroups",
        f"/v4beta/images/sharegroups/{MIN_SHAREGROUP_ID}/images",
        "/v4beta/images/sharegroups/8306/members",
        f"/v4beta/images/sharegroups/tokens/{upper}/sharegroup/images",
    ]

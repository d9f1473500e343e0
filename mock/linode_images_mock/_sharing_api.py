"""The 22 image-sharing operations: request parameters in, ``Sharing`` calls under the lock.

Every list filters through X-Filter on the fields the spec marks for that operation and
pages like ``GET /images``. Writes go through ``Sharing.write``, which undoes a write whose
answer the check refuses (strict mode: the spec's response schema).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request

from ._filters import parse_filter
from ._pages import page_envelope
from ._sharing import Check, Group, Sharing, Token
from ._spec import Operation, list_fields
from ._state import MockState
from ._wire import copy_json

Handler = Callable[[Request, Operation, dict[str, Any]], Awaitable[Any]]
# Called with an operation; gives the check its write's answer must pass.
Checker = Callable[[Operation], Check]

LISTS = (
    "get-sharegroups",
    "get-sharegroup-images",
    "get-sharegroup-members",
    "get-user-tokens",
    "get-sharegroup-images-by-token",
    "get-images-sharegroups-image",
)
# Per list: the fields its X-Filter may filter and sort on (the spec's x-linode-filterable).
FIELDS = {operation_id: list_fields(operation_id) for operation_id in LISTS}


def _page(operation: Operation, params: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    selected = parse_filter(params.get("X-Filter"), FIELDS[operation.operation_id]).apply(items)
    return page_envelope(selected, params["page"], params["page_size"], lambda item: item)


def sharing_handlers(state: MockState, checker: Checker) -> dict[str, Handler]:
    """The handler of every sharing operation, by operationId."""

    def sharing() -> Sharing:
        return state.sharing

    def group(params: dict[str, Any]) -> Group:
        return sharing().owned(params["account"], params["sharegroupId"])

    def token(params: dict[str, Any]) -> Token:
        return sharing().owned_token(params["account"], params["tokenUuid"])

    def read(work: Callable[[Operation, dict[str, Any]], Any]) -> Handler:
        async def handle(request: Request, operation: Operation, params: dict[str, Any]) -> Any:
            with state.lock:
                return work(operation, params)

        return handle

    def write(work: Callable[[dict[str, Any]], Any]) -> Handler:
        async def handle(request: Request, operation: Operation, params: dict[str, Any]) -> Any:
            with state.lock:
                return sharing().write(checker(operation), lambda: work(params))

        return handle

    def add_images(params: dict[str, Any]) -> dict[str, Any]:
        found = group(params)
        sharing().add_images(found, params["body"]["images"])
        # The answer is the group's shared images as a list envelope (docs/real-api-facts.md).
        return page_envelope(list(found.images.values()), 1, max(1, len(found.images)), copy_json)

    return {
        # share groups
        "get-sharegroups": read(
            lambda op, p: _page(op, p, [g.view() for g in sharing().owned_groups(p["account"])])
        ),
        "post-sharegroups": write(lambda p: sharing().create_group(p["account"], p["body"])),
        "get-sharegroup": read(lambda op, p: group(p).view()),
        "put-sharegroup": write(lambda p: sharing().update_group(group(p), p["body"])),
        "delete-sharegroup": write(lambda p: sharing().delete_group(group(p))),
        # a group's images
        "get-sharegroup-images": read(lambda op, p: _page(op, p, _copies(group(p).images.values()))),
        "post-sharegroup-images": write(add_images),
        "put-sharegroup-imageshare": write(
            lambda p: sharing().update_group_image(group(p), p["imageId"], p["body"])
        ),
        "delete-sharegroup-imageshare": write(lambda p: sharing().remove_group_image(group(p), p["imageId"])),
        # a group's members
        "get-sharegroup-members": read(lambda op, p: _page(op, p, _copies(group(p).members.values()))),
        "post-sharegroup-members": write(lambda p: sharing().add_member(group(p), p["body"])),
        "get-sharegroup-member-token": read(
            lambda op, p: copy_json(sharing().member(group(p), p["tokenUuid"]))
        ),
        "put-sharegroup-member-token": write(
            lambda p: sharing().update_member(group(p), p["tokenUuid"], p["body"])
        ),
        "delete-sharegroup-member-token": write(lambda p: sharing().remove_member(group(p), p["tokenUuid"])),
        # the consumer's tokens
        "get-user-tokens": read(
            lambda op, p: _page(op, p, [copy_json(t.data) for t in sharing().owned_tokens(p["account"])])
        ),
        "post-sharegroup-tokens": write(lambda p: sharing().create_token(p["account"], p["body"])),
        "get-sharegroup-token": read(lambda op, p: copy_json(token(p).data)),
        "put-sharegroup-token": write(lambda p: sharing().update_token(token(p), p["body"])),
        "delete-sharegroup-token": write(lambda p: sharing().delete_token(token(p))),
        "get-sharegroup-by-token": read(lambda op, p: sharing().token_group(token(p)).consumer_view()),
        "get-sharegroup-images-by-token": read(
            lambda op, p: _page(op, p, _copies(sharing().token_group(token(p)).images.values()))
        ),
        # the groups an image is in
        "get-images-sharegroups-image": read(
            lambda op, p: _page(
                op, p, [g.view() for g in sharing().groups_of_image(p["account"], p["imageId"])]
            )
        ),
    }


def _copies(items: Any) -> list[dict[str, Any]]:
    return [copy_json(item) for item in items]

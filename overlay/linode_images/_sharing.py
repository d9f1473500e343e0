"""The image-sharing operations as flows, shared by the sync and async resources.

Share groups (the producer's side) and share-group tokens (the consumer's) are Beta: each
operation is marked ``x-linode-beta`` in the spec, and ``Core.call`` sends it to ``v4beta``
whatever the client's ``api_version`` (docs/real-api-facts.md#image-sharing). Every list is
paged like ``images.list()``; its X-Filter fields are the spec's for that operation.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import Any, Generic, Literal, TypedDict, TypeVar

from linode_images_api.spec_facts import BETA_OPERATIONS

from ._arguments import check_page, check_page_size, check_text
from ._config import DEFAULT_PAGE_SIZE
from ._core import Core, Operation
from ._filter import Filter, build_x_filter
from ._flow import Flow
from ._ids import check_image_id, check_sharegroup_id, check_uuid
from ._image_flows import AsyncClient, SyncClient  # what a resource needs of its client
from ._models import (
    UNSET,
    AddShareGroupImagesRequest,
    AddShareGroupMemberRequest,
    ConsumerShareGroup,
    CreatedShareGroupToken,
    CreateShareGroupRequest,
    CreateShareGroupTokenRequest,
    DeleteSharedImageResponse,
    DeleteShareGroupMemberResponse,
    DeleteShareGroupResponse,
    DeleteShareGroupTokenResponse,
    PaginatedSharedImages,
    PaginatedShareGroupMembers,
    PaginatedShareGroups,
    PaginatedShareGroupTokens,
    SharedImage,
    ShareGroup,
    ShareGroupImageEntry,
    ShareGroupMember,
    ShareGroupToken,
    Unset,
    UpdateSharedImageRequest,
    UpdateShareGroupMemberRequest,
    UpdateShareGroupRequest,
    UpdateShareGroupTokenRequest,
)
from ._pagination import AsyncPager, Pager
from ._secret import ShareGroupTokenSecret

__all__ = ["OPERATIONS", "AsyncSharingResource", "ListOptions", "SharingFlows", "SyncSharingResource"]

_PACKAGE = "linode_images_api.api.image_sharing"


def _operation(operation_id: str) -> Operation:
    name = operation_id.replace("-", "_")
    module = importlib.import_module(f"{_PACKAGE}.{name}")
    method = name.split("_", 1)[0].upper()
    return Operation(name, method, module.sync_detailed, module.asyncio_detailed, beta=True)


# The 22 Beta operations of the spec, by operationId.
OPERATIONS: dict[str, Operation] = {op_id: _operation(op_id) for op_id in sorted(BETA_OPERATIONS)}

Order = Literal["asc", "desc"]


class ListQuery:
    """A list's filter, sorting and page size, checked against that list's fields."""

    __slots__ = ("operation_id", "page_size", "x_filter")

    def __init__(
        self,
        operation_id: str,
        filter: Filter | Mapping[str, Any] | None,
        order_by: str | None,
        order: Order | None,
        page_size: int,
    ) -> None:
        self.operation_id = operation_id
        self.x_filter = build_x_filter(filter, order_by=order_by, order=order, operation=operation_id)
        self.page_size = check_page_size(page_size)

    def shown(self) -> dict[str, object]:
        """What a pager's repr says it lists."""
        return {"operation": self.operation_id, "filter": self.x_filter, "page_size": self.page_size}


def _token_uuid(value: object) -> str:
    return check_uuid("token_uuid", value)


def _label(value: object) -> str:
    return check_text("label", value, "'my-group'")


def _optional_text(name: str, value: object) -> str | Unset:
    if isinstance(value, Unset):
        return UNSET
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value


def _image_entries(images: Sequence[str | Mapping[str, str]]) -> list[ShareGroupImageEntry]:
    """``images`` as the request's entries: an id, or a mapping of id, label, description."""
    if isinstance(images, str | bytes) or not isinstance(images, Sequence):
        raise TypeError(f"images is a list of image ids or of dicts, not {type(images).__name__}")
    entries = []
    for item in images:
        if isinstance(item, str):
            entries.append(ShareGroupImageEntry(id=check_image_id(item)))
        elif isinstance(item, Mapping):
            unknown = set(item) - {"id", "label", "description"}
            if unknown or "id" not in item:
                raise ValueError(
                    f"an image entry has an id and optionally label and description, not {dict(item)!r}"
                )
            entries.append(
                ShareGroupImageEntry(
                    id=check_image_id(item["id"]),
                    label=_optional_text("label", item.get("label", UNSET)),
                    description=_optional_text("description", item.get("description", UNSET)),
                )
            )
        else:
            raise TypeError(f"an image entry is an id or a dict, not {type(item).__name__}")
    return entries


def _keep_secret(flow: Flow[CreatedShareGroupToken]) -> Flow[CreatedShareGroupToken]:
    created = yield from flow
    if isinstance(created.token, str):
        created.token = ShareGroupTokenSecret(created.token)
    return created


def _done(flow: Flow[Any]) -> Flow[None]:
    yield from flow
    return None


class SharingFlows:
    """Every sharing operation as a flow over one ``Core``: argument checks, then the call."""

    __slots__ = ("_core",)

    def __init__(self, core: Core) -> None:
        self._core = core

    def _call(self, operation_id: str, expect: type[Any], *args: Any, **kwargs: Any) -> Flow[Any]:
        return self._core.call(OPERATIONS[operation_id], expect, *args, **kwargs)

    def _delete(self, operation_id: str, expect: type[Any], *args: Any) -> Flow[None]:
        """A DELETE: its answer (an empty object) is not worth returning."""
        return _done(self._call(operation_id, expect, *args))

    def page(self, query: ListQuery, expect: type[Any], number: int, *args: Any) -> Flow[Any]:
        """Page ``number`` of the list ``query`` names (path arguments in ``args``)."""
        check_page(number)
        x_filter = query.x_filter if query.x_filter is not None else UNSET
        return self._call(
            query.operation_id, expect, *args, page=number, page_size=query.page_size, x_filter=x_filter
        )

    # --- share groups ------------------------------------------------------------------------

    def get_group(self, sharegroup_id: int) -> Flow[ShareGroup]:
        return self._call("get-sharegroup", ShareGroup, check_sharegroup_id(sharegroup_id))

    def create_group(
        self,
        label: str,
        description: str | Unset,
        images: Sequence[str | Mapping[str, str]] | Unset,
    ) -> Flow[ShareGroup]:
        body = CreateShareGroupRequest(
            label=_label(label),
            description=_optional_text("description", description),
            images=UNSET if isinstance(images, Unset) else _image_entries(images),
        )
        return self._call("post-sharegroups", ShareGroup, body=body)

    def update_group(
        self, sharegroup_id: int, label: str | Unset, description: str | Unset
    ) -> Flow[ShareGroup]:
        body = UpdateShareGroupRequest(
            label=_optional_text("label", label), description=_optional_text("description", description)
        )
        return self._call("put-sharegroup", ShareGroup, check_sharegroup_id(sharegroup_id), body=body)

    def delete_group(self, sharegroup_id: int) -> Flow[None]:
        return self._delete("delete-sharegroup", DeleteShareGroupResponse, check_sharegroup_id(sharegroup_id))

    # --- a group's images ----------------------------------------------------------------------

    def add_images(
        self, sharegroup_id: int, images: Sequence[str | Mapping[str, str]]
    ) -> Flow[list[SharedImage]]:
        group = check_sharegroup_id(sharegroup_id)
        body = AddShareGroupImagesRequest(images=_image_entries(images))
        answer: PaginatedSharedImages = yield from self._call(
            "post-sharegroup-images", PaginatedSharedImages, group, body=body
        )
        return list(answer.data) if not isinstance(answer.data, Unset) else []

    def update_image(
        self, sharegroup_id: int, image_id: str, label: str | Unset, description: str | Unset
    ) -> Flow[SharedImage]:
        body = UpdateSharedImageRequest(
            label=_optional_text("label", label), description=_optional_text("description", description)
        )
        group, image = check_sharegroup_id(sharegroup_id), check_image_id(image_id)
        return self._call("put-sharegroup-imageshare", SharedImage, group, image, body=body)

    def remove_image(self, sharegroup_id: int, image_id: str) -> Flow[None]:
        group, image = check_sharegroup_id(sharegroup_id), check_image_id(image_id)
        return self._delete("delete-sharegroup-imageshare", DeleteSharedImageResponse, group, image)

    # --- a group's members ---------------------------------------------------------------------

    def add_member(self, sharegroup_id: int, token: str, label: str) -> Flow[ShareGroupMember]:
        group = check_sharegroup_id(sharegroup_id)
        # Held as a secret from here on, so the request body's repr never shows it; the
        # check's messages never show the value.
        text = check_text("token", token, "the consumer's token secret")
        secret = text if isinstance(text, ShareGroupTokenSecret) else ShareGroupTokenSecret(text)
        body = AddShareGroupMemberRequest(token=secret, label=_label(label))
        return self._call("post-sharegroup-members", ShareGroupMember, group, body=body)

    def get_member(self, sharegroup_id: int, token_uuid: str) -> Flow[ShareGroupMember]:
        group = check_sharegroup_id(sharegroup_id)
        return self._call("get-sharegroup-member-token", ShareGroupMember, group, _token_uuid(token_uuid))

    def update_member(self, sharegroup_id: int, token_uuid: str, label: str) -> Flow[ShareGroupMember]:
        group = check_sharegroup_id(sharegroup_id)
        body = UpdateShareGroupMemberRequest(label=_label(label))
        return self._call(
            "put-sharegroup-member-token", ShareGroupMember, group, _token_uuid(token_uuid), body=body
        )

    def remove_member(self, sharegroup_id: int, token_uuid: str) -> Flow[None]:
        group, member = check_sharegroup_id(sharegroup_id), _token_uuid(token_uuid)
        return self._delete("delete-sharegroup-member-token", DeleteShareGroupMemberResponse, group, member)

    # --- tokens (the consumer) -----------------------------------------------------------------

    def create_token(
        self, valid_for_sharegroup_uuid: str, label: str | Unset
    ) -> Flow[CreatedShareGroupToken]:
        uuid = check_text("valid_for_sharegroup_uuid", valid_for_sharegroup_uuid, "a share group's uuid")
        body = CreateShareGroupTokenRequest(
            valid_for_sharegroup_uuid=uuid, label=_optional_text("label", label)
        )
        return _keep_secret(self._call("post-sharegroup-tokens", CreatedShareGroupToken, body=body))

    def get_token(self, token_uuid: str) -> Flow[ShareGroupToken]:
        return self._call("get-sharegroup-token", ShareGroupToken, _token_uuid(token_uuid))

    def update_token(self, token_uuid: str, label: str) -> Flow[ShareGroupToken]:
        body = UpdateShareGroupTokenRequest(label=_label(label))
        return self._call("put-sharegroup-token", ShareGroupToken, _token_uuid(token_uuid), body=body)

    def delete_token(self, token_uuid: str) -> Flow[None]:
        return self._delete("delete-sharegroup-token", DeleteShareGroupTokenResponse, _token_uuid(token_uuid))

    def token_group(self, token_uuid: str) -> Flow[ConsumerShareGroup]:
        return self._call("get-sharegroup-by-token", ConsumerShareGroup, _token_uuid(token_uuid))


# Each list: its operationId, page model, the field that identifies its items (pagers use
# it to skip an item seen twice when the list shifts between pages), and the checks of its
# path arguments, run when the list is asked for, before any page is sent.
LISTS: dict[str, tuple[str, type[Any], str, tuple[Callable[[Any], object], ...]]] = {
    "groups": ("get-sharegroups", PaginatedShareGroups, "id", ()),
    "group_images": ("get-sharegroup-images", PaginatedSharedImages, "id", (check_sharegroup_id,)),
    "members": ("get-sharegroup-members", PaginatedShareGroupMembers, "token_uuid", (check_sharegroup_id,)),
    "groups_of_image": ("get-images-sharegroups-image", PaginatedShareGroups, "id", (check_image_id,)),
    "tokens": ("get-user-tokens", PaginatedShareGroupTokens, "token_uuid", ()),
    "token_images": ("get-sharegroup-images-by-token", PaginatedSharedImages, "id", (_token_uuid,)),
}


class ListOptions(TypedDict, total=False):
    """The keyword arguments every sharing list takes, as ``images.list()`` does."""

    filter: Filter | Mapping[str, Any] | None
    order_by: str | None
    order: Order | None
    page_size: int


ClientT = TypeVar("ClientT", SyncClient, AsyncClient)
# A list as its pager takes it: what fetches page ``n``, what its repr shows, its items' key.
Listing = tuple[Callable[[int], Any], dict[str, object], Callable[[Any], object]]


class _SharingResource(Generic[ClientT]):
    """What the sync and async sharing resources share: their client, flows and lists."""

    def __init__(self, client: ClientT) -> None:
        self._client: ClientT = client
        self._flows = SharingFlows(client._core)

    def _listing(self, kind: str, options: ListOptions, args: tuple[Any, ...]) -> Listing:
        """The list ``kind`` with these options and path arguments, all checked when it is
        asked for, before any page is sent."""
        operation_id, expect, key, checks = LISTS[kind]
        path = tuple(check(arg) for check, arg in zip(checks, args, strict=True))
        query = ListQuery(
            operation_id,
            options.get("filter"),
            options.get("order_by"),
            options.get("order"),
            options.get("page_size", DEFAULT_PAGE_SIZE),
        )
        fetch = lambda number: self._client._run(self._flows.page(query, expect, number, *path))  # noqa: E731
        return fetch, query.shown(), attrgetter(key)


class SyncSharingResource(_SharingResource[SyncClient]):
    def _pager(self, kind: str, options: ListOptions, *args: Any) -> Pager[Any]:
        return Pager(*self._listing(kind, options, args))


class AsyncSharingResource(_SharingResource[AsyncClient]):
    def _pager(self, kind: str, options: ListOptions, *args: Any) -> AsyncPager[Any]:
        fetch, shown, key = self._listing(kind, options, args)
        return AsyncPager(
            fetch, shown, self._client._max_concurrency, key, in_flight=self._client._page_tasks
        )

"""The objects the spec's example requests name, read from the spec, for the mock to seed.

Five operations take ids no single earlier answer supplies together (adding a member needs a
group's id and a pending token's secret; changing a member, changing or removing a shared
image and replicating lie deep in a stateful scenario), so spec/overrides.yaml gives each an
example request. The first share group ``--sharegroups`` seeds (``MockState.seed_sharegroups``)
is made of exactly what those examples name, so a contract-testing tool's examples phase gets
a 2xx from each:

- the available private image of the replication example, which the group shares;
- the group itself (every ``sharegroupId`` example names it);
- its shared image, with the id of the shared-image examples;
- an active member whose token has the UUID of the member examples (every ``tokenUuid``
  example names it);
- a pending token of the account for the group, whose secret is the add-member example's.

That secret is a public test fixture (the spec prints it): it is kept out of reprs like any
other token secret, and admits the account to the mock's example group and nothing else.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ._sharing import Sharing
from ._spec import HTTP_METHODS, load_document

ADD_MEMBER = "post-sharegroup-members"
UPDATE_SHARED_IMAGE = "put-sharegroup-imageshare"
REPLICATE = "post-replicate-image"
SHARED_PREFIX = "shared/"
# Each operation by id: its parameters (the path's and its own) and the operation.
Operations = dict[str, tuple[list[dict[str, Any]], dict[str, Any]]]


@dataclass(frozen=True)
class SharingExamples:
    """What the spec's example requests name (see the module docstring)."""

    sharegroup_id: int
    source_image_id: str
    shared_image_id: str
    member_token_uuid: str
    pending_secret: str = field(repr=False)

    @property
    def shared_number(self) -> int:
        """The ``<n>`` of the shared image's id ``shared/<n>``."""
        return int(self.shared_image_id.removeprefix(SHARED_PREFIX))

    def unused(self, sharing: Sharing, images: Mapping[str, object]) -> bool:
        """Whether none of what these examples name exists yet among ``images`` and ``sharing``."""
        return self.source_image_id not in images and not sharing.holds_any(
            group=self.sharegroup_id,
            shared=self.shared_image_id,
            token_uuid=self.member_token_uuid,
            secret=self.pending_secret,
        )


def seed_group(
    sharing: Sharing, owner: str, label: str, image_id: str, example: SharingExamples | None
) -> int:
    """A share group ``label`` of ``owner`` sharing its available private image ``image_id``,
    with ``owner`` as an active member through its own token; returns the group's id. With
    ``example``, the group, its shared image and its member have the ids the examples name, and
    ``owner`` also holds a pending token for it with the add-member example's secret."""
    body = {"label": label, "images": [{"id": image_id}]}
    if example is None:
        group = sharing.create_group(owner, body)
    else:
        with sharing.numbered(example.sharegroup_id, example.shared_number):
            group = sharing.create_group(owner, body)
    token_body = {"valid_for_sharegroup_uuid": group["uuid"], "label": label}
    token_uuid = example.member_token_uuid if example else None
    token = sharing.create_token(owner, token_body, token_uuid=token_uuid)
    sharing.add_member(sharing.owned(owner, group["id"]), {"token": token["token"], "label": label})
    if example is not None:
        pending = {"valid_for_sharegroup_uuid": group["uuid"], "label": f"{label}-pending"}
        sharing.create_token(owner, pending, secret=example.pending_secret)
    return int(group["id"])


@functools.cache
def sharing_examples() -> SharingExamples | None:
    """The examples of the packaged spec; None when it has none (no image sharing in it)."""
    return examples_of(load_document())


def examples_of(document: dict[str, Any]) -> SharingExamples | None:
    """The examples of ``document``; None when it has no add-member example.

    Raises ValueError when its examples cannot all be seeded at once: ``sharegroupId`` or
    ``tokenUuid`` examples naming different objects, a shared image id not ``shared/<n>``,
    or an example missing.
    """
    operations = _operations(document)
    if ADD_MEMBER not in operations or "example" not in _body(operations[ADD_MEMBER][1]):
        return None
    examples = SharingExamples(
        sharegroup_id=_one(document, "sharegroupId"),
        source_image_id=_parameter(operations, REPLICATE, "imageId"),
        shared_image_id=_parameter(operations, UPDATE_SHARED_IMAGE, "imageId"),
        member_token_uuid=_one(document, "tokenUuid"),
        pending_secret=_body(operations[ADD_MEMBER][1])["example"]["token"],
    )
    number = examples.shared_image_id.removeprefix(SHARED_PREFIX)
    if not examples.shared_image_id.startswith(SHARED_PREFIX) or not number.isdigit():
        raise ValueError(f"the spec's example shared image {examples.shared_image_id!r} is not shared/<n>")
    return examples


def _operations(document: dict[str, Any]) -> Operations:
    """Each operation by id: its parameters (the path's and its own) and the operation."""
    found = {}
    for item in document.get("paths", {}).values():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                parameters = [*item.get("parameters", []), *operation.get("parameters", [])]
                found[operation["operationId"]] = (parameters, operation)
    return found


def _body(operation: dict[str, Any]) -> dict[str, Any]:
    media: dict[str, Any] = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    return media


def _parameter(operations: Operations, operation_id: str, name: str) -> Any:
    parameters = operations[operation_id][0] if operation_id in operations else []
    for parameter in parameters:
        if parameter.get("name") == name and "example" in parameter:
            return parameter["example"]
    raise ValueError(f"the spec gives {operation_id} no example {name}")


def _one(document: dict[str, Any], name: str) -> Any:
    """The one value every example of parameter ``name`` has."""
    values = {
        parameter["example"]
        for parameters, _ in _operations(document).values()
        for parameter in parameters
        if parameter.get("name") == name and "example" in parameter
    }
    if len(values) != 1:
        raise ValueError(
            f"the spec's {name} examples name {sorted(map(str, values)) or 'nothing'}; "
            "the mock seeds one object for all of them"
        )
    return values.pop()

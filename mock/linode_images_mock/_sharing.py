"""Image sharing: share groups, their shared images and members, and consumers' tokens.

The semantics follow docs/real-api-facts.md#image-sharing. A producer puts private images in
a share group; each becomes a new image ``shared/<n>`` (type ``shared``) whose
``image_sharing.shared_by`` names the group and the source. A consumer creates a token for
the group's UUID and gets its secret once; the producer adds the member with that secret.
While the token and the membership are active, the consumer sees the group's images (in its
``GET /images``, ``GET /images/{id}`` and the token's endpoints). Revoking the member,
deleting the token or deleting the group ends that at once (the API's two weeks of grace
for revoked members are not modelled). Counts (``images_count``, ``members_count``) are
computed, and the source images' ``is_shared`` / ``image_sharing`` are rewritten after every
change, so they cannot drift.

Nothing here locks: ``MockState`` holds its lock around every call (see ``_sharing_api``).
"""

from __future__ import annotations

import copy
import hmac
import secrets
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ._errors import ApiError, not_found
from ._lifecycle import Stored
from ._spec import load_document
from ._wire import copy_json, wire_time

# What a member sees of a share group: the spec's ConsumerShareGroup.
CONSUMER_FIELDS = tuple(load_document()["components"]["schemas"]["ConsumerShareGroup"]["properties"])
FIRST_GROUP_ID = 8300
# The answer to a body naming an object that is missing or not usable: an image that is not
# the producer's available private image, a UUID of no share group, a token that admits no one
# to the group (or was redeemed). No recording shows the API's answer (docs/real-api-facts.md#requests);
# 404 is kept for the objects a path names, which is how contract-testing tools read it.
BODY_REFERENCE_STATUS = 409
FIRST_SHARED_ID = 5800

Check = Callable[[Any], None]


def unshared(image_id: str, count: int = 0) -> dict[str, Any]:
    """The sharing fields of a producer's private image that is in ``count`` share groups:
    both halves of ``image_sharing`` present, ``shared_by`` null."""
    return {
        "is_shared": count > 0,
        "image_sharing": {
            "shared_with": {
                "sharegroup_count": count,
                "sharegroup_list_url": f"/images/{image_id}/sharegroups",
            },
            "shared_by": None,
        },
    }


@dataclass
class Group:
    """A share group: its wire fields (counts excepted), owner, shared images and members."""

    data: dict[str, Any]
    owner: str
    images: dict[str, dict[str, Any]] = field(default_factory=dict)
    members: dict[str, dict[str, Any]] = field(default_factory=dict)

    def view(self) -> dict[str, Any]:
        """The ShareGroup object the producer sees."""
        return {
            **copy_json(self.data),
            "images_count": len(self.images),
            "members_count": len(self.members),
        }

    def consumer_view(self) -> dict[str, Any]:
        """The ConsumerShareGroup object a member sees through its token."""
        return {key: copy_json(self.data[key]) for key in CONSUMER_FIELDS if key in self.data}


@dataclass
class Token:
    """A consumer's token for one share group; ``secret`` is shown once, at creation."""

    data: dict[str, Any]
    owner: str
    secret: str = field(repr=False)


class Sharing:
    """The share groups and tokens of every account, over the state's stored images."""

    def __init__(self, images: dict[str, Stored], clock: Callable[[], float]) -> None:
        self._images = images
        self._clock = clock
        self.groups: dict[int, Group] = {}
        self.tokens: dict[str, Token] = {}
        self._next_group = FIRST_GROUP_ID
        self._next_shared = FIRST_SHARED_ID
        self._sources: set[str] = set()

    # --- what the image endpoints see -------------------------------------------------------

    def _accessible(self, account: str | None) -> Iterator[Group]:
        """The groups whose images ``account`` sees: active token, active membership."""
        if account is None:
            return
        by_uuid = {group.data["uuid"]: group for group in self.groups.values()}
        for token in self.tokens.values():
            if token.owner != account or token.data["status"] != "active":
                continue
            group = by_uuid.get(token.data["valid_for_sharegroup_uuid"])
            member = group.members.get(token.data["token_uuid"]) if group else None
            if group is not None and member is not None and member["status"] == "active":
                yield group

    def images_for(self, account: str | None) -> list[dict[str, Any]]:
        """The shared images ``account`` sees (stored data: the caller copies what it sends)."""
        seen: dict[str, dict[str, Any]] = {}
        for group in self._accessible(account):
            seen.update(group.images)
        return list(seen.values())

    def image_for(self, image_id: str, account: str | None) -> dict[str, Any] | None:
        """A copy of shared image ``image_id`` if ``account`` sees it, else None."""
        for group in self._accessible(account):
            if image_id in group.images:
                return copy_json(group.images[image_id])  # type: ignore[no-any-return]
        return None

    def forget_source(self, image_id: str) -> None:
        """A source image was deleted: its shared copies go with it."""
        for group in self.groups.values():
            for shared_id in [k for k, v in group.images.items() if _source_of(v) == image_id]:
                del group.images[shared_id]
        self._sources.discard(image_id)

    # --- writes -------------------------------------------------------------------------------

    def write(self, check: Check, work: Callable[[], Any]) -> Any:
        """Run ``work`` and ``check`` its answer; undo everything if either raises."""
        saved = copy.deepcopy((self.groups, self.tokens, self._next_group, self._next_shared))
        try:
            result = work()
            check(result)
        except BaseException:
            self.groups, self.tokens, self._next_group, self._next_shared = saved
            raise
        self._refresh_sources()
        return result

    def _refresh_sources(self) -> None:
        """Rewrite is_shared / image_sharing of every image that is or was a source."""
        counts: Counter[str] = Counter()
        for group in self.groups.values():
            counts.update({_source_of(image) for image in group.images.values()})
        for image_id in self._sources | set(counts):
            stored = self._images.get(image_id)
            if stored is not None:
                stored.data.update(unshared(image_id, counts[image_id]))
        self._sources = set(counts)

    def _now(self) -> str:
        return wire_time(self._clock())

    @contextmanager
    def numbered(self, group: int, shared: int) -> Iterator[None]:
        """Number the groups and shared images created inside from ``group`` and
        ``shared/<shared>`` on (the ids the spec's examples name); afterwards the counters go
        on past every id used, so no id is given twice."""
        saved = self._next_group, self._next_shared
        self._next_group, self._next_shared = group, shared
        try:
            yield
        finally:
            self._next_group = max(saved[0], self._next_group)
            self._next_shared = max(saved[1], self._next_shared)

    def holds_any(self, *, group: int, shared: str, token_uuid: str, secret: str) -> bool:
        """Whether any of these ids or this secret is already in use."""
        return (
            group in self.groups
            or any(shared in g.images for g in self.groups.values())
            or token_uuid in self.tokens
            or any(hmac.compare_digest(t.secret.encode(), secret.encode()) for t in self.tokens.values())
        )

    # --- share groups (the producer) ---------------------------------------------------------

    def owned(self, account: str | None, group_id: int) -> Group:
        """The producer's group ``group_id``; 404 for anyone else."""
        owner = _signed_in(account)
        group = self.groups.get(group_id)
        if group is None or group.owner != owner:
            raise not_found()
        return group

    def owned_groups(self, account: str | None) -> list[Group]:
        owner = _signed_in(account)
        return [group for group in self.groups.values() if group.owner == owner]

    def create_group(self, account: str | None, body: dict[str, Any]) -> dict[str, Any]:
        owner = _signed_in(account)
        group = Group(
            {
                "id": self._next_group,
                "uuid": str(uuid.uuid4()),
                "label": body["label"],
                "description": body.get("description", ""),
                "is_suspended": False,
                "created": self._now(),
                "updated": None,
                "expiry": None,
            },
            owner,
        )
        self.groups[group.data["id"]] = group
        self._next_group += 1
        self.add_images(group, body.get("images", []))
        return group.view()

    def update_group(self, group: Group, body: dict[str, Any]) -> dict[str, Any]:
        for name in ("label", "description"):
            if name in body:
                group.data[name] = body[name]
        group.data["updated"] = self._now()
        # The group's label is repeated in its images and its tokens.
        for image in group.images.values():
            image["image_sharing"]["shared_by"]["sharegroup_label"] = group.data["label"]
        for token in self._tokens_of(group):
            token.data["sharegroup_label"] = group.data["label"]
        return group.view()

    def delete_group(self, group: Group) -> dict[str, Any]:
        del self.groups[group.data["id"]]
        for token in self._tokens_of(group):
            token.data["status"] = "revoked"
        return {}

    def _tokens_of(self, group: Group) -> list[Token]:
        uuid_ = group.data["uuid"]
        return [t for t in self.tokens.values() if t.data["valid_for_sharegroup_uuid"] == uuid_]

    # --- a group's images ----------------------------------------------------------------

    def add_images(self, group: Group, entries: list[dict[str, Any]]) -> None:
        """Share each of the producer's private images in ``entries`` through ``group``."""
        shared_sources = {_source_of(image) for image in group.images.values()}
        for entry in entries:
            source_id = entry["id"]
            stored = self._images.get(source_id)
            # Only the producer's own available private images can be shared; any other id is
            # a conflict with what the account holds.
            if stored is None or stored.owner != group.owner:
                raise ApiError(
                    BODY_REFERENCE_STATUS,
                    f"Image {source_id} is not a private image of yours",
                    field="images",
                )
            if stored.data["status"] != "available":
                raise ApiError(
                    BODY_REFERENCE_STATUS, f"Image {source_id} is not available yet", field="images"
                )
            if source_id in shared_sources:
                raise ApiError(409, f"Image {source_id} is already in this share group", field="images")
            shared_sources.add(source_id)
            image = self._shared_copy(group, stored, entry)
            group.images[image["id"]] = image

    def _shared_copy(self, group: Group, stored: Stored, entry: dict[str, Any]) -> dict[str, Any]:
        source = stored.data
        regions = copy_json(source["regions"] or [])
        image = {
            "id": f"shared/{self._next_shared}",
            "label": entry.get("label", source["label"]),
            "description": entry.get("description", source["description"] or ""),
            "created": self._now(),
            "updated": None,
            "type": "shared",
            "is_public": False,
            "is_shared": None,
            "size": source["size"],
            "total_size": source["size"] * len(regions),
            "vendor": None,
            "deprecated": False,
            "expiry": None,
            "eol": None,
            "created_by": None,
            "status": "available",
            "capabilities": ["distributed-sites"],
            "tags": copy_json(source["tags"]),
            "regions": regions,
            "image_sharing": {
                "shared_with": None,
                "shared_by": {
                    "sharegroup_id": group.data["id"],
                    "sharegroup_uuid": group.data["uuid"],
                    "sharegroup_label": group.data["label"],
                    "source_image_id": source["id"],
                },
            },
        }
        self._next_shared += 1
        return image

    def group_image(self, group: Group, image_id: str) -> dict[str, Any]:
        image = group.images.get(image_id)
        if image is None:
            raise not_found()
        return image

    def update_group_image(self, group: Group, image_id: str, body: dict[str, Any]) -> dict[str, Any]:
        image = self.group_image(group, image_id)
        for name in ("label", "description"):
            if name in body:
                image[name] = body[name]
        image["updated"] = self._now()
        return copy_json(image)  # type: ignore[no-any-return]

    def remove_group_image(self, group: Group, image_id: str) -> dict[str, Any]:
        self.group_image(group, image_id)
        del group.images[image_id]
        return {}

    def groups_of_image(self, account: str | None, image_id: str) -> list[Group]:
        """The producer's groups that share its private image ``image_id``."""
        owner = _signed_in(account)
        stored = self._images.get(image_id)
        if stored is None or stored.owner != owner:
            raise not_found()
        return [
            group
            for group in self.owned_groups(account)
            if any(_source_of(image) == image_id for image in group.images.values())
        ]

    # --- members (the producer adds them with the consumer's token) ----------------------------

    def add_member(self, group: Group, body: dict[str, Any]) -> dict[str, Any]:
        # Compared as bytes: compare_digest refuses a str with non-ASCII characters.
        sent = str(body["token"]).encode()
        token = next((t for t in self.tokens.values() if hmac.compare_digest(t.secret.encode(), sent)), None)
        # A secret that admits no one to this group, or a token already redeemed or revoked:
        # a conflict with what the accounts hold.
        if token is None or token.data["valid_for_sharegroup_uuid"] != group.data["uuid"]:
            raise ApiError(BODY_REFERENCE_STATUS, "Invalid token for this share group", field="token")
        if token.data["status"] != "pending":
            raise ApiError(BODY_REFERENCE_STATUS, "This token has already been used", field="token")
        now = self._now()
        token.data.update(status="active", updated=now)
        member = {
            "token_uuid": token.data["token_uuid"],
            "status": "active",
            "label": body["label"],
            "created": now,
            "updated": None,
            "expiry": None,
        }
        group.members[member["token_uuid"]] = member
        return copy_json(member)  # type: ignore[no-any-return]

    def member(self, group: Group, token_uuid: str) -> dict[str, Any]:
        member = group.members.get(token_uuid)
        if member is None:
            raise not_found()
        return member

    def update_member(self, group: Group, token_uuid: str, body: dict[str, Any]) -> dict[str, Any]:
        member = self.member(group, token_uuid)
        member.update(label=body["label"], updated=self._now())
        return copy_json(member)  # type: ignore[no-any-return]

    def remove_member(self, group: Group, token_uuid: str) -> dict[str, Any]:
        """Revoke a member: it leaves the group and its token is revoked."""
        self.member(group, token_uuid)
        del group.members[token_uuid]
        token = self.tokens.get(token_uuid)
        if token is not None:
            token.data.update(status="revoked", updated=self._now())
        return {}

    # --- tokens (the consumer) ----------------------------------------------------------------

    def create_token(
        self,
        account: str | None,
        body: dict[str, Any],
        *,
        token_uuid: str | None = None,
        secret: str | None = None,
    ) -> dict[str, Any]:
        """A consumer's new pending token; ``token_uuid`` and ``secret`` are for seeding the
        spec's examples (random otherwise)."""
        owner = _signed_in(account)
        wanted = body["valid_for_sharegroup_uuid"]
        group = next((g for g in self.groups.values() if g.data["uuid"] == wanted), None)
        if group is None:
            raise ApiError(
                BODY_REFERENCE_STATUS, "No share group has this UUID", field="valid_for_sharegroup_uuid"
            )
        token = Token(
            {
                "token_uuid": token_uuid or str(uuid.uuid4()),
                "status": "pending",
                "label": body.get("label", ""),
                "created": self._now(),
                "updated": None,
                "expiry": None,
                "valid_for_sharegroup_uuid": wanted,
                "sharegroup_uuid": wanted,
                "sharegroup_label": group.data["label"],
            },
            owner,
            secret or secrets.token_urlsafe(32),
        )
        self.tokens[token.data["token_uuid"]] = token
        return {**copy_json(token.data), "token": token.secret}

    def owned_token(self, account: str | None, token_uuid: str) -> Token:
        owner = _signed_in(account)
        token = self.tokens.get(token_uuid)
        if token is None or token.owner != owner:
            raise not_found()
        return token

    def owned_tokens(self, account: str | None) -> list[Token]:
        owner = _signed_in(account)
        return [token for token in self.tokens.values() if token.owner == owner]

    def update_token(self, token: Token, body: dict[str, Any]) -> dict[str, Any]:
        token.data.update(label=body["label"], updated=self._now())
        return copy_json(token.data)  # type: ignore[no-any-return]

    def delete_token(self, token: Token) -> dict[str, Any]:
        """The consumer gives up its token: its membership, if any, is revoked."""
        del self.tokens[token.data["token_uuid"]]
        for group in self.groups.values():
            member = group.members.get(token.data["token_uuid"])
            if member is not None:
                member.update(status="revoked", updated=self._now())
        return {}

    def token_group(self, token: Token) -> Group:
        """The group a token gives access to; 404 unless token and membership are active."""
        for group in self._accessible(token.owner):
            if group.data["uuid"] == token.data["valid_for_sharegroup_uuid"]:
                return group
        raise not_found()


def _signed_in(account: str | None) -> str:
    if account is None:
        raise ApiError(401, "Invalid Token")
    return account


def _source_of(image: dict[str, Any]) -> str:
    return str(image["image_sharing"]["shared_by"]["source_image_id"])

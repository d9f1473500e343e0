"""What a table shows of each kind of item, and which field ``--ids`` prints."""

from __future__ import annotations

from collections.abc import Callable

from linode_images import Image, SharedImage, ShareGroup, ShareGroupMember, ShareGroupToken

from ._output import Columns, text

__all__ = ["IMAGES", "MEMBERS", "SHARED_IMAGES", "SHAREGROUPS", "TOKENS"]


def _regions(image: Image | SharedImage) -> str:
    return ",".join(entry.region for entry in image.regions or [])


def _size(image: Image | SharedImage) -> str:
    return f"{image.size} MB"  # the API counts in MB


def _source(image: SharedImage) -> str:
    """The producer's image a shared image is a copy of (when the API says)."""
    sharing = image.image_sharing
    shared_by = getattr(sharing, "shared_by", None)
    return text(getattr(shared_by, "source_image_id", None))


# The columns an image and a shared image have in common, first.
_ANY_IMAGE: Columns[Image | SharedImage] = (
    ("ID", lambda image: text(image.id)),
    ("LABEL", lambda image: text(image.label)),
    ("STATUS", lambda image: text(image.status)),
    ("SIZE", _size),
)
_CREATED: tuple[str, Callable[[Image | SharedImage], str]] = ("CREATED", lambda image: text(image.created))

IMAGES: Columns[Image] = (*_ANY_IMAGE, ("REGIONS", _regions), _CREATED)
SHARED_IMAGES: Columns[SharedImage] = (*_ANY_IMAGE, ("SOURCE", _source), _CREATED)

SHAREGROUPS: Columns[ShareGroup] = (
    ("ID", lambda group: text(group.id)),
    ("LABEL", lambda group: text(group.label)),
    ("UUID", lambda group: text(group.uuid)),
    ("IMAGES", lambda group: text(group.images_count)),
    ("MEMBERS", lambda group: text(group.members_count)),
    ("CREATED", lambda group: text(group.created)),
)

MEMBERS: Columns[ShareGroupMember] = (
    ("TOKEN_UUID", lambda member: text(member.token_uuid)),
    ("LABEL", lambda member: text(member.label)),
    ("STATUS", lambda member: text(member.status)),
    ("CREATED", lambda member: text(member.created)),
)

TOKENS: Columns[ShareGroupToken] = (
    ("TOKEN_UUID", lambda token: text(token.token_uuid)),
    ("LABEL", lambda token: text(token.label)),
    ("STATUS", lambda token: text(token.status)),
    ("SHAREGROUP", lambda token: text(token.sharegroup_label)),
    ("CREATED", lambda token: text(token.created)),
)

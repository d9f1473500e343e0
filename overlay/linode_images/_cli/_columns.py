"""What a table shows of each kind of item, and which field ``--ids`` prints."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

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


def _field(heading: str, name: str = "") -> tuple[str, Callable[[Any], str]]:
    """The column ``heading`` showing the field ``name`` (by default: the heading in lower case)."""
    field = attrgetter(name or heading.lower())
    return heading, lambda item: text(field(item))


_LABEL, _STATUS, _CREATED = _field("LABEL"), _field("STATUS"), _field("CREATED")
# The columns an image and a shared image have in common, first.
_ANY_IMAGE: Columns[Image | SharedImage] = (_field("ID"), _LABEL, _STATUS, ("SIZE", _size))

IMAGES: Columns[Image] = (*_ANY_IMAGE, ("REGIONS", _regions), _CREATED)
SHARED_IMAGES: Columns[SharedImage] = (*_ANY_IMAGE, ("SOURCE", _source), _CREATED)
SHAREGROUPS: Columns[ShareGroup] = (
    _field("ID"),
    _LABEL,
    _field("UUID"),
    _field("IMAGES", "images_count"),
    _field("MEMBERS", "members_count"),
    _CREATED,
)
MEMBERS: Columns[ShareGroupMember] = (_field("TOKEN_UUID"), _LABEL, _STATUS, _CREATED)
TOKENS: Columns[ShareGroupToken] = (
    _field("TOKEN_UUID"),
    _LABEL,
    _STATUS,
    _field("SHAREGROUP", "sharegroup_label"),
    _CREATED,
)

"""Argument checks and request bodies, shared by both clients and by ``upload``.

One convention, raised before anything is sent: a wrong type is a ``TypeError``, a wrong value
a ``ValueError``, and the same mistake gets the same message whichever method it was made in.
"""

from __future__ import annotations

from collections.abc import Sequence

from linode_images_api.spec_facts import MAX_TAG_LENGTH, MAX_TAGS, MIN_DISK_ID, MIN_TAG_LENGTH

from ._config import MAX_PAGE_SIZE, MIN_PAGE_SIZE
from ._models import (
    UNSET,
    CreateImageRequest,
    ReplicateImageRequest,
    Unset,
    UpdateImageRequest,
    UploadImageRequest,
)

__all__ = [
    "check_int",
    "check_page",
    "check_page_size",
    "check_text",
    "create_body",
    "regions_list",
    "replicate_body",
    "tags_list",
    "update_body",
    "upload_body",
]


def check_int(name: str, value: object) -> int:
    """``value`` if it is an int (a bool is not, as in the API's ``type: integer``)."""
    # Anything else would fail later with a comparison error that does not say which argument.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


def check_text(name: str, value: object, example: str) -> str:
    """``value`` if it is a non-empty str."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str such as {example}, not {type(value).__name__}")
    if not value:
        raise ValueError(f"{name} must not be empty (such as {example})")
    return value


def check_page(page: int) -> int:
    if check_int("page", page) < 1:
        raise ValueError("page numbers start at 1")
    return page


def check_page_size(page_size: int) -> int:
    if not MIN_PAGE_SIZE <= check_int("page_size", page_size) <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be between {MIN_PAGE_SIZE} and {MAX_PAGE_SIZE}, not {page_size}")
    return page_size


def _string_list(name: str, value: Sequence[str], example: str) -> list[str]:
    # list() would split a str into characters and a dict into its keys: refuse both, and
    # say which argument it was instead of "'bool' object is not iterable".
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise TypeError(f"{name} is a list of strings such as {example}, not {type(value).__name__}")
    return list(value)


def tags_list(tags: Sequence[str] | Unset | None) -> list[str] | Unset:
    """The ``tags`` of a request body; None and UNSET both leave them out."""
    if tags is None or isinstance(tags, Unset):
        return UNSET
    wanted = _string_list("tags", tags, "['web']")
    # The spec's bounds (spec_facts): the API refuses anything else with a 400.
    if len(wanted) > MAX_TAGS:
        raise ValueError(f"an image has at most {MAX_TAGS} tags, not {len(wanted)}")
    for tag in wanted:
        if not isinstance(tag, str):
            raise TypeError(f"tags is a list of strings such as ['web'], not of {type(tag).__name__}")
        if not MIN_TAG_LENGTH <= len(tag) <= MAX_TAG_LENGTH:
            raise ValueError(
                f"each of tags has {MIN_TAG_LENGTH} to {MAX_TAG_LENGTH} characters, "
                f"not {len(tag)}: {tag[:20]!r}"
            )
    return wanted


def regions_list(regions: Sequence[str]) -> list[str]:
    """A non-empty list of region ids."""
    wanted = _string_list("regions", regions, "['us-east']")
    if not wanted:
        raise ValueError("regions is a non-empty list of region ids, such as ['us-east']")
    return wanted


def create_body(
    disk_id: int,
    label: str | Unset,
    description: str | Unset,
    tags: Sequence[str] | Unset,
    cloud_init: bool | Unset,
) -> CreateImageRequest:
    if check_int("disk_id", disk_id) < MIN_DISK_ID:
        raise ValueError(f"disk_id is a disk's id, {MIN_DISK_ID} or more, not {disk_id}")
    return CreateImageRequest(
        disk_id=disk_id,
        label=label,
        description=description,
        tags=tags_list(tags),
        cloud_init=cloud_init,
    )


def upload_body(
    label: str,
    region: str,
    description: str | Unset | None,
    tags: Sequence[str] | Unset | None,
    cloud_init: bool | Unset,
) -> UploadImageRequest:
    return UploadImageRequest(
        label=label,
        region=region,
        description=UNSET if description is None else description,
        tags=tags_list(tags),
        cloud_init=cloud_init,
    )


def update_body(
    label: str | Unset, description: str | Unset | None, tags: Sequence[str] | Unset
) -> UpdateImageRequest:
    if isinstance(label, Unset) and isinstance(description, Unset) and isinstance(tags, Unset):
        raise ValueError("update() needs at least one of label, description, tags")
    return UpdateImageRequest(label=label, description=description, tags=tags_list(tags))


def replicate_body(regions: Sequence[str]) -> ReplicateImageRequest:
    return ReplicateImageRequest(regions=regions_list(regions))

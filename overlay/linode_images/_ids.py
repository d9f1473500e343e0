"""The checks of the ids a request's path is made of, done before any request is sent.

The generated layer quotes an id with ``quote(safe="")``, which leaves ``.`` and ``..``
untouched: ``images/..`` would be normalised by URL handling to the API root. Checking the
id's shape here keeps every request on the image, share group or token it names.
"""

from __future__ import annotations

import re

from linode_images_api.spec_facts import MIN_SHAREGROUP_ID, UUID_PATTERN

from ._arguments import check_int, check_text

__all__ = ["check_image_id", "check_sharegroup_id", "check_uuid"]

# <namespace>/<name>: today linode/<name> (vendor names such as "debian12" or "ubuntu22.04"),
# private/<n> and shared/<n> (REAL-API-FACTS "Requests"); a namespace added later is accepted
# as long as the id keeps that shape; "." and ".." are refused as names (the lookahead).
_IMAGE_ID = re.compile(r"[a-z][a-z0-9_-]*/(?!\.\.?\Z)[A-Za-z0-9._-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Far longer than any real id (labels are at most 50 characters, numbers a handful of digits),
# far shorter than what breaks URL handling.
MAX_IMAGE_ID_LENGTH = 128


def check_image_id(image_id: object) -> str:
    """Return ``image_id`` unchanged if it is a well-formed image id, else raise ``ValueError``
    (``TypeError`` when it is not a str).

    >>> check_image_id("private/123")
    'private/123'
    """
    # Every call of an image operation comes here: a well-formed id costs one match (the
    # pattern admits no control character), and the rest only says what is wrong.
    if type(image_id) is str and len(image_id) <= MAX_IMAGE_ID_LENGTH and _IMAGE_ID.fullmatch(image_id):
        return image_id
    if not isinstance(image_id, str):
        raise TypeError(f"image id must be a str such as 'private/123', not {type(image_id).__name__}")
    if not image_id:
        raise ValueError("image id must not be empty")
    if len(image_id) > MAX_IMAGE_ID_LENGTH:
        raise ValueError(
            f"image id is {len(image_id):,} characters long, more than any image id "
            f"({MAX_IMAGE_ID_LENGTH}): {image_id[:40]!r}..."
        )
    if _CONTROL.search(image_id):
        raise ValueError(f"image id contains control characters: {image_id!r}")
    if _IMAGE_ID.fullmatch(image_id) is None:
        raise ValueError(
            f"not an image id: {image_id!r} (expected '<namespace>/<name>' such as 'linode/debian12', "
            "'private/<n>' or 'shared/<n>')"
        )
    return image_id


def check_sharegroup_id(sharegroup_id: object) -> int:
    """``sharegroup_id`` if it is a share group's id: an int of at least the spec's minimum."""
    number = check_int("sharegroup_id", sharegroup_id)
    if number < MIN_SHAREGROUP_ID:
        raise ValueError(
            f"sharegroup_id must be {MIN_SHAREGROUP_ID} or more (a share group's id), not {number}"
        )
    return number


_UUID = re.compile(UUID_PATTERN)
_UUID_EXAMPLE = "5d6a5a2e-0c43-4a1b-9b55-1f0d6c2e7a10"


def check_uuid(name: str, value: object) -> str:
    """``value`` if it is a UUID in the spec's text form (a token's ``token_uuid``, a group's ``uuid``).

    What was given is not repeated in the message: a token's secret passed in place of its
    uuid is a secret all the same.

    >>> check_uuid("token_uuid", "5d6a5a2e-0c43-4a1b-9b55-1f0d6c2e7a10")
    '5d6a5a2e-0c43-4a1b-9b55-1f0d6c2e7a10'
    """
    text = check_text(name, value, repr(_UUID_EXAMPLE))
    if _UUID.fullmatch(text) is None:
        raise ValueError(
            f"{name} is not a UUID such as {_UUID_EXAMPLE!r} (the {len(text):,} characters given are "
            "not repeated here, in case they are a token secret)"
        )
    return text

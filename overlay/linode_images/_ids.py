"""Image id checks, done before any request is sent.

The generated layer quotes an id with ``quote(safe="")``, which leaves ``.`` and ``..``
untouched: ``images/..`` would be normalised by URL handling to the API root. Checking the
id's shape here keeps every request on the image it names.
"""

from __future__ import annotations

import re

__all__ = ["check_image_id"]

# linode/<name> (public, vendor names such as "debian12" or "ubuntu22.04"),
# private/<n> and shared/<n> (numeric); see REAL-API-FACTS "Requests".
_IMAGE_ID = re.compile(r"(?:linode/[A-Za-z0-9._-]+|private/[0-9]+|shared/[0-9]+)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_image_id(image_id: object) -> str:
    """Return ``image_id`` unchanged if it is a well-formed image id, else raise ``ValueError``
    (``TypeError`` when it is not a str).

    >>> check_image_id("private/123")
    'private/123'
    """
    if not isinstance(image_id, str):
        raise TypeError(f"image id must be a str such as 'private/123', not {type(image_id).__name__}")
    if not image_id:
        raise ValueError("image id must not be empty")
    if _CONTROL.search(image_id):
        raise ValueError(f"image id contains control characters: {image_id!r}")
    if _IMAGE_ID.fullmatch(image_id) is None or image_id.split("/", 1)[1] in {".", ".."}:
        raise ValueError(
            f"not an image id: {image_id!r} (expected 'linode/<name>', 'private/<n>' or 'shared/<n>')"
        )
    return image_id

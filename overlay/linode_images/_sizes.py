"""The API's size limits on an uploaded image, and the one way this library writes a size.

Units: the API counts in decimal units (an image's ``size`` is in MB; its upload limits are
5 GB compressed and 6 GB uncompressed), so every size this library shows, in messages and on
the progress bar, is decimal too: ``kB``, ``MB``, ``GB`` are powers of 1000, next to the exact
number of bytes where it matters.
"""

from __future__ import annotations

from linode_images_api.spec_facts import UPLOAD_MAX_SIZE, UPLOAD_MAX_UNCOMPRESSED_SIZE

__all__ = [
    "DEFAULT_MAX_SIZE",
    "DEFAULT_MAX_UNCOMPRESSED_SIZE",
    "PROGRESS_UNIT_DIVISOR",
    "format_size",
    "short_size",
]

# The API's limits on an uploaded image: at most 5 GB of gzip data, at most 6 GB once
# decompressed (docs/real-api-facts.md#upload; the spec's x-linode-upload-limits, in bytes:
# decimal GB, the stricter reading, so that nothing is refused after a long transfer).
DEFAULT_MAX_SIZE = UPLOAD_MAX_SIZE
DEFAULT_MAX_UNCOMPRESSED_SIZE = UPLOAD_MAX_UNCOMPRESSED_SIZE

# What the progress bar divides by between kB, MB and GB: decimal, like every size shown here.
PROGRESS_UNIT_DIVISOR = 1000

_UNITS = ("bytes", "kB", "MB", "GB", "TB")
_SHORT_UNITS = ("B", *_UNITS[1:])


def format_size(size: int) -> str:
    """A byte count as text: decimal units with the exact count beside them.

    >>> format_size(5 * 10**9)
    '5.00 GB (5,000,000,000 bytes)'
    >>> format_size(512)
    '512 bytes'
    """
    if size < 1000:
        return f"{size:,} bytes"
    value = float(size)
    unit = 0
    while value >= 1000 and unit < len(_UNITS) - 1:
        value /= 1000
        unit += 1
    return f"{value:.2f} {_UNITS[unit]} ({size:,} bytes)"


def short_size(count: float) -> str:
    """A size where room is short (a progress line): one decimal, decimal units.

    >>> short_size(1500), short_size(999), short_size(5 * 10**9)
    ('1.5 kB', '999 B', '5.0 GB')
    """
    for unit in _SHORT_UNITS:
        if abs(count) < 1000 or unit == _SHORT_UNITS[-1]:
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    raise AssertionError("unreachable")

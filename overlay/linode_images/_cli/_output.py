"""How images are written: a table, one id per line, JSON lines, or one image's fields.

``--json`` writes ``Image.to_dict()`` as one JSON object per line: the API's own field names
and values (timestamps in ISO 8601), the same shape the API answers with, so it stays stable
as long as the API does. The other forms are for people and may change.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from typing import TextIO

from linode_images import Image

__all__ = ["write_detail", "write_ids", "write_json", "write_rows"]


def _text(value: object) -> str:
    """A field's value as text; unset and null fields are empty."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, dict):
        # A region entry, {"region": "us-east", "status": "available"}.
        return " ".join(_text(item) for item in value.values())
    if isinstance(value, str | int | float):  # bool and the str enums included
        return str(value)
    return ""  # None, or the generated models' UNSET


def _regions(image: Image) -> str:
    return ",".join(entry.region for entry in image.regions or [])


def _size(image: Image) -> str:
    return f"{image.size} MB"  # the API counts in MB


# The table's columns: a heading and what each image shows under it.
_COLUMNS: tuple[tuple[str, Callable[[Image], str]], ...] = (
    ("ID", lambda image: _text(image.id)),
    ("LABEL", lambda image: _text(image.label)),
    ("STATUS", lambda image: _text(image.status)),
    ("SIZE", _size),
    ("REGIONS", _regions),
    ("CREATED", lambda image: _text(image.created)),
)


def _row(image: Image) -> list[str]:
    return [cell(image) for _, cell in _COLUMNS]


def write_rows(out: TextIO, images: Iterable[Image], *, table: bool) -> int:
    """A table with a header (``table``) or tab-separated rows without one; the number written.

    A table needs every row to size its columns, so it is written at the end; tab-separated
    rows are written as the pages arrive.
    """
    if not table:
        count = 0
        for image in images:
            out.write("\t".join(_row(image)) + "\n")
            count += 1
        return count
    rows = [[heading for heading, _ in _COLUMNS]] + [_row(image) for image in images]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    for row in rows:
        out.write(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n"
        )
    return len(rows) - 1


def write_ids(out: TextIO, images: Iterable[Image]) -> int:
    """One id per line; the number written."""
    count = 0
    for image in images:
        out.write(f"{image.id}\n")
        count += 1
    return count


def write_json(out: TextIO, images: Iterable[Image]) -> int:
    """One ``to_dict()`` JSON object per line; the number written."""
    count = 0
    for image in images:
        out.write(json.dumps(image.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_detail(out: TextIO, image: Image) -> None:
    """Every field the API sent, one ``name  value`` line each, in ``to_dict()``'s order."""
    fields = image.to_dict()
    width = max((len(name) for name in fields), default=0)
    for name, value in fields.items():
        out.write(f"{name.ljust(width)}  {_text(value)}".rstrip() + "\n")

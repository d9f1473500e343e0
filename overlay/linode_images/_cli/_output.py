"""How items are written: a table, one id per line, JSON lines, or one item's fields.

``--json`` writes the model's ``to_dict()`` as one JSON object per line: the API's own field
names and values (timestamps in ISO 8601), the same shape the API answers with, so it stays
stable as long as the API does. The other forms are for people and may change.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TextIO, TypeVar

__all__ = ["Columns", "Record", "text", "write_detail", "write_ids", "write_json", "write_rows"]


class Record(Protocol):
    """What the generated models have in common: the API's fields as a dict."""

    def to_dict(self) -> dict[str, Any]: ...


T = TypeVar("T", bound=Record)
# A table's columns: a heading and what each item shows under it.
Columns = tuple[tuple[str, Callable[[T], str]], ...]


def text(value: object) -> str:
    """A field's value as text; unset and null fields are empty."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, list):
        return ", ".join(text(item) for item in value)
    if isinstance(value, dict):
        # A region entry, {"region": "us-east", "status": "available"}.
        return " ".join(text(item) for item in value.values())
    if isinstance(value, str | int | float):  # bool and the str enums included
        return str(value)
    return ""  # None, or the generated models' UNSET


def _row(item: T, columns: Columns[T]) -> list[str]:
    return [cell(item) for _, cell in columns]


def write_rows(out: TextIO, items: Iterable[T], columns: Columns[T], *, table: bool) -> int:
    """A table with a header (``table``) or tab-separated rows without one; the number written.

    A table needs every row to size its columns, so it is written at the end; tab-separated
    rows are written as the pages arrive.
    """
    if not table:
        count = 0
        for item in items:
            out.write("\t".join(_row(item, columns)) + "\n")
            count += 1
        return count
    rows = [[heading for heading, _ in columns]] + [_row(item, columns) for item in items]
    widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
    for row in rows:
        out.write(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n"
        )
    return len(rows) - 1


def write_ids(out: TextIO, items: Iterable[T], key: Callable[[T], object]) -> int:
    """One id (``key`` of each item) per line; the number written."""
    count = 0
    for item in items:
        out.write(f"{key(item)}\n")
        count += 1
    return count


def write_json(out: TextIO, items: Iterable[Record]) -> int:
    """One ``to_dict()`` JSON object per line; the number written."""
    count = 0
    for item in items:
        out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_detail(out: TextIO, item: Record) -> None:
    """Every field the API sent, one ``name  value`` line each, in ``to_dict()``'s order."""
    fields = item.to_dict()
    width = max((len(name) for name in fields), default=0)
    for name, value in fields.items():
        out.write(f"{name.ljust(width)}  {text(value)}".rstrip() + "\n")

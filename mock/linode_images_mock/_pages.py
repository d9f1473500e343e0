"""The list envelope every list operation answers with."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def page_envelope(
    items: Sequence[T], page: int, page_size: int, render: Callable[[T], Any]
) -> dict[str, Any]:
    """Page ``page`` of ``items`` (each rendered by ``render``) as ``{data, page, pages, results}``.

    An empty list is page 0 of 0 (docs/real-api-facts.md#lists-and-pagination).
    """
    results = len(items)
    if results == 0:
        return {"data": [], "page": 0, "pages": 0, "results": 0}
    start = (page - 1) * page_size
    return {
        "data": [render(item) for item in items[start : start + page_size]],
        "page": page,
        "pages": math.ceil(results / page_size),
        "results": results,
    }

"""The flows of the image operations, shared by ``Images`` and ``AsyncImages``, and what a
resource needs of its client (``SyncClient``, ``AsyncClient``).

Each flow is built here, argument checks included, and holds no I/O: the resource classes
only hand it to their client's runner.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Mapping
from typing import Any, Literal, Protocol, TypeVar

from ._arguments import check_page, check_page_size
from ._core import GET, LIST, Core
from ._filter import Filter, build_x_filter
from ._flow import Flow
from ._ids import check_image_id
from ._models import UNSET, Image, PaginatedImages
from ._wait import Target, Waiter, wait_flow

__all__ = ["AsyncClient", "SyncClient", "get_image", "images_page", "list_x_filter", "wait_image"]

T = TypeVar("T")


class SyncClient(Protocol):
    _core: Core

    def _run(self, flow: Flow[T], /) -> T: ...


class AsyncClient(Protocol):
    _core: Core
    _max_concurrency: int
    _page_tasks: set[asyncio.Future[Any]]

    def _run(self, flow: Flow[T], /) -> Awaitable[T]: ...


def get_image(core: Core, image_id: str) -> Flow[Image]:
    return core.call(GET, Image, check_image_id(image_id))


def images_page(core: Core, page: int, page_size: int, x_filter: str | None) -> Flow[PaginatedImages]:
    check_page(page)
    x_filter_arg = x_filter if x_filter is not None else UNSET
    return core.call(LIST, PaginatedImages, page=page, page_size=page_size, x_filter=x_filter_arg)


def list_x_filter(
    filter: Filter | Mapping[str, Any] | None,
    order_by: str | None,
    order: Literal["asc", "desc"] | None,
    page_size: int,
) -> str | None:
    x_filter = build_x_filter(filter, order_by=order_by, order=order)
    check_page_size(page_size)
    return x_filter


def wait_image(
    core: Core, image_id: str, target: Target, timeout: float | None, poll: float, most: float
) -> Flow[Image]:
    waiter = Waiter(
        check_image_id(image_id),
        target,
        timeout=timeout,
        poll_interval=poll,
        max_interval=most,
        clock=core.clock,
        clamp=core.retry_policy.clamp,
    )
    return wait_flow(lambda deadline: core.call(GET, Image, image_id, deadline=deadline), waiter)

"""Lazy iteration over every image of a list, page by page.

When the collection changes between two page requests (an image created or deleted by
someone else), offsets shift: an image can move onto a page already read (it is then
missed) or onto the next page (it would be read twice). The iterators never raise because
of this and never yield the same image id twice in one iteration; they stop when a page
comes back empty or the last page reported by the API has been read, and raise
``PaginationError`` when a page brings only images already yielded (a server repeating pages
would otherwise be read for ever).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterable, Iterator
from typing import Any

from ._errors import PaginationError
from ._models import Image, PaginatedImages, Unset

__all__ = ["AsyncImagePager", "ImagePager", "cancel_all"]


class _PageWalk:
    """The shared, I/O-free part of paging: de-duplication and where to stop."""

    __slots__ = ("_seen", "last_page", "requests")

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self.last_page = 1
        self.requests = 0

    def accept(self, number: int, page: PaginatedImages) -> list[Image]:
        """The images of page ``number`` not yielded before; updates ``last_page``."""
        self.requests += 1
        data = page.data if not isinstance(page.data, Unset) else []
        reported = page.pages if isinstance(page.pages, int) else number
        # An empty page means the collection shrank under us: nothing after it is reliable.
        self.last_page = reported if data else min(reported, number)
        fresh = []
        for image in data:
            key = image.id if isinstance(image.id, str) else None
            if key is not None:
                if key in self._seen:
                    continue
                self._seen.add(key)
            fresh.append(image)
        if data and not fresh:
            # Without this a server repeating one page with "pages": 10**9 keeps the loop going
            # for ever; nothing after such a page can be trusted.
            raise PaginationError(
                f"page {number} of {reported} brought only images already listed: the API repeats "
                "pages, or the list changed by more than a page while it was read; stopped there",
                page=number,
                pages=reported,
            )
        return fresh


class ImagePager(Iterator[Image]):
    """Every image of a filtered list, fetched lazily one page at a time.

    ``requests`` counts the page requests made so far.
    """

    def __init__(self, fetch_page: Callable[[int], PaginatedImages]) -> None:
        self._fetch_page = fetch_page
        self._walk = _PageWalk()
        self._items = self._iterate()

    @property
    def requests(self) -> int:
        return self._walk.requests

    def _iterate(self) -> Iterator[Image]:
        number = 1
        while number <= self._walk.last_page:
            yield from self._walk.accept(number, self._fetch_page(number))
            number += 1

    def __iter__(self) -> ImagePager:
        return self

    def __next__(self) -> Image:
        return next(self._items)


async def cancel_all(tasks: Iterable[asyncio.Task[Any]]) -> None:
    """Cancel ``tasks`` and wait until they have ended, retrieving their outcomes: a page
    request left running would use connections after the client closed them, and asyncio
    would report its failure as never retrieved."""
    pending = list(tasks)
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)


class AsyncImagePager(AsyncIterator[Image]):
    """Every image of a filtered list; after the first page, the remaining pages are fetched
    concurrently (at most ``max_concurrency`` in flight) and yielded in page order.

    Leaving the loop early cancels the page requests still in flight once ``aclose()`` runs
    (``async for`` over ``aclosing(...)``, or garbage collection), and closing the client
    cancels and awaits those of every iteration left behind.
    """

    def __init__(
        self,
        fetch_page: Callable[[int], Awaitable[PaginatedImages]],
        max_concurrency: int,
        in_flight: set[asyncio.Task[PaginatedImages]] | None = None,
    ) -> None:
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be >= 1")
        self._fetch_page = fetch_page
        self._max_concurrency = max_concurrency
        # The client's set of page requests in flight: closing the client cancels and awaits
        # them, even those of an iteration that was left without aclose().
        self._registry = in_flight if in_flight is not None else set()
        self._walk = _PageWalk()
        self._items = self._iterate()

    @property
    def requests(self) -> int:
        return self._walk.requests

    async def _iterate(self) -> AsyncGenerator[Image, None]:
        walk = self._walk
        for image in walk.accept(1, await self._fetch_page(1)):
            yield image
        in_flight: deque[tuple[int, asyncio.Task[PaginatedImages]]] = deque()
        scheduled = 1
        try:
            while True:
                while len(in_flight) < self._max_concurrency and scheduled < walk.last_page:
                    scheduled += 1
                    in_flight.append((scheduled, self._start(scheduled)))
                if not in_flight:
                    return
                number, task = in_flight.popleft()
                page = await task
                for image in walk.accept(number, page):
                    yield image
                # The collection shrank: drop requests for pages beyond its new end.
                while in_flight and in_flight[-1][0] > walk.last_page:
                    in_flight.pop()[1].cancel()
                    scheduled -= 1
        finally:
            await cancel_all([task for _, task in in_flight])

    def _start(self, number: int) -> asyncio.Task[PaginatedImages]:
        task = asyncio.ensure_future(self._fetch_page(number))
        self._registry.add(task)
        task.add_done_callback(self._registry.discard)
        return task

    def __aiter__(self) -> AsyncImagePager:
        return self

    async def __anext__(self) -> Image:
        return await self._items.__anext__()

    async def aclose(self) -> None:
        """Stop iterating and cancel page requests in flight."""
        await self._items.aclose()

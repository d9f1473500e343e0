"""Lazy iteration over every item of a list (images, share groups, ...), page by page.

When the collection changes between two page requests (an image created or deleted by
someone else), offsets shift: an image can move onto a page already read (it is then
missed) or onto the next page (it would be read twice). The iterators never raise because
of this and never yield the same image id twice in one iteration; they stop when a page
comes back empty or the last page reported by the API has been read. ``Pager`` and
``AsyncPager`` take any list whose pages have ``data`` and ``pages`` and a key naming each
item; ``ImagePager`` and ``AsyncImagePager`` are those of images, keyed by id.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator
from operator import attrgetter
from typing import Any, Generic, Protocol, TypeVar

from ._models import Image, Unset

__all__ = ["AsyncImagePager", "AsyncPager", "ImagePager", "Pager"]

T = TypeVar("T")
_by_id = attrgetter("id")


class _Page(Protocol):
    """A page of a list: ``data`` (the items) and ``pages`` (how many there are)."""

    @property
    def data(self) -> Any: ...

    @property
    def pages(self) -> Any: ...


class _PageWalk(Generic[T]):
    """The shared, I/O-free part of paging: de-duplication and where to stop."""

    __slots__ = ("_key", "_seen", "last_page", "requests")

    def __init__(self, key: Callable[[T], object]) -> None:
        self._key = key
        self._seen: set[object] = set()
        self.last_page = 1
        self.requests = 0

    def accept(self, number: int, page: _Page) -> list[T]:
        """The items of page ``number`` not yielded before; updates ``last_page``."""
        self.requests += 1
        data: list[T] = page.data if not isinstance(page.data, Unset) else []
        reported = page.pages if isinstance(page.pages, int) else number
        # An empty page means the collection shrank under us: nothing after it is reliable.
        self.last_page = reported if data else min(reported, number)
        fresh = []
        for item in data:
            key = self._key(item)
            if isinstance(key, str | int):
                if key in self._seen:
                    continue
                self._seen.add(key)
            fresh.append(item)
        return fresh


class Pager(Iterator[T]):
    """Every item of a filtered list, fetched lazily one page at a time.

    ``requests`` counts the page requests made so far.
    """

    def __init__(self, fetch_page: Callable[[int], _Page], key: Callable[[T], object] = _by_id) -> None:
        self._fetch_page = fetch_page
        self._walk: _PageWalk[T] = _PageWalk(key)
        self._items = self._iterate()

    @property
    def requests(self) -> int:
        return self._walk.requests

    def _iterate(self) -> Iterator[T]:
        number = 1
        while number <= self._walk.last_page:
            yield from self._walk.accept(number, self._fetch_page(number))
            number += 1

    def __iter__(self) -> Pager[T]:
        return self

    def __next__(self) -> T:
        return next(self._items)


class ImagePager(Pager[Image]):
    """Every image of a filtered list, fetched lazily one page at a time."""


class AsyncPager(AsyncIterator[T]):
    """Every item of a filtered list; after the first page, the remaining pages are fetched
    concurrently (at most ``max_concurrency`` in flight) and yielded in page order.

    Leaving the loop early cancels the page requests still in flight once ``aclose()`` runs
    (``async for`` over ``aclosing(...)``, or garbage collection).
    """

    def __init__(
        self,
        fetch_page: Callable[[int], Awaitable[_Page]],
        max_concurrency: int,
        key: Callable[[T], object] = _by_id,
    ) -> None:
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be >= 1")
        self._fetch_page = fetch_page
        self._max_concurrency = max_concurrency
        self._walk: _PageWalk[T] = _PageWalk(key)
        self._items = self._iterate()

    @property
    def requests(self) -> int:
        return self._walk.requests

    async def _iterate(self) -> AsyncGenerator[T, None]:
        walk = self._walk
        for item in walk.accept(1, await self._fetch_page(1)):
            yield item
        in_flight: deque[tuple[int, asyncio.Future[_Page]]] = deque()
        scheduled = 1
        try:
            while True:
                while len(in_flight) < self._max_concurrency and scheduled < walk.last_page:
                    scheduled += 1
                    in_flight.append((scheduled, asyncio.ensure_future(self._fetch_page(scheduled))))
                if not in_flight:
                    return
                number, task = in_flight.popleft()
                page = await task
                for item in walk.accept(number, page):
                    yield item
                # The collection shrank: drop requests for pages beyond its new end.
                while in_flight and in_flight[-1][0] > walk.last_page:
                    in_flight.pop()[1].cancel()
                    scheduled -= 1
        finally:
            for _, task in in_flight:
                if task.done() and not task.cancelled():
                    task.exception()  # retrieved, so asyncio does not report it as lost
                task.cancel()

    def __aiter__(self) -> AsyncPager[T]:
        return self

    async def __anext__(self) -> T:
        return await self._items.__anext__()

    async def aclose(self) -> None:
        """Stop iterating and cancel page requests in flight."""
        await self._items.aclose()


class AsyncImagePager(AsyncPager[Image]):
    """Every image of a filtered list; pages after the first fetched concurrently."""

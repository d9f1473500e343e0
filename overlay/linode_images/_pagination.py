"""Lazy iteration over every item of a list, page by page: ``Pager`` and ``AsyncPager`` for any
list of the API (``ImagePager`` and ``AsyncImagePager`` for images).

When the collection changes between two page requests (an image created or deleted by
someone else), offsets shift: an image can move onto a page already read (it is then
missed) or onto the next page (it would be read twice). The iterators never raise because
of this and never yield the same image id twice in one iteration; they stop when a page
comes back empty or the last page reported by the API has been read.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Hashable,
    Iterator,
    Mapping,
    Sequence,
)
from typing import Generic, Protocol, TypeVar

from ._models import Image

__all__ = ["AsyncImagePager", "AsyncPager", "ImagePager", "Pager"]


class _Item(Protocol):
    @property
    def id(self) -> Hashable: ...


ItemT = TypeVar("ItemT", bound=_Item)
ItemT_co = TypeVar("ItemT_co", bound=_Item, covariant=True)


class _Page(Protocol[ItemT_co]):
    """What the pagers read of a paginated answer (the API's envelope of every list)."""

    @property
    def data(self) -> Sequence[ItemT_co]: ...
    @property
    def pages(self) -> int: ...


class _PageWalk(Generic[ItemT]):
    """The shared, I/O-free part of paging: de-duplication and where to stop."""

    __slots__ = ("_seen", "last_page", "requests")

    def __init__(self) -> None:
        self._seen: set[Hashable] = set()
        self.last_page = 1
        self.requests = 0

    def accept(self, number: int, page: _Page[ItemT]) -> list[ItemT]:
        """The items of page ``number`` not yielded before; updates ``last_page``."""
        self.requests += 1
        # An empty page means the collection shrank under us: nothing after it is reliable.
        self.last_page = page.pages if page.data else min(page.pages, number)
        fresh = []
        for item in page.data:
            if item.id in self._seen:
                continue
            self._seen.add(item.id)
            fresh.append(item)
        return fresh


def _repr(pager: object, query: Mapping[str, object], walk: _PageWalk[ItemT]) -> str:
    shown = ", ".join(f"{name}={value!r}" for name, value in query.items())
    return f"{type(pager).__name__}({shown}, pages_read={walk.requests})"


class Pager(Iterator[ItemT]):
    """Every item of a list, fetched lazily one page at a time.

    ``requests`` counts the page requests made so far; ``query`` (what is listed: the filter,
    the page size) is what the repr shows.
    """

    def __init__(self, fetch_page: Callable[[int], _Page[ItemT]], query: Mapping[str, object]) -> None:
        self._fetch_page = fetch_page
        self._query = dict(query)
        self._walk: _PageWalk[ItemT] = _PageWalk()
        self._items = self._iterate()

    @property
    def requests(self) -> int:
        return self._walk.requests

    def _iterate(self) -> Iterator[ItemT]:
        number = 1
        while number <= self._walk.last_page:
            yield from self._walk.accept(number, self._fetch_page(number))
            number += 1

    def __iter__(self) -> Pager[ItemT]:
        return self

    def __next__(self) -> ItemT:
        return next(self._items)

    def __repr__(self) -> str:
        return _repr(self, self._query, self._walk)


class ImagePager(Pager[Image]):
    """Every image of a filtered list, fetched lazily one page at a time.

    >>> client.images.list(filter=Filter.eq("is_public", False), page_size=500)
    ImagePager(filter='{"is_public":false}', page_size=500, pages_read=0)
    """


class AsyncPager(AsyncIterator[ItemT]):
    """Every item of a list; after the first page, the remaining pages are fetched
    concurrently (at most ``max_concurrency`` in flight) and yielded in page order.

    Leaving the loop early cancels the page requests still in flight once ``aclose()`` runs
    (``async for`` over ``aclosing(...)``, or garbage collection).
    """

    def __init__(
        self,
        fetch_page: Callable[[int], Awaitable[_Page[ItemT]]],
        query: Mapping[str, object],
        max_concurrency: int,
    ) -> None:
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be >= 1")
        self._fetch_page = fetch_page
        self._query = {**query, "max_concurrency": max_concurrency}
        self._max_concurrency = max_concurrency
        self._walk: _PageWalk[ItemT] = _PageWalk()
        self._items = self._iterate()

    @property
    def requests(self) -> int:
        return self._walk.requests

    async def _iterate(self) -> AsyncGenerator[ItemT, None]:
        walk = self._walk
        for item in walk.accept(1, await self._fetch_page(1)):
            yield item
        in_flight: deque[tuple[int, asyncio.Future[_Page[ItemT]]]] = deque()
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

    def __aiter__(self) -> AsyncPager[ItemT]:
        return self

    async def __anext__(self) -> ItemT:
        return await self._items.__anext__()

    async def aclose(self) -> None:
        """Stop iterating and cancel page requests in flight."""
        await self._items.aclose()

    def __repr__(self) -> str:
        return _repr(self, self._query, self._walk)


class AsyncImagePager(AsyncPager[Image]):
    """Every image of a filtered list, for ``async for``; see ``AsyncPager``."""

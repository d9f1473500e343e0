"""list() and list_page(): page sizes, request counts, order, concurrency, and a collection
that changes between pages."""

from __future__ import annotations

import asyncio
import math
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from linode_images import AsyncLinodeImages, PaginatedImages

from tests.overlay.support import TOKEN, Recorder, image_json, json_response


class Collection:
    """A paged GET /images over a mutable list of image ids, like the API's envelope."""

    def __init__(self, count: int) -> None:
        self.ids = [f"private/{n}" for n in range(1, count + 1)]
        self.page_sizes: list[int] = []
        self.pages_asked: list[int] = []
        self.on_request: Any = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        query = parse_qs(request.url.query.decode())
        page, size = int(query["page"][0]), int(query["page_size"][0])
        self.pages_asked.append(page)
        self.page_sizes.append(size)
        if self.on_request is not None:
            self.on_request(page)
        results = len(self.ids)
        pages = math.ceil(results / size)
        chunk = self.ids[(page - 1) * size : page * size]
        if not results:
            return json_response(200, {"data": [], "page": 0, "pages": 0, "results": 0})
        # Key order varies on the real API.
        return json_response(
            200, {"pages": pages, "data": [image_json(i) for i in chunk], "results": results, "page": page}
        )


@pytest.mark.parametrize("count", [0, 1, 499, 500, 501, 1000, 1234])
def test_list_uses_ceil_n_over_500_requests(make: Any, count: int) -> None:
    collection = Collection(count)
    harness = make(Recorder(default=collection))
    images = harness.list()
    assert [i.id for i in images] == collection.ids
    assert len(collection.pages_asked) == max(1, math.ceil(count / 500))
    assert set(collection.page_sizes) == {500}


def test_list_with_smaller_pages(make: Any) -> None:
    collection = Collection(130)
    harness = make(Recorder(default=collection))
    assert [i.id for i in harness.list(page_size=25)] == collection.ids
    assert collection.pages_asked == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("page_size", [0, 24, 501, -1])
def test_page_size_bounds(make: Any, page_size: int) -> None:
    recorder = Recorder()
    harness = make(recorder)
    with pytest.raises(ValueError):
        harness.list(page_size=page_size)
    with pytest.raises(ValueError):
        harness.call("list_page", page_size=page_size)
    assert recorder.count == 0


def test_list_page_returns_one_page_with_metadata(make: Any) -> None:
    collection = Collection(260)
    harness = make(Recorder(default=collection))
    page = harness.call("list_page", page=2, page_size=100)
    assert isinstance(page, PaginatedImages)
    assert (page.page, page.pages, page.results) == (2, 3, 260)
    assert [i.id for i in page.data] == collection.ids[100:200]
    with pytest.raises(ValueError):
        harness.call("list_page", page=0)


def test_list_is_lazy(kind: str) -> None:
    collection = Collection(1200)
    if kind == "sync":
        from linode_images import LinodeImages

        with LinodeImages(token=TOKEN, transport=httpx.MockTransport(collection)) as client:
            pager = client.images.list()
            assert collection.pages_asked == []
            first = next(pager)
            assert first.id == "private/1"
            assert collection.pages_asked == [1]
            assert pager.requests == 1
    else:

        async def main() -> None:
            async with AsyncLinodeImages(token=TOKEN, transport=httpx.MockTransport(collection)) as client:
                pager = client.images.list()
                assert collection.pages_asked == []
                first = await pager.__anext__()
                assert first.id == "private/1"
                assert collection.pages_asked == [1]
                await pager.aclose()

        asyncio.run(main())


def test_deleted_between_pages_no_crash_no_duplicates(make: Any) -> None:
    """Deleting images that were already read shifts later ones back a page: they are missed,
    never duplicated, and the iteration ends cleanly."""
    collection = Collection(75)

    def delete_first_ten(page: int) -> None:
        if page == 2:
            del collection.ids[:10]

    collection.on_request = delete_first_ten
    harness = make(Recorder(default=collection))
    ids = [i.id for i in harness.list(page_size=25)]
    assert len(ids) == len(set(ids))
    assert ids[:25] == [f"private/{n}" for n in range(1, 26)]
    # private/26..35 moved onto page 1 after it was read: they are the ones missed.
    assert set(ids) == {f"private/{n}" for n in range(1, 76)} - {f"private/{n}" for n in range(26, 36)}


def test_created_between_pages_gives_no_duplicates(make: Any) -> None:
    """Images inserted at the front push read ones onto later pages: they are skipped."""
    collection = Collection(60)

    def insert_five(page: int) -> None:
        if page == 2:
            collection.ids[:0] = [f"private/{n}" for n in range(1000, 1005)]

    collection.on_request = insert_five
    harness = make(Recorder(default=collection))
    ids = [i.id for i in harness.list(page_size=25)]
    assert len(ids) == len(set(ids)) == 60
    assert set(ids) == {f"private/{n}" for n in range(1, 61)}


def test_collection_emptied_mid_iteration(make: Any) -> None:
    collection = Collection(100)

    def empty(page: int) -> None:
        if page == 2:
            collection.ids.clear()

    collection.on_request = empty
    harness = make(Recorder(default=collection))
    ids = [i.id for i in harness.list(page_size=25)]
    assert ids == [f"private/{n}" for n in range(1, 26)]


def test_collection_grows_mid_iteration(make: Any) -> None:
    collection = Collection(50)

    def grow(page: int) -> None:
        if page == 2 and len(collection.ids) == 50:
            collection.ids.extend(f"private/{n}" for n in range(51, 81))

    collection.on_request = grow
    harness = make(Recorder(default=collection))
    ids = [i.id for i in harness.list(page_size=25)]
    assert ids == [f"private/{n}" for n in range(1, 81)]


def test_errors_while_paging_propagate(make: Any) -> None:
    collection = Collection(100)
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if "page=3&" in str(request.url):
            return json_response(404, {"errors": [{"reason": "Not found"}]})
        return collection(request)

    from linode_images import NotFoundError

    harness = make(Recorder(default=handler))
    with pytest.raises(NotFoundError):
        harness.list(page_size=25)


class SlowPages:
    """Answers page requests after a delay that is longer for earlier pages, tracking how
    many are in flight at once."""

    def __init__(self, count: int, size: int) -> None:
        self.collection = Collection(count)
        self.size = size
        self.in_flight = 0
        self.max_in_flight = 0
        self.started: list[int] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        page = int(parse_qs(request.url.query.decode())["page"][0])
        self.started.append(page)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            # Later pages answer first, so in-order yielding is really tested.
            await asyncio.sleep(0.002 * (20 - page % 20))
            return self.collection(request)
        finally:
            self.in_flight -= 1


@pytest.mark.parametrize("max_concurrency", [1, 3, 8])
async def test_async_pages_are_concurrent_bounded_and_in_order(max_concurrency: int) -> None:
    slow = SlowPages(count=25 * 12, size=25)
    transport = httpx.MockTransport(slow.handle_async_request)  # type: ignore[arg-type]
    async with AsyncLinodeImages(token=TOKEN, transport=transport, max_concurrency=max_concurrency) as client:
        ids = [image.id async for image in client.images.list(page_size=25)]
    assert ids == slow.collection.ids
    assert sorted(slow.started) == list(range(1, 13))
    assert slow.started[0] == 1
    assert slow.max_in_flight == max_concurrency
    assert slow.collection.pages_asked.count(1) == 1


async def test_async_max_concurrency_per_call() -> None:
    slow = SlowPages(count=25 * 6, size=25)
    transport = httpx.MockTransport(slow.handle_async_request)  # type: ignore[arg-type]
    async with AsyncLinodeImages(token=TOKEN, transport=transport, max_concurrency=5) as client:
        ids = [image.id async for image in client.images.list(page_size=25, max_concurrency=2)]
    assert len(ids) == 150
    assert slow.max_in_flight == 2


async def test_async_early_exit_cancels_pending_pages() -> None:
    slow = SlowPages(count=25 * 40, size=25)
    transport = httpx.MockTransport(slow.handle_async_request)  # type: ignore[arg-type]
    async with AsyncLinodeImages(token=TOKEN, transport=transport, max_concurrency=4) as client:
        pager = client.images.list(page_size=25)
        seen = 0
        async for _ in pager:
            seen += 1
            if seen == 30:
                break
        await pager.aclose()
        await asyncio.sleep(0.05)
    assert seen == 30
    # Page 1, then a window of at most 4 pages ahead: never the whole collection.
    assert len(slow.started) <= 1 + 4 + 1
    assert slow.in_flight == 0


def test_max_concurrency_must_be_positive() -> None:
    with pytest.raises(ValueError):
        AsyncLinodeImages(token=TOKEN, max_concurrency=0)


def test_a_pagers_repr_says_what_it_lists_and_how_far_it_got(make: Any) -> None:
    harness = make(Collection(1200))
    pager = harness.client.images.list(filter={"is_public": False}, order_by="created", page_size=500)
    extra = ", max_concurrency=4" if harness.kind == "async" else ""
    name = "AsyncImagePager" if harness.kind == "async" else "ImagePager"
    query = 'filter=\'{"is_public":false,"+order_by":"created"}\', page_size=500'
    assert repr(pager) == f"{name}({query}{extra}, pages_read=0)"
    if harness.kind == "sync":
        list(pager)
    else:

        async def collect() -> None:
            async for _ in pager:
                pass

        harness.run(collect())
    assert repr(pager) == f"{name}({query}{extra}, pages_read=3)"
    assert TOKEN not in repr(pager)

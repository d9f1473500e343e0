"""``images.list()`` yields exactly what the API's filter selects, in the API's order, for any
filter built with ``Filter``, any sorting and any page size, however many images there are.

Each example seeds the mock with a drawn number of private images (public ones are always
there), builds a filter from ``Filter``'s operators over the filterable fields, and compares
the ids the pager yields (the sync one over a socket, the async one, which fetches pages
concurrently, in-process) with the mock's own answer to the same ``X-Filter`` as one page.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from linode_images import ORDERABLE_FIELDS, AsyncLinodeImages, Filter, LinodeImages
from linode_images._filter import build_x_filter
from linode_images_mock import MockServer, create_app
from linode_images_mock._filters import parse_filter

from tests.property.support import ACCOUNT, OUTCOMES, TOKEN, budget, count, running_mock

TEXT = st.text(st.characters(min_codepoint=0x20, blacklist_categories=("Cs", "Cc")), max_size=6)
# Values near the seeded data, so filters select some images and not others.
FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "label": st.sampled_from(["seeded-1", "seeded-12", "Debian 12", "Ubuntu"]) | TEXT,
    "size": st.integers(0, 3000),
    "is_public": st.booleans(),
    "deprecated": st.booleans(),
    "status": st.sampled_from(["available", "creating", "pending_upload"]),
    "type": st.sampled_from(["manual", "automatic"]),
    "vendor": st.sampled_from(["Debian", "Ubuntu", "AlmaLinux"]),
    "tags": TEXT,
}
STRING_FIELDS = {"label", "vendor", "tags", "status", "type"}


@st.composite
def conditions(draw: st.DrawFn) -> Filter:
    name = draw(st.sampled_from(sorted(FIELD_VALUES)))
    value = draw(FIELD_VALUES[name])
    operators = ["eq", "neq", "gt", "gte", "lt", "lte"] + (["contains"] if name in STRING_FIELDS else [])
    operator = draw(st.sampled_from(operators))
    made: Filter = getattr(Filter, operator)(name, value)
    return made


FILTERS = st.recursive(
    conditions(),
    lambda inner: st.lists(inner, min_size=1, max_size=3).flatmap(
        lambda parts: st.sampled_from([Filter.and_(*parts), Filter.or_(*parts)])
    ),
    max_leaves=5,
)


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with running_mock() as running:
        yield running


@pytest.mark.parametrize("kind", ["sync-socket", "async-asgi"])
def test_list_yields_what_the_filter_selects_in_order(server: MockServer, kind: str) -> None:
    sync_client = LinodeImages(TOKEN, base_url=server.url, retry=None)
    async_client = AsyncLinodeImages(
        TOKEN,
        base_url="http://localhost",
        retry=None,
        transport=httpx.ASGITransport(app=create_app(state=server.state)),
    )

    @budget(100)
    @given(
        private=st.integers(0, 70),
        image_filter=st.none() | FILTERS,
        order_by=st.none() | st.sampled_from(sorted(ORDERABLE_FIELDS)),
        order=st.none() | st.sampled_from(["asc", "desc"]),
        page_size=st.sampled_from([25, 26, 40, 100, 500]),
    )
    def run(
        private: int, image_filter: Filter | None, order_by: str | None, order: Any, page_size: int
    ) -> None:
        count(f"listing[{kind}]")
        server.state.reset()
        server.state.seed_images(private, public=False, account=ACCOUNT)
        header = build_x_filter(image_filter, order_by=order_by, order=order)
        if image_filter is not None:
            assert json.loads(image_filter.to_header()) == image_filter.to_dict()
        everything = server.state.list_images(ACCOUNT, parse_filter(header), 1, 10**6)
        expected = [image["id"] for image in everything["data"]]
        options: dict[str, Any] = {"filter": image_filter, "order_by": order_by, "order": order}
        if kind == "sync-socket":
            listed = [image.id for image in sync_client.images.list(page_size=page_size, **options)]
        else:

            async def collect() -> list[str | Any]:
                pager = async_client.images.list(page_size=page_size, **options)
                return [image.id async for image in pager]

            listed = runner.run(collect())
        assert listed == expected
        OUTCOMES[f"listing {'one page' if len(expected) <= page_size else 'several pages'}"] += 1
        assert everything["results"] == len(expected)

    with sync_client, asyncio.Runner() as runner:
        try:
            run()
        finally:
            runner.run(async_client.aclose())

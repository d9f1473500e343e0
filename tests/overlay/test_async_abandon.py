"""Leaving ``async for image in client.images.list()`` with pages in flight, then closing the
client: the page requests are cancelled and awaited, so nothing is reported afterwards."""

from __future__ import annotations

import asyncio
import gc
import logging
import warnings
from typing import Any

import pytest
from linode_images import AsyncLinodeImages
from linode_images_mock import FaultPlan, MockConfig, MockServer

from ..support import TOKEN, fresh_mock, mock_server_fixture

DEFAULTS = MockConfig()
mock_server = mock_server_fixture(DEFAULTS)


@pytest.fixture
def mock(mock_server: MockServer) -> MockServer:
    server = fresh_mock(mock_server, DEFAULTS)
    server.state.seed_images(300, public=False, account="default")
    # Page 1 at once, the others slowly: they are in flight when the loop is left.
    server.state.configure(faults={"get-images": FaultPlan(sequence=("ok", "ok", *["latency:0.3"] * 20))})
    return server


@pytest.mark.parametrize("keep_pager", [False, True])
def test_breaking_out_then_closing_reports_nothing(
    mock: MockServer, keep_pager: bool, caplog: pytest.LogCaptureFixture
) -> None:
    reported: list[dict[str, Any]] = []
    in_flight: list[int] = []

    async def main() -> None:
        asyncio.get_running_loop().set_exception_handler(lambda loop, context: reported.append(context))
        client = AsyncLinodeImages(token=TOKEN, base_url=mock.url, max_concurrency=4)
        pager = client.images.list(filter={"is_public": False}, page_size=25)
        seen = 0
        async for _image in pager:
            seen += 1
            if seen == 26:  # the first image of page 2: pages 3 to 5 are in flight
                in_flight.append(len(client._page_tasks))
                break
        if not keep_pager:
            del pager
        await client.aclose()
        await asyncio.sleep(0.5)  # the slow pages would have come back by now

    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.ERROR, "asyncio"):
        warnings.simplefilter("always")
        asyncio.run(main())
        gc.collect()
    assert [r.getMessage() for r in caplog.records if r.name == "asyncio"] == []
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []
    assert [c.get("message") for c in reported] == []
    assert in_flight == [3]

"""Test doubles for the linode_images client tests: a scripted httpx.MockTransport handler, a
fake clock and sleep, and a harness that drives the sync and async clients through one interface."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
from linode_images import AsyncLinodeImages, Image, LinodeImages

from ..support import TOKEN, FakeTime

__all__ = ["TOKEN", "FakeTime"]

Handler = Callable[[httpx.Request], httpx.Response]


def image_json(image_id: str = "private/1", **fields: Any) -> dict[str, Any]:
    """An image as the real API sends it (offset-less timestamps, nullable fields)."""
    doc: dict[str, Any] = {
        "id": image_id,
        "label": f"label-{image_id.split('/')[-1]}",
        "description": "",
        "created": "2021-08-14T22:44:02",
        "updated": "2021-08-14T22:44:02",
        "created_by": "someone",
        "type": "manual",
        "status": "available",
        "is_public": False,
        "is_shared": False,
        "deprecated": False,
        "size": 2500,
        "total_size": 5000,
        "vendor": None,
        "eol": None,
        "expiry": None,
        "capabilities": ["cloud-init"],
        "tags": [],
        "regions": [{"region": "us-east", "status": "available"}],
    }
    doc.update(fields)
    return doc


def json_response(status: int, doc: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(
        status,
        content=json.dumps(doc).encode(),
        headers={"content-type": "application/json", **(headers or {})},
    )


class Recorder:
    """A MockTransport handler that records requests and answers from a script.

    ``script`` items are responses, exceptions to raise, or callables taking the request.
    After the script runs out, ``default`` answers.
    """

    def __init__(self, *script: Any, default: Handler | None = None) -> None:
        self.script = list(script)
        self.default = default
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.script:
            item = self.script.pop(0)
        elif self.default is not None:
            item = self.default
        else:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        if isinstance(item, BaseException):
            raise item
        if callable(item):
            item = item(request)
        assert isinstance(item, httpx.Response)
        # A fresh copy: a Response object can only be sent once (and by one kind of client).
        return httpx.Response(item.status_code, headers=item.headers, content=item.content)

    @property
    def count(self) -> int:
        return len(self.requests)


class Harness:
    """One interface over LinodeImages and AsyncLinodeImages, so a test runs against both."""

    def __init__(
        self, kind: str, handler: Handler | None = None, *, fake_time: FakeTime | None = None, **kwargs: Any
    ) -> None:
        self.kind = kind
        self.time = fake_time or FakeTime()
        kwargs.setdefault("token", TOKEN)
        if handler is not None:
            kwargs.setdefault("transport", httpx.MockTransport(handler))
        kwargs.setdefault("clock", self.time.clock)
        self.client: LinodeImages | AsyncLinodeImages
        if kind == "sync":
            kwargs.setdefault("sleep", self.time.sleep)
            self.client = LinodeImages(**kwargs)
        else:
            kwargs.setdefault("sleep", self.time.async_sleep)
            self.loop = asyncio.new_event_loop()
            self.client = AsyncLinodeImages(**kwargs)

    def run(self, value: Any) -> Any:
        return self.loop.run_until_complete(value) if self.kind == "async" else value

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.run(getattr(self.client.images, method)(*args, **kwargs))

    def raw(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.run(getattr(self.client.images.with_raw_response, method)(*args, **kwargs))

    def list(self, **kwargs: Any) -> list[Image]:
        pager = self.client.images.list(**kwargs)
        if self.kind == "sync":
            return list(pager)  # type: ignore[arg-type]

        async def collect() -> list[Image]:
            return [image async for image in pager]  # type: ignore[union-attr]

        return self.run(collect())  # type: ignore[no-any-return]

    def close(self) -> None:
        if isinstance(self.client, LinodeImages):
            self.client.close()
        else:
            self.loop.run_until_complete(self.client.aclose())
            self.loop.close()

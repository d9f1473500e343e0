"""Fixtures: the mock in-process (httpx over ASGI) with strict response validation."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from linode_images_mock import MockConfig, MockState, create_app

from ..support import OTHER_TOKEN, TOKEN, FakeTime

__all__ = ["OTHER_TOKEN", "TOKEN", "FakeClock"]

AUTH = {"Authorization": f"Bearer {TOKEN}"}
OTHER_AUTH = {"Authorization": f"Bearer {OTHER_TOKEN}"}


FakeClock = FakeTime


def make_config(**changes: Any) -> MockConfig:
    """Two accounts with their own disks, strict response validation."""
    base: dict[str, Any] = {
        "tokens": {TOKEN: "default", OTHER_TOKEN: "other"},
        "disks": {"default": [1001, 1002], "other": [2001]},
        "strict": True,
    }
    return MockConfig(**{**base, **changes})


@pytest.fixture
def config() -> MockConfig:
    return make_config()


@pytest.fixture
def state(config: MockConfig) -> MockState:
    state = MockState(config)
    state.clock = FakeClock(1_800_000_000.0)
    return state


@pytest.fixture
def clock(state: MockState) -> FakeClock:
    assert isinstance(state.clock, FakeClock)
    return state.clock


@pytest.fixture
async def client(state: MockState) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(state=state)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://mock.test") as client:
        yield client


async def upload_image(client: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    """POST /v4/images/upload with defaults; returns the JSON answer."""
    payload = {"label": "my-image", "region": "us-east", **body}
    response = await client.post("/v4/images/upload", json=payload, headers=AUTH)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def create_image(client: httpx.AsyncClient, disk_id: int = 1001, **body: Any) -> dict[str, Any]:
    """POST /v4/images from a disk; returns the image."""
    response = await client.post("/v4/images", json={"disk_id": disk_id, **body}, headers=AUTH)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result

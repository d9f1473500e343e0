"""A hypothesis state machine drives the client against the strict mock (the sync client
over a socket, the async one in-process over ASGI, both on one state): images are created
from disks, uploaded (``images.upload`` with generated raw data, and pending uploads left
without data), updated, replicated, read, listed and deleted in any order.

After every step the client's view (``images.list`` of the account's private images) must
equal the mock's state (read directly from ``server.state``), and both must equal a model
the machine keeps of what the steps asked for: labels, descriptions, tags, regions and
statuses. The mock's transitions are immediate, so by the time a step has read an image
its creation, upload or replication has completed.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import hypothesis.strategies as st
import pytest
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
    run_state_machine_as_test,
)
from linode_images import AsyncLinodeImages, ConflictError, Filter, Image, LinodeImages, NotFoundError
from linode_images_mock import MockServer, create_app
from linode_images_mock._filters import parse_filter

from tests.property.support import (
    ACCOUNT,
    CALLS,
    DISKS,
    TOKEN,
    assert_round_trip,
    budget,
    component,
    count,
    fresh,
    mock_config,
    normalise,
    running_mock,
)

REGIONS = mock_config().regions[:4]
# Labels and descriptions: any text the spec allows; tags: 3..100 characters (spec).
LABELS = st.text(max_size=24)
DESCRIPTIONS = st.text(max_size=40)
TAGS = st.lists(st.text(min_size=3, max_size=12), max_size=3)
PRIVATE = '{"is_public": false}'


@dataclass
class Expected:
    """What the steps asked of one image."""

    label: str
    description: str | None
    tags: list[str]
    regions: list[str]
    status: str
    size: int | None = None
    capabilities: list[str] = field(default_factory=list)


class Api:
    """``client.images`` of the sync client, or of the async one run to completion: one interface."""

    def __init__(
        self, client: LinodeImages | AsyncLinodeImages, runner: asyncio.Runner | None = None
    ) -> None:
        self.client = client
        self.runner = runner

    METHODS = frozenset({"create", "upload", "create_upload", "update", "replicate", "get", "delete"})

    def __getattr__(self, name: str) -> Any:
        if name not in self.METHODS:
            raise AttributeError(name)
        CALLS[name] += 1
        method = getattr(self.client.images, name)
        runner = self.runner
        if runner is None:
            return method
        return lambda *args, **kwargs: runner.run(method(*args, **kwargs))

    def list(self, **kwargs: Any) -> list[Image]:
        CALLS["list"] += 1
        pager = self.client.images.list(**kwargs)
        if self.runner is None:
            return list(pager)

        async def collect() -> list[Image]:
            return [image async for image in pager]

        return self.runner.run(collect())


class ImagesMachine(RuleBasedStateMachine):
    """Steps through the client; checks the client's view, the mock's state and the model agree."""

    server: MockServer
    api: Api

    images = Bundle("images")

    def __init__(self) -> None:
        super().__init__()
        count(f"stateful[{'sync' if self.api.runner is None else 'async'}]")
        self.state = self.server.state
        self.model: dict[str, Expected] = {}
        self.deleted: list[str] = []
        for image_id in fresh(self.state):
            seeded = self.state.get_image(image_id, ACCOUNT)
            self.model[image_id] = Expected(
                seeded["label"], seeded["description"], [], [REGIONS[0]], "available", seeded["size"]
            )

    @rule(target=images, disk_id=st.sampled_from(DISKS), label=LABELS, description=DESCRIPTIONS, tags=TAGS,
          cloud_init=st.booleans())  # fmt: skip
    def create(self, disk_id: int, label: str, description: str, tags: list[str], cloud_init: bool) -> str:
        image = self.api.create(
            disk_id=disk_id, label=label, description=description, tags=tags, cloud_init=cloud_init
        )
        assert (image.label, image.description, image.tags, str(image.status)) == (
            label, description, tags, "creating",
        )  # fmt: skip
        assert isinstance(image.id, str)
        self.model[image.id] = Expected(
            label, description, tags, [REGIONS[0]], "available", None, ["cloud-init"] if cloud_init else []
        )
        return image.id

    # images.upload wants a label and some data (create_upload leaves the label to the API).
    @rule(
        target=images,
        data=st.binary(min_size=1, max_size=2048),
        label=LABELS.filter(bool),
        region=st.sampled_from(REGIONS),
        tags=TAGS,
    )
    def upload(self, data: bytes, label: str, region: str, tags: list[str]) -> str:
        image = self.api.upload(data, label=label, region=region, tags=tags, wait=True, wait_timeout=5)
        assert str(image.status) == "available"
        assert isinstance(image.id, str)
        record = self.state.counters.uploads[image.id]
        assert record.bytes > 0 and not record.authorization_seen
        # size is in MB, rounded up (REAL-API-FACTS, "Image objects").
        self.model[image.id] = Expected(
            label, "", tags, [region], "available", max(1, math.ceil(record.bytes / 1e6))
        )
        return image.id

    @rule(target=images, label=LABELS, region=st.sampled_from(REGIONS))
    def create_upload_without_data(self, label: str, region: str) -> str:
        pending = self.api.create_upload(label=label, region=region)
        assert isinstance(pending.image, Image) and isinstance(pending.image.id, str)
        assert str(pending.image.status) == "pending_upload" and pending.image.regions == []
        self.model[pending.image.id] = Expected(label, "", [], [], "pending_upload", 0)
        return pending.image.id

    @rule(
        image_id=images, label=st.none() | LABELS, description=st.none() | DESCRIPTIONS, tags=st.none() | TAGS
    )
    def update(
        self, image_id: str, label: str | None, description: str | None, tags: list[str] | None
    ) -> None:
        changes: dict[str, Any] = {
            name: value
            for name, value in (("label", label), ("description", description), ("tags", tags))
            if value is not None
        }
        if image_id in self.deleted:
            if changes:
                with pytest.raises(NotFoundError):
                    self.api.update(image_id, **changes)
            return
        if not changes:
            with pytest.raises(ValueError, match="at least one"):
                self.api.update(image_id)
            return
        image = self.api.update(image_id, **changes)
        for name, value in changes.items():
            setattr(self.model[image_id], name, value)
            assert getattr(image, name) == value

    @rule(image_id=images, regions=st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3, unique=True))
    def replicate(self, image_id: str, regions: list[str]) -> None:
        if image_id in self.deleted:
            with pytest.raises(NotFoundError):
                self.api.replicate(image_id, regions=regions)
            return
        expected = self.model[image_id]
        if expected.status != "available":
            with pytest.raises(ConflictError):
                self.api.replicate(image_id, regions=regions)
            return
        image = self.api.replicate(image_id, regions=regions)
        assert image.regions is not None and set(regions) <= {entry.region for entry in image.regions}
        # The list replaces the regions: kept ones stay in place, new ones are appended.
        expected.regions = [r for r in expected.regions if r in regions] + [
            r for r in regions if r not in expected.regions
        ]

    @rule(image_id=images)
    def get(self, image_id: str) -> None:
        if image_id in self.deleted:
            with pytest.raises(NotFoundError):
                self.api.get(image_id)
            return
        image = self.api.get(image_id)
        assert_round_trip(image, self.state.get_image(image_id, ACCOUNT), "Image")

    @rule(image_id=consumes(images))
    def delete(self, image_id: str) -> None:
        if image_id in self.deleted:
            with pytest.raises(NotFoundError):
                self.api.delete(image_id)
            return
        self.api.delete(image_id)
        del self.model[image_id]
        self.deleted.append(image_id)

    @rule(page_size=st.sampled_from([25, 100, 500]))
    def list_pages(self, page_size: int) -> None:
        """Paging through every image (public ones included) in pages of ``page_size``."""
        seen = [image.id for image in self.api.list(page_size=page_size, order_by="id")]
        assert len(seen) == len(set(seen))
        everything = self.state.list_images(ACCOUNT, parse_filter('{"+order_by": "id"}'), 1, 500)
        assert seen == [image["id"] for image in everything["data"]]

    @invariant()
    def client_view_equals_mock_state(self) -> None:
        listed = {image.id: image for image in self.api.list(filter=Filter.eq("is_public", False))}
        stored = {
            image["id"]: image
            for image in self.state.list_images(ACCOUNT, parse_filter(PRIVATE), 1, 500)["data"]
        }
        assert set(listed) == set(stored) == set(self.model)
        schema = component("Image")
        for image_id, image in listed.items():
            assert normalise(image.to_dict(), schema) == normalise(stored[image_id], schema)
            expected = self.model[image_id]
            assert (image.label, image.description, image.tags, str(image.status)) == (
                expected.label, expected.description, expected.tags, expected.status,
            )  # fmt: skip
            assert [entry.region for entry in image.regions or []] == expected.regions
            assert all(str(entry.status) == "available" for entry in image.regions or [])
            assert image.capabilities == expected.capabilities
            if expected.size is not None:
                assert image.size == expected.size


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with running_mock() as running:
        yield running


@pytest.mark.parametrize("kind", ["sync-socket", "async-asgi"])
def test_client_and_mock_agree_through_any_sequence_of_operations(server: MockServer, kind: str) -> None:
    if kind == "sync-socket":
        with LinodeImages(TOKEN, base_url=server.url, retry=None) as client:
            ImagesMachine.server, ImagesMachine.api = server, Api(client)
            run_state_machine_as_test(ImagesMachine, settings=budget(50, stateful_step_count=15))
        return
    transport = httpx.ASGITransport(app=create_app(state=server.state))
    client = AsyncLinodeImages(TOKEN, base_url="http://localhost", retry=None, transport=transport)
    with asyncio.Runner() as runner:
        try:
            ImagesMachine.server, ImagesMachine.api = server, Api(client, runner)
            run_state_machine_as_test(ImagesMachine, settings=budget(50, stateful_step_count=15))
        finally:
            runner.run(client.aclose())

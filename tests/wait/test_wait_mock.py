"""``wait_for_status`` and ``wait_for_replication`` against the mock's lifecycles, sync and async.

Time is a fake clock that the injected sleep advances: no real sleeping. The mock's
transitions are counted in reads, so the number of polls is exact.
"""

from __future__ import annotations

import gzip
from typing import Any

import pytest
from linode_images import (
    AsyncLinodeImages,
    Image,
    LinodeImages,
    NotFoundError,
    UnreachableStatusError,
    WaitTimeoutError,
)
from linode_images_mock import MockServer

from ..support import TOKEN
from ..support import FakeTime as SharedTime

DISK_ID = 1001
REGIONS = ["us-east", "us-iad", "eu-west"]


def FakeTime() -> SharedTime:
    return SharedTime(1_800_000_000.0)


def sync_client(mock: MockServer, time: SharedTime) -> LinodeImages:
    return LinodeImages(token=TOKEN, base_url=mock.url, sleep=time.sleep, clock=time.clock)


def async_client(mock: MockServer, time: SharedTime) -> AsyncLinodeImages:
    return AsyncLinodeImages(token=TOKEN, base_url=mock.url, sleep=time.async_sleep, clock=time.clock)


def gets(mock: MockServer) -> int:
    return mock.state.counters.requests["get-image"]


# ---- sync ---------------------------------------------------------------------------------------


def test_already_available_returns_after_one_poll(mock: MockServer) -> None:
    time = FakeTime()
    with sync_client(mock, time) as linode:
        image_id = str(linode.images.create(disk_id=DISK_ID, label="golden").id)
        image = linode.images.wait_for_status(image_id, "available")
    assert image.status == "available"
    assert (gets(mock), time.sleeps) == (1, [])


def test_available_after_three_reads(mock: MockServer) -> None:
    mock.state.configure(timing={"create": "3 reads"})
    time = FakeTime()
    with sync_client(mock, time) as linode:
        created = linode.images.create(disk_id=DISK_ID, label="golden")
        assert created.status == "creating"
        image = linode.images.wait_for_status(str(created.id), poll_interval=1.0)
    assert image.status == "available"
    assert gets(mock) == 4
    assert time.sleeps == [1.0, 1.5, 2.25]


def test_upload_then_wait(mock: MockServer) -> None:
    mock.state.configure(timing={"upload": "2 reads"})
    time = FakeTime()
    with sync_client(mock, time) as linode:
        image = linode.images.upload(gzip.compress(b"disk" * 1000), label="golden", region="us-east")
    assert image.status == "available" and image.size == 1
    assert gets(mock) == 3


def test_upload_wait_timeout_keeps_the_uploaded_image(mock: MockServer) -> None:
    mock.state.configure(timing={"upload": "1000 reads"})
    time = FakeTime()
    with sync_client(mock, time) as linode:
        with pytest.raises(WaitTimeoutError) as caught:
            linode.images.upload(gzip.compress(b"disk"), label="golden", region="us-east", wait_timeout=20)
        assert caught.value.elapsed == pytest.approx(20.0)
        # The data arrived: the image is processing, not a failed upload to clean up.
        assert mock.state.counters.requests["delete-image"] == 0
        assert linode.images.get(caught.value.image_id).status == "pending_upload"


def test_404_mid_wait_fails_fast(mock: MockServer) -> None:
    mock.state.configure(timing={"create": "100 reads"})
    time = FakeTime()
    with sync_client(mock, time) as linode:
        image_id = str(linode.images.create(disk_id=DISK_ID, label="golden").id)
        time.on_sleep = lambda: (
            mock.state.delete_image(image_id, "default") if len(time.sleeps) == 1 else None
        )
        with pytest.raises(NotFoundError) as caught:
            linode.images.wait_for_status(image_id)
    assert gets(mock) == 3
    assert any("disappeared while waiting" in note for note in caught.value.__notes__)


def test_timeout_carries_the_last_image(mock: MockServer) -> None:
    mock.state.configure(timing={"create": "1000 reads"})
    time = FakeTime()
    with sync_client(mock, time) as linode:
        image_id = str(linode.images.create(disk_id=DISK_ID, label="golden").id)
        with pytest.raises(WaitTimeoutError) as caught:
            linode.images.wait_for_status(image_id, timeout=60, poll_interval=5, max_interval=20)
    error = caught.value
    assert error.image_id == image_id
    assert error.last_image is not None and error.last_image.status == "creating"
    assert error.elapsed == pytest.approx(60.0)
    assert sum(time.sleeps) == pytest.approx(60.0)
    assert gets(mock) == len(time.sleeps) + 1


def test_a_status_that_was_passed_fails_fast(mock: MockServer) -> None:
    time = FakeTime()
    with sync_client(mock, time) as linode:
        image_id = str(linode.images.create(disk_id=DISK_ID, label="golden").id)
        with pytest.raises(UnreachableStatusError):
            linode.images.wait_for_status(image_id, "pending_upload")
    assert gets(mock) == 1


def test_replication_to_several_regions(mock: MockServer) -> None:
    mock.state.configure(timing={"replication_start": "1 reads", "replication": "2 reads"})
    time = FakeTime()
    with sync_client(mock, time) as linode:
        image_id = str(linode.images.create(disk_id=DISK_ID, label="golden").id)
        replicating = linode.images.replicate(image_id, regions=REGIONS)
        assert any(r.status != "available" for r in replicating.regions)  # type: ignore[union-attr]
        image = linode.images.wait_for_replication(image_id, regions=REGIONS)
    assert {r.region: r.status for r in image.regions} == dict.fromkeys(REGIONS, "available")  # type: ignore[union-attr]
    assert gets(mock) > 1


def test_a_region_being_removed_fails_fast(mock: MockServer) -> None:
    mock.state.configure(timing={"region_removal": "100 reads", "replication_start": "100 reads"})
    time = FakeTime()
    with sync_client(mock, time) as linode:
        image_id = str(linode.images.create(disk_id=DISK_ID, label="golden").id)
        linode.images.replicate(image_id, regions=["us-iad"])  # us-east goes to "pending deletion"
        with pytest.raises(UnreachableStatusError, match="us-east"):
            linode.images.wait_for_replication(image_id, regions=["us-east", "us-iad"])


# ---- async --------------------------------------------------------------------------------------


async def test_async_available_after_polls(mock: MockServer) -> None:
    mock.state.configure(timing={"create": "2 reads"})
    time = FakeTime()
    async with async_client(mock, time) as linode:
        created = await linode.images.create(disk_id=DISK_ID, label="golden")
        image = await linode.images.wait_for_status(str(created.id))
    assert image.status == "available"
    assert gets(mock) == 3 and len(time.sleeps) == 2


async def test_async_immediate_404_and_timeout(mock: MockServer) -> None:
    mock.state.configure(timing={"create": "1000 reads"})
    time = FakeTime()
    async with async_client(mock, time) as linode:
        with pytest.raises(NotFoundError):
            await linode.images.wait_for_status("private/999999")
        image_id = str((await linode.images.create(disk_id=DISK_ID, label="golden")).id)
        with pytest.raises(WaitTimeoutError) as caught:
            await linode.images.wait_for_status(image_id, timeout=30)
    assert isinstance(caught.value.last_image, Image)
    assert caught.value.last_image.status == "creating"


async def test_async_replication(mock: MockServer) -> None:
    mock.state.configure(timing={"replication_start": "1 reads", "replication": "1 reads"})
    time = FakeTime()
    async with async_client(mock, time) as linode:
        image_id = str((await linode.images.create(disk_id=DISK_ID, label="golden")).id)
        await linode.images.replicate(image_id, regions=REGIONS)
        image = await linode.images.wait_for_replication(image_id, regions=REGIONS)
    statuses: dict[str, Any] = {r.region: r.status for r in image.regions}  # type: ignore[union-attr]
    assert statuses == dict.fromkeys(REGIONS, "available")

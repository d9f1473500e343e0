"""Write scenarios: the life of an image, from upload to delete.

They run on the mock always and on a live API only with ``LINODE_LIVE_WRITE=1``. Each test's
images carry a unique ``linode-images-contract-`` label and are deleted afterwards even when
the test fails (the ``label`` fixture).
"""

from __future__ import annotations

import gzip

import pytest
from linode_images import (
    AsyncLinodeImages,
    BadRequestError,
    Filter,
    ImageRegionStatus,
    ImageStatus,
    LinodeImages,
    NotFoundError,
)

from tests.contract.conftest import Target


def tiny_disk() -> bytes:
    """A 1 MiB raw disk: an MBR boot signature and zeros, about 1 KiB once gzipped."""
    sector = bytearray(512)
    sector[510:512] = b"\x55\xaa"
    return bytes(sector) + bytes(1024 * 1024 - 512)


def test_upload_update_replicate_delete(writes: Target, client: LinodeImages, label: str) -> None:
    home, *_ = regions = writes.regions
    data = gzip.compress(tiny_disk())

    sent: list[tuple[int, int]] = []
    pending = client.images.upload(
        data,
        label=label,
        region=home,
        description="contract suite upload",
        tags=["contract"],
        compress="never",
        on_progress=lambda done, total: sent.append((done, total)),
        wait=False,
    )
    assert isinstance(pending.id, str) and pending.id.startswith("private/")
    assert pending.label == label
    assert sent and sent[-1] == (len(data), len(data))

    image = client.images.wait_for_status(
        pending.id, "available", timeout=writes.timeout, poll_interval=writes.poll_interval
    )
    assert image.status == ImageStatus.AVAILABLE
    assert image.is_public is False
    assert isinstance(image.size, int) and image.size >= 1  # MB, rounded up
    assert image.tags == ["contract"]
    assert home in {region.region for region in image.regions or []}

    updated = client.images.update(
        image.id, label=f"{label}-v2", description="contract suite, updated", tags=["contract", "updated"]
    )
    assert (updated.label, updated.description, updated.tags) == (
        f"{label}-v2",
        "contract suite, updated",
        ["contract", "updated"],
    )
    assert client.images.get(image.id).label == f"{label}-v2"

    replicating = client.images.replicate(image.id, regions=regions)
    assert {region.region for region in replicating.regions or []} == set(regions)
    replicated = client.images.wait_for_replication(
        image.id, regions=regions, timeout=writes.timeout, poll_interval=writes.poll_interval
    )
    statuses = {region.region: region.status for region in replicated.regions or []}
    assert statuses == dict.fromkeys(regions, ImageRegionStatus.AVAILABLE)

    client.images.delete(image.id)
    with pytest.raises(NotFoundError):
        client.images.get(image.id)


async def test_the_async_client_uploads_waits_and_deletes(writes: Target, label: str) -> None:
    data = gzip.compress(tiny_disk())
    async with AsyncLinodeImages(base_url=writes.base_url, token=writes.token) as client:
        pending = await client.images.upload(data, label=label, region=writes.regions[0], wait=False)
        assert isinstance(pending.id, str)
        image = await client.images.wait_for_status(
            pending.id, "available", timeout=writes.timeout, poll_interval=writes.poll_interval
        )
        assert (image.id, image.status, image.label) == (pending.id, ImageStatus.AVAILABLE, label)

        await client.images.delete(pending.id)
        with pytest.raises(NotFoundError):
            await client.images.get(pending.id)


def test_create_from_a_disk(writes: Target, client: LinodeImages, label: str) -> None:
    if writes.disk_id is None:
        pytest.skip("creating from a disk needs LINODE_CONTRACT_DISK_ID (a disk of one of your Linodes)")
    created = client.images.create(disk_id=writes.disk_id, label=label, tags=["contract"])
    assert created.label == label
    assert created.status in (ImageStatus.CREATING, ImageStatus.AVAILABLE)

    image = client.images.wait_for_status(
        created.id, "available", timeout=writes.timeout, poll_interval=writes.poll_interval
    )
    assert image.id == created.id and image.type_ == "manual"

    client.images.delete(image.id)
    with pytest.raises(NotFoundError):
        client.images.get(image.id)


def test_an_upload_to_an_unknown_region_creates_nothing(
    writes: Target, client: LinodeImages, label: str, requests_match_the_contract: list[str]
) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.images.upload(gzip.compress(tiny_disk()), label=label, region="nowhere-1", wait=False)

    assert caught.value.status_code == 400
    assert [detail.field for detail in caught.value.errors] == ["region"]
    # The contract view names the regions a request can succeed with; this one is not.
    assert [problem.split(" is not one of ")[0] for problem in requests_match_the_contract] == [
        "post-upload-image (POST /{apiVersion}/images/upload) body: 'nowhere-1'"
    ]
    requests_match_the_contract.clear()
    leftovers = client.images.list(filter=Filter.eq("is_public", False) & Filter.contains("label", label))
    assert list(leftovers) == []

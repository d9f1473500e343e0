"""``images.upload`` against the mock server over real HTTP: bytes, headers, failures, cleanup."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from pathlib import Path

import pytest
from linode_images import AsyncLinodeImages, LinodeImages, NotFoundError, RetryPolicy, UploadError
from linode_images_mock import FaultPlan, MockServer

from .conftest import TOKEN
from .support import RAW, Pipe, gzip_of

UPLOAD_FAULTS = "put-upload-data"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def client(mock: MockServer) -> LinodeImages:
    return LinodeImages(
        token=TOKEN, base_url=mock.url, retry=RetryPolicy(max_retries=2), sleep=lambda seconds: None
    )


def check_arrived(mock: MockServer, image_id: str, expected: bytes) -> None:
    record = mock.state.counters.uploads[image_id]
    assert (record.bytes, record.sha256) == (len(expected), sha256(expected))
    assert record.authorization_seen is False
    assert mock.state.counters.upload_authorization_seen is False


def check_available(image_id: str, status: object, size: object, expected: bytes) -> None:
    assert image_id.startswith("private/")
    assert status == "available"
    assert size == max(1, math.ceil(len(expected) / 1_000_000))


Source = Callable[[Path, Path], tuple[object, bytes]]
SOURCES: dict[str, Source] = {
    "raw path, compressed on the fly": lambda raw, gz: (raw, gzip_of(RAW)),
    "pre-gzipped path": lambda raw, gz: (gz, gz.read_bytes()),
    "raw bytes": lambda raw, gz: (RAW, gzip_of(RAW)),
    "gzip bytes": lambda raw, gz: (gz.read_bytes(), gz.read_bytes()),
    "non-seekable raw stream": lambda raw, gz: (Pipe(RAW), gzip_of(RAW)),
    "non-seekable gzip stream": lambda raw, gz: (Pipe(gz.read_bytes()), gz.read_bytes()),
    "seekable file object": lambda raw, gz: (open(gz, "rb"), gz.read_bytes()),  # noqa: SIM115
}


@pytest.mark.parametrize("kind", list(SOURCES))
def test_round_trip(mock: MockServer, raw_file: Path, gz_file: Path, kind: str) -> None:
    source, expected = SOURCES[kind](raw_file, gz_file)
    with client(mock) as linode:
        image = linode.images.upload(source, label="golden", region="us-east")  # type: ignore[arg-type]
    assert isinstance(image.id, str)
    check_available(image.id, image.status, image.size, expected)
    check_arrived(mock, image.id, expected)
    if hasattr(source, "close"):
        source.close()


async def test_round_trip_async(mock: MockServer, raw_file: Path) -> None:
    async with AsyncLinodeImages(token=TOKEN, base_url=mock.url) as linode:
        image = await linode.images.upload(raw_file, label="golden", region="us-east")
    assert isinstance(image.id, str)
    check_available(image.id, image.status, image.size, gzip_of(RAW))
    check_arrived(mock, image.id, gzip_of(RAW))


def test_tags_description_and_cloud_init_reach_the_image(mock: MockServer, gz_file: Path) -> None:
    with client(mock) as linode:
        image = linode.images.upload(
            gz_file,
            label="golden",
            region="us-iad",
            description="base",
            tags=["web", "prod"],
            cloud_init=True,
        )
    assert (image.label, image.description, image.tags) == ("golden", "base", ["web", "prod"])
    assert image.capabilities == ["cloud-init"]
    assert [r.region for r in image.regions] == ["us-iad"]  # type: ignore[union-attr]


def test_size_over_the_limit_creates_nothing(mock: MockServer, gz_file: Path) -> None:
    with client(mock) as linode, pytest.raises(ValueError, match="upload limit"):
        linode.images.upload(gz_file, label="golden", region="us-east", max_size=gz_file.stat().st_size - 1)
    assert mock.state.counters.images_created == 0
    assert mock.state.counters.requests["post-upload-image"] == 0


def test_non_gzip_with_compress_never_creates_nothing(mock: MockServer, raw_file: Path) -> None:
    with client(mock) as linode, pytest.raises(ValueError, match="not gzip data"):
        linode.images.upload(raw_file, label="golden", region="us-east", compress="never")
    assert mock.state.counters.images_created == 0


def test_storage_limit_below_ours_is_reported_and_cleaned_up(mock: MockServer, gz_file: Path) -> None:
    mock.state.configure(upload_limit=1000)
    with client(mock) as linode, pytest.raises(UploadError) as caught:
        linode.images.upload(gz_file, label="golden", region="us-east")
    assert (caught.value.status_code, caught.value.code) == (400, "EntityTooLarge")
    assert caught.value.attempts == 1  # a 400 is final
    assert caught.value.image_deleted is True
    assert mock.state.counters.requests["delete-image"] == 1


def cleaned_up(mock: MockServer, linode: LinodeImages, image_id: str | None) -> None:
    assert image_id is not None
    assert mock.state.counters.images_created == 1
    assert mock.state.counters.requests["delete-image"] == 1
    with pytest.raises(NotFoundError):
        linode.images.get(image_id)


@pytest.mark.parametrize(
    ("fault", "status", "code"),
    [("500", 500, "InternalError"), ("503", 503, "ServiceUnavailable"), ("drop", None, None)],
)
def test_transient_failures_are_retried_then_cleaned_up(
    mock: MockServer, gz_file: Path, fault: str, status: int | None, code: str | None
) -> None:
    mock.state.set_faults(UPLOAD_FAULTS, FaultPlan(sequence=(fault,) * 3))
    with client(mock) as linode:
        with pytest.raises(UploadError) as caught:
            linode.images.upload(gz_file, label="golden", region="us-east")
        error = caught.value
        assert (error.status_code, error.code, error.attempts, error.image_deleted) == (status, code, 3, True)
        assert "gave up after 3 attempts" in error.message and "was deleted" in error.message
        assert mock.state.counters.requests[UPLOAD_FAULTS] == 3
        cleaned_up(mock, linode, error.image_id)


@pytest.mark.parametrize("fault", ["500", "drop"])
def test_a_retry_delivers_the_same_bytes(mock: MockServer, raw_file: Path, fault: str) -> None:
    mock.state.set_faults(UPLOAD_FAULTS, FaultPlan(sequence=(fault, "ok")))
    with client(mock) as linode:
        image = linode.images.upload(raw_file, label="golden", region="us-east")
    assert mock.state.counters.requests[UPLOAD_FAULTS] == 2
    check_arrived(mock, str(image.id), gzip_of(RAW))
    assert mock.state.counters.requests["delete-image"] == 0


@pytest.mark.parametrize("fault", ["500", "drop"])
def test_a_stream_read_once_is_not_retried(mock: MockServer, gz_file: Path, fault: str) -> None:
    data = gz_file.read_bytes()
    mock.state.set_faults(UPLOAD_FAULTS, FaultPlan(sequence=(fault, "ok")))
    with client(mock) as linode:
        with pytest.raises(UploadError) as caught:
            linode.images.upload(Pipe(data), size=len(data), label="golden", region="us-east")
        assert caught.value.attempts == 1
        assert "not retried: the source is a non-seekable stream" in caught.value.message
        assert mock.state.counters.requests[UPLOAD_FAULTS] == 1
        cleaned_up(mock, linode, caught.value.image_id)


def test_403_is_final_and_cleaned_up(mock: MockServer, gz_file: Path) -> None:
    # An upload URL past its Expires: the storage answers 403 AccessDenied with XML.
    mock.state.configure(timing={"upload_expiry": "0s"})
    with client(mock) as linode:
        with pytest.raises(UploadError) as caught:
            linode.images.upload(gz_file, label="golden", region="us-east")
        error = caught.value
        assert (error.status_code, error.code, error.attempts) == (403, "AccessDenied", 1)
        assert error.body is not None and "<Code>AccessDenied</Code>" in error.body
        assert error.image_deleted is True
        assert mock.state.counters.requests[UPLOAD_FAULTS] == 1


def test_opting_out_of_cleanup_keeps_the_pending_image(mock: MockServer, gz_file: Path) -> None:
    mock.state.set_faults(UPLOAD_FAULTS, FaultPlan(sequence=("500",) * 3))
    with client(mock) as linode:
        with pytest.raises(UploadError) as caught:
            linode.images.upload(gz_file, label="golden", region="us-east", delete_on_failure=False)
        assert caught.value.image_deleted is None
        assert mock.state.counters.requests["delete-image"] == 0
        image_id = caught.value.image_id
        assert image_id is not None
        assert linode.images.get(image_id).status == "pending_upload"


async def test_async_failure_is_cleaned_up(mock: MockServer, gz_file: Path) -> None:
    mock.state.set_faults(UPLOAD_FAULTS, FaultPlan(sequence=("500",) * 3))

    async def no_sleep(seconds: float) -> None:
        return None

    async with AsyncLinodeImages(token=TOKEN, base_url=mock.url, sleep=no_sleep, retry=2) as linode:
        with pytest.raises(UploadError) as caught:
            await linode.images.upload(gz_file, label="golden", region="us-east")
    assert caught.value.attempts == 3 and caught.value.image_deleted is True
    assert mock.state.counters.requests["delete-image"] == 1

"""``images.upload`` against the mock: source checks before the create, MD5 vs ETag, URL expiry, phases."""

from __future__ import annotations

import bz2
import gzip
import hashlib
import lzma
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from linode_images import (
    AsyncLinodeImages,
    LinodeImages,
    NotFoundError,
    RetryPolicy,
    UploadError,
    UploadReceipt,
)
from linode_images_mock import FaultPlan, MockServer

from .conftest import TOKEN
from .support import RAW, gzip_of

UPLOAD_FAULTS = "put-upload-data"
CREATE = "post-upload-image"


def client(
    mock: MockServer, clock: Callable[[], float] | None = None, sleep: Callable[[float], None] | None = None
) -> LinodeImages:
    return LinodeImages(
        token=TOKEN,
        base_url=mock.url,
        retry=RetryPolicy(max_retries=2),
        sleep=sleep or (lambda seconds: None),
        clock=clock,
    )


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def nothing_created(mock: MockServer) -> None:
    assert mock.state.counters.requests.get(CREATE, 0) == 0
    assert mock.state.counters.requests.get(UPLOAD_FAULTS, 0) == 0


def arrived(mock: MockServer, image_id: str) -> tuple[int, str]:
    record = mock.state.counters.uploads[image_id]
    return record.bytes, record.sha256


# ---- MD5 and the storage's ETag ------------------------------------------------------------------


def test_a_matching_etag_confirms_the_upload_and_the_caller_reads_its_md5(
    mock: MockServer, gz_file: Path
) -> None:
    receipts: list[UploadReceipt] = []
    with client(mock) as linode:
        image = linode.images.upload(gz_file, label="golden", region="us-east", on_uploaded=receipts.append)
    data = gz_file.read_bytes()
    assert receipts == [UploadReceipt(str(image.id), len(data), md5(data), True, 1)]
    assert arrived(mock, str(image.id)) == (len(data), hashlib.sha256(data).hexdigest())


def test_the_md5_of_a_compressed_upload_is_that_of_the_bytes_sent(mock: MockServer, raw_file: Path) -> None:
    receipts: list[UploadReceipt] = []
    with client(mock) as linode:
        image = linode.images.upload(raw_file, label="golden", region="us-east", on_uploaded=receipts.append)
    sent = gzip_of(RAW)
    assert (receipts[0].md5, receipts[0].size, receipts[0].etag_verified) == (md5(sent), len(sent), True)
    assert arrived(mock, str(image.id))[0] == len(sent)


@pytest.mark.parametrize("delete", [True, False])
def test_an_etag_that_disproves_the_bytes_sent_is_an_upload_error(
    mock: MockServer, gz_file: Path, delete: bool
) -> None:
    mock.state.set_faults(UPLOAD_FAULTS, FaultPlan(sequence=("bad-etag",)))
    with client(mock) as linode:
        with pytest.raises(UploadError) as caught:
            linode.images.upload(gz_file, label="golden", region="us-east", delete_on_failure=delete)
        error = caught.value
        assert "the object storage holds other bytes than were sent" in error.message
        assert f"the data sent has MD5 {md5(gz_file.read_bytes())}" in error.message
        assert (error.status_code, error.attempts) == (200, 1)
        # Not retried: the storage took the object and the image may be importing it.
        assert mock.state.counters.requests[UPLOAD_FAULTS] == 1
        assert error.image_id is not None
        if delete:
            assert error.image_deleted is True and "was deleted" in error.message
            with pytest.raises(NotFoundError):
                linode.images.get(error.image_id)
        else:
            assert error.image_deleted is None and "was kept" in error.message


async def test_the_async_client_checks_the_etag_too(mock: MockServer, gz_file: Path) -> None:
    mock.state.set_faults(UPLOAD_FAULTS, FaultPlan(sequence=("bad-etag",)))

    async def no_sleep(seconds: float) -> None:
        return None

    async with AsyncLinodeImages(token=TOKEN, base_url=mock.url, sleep=no_sleep) as linode:
        with pytest.raises(UploadError, match="holds other bytes than were sent") as caught:
            await linode.images.upload(gz_file, label="golden", region="us-east")
    assert caught.value.image_deleted is True


# ---- the source, checked before anything is created ----------------------------------------------

FORMATS = {
    "qcow2": b"QFI\xfb\x00\x00\x00\x03",
    "VMDK": b"KDMV\x01\x00\x00\x00",
    "VHDX": b"vhdxfile",
    "VHD": b"conectix\x00\x00\x00\x02",
    "VDI (VirtualBox)": b"<<< Oracle VM VirtualBox Disk Image >>>\n".ljust(0x40, b"\0") + b"\x7f\x10\xda\xbe",
    "ISO 9660 or UDF disc": bytes(0x8001) + b"CD001\x01",
}
WRAPPERS: dict[str, Callable[[bytes], bytes]] = {
    "": lambda data: data,
    ".gz": gzip.compress,
    ".xz": lzma.compress,
    ".bz2": bz2.compress,
}


@pytest.mark.parametrize("suffix", list(WRAPPERS))
@pytest.mark.parametrize("name", list(FORMATS))
def test_every_disk_format_but_raw_is_refused_before_anything_is_created(
    mock: MockServer, tmp_path: Path, name: str, suffix: str
) -> None:
    path = tmp_path / f"disk{suffix}"
    path.write_bytes(WRAPPERS[suffix](FORMATS[name] + RAW))
    with client(mock) as linode, pytest.raises(ValueError) as refused:
        linode.images.upload(path, label="golden", region="us-east")
    message = str(refused.value)
    assert f"{name} image" in message and "not a raw disk image" in message
    assert "qemu-img convert -O raw" in message and "nothing was created" in message
    nothing_created(mock)


@pytest.mark.parametrize("suffix", [".xz", ".bz2"])
def test_xz_and_bzip2_images_are_decompressed_and_sent_as_gzip(
    mock: MockServer, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"disk.img{suffix}"
    path.write_bytes(WRAPPERS[suffix](RAW))
    receipts: list[UploadReceipt] = []
    with client(mock) as linode:
        image = linode.images.upload(path, label="golden", region="us-east", on_uploaded=receipts.append)
    assert image.status == "available"
    # The same bytes as compressing the raw image itself: one gzip member of RAW.
    expected = gzip_of(RAW)
    assert arrived(mock, str(image.id)) == (len(expected), hashlib.sha256(expected).hexdigest())
    assert receipts[0].md5 == md5(expected)


@pytest.mark.parametrize("suffix", ["", ".gz", ".xz", ".bz2"])
def test_more_than_the_uncompressed_limit_is_refused_before_anything_is_created(
    mock: MockServer, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"disk.img{suffix}"
    path.write_bytes(WRAPPERS[suffix](RAW))
    with client(mock) as linode, pytest.raises(ValueError, match="uncompressed, more than the API's limit"):
        linode.images.upload(path, label="golden", region="us-east", max_uncompressed_size=len(RAW) - 1)
    nothing_created(mock)
    with client(mock) as linode:
        image = linode.images.upload(
            path, label="golden", region="us-east", max_uncompressed_size=len(RAW), wait=False
        )
    assert image.id is not None


def test_the_uncompressed_limit_is_checked_from_the_gzip_trailer_without_the_pass(
    mock: MockServer, gz_file: Path
) -> None:
    with client(mock) as linode, pytest.raises(ValueError, match="uncompressed, more than the API's limit"):
        linode.images.upload(
            gz_file, label="golden", region="us-east", verify_gzip=False, max_uncompressed_size=len(RAW) - 1
        )
    nothing_created(mock)


@pytest.mark.parametrize("cut", [4, 100, 10_000])
def test_a_truncated_img_gz_is_refused_before_anything_is_created(
    mock: MockServer, tmp_path: Path, cut: int
) -> None:
    path = tmp_path / "disk.img.gz"
    path.write_bytes(gzip.compress(RAW)[:-cut])
    with client(mock) as linode, pytest.raises(ValueError, match=r"truncated.*nothing was created"):
        linode.images.upload(path, label="golden", region="us-east")
    nothing_created(mock)


def test_verify_gzip_false_skips_the_pass(mock: MockServer, tmp_path: Path) -> None:
    path = tmp_path / "disk.img.gz"
    data = gzip.compress(RAW)[:-100]
    path.write_bytes(data)
    with client(mock) as linode:
        image = linode.images.upload(path, label="golden", region="us-east", verify_gzip=False, wait=False)
    assert arrived(mock, str(image.id))[0] == len(data)  # sent as it is, as asked


@pytest.mark.parametrize(("threads", "error"), [(0, ValueError), (-1, ValueError), ("2", TypeError)])
def test_a_bad_compress_threads_is_refused_before_anything_is_created(
    mock: MockServer, raw_file: Path, threads: object, error: type[Exception]
) -> None:
    with client(mock) as linode, pytest.raises(error, match="compress_threads"):
        linode.images.upload(raw_file, label="golden", region="us-east", compress_threads=threads)  # type: ignore[arg-type]
    nothing_created(mock)


@pytest.mark.parametrize("threads", [1, 3])
def test_compress_threads_gives_the_same_image(mock: MockServer, raw_file: Path, threads: int) -> None:
    with client(mock) as linode:
        image = linode.images.upload(raw_file, label="golden", region="us-east", compress_threads=threads)
    assert image.status == "available"
    assert arrived(mock, str(image.id))[0] > 0


# ---- the pre-signed URL's expiry ------------------------------------------------------------------


def test_an_expired_url_is_never_put_and_the_error_says_what_became_of_the_image(
    mock: MockServer, gz_file: Path
) -> None:
    mock.state.configure(timing={"upload_expiry": "0s"})
    with client(mock) as linode, pytest.raises(UploadError) as caught:
        linode.images.upload(gz_file, label="golden", region="us-east")
    error = caught.value
    # Expires is rounded up to the next second, so it is "within 10 s", or already past.
    assert re.search(r"the pre-signed upload URL (expired at|expires within 10 s, at) ", error.message)
    assert "so the upload was not started" in error.message
    assert error.image_deleted is True
    assert ("was deleted" in error.message) or ("already gone" in error.message)
    assert (error.status_code, error.attempts) == (None, 0)
    assert mock.state.counters.requests.get(UPLOAD_FAULTS, 0) == 0


def test_no_retry_starts_after_the_url_expired(mock: MockServer, gz_file: Path) -> None:
    # The first PUT fails; the pause before the retry outlasts the URL (the clock jumps an hour).
    mock.state.configure(timing={"upload_expiry": "60s"})
    mock.state.set_faults(UPLOAD_FAULTS, FaultPlan(sequence=("503",)))
    offset = [0.0]

    def sleep(seconds: float) -> None:
        offset[0] += 3600

    with (
        client(mock, clock=lambda: time.time() + offset[0], sleep=sleep) as linode,
        pytest.raises(UploadError) as caught,
    ):
        linode.images.upload(gz_file, label="golden", region="us-east", delete_on_failure=False)
    error = caught.value
    assert "expired at" in error.message and "attempt 2 of the upload was not started" in error.message
    assert "was kept (delete_on_failure=False)" in error.message
    assert error.attempts == 1
    assert mock.state.counters.requests[UPLOAD_FAULTS] == 1


# ---- progress in phases ---------------------------------------------------------------------------


def test_on_progress_with_a_phase_hears_compressing_then_uploading(mock: MockServer, raw_file: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    with client(mock) as linode:
        linode.images.upload(
            raw_file, label="golden", region="us-east", on_progress=lambda d, t, p: seen.append((d, t, p))
        )
    phases = [phase for _, _, phase in seen]
    assert phases[0] == "compressing" and phases[-1] == "uploading"
    assert phases == sorted(phases, key=["compressing", "uploading"].index)
    compressing = [(d, t) for d, t, p in seen if p == "compressing"]
    assert compressing[-1] == (len(RAW), len(RAW))
    sent = len(gzip_of(RAW))
    assert seen[-1] == (sent, sent, "uploading")


def test_on_progress_with_a_phase_hears_checking_for_a_gzip_file(mock: MockServer, gz_file: Path) -> None:
    seen: list[str] = []
    two: list[int] = []
    with client(mock) as linode:
        linode.images.upload(
            gz_file, label="golden", region="us-east", on_progress=lambda d, t, p: seen.append(p)
        )
        linode.images.upload(gz_file, label="again", region="us-east", on_progress=lambda d, t: two.append(d))
    assert seen[0] == "checking" and seen[-1] == "uploading" and "compressing" not in seen
    assert two[0] == 0 and two[-1] == gz_file.stat().st_size  # two arguments: the upload only, as before


def test_a_gzip_file_of_several_members_is_sent_as_it_is_with_a_warning(
    mock: MockServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "disk.img.gz"
    data = gzip.compress(RAW[:1000]) + gzip.compress(RAW[1000:])
    path.write_bytes(data)
    with client(mock) as linode, caplog.at_level("WARNING", logger="linode_images"):
        image = linode.images.upload(path, label="golden", region="us-east", wait=False)
    assert arrived(mock, str(image.id)) == (len(data), hashlib.sha256(data).hexdigest())
    assert "holds 2 gzip members" in caplog.text and "gzip -dc" in caplog.text

"""Uploads under hostile conditions: the pre-signed URL's signature is never written to a log line
or an error message; a source that changes while it is sent is an error, and nothing is left."""

from __future__ import annotations

import asyncio
import gzip
import logging
import os
import re
from pathlib import Path

import httpx
import pytest
from linode_images import APIConnectionError, AsyncLinodeImages, LinodeImages, RetryPolicy, UploadError
from linode_images_mock import FaultPlan, MockServer

from .conftest import TOKEN

UNREDACTED = re.compile(r"(?i)signature=(?!<redacted>)")
GZIP = gzip.compress(bytes(1000))


def client(mock: MockServer) -> LinodeImages:
    return LinodeImages(
        token=TOKEN, base_url=mock.url, retry=RetryPolicy(max_retries=2), sleep=lambda s: None
    )


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO])
@pytest.mark.parametrize("plan", [["503", "ok"], ["drop", "ok"], ["500", "500", "500"]])
def test_no_log_line_carries_the_signature(
    mock: MockServer, caplog: pytest.LogCaptureFixture, level: int, plan: list[str]
) -> None:
    mock.state.configure(faults={"put-upload-data": FaultPlan(sequence=tuple(plan))})
    with caplog.at_level(level), client(mock) as linode:
        try:
            linode.images.upload(GZIP, label="quiet", region="us-east", wait=False)
        except UploadError as error:
            assert not UNREDACTED.search(str(error))
    puts = [r for r in caplog.records if r.name == "httpx" and "PUT" in r.getMessage()]
    assert puts and all("Signature=<redacted>" in r.getMessage() for r in puts)
    for record in caplog.records:
        assert not UNREDACTED.search(record.getMessage()), record.getMessage()


@pytest.mark.parametrize("change", ["grow", "shrink"])
@pytest.mark.parametrize("opened", [True, False])
def test_a_gzip_file_that_changes_while_it_is_sent_fails_and_is_cleaned_up(
    mock: MockServer, tmp_path: Path, change: str, opened: bool
) -> None:
    path = tmp_path / "disk.img.gz"
    path.write_bytes(gzip.compress(os.urandom(300_000)))
    original = path.stat().st_size

    def on_progress(sent: int, total: int) -> None:
        if sent == 0:  # the PUT starts: someone else writes to the file meanwhile
            with open(path, "r+b") as other:
                if change == "grow":
                    other.seek(0, os.SEEK_END)
                    other.write(b"more data")
                else:
                    other.truncate(original // 2)

    source = open(path, "rb") if opened else path  # noqa: SIM115
    with client(mock) as linode:
        with pytest.raises(UploadError, match="changed during the upload") as info:
            linode.images.upload(
                source, label="moving", region="us-east", on_progress=on_progress, wait=False
            )
        assert info.value.image_deleted is True
        assert list(linode.images.list(filter={"label": "moving"})) == []
    assert mock.state.counters.requests["delete-image"] == 1


@pytest.mark.parametrize("plan", [["lost"], ["lost", "500", "500"]])
def test_a_lost_answer_then_a_refused_retry_keeps_the_image_whose_data_arrived(
    mock: MockServer, plan: list[str]
) -> None:
    """The first PUT stored the data and its answer was lost; the retry is refused (403, the
    image is no longer pending) or fails: the image is looked at, and kept."""
    mock.state.configure(faults={"put-upload-data": FaultPlan(sequence=tuple(plan))})
    with client(mock) as linode:
        with pytest.raises(UploadError) as info:
            linode.images.upload(GZIP, label="arrived", region="us-east", wait=False)
        error = info.value
        assert error.image_deleted is None and error.image_id is not None
        assert "data arrived after all" in error.message or "the data may have arrived" in error.message
        assert mock.state.counters.requests["delete-image"] == 0
        kept = linode.images.get(error.image_id)
    assert mock.state.counters.uploads[error.image_id].bytes == len(GZIP)
    assert str(kept.status) != "pending_upload" or "may have arrived" in error.message


class _InterruptAfter(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """The real connection to the mock, with ``interruption`` raised once the answer to
    POST /images/upload has arrived: Ctrl-C (or a cancellation) while the create is in flight."""

    def __init__(self, interruption: BaseException) -> None:
        self.interruption = interruption
        self.sync = httpx.HTTPTransport()
        self.asynchronous = httpx.AsyncHTTPTransport()

    def _interrupt(self, request: httpx.Request) -> None:
        if request.method == "POST" and request.url.path.endswith("/images/upload"):
            raise self.interruption

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.sync.handle_request(request)
        response.read()
        self._interrupt(request)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.asynchronous.handle_async_request(request)
        await response.aread()
        self._interrupt(request)
        return response

    def close(self) -> None:
        self.sync.close()

    async def aclose(self) -> None:
        await self.asynchronous.aclose()


def _pending(mock: MockServer, label: str) -> list[str]:
    with LinodeImages(token=TOKEN, base_url=mock.url) as linode:
        return [str(i.id) for i in linode.images.list(filter={"label": label})]


@pytest.mark.parametrize("keep", [False, True])
def test_ctrl_c_while_the_create_is_in_flight_leaves_no_pending_image(mock: MockServer, keep: bool) -> None:
    transport = _InterruptAfter(KeyboardInterrupt())
    with (
        LinodeImages(token=TOKEN, base_url=mock.url, transport=transport) as linode,
        pytest.raises(KeyboardInterrupt) as info,
    ):
        linode.images.upload(GZIP, label="interrupted", region="us-east", delete_on_failure=not keep)
    notes = " ".join(getattr(info.value, "__notes__", []))
    if keep:
        assert _pending(mock, "interrupted") != [] and "pending images that match it" in notes
    else:
        assert _pending(mock, "interrupted") == []
        assert "created private/" in notes and "was deleted" in notes
    assert mock.state.counters.requests["put-upload-data"] == 0


def test_a_cancelled_create_leaves_no_pending_image(mock: MockServer) -> None:
    async def main() -> None:
        transport = _InterruptAfter(asyncio.CancelledError())
        async with AsyncLinodeImages(token=TOKEN, base_url=mock.url, transport=transport) as linode:
            await linode.images.upload(GZIP, label="cancelled", region="us-east")

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(main())
    assert _pending(mock, "cancelled") == []


def test_a_create_whose_answer_was_lost_leaves_no_pending_image(mock: MockServer) -> None:
    mock.state.configure(faults={"post-upload-image": FaultPlan(sequence=("lost",))})
    with LinodeImages(token=TOKEN, base_url=mock.url) as linode, pytest.raises(APIConnectionError) as info:
        linode.images.upload(GZIP, label="unanswered", region="us-east")
    assert "was deleted" in " ".join(info.value.__notes__)
    assert _pending(mock, "unanswered") == []
    assert mock.state.counters.requests["post-upload-image"] == 1  # a POST is never sent twice

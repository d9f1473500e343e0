"""Uploads under hostile conditions: the pre-signed URL's signature is never written to a log line
or an error message; a source that changes while it is sent is an error, and nothing is left."""

from __future__ import annotations

import gzip
import logging
import os
import re
from pathlib import Path

import pytest
from linode_images import LinodeImages, RetryPolicy, UploadError
from linode_images_mock import FaultPlan, MockServer

from .conftest import TOKEN

UNREDACTED = re.compile(r"(?i)signature=(?!<redacted>)")
GZIP = b"\x1f\x8b" + bytes(1000)


def client(mock: MockServer) -> LinodeImages:
    return LinodeImages(
        token=TOKEN, base_url=mock.url, retry=RetryPolicy(max_retries=2), sleep=lambda s: None
    )


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO])
@pytest.mark.parametrize("plan", [["503", "ok"], ["drop", "ok"], ["500", "500", "500"]])
def test_no_log_line_carries_the_signature(
    mock: MockServer, caplog: pytest.LogCaptureFixture, level: int, plan: list[str]
) -> None:
    mock.state.configure(faults={"put-upload-data": FaultPlan(sequence=plan)})
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

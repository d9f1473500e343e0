"""The pre-signed URL's signature is never written to a log line or an error message."""

from __future__ import annotations

import logging
import re

import pytest
from linode_images import LinodeImages, RetryPolicy, UploadError
from linode_images_mock import FaultPlan, MockServer

from .conftest import TOKEN

UNREDACTED = re.compile(r"(?i)signature=(?!<redacted>)")
GZIP = b"\x1f\x8b" + bytes(1000)


def client(mock: MockServer) -> LinodeImages:
    return LinodeImages(token=TOKEN, base_url=mock.url, retry=RetryPolicy(max_retries=2), sleep=lambda s: None)


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

"""Faults over a real socket: latency holds the answer back after the request was read, and
"lost" does the work and then drops the connection without an answer."""

from __future__ import annotations

import gzip
import logging
import time
from collections.abc import Iterator

import httpx
import pytest
from linode_images_mock import MockServer
from linode_images_mock._filters import parse_filter

from .conftest import AUTH

JSON = {"Content-Type": "application/json"}


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def server_log() -> Iterator[list[logging.LogRecord]]:
    """What uvicorn logs (it does not propagate to the root logger)."""
    handler = Records()
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


def test_a_client_timing_out_during_latency_leaves_no_error_in_the_log(
    server_log: list[logging.LogRecord],
) -> None:
    with MockServer(faults={"post-upload-image": "latency:1", "put-image": "latency:1"}) as server:
        with httpx.Client(base_url=server.url, headers=AUTH, timeout=0.2) as client:
            with pytest.raises(httpx.ReadTimeout):
                client.post("/v4/images/upload", json={"label": "slow", "region": "us-east"})
            (image,) = server.state.list_images("default", parse_filter('{"label": "slow"}'), 1, 25)["data"]
            with pytest.raises(httpx.ReadTimeout):
                client.put(f"/v4/images/{image['id']}", json={"label": "renamed"})
        time.sleep(1.5)  # the held answers go out to closed connections
        assert server.state.get_image(image["id"], "default")["label"] == "renamed"
    errors = [record for record in server_log if record.levelno >= logging.WARNING]
    assert errors == [], [record.getMessage() for record in errors]


def test_latency_holds_the_answer_after_the_work(server_log: list[logging.LogRecord]) -> None:
    with MockServer(faults={"get-image": "latency:0.3"}) as server:
        started = time.monotonic()
        response = httpx.get(f"{server.url}/v4/images/linode/debian12")
        assert response.status_code == 200 and time.monotonic() - started >= 0.3


def test_lost_answer_to_a_delete_after_the_image_is_gone() -> None:
    with (
        MockServer(faults={"delete-image": "lost"}) as server,
        httpx.Client(base_url=server.url, headers=AUTH) as client,
    ):
        created = client.post("/v4/images", json={"disk_id": 1001}).json()
        with pytest.raises(httpx.RemoteProtocolError):
            client.delete(f"/v4/images/{created['id']}")
        assert client.get(f"/v4/images/{created['id']}").status_code == 404
        assert server.state.counters.requests["delete-image"] == 1
        # The plan was one lost answer; the next delete is answered.
        assert client.delete(f"/v4/images/{created['id']}").status_code == 404


def test_lost_answer_to_an_upload_request_leaves_the_pending_image() -> None:
    with (
        MockServer(faults={"post-upload-image": "lost"}) as server,
        httpx.Client(base_url=server.url, headers=AUTH) as client,
    ):
        with pytest.raises(httpx.RemoteProtocolError):
            client.post("/v4/images/upload", json={"label": "orphan", "region": "us-east"})
        listed = client.get("/v4/images", headers={"X-Filter": '{"label": "orphan"}'}).json()
        assert [image["status"] for image in listed["data"]] == ["pending_upload"]
        assert server.state.counters.images_created == 1


def test_lost_answer_to_the_storage_put_after_the_data_arrived() -> None:
    with (
        MockServer(faults={"put-upload-data": "lost"}) as server,
        httpx.Client(base_url=server.url, headers=AUTH) as client,
    ):
        created = client.post("/v4/images/upload", json={"label": "x", "region": "us-east"}).json()
        data = gzip.compress(b"disk" * 1000)
        with pytest.raises(httpx.RemoteProtocolError):
            client.put(
                created["upload_to"], content=data, headers={"Content-Type": "application/octet-stream"}
            )
        assert server.state.counters.uploads[created["image"]["id"]].bytes == len(data)
        assert client.get(f"/v4/images/{created['image']['id']}").json()["status"] == "available"
        # A retried PUT finds the URL used up, as object storage's signed URL would be for this image.
        retried = client.put(
            created["upload_to"], content=data, headers={"Content-Type": "application/octet-stream"}
        )
        assert retried.status_code == 403

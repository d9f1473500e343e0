"""``images.upload`` end to end over a MockTransport standing in for the API and the storage host.

Covers the order of steps (checks before create), what is sent to each host, and what happens
to the pending image on failure. The real HTTP round trips are in test_upload_mock.py.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from linode_images import (
    APIResponseValidationError,
    AsyncLinodeImages,
    LinodeImages,
    RetryPolicy,
    UploadError,
)

from .support import RAW, Pipe

TOKEN = "secret-token-value"
API = "https://api.example"
STORAGE = "https://storage.example/bucket/42.img.gz?Signature=sig&Expires=4102444800&AWSAccessKeyId=K"


class FakeLinode:
    """Answers the API and the storage host; records every request and the images it holds."""

    def __init__(self, *put_answers: int | Exception, delete_status: int = 200) -> None:
        self.put_answers = list(put_answers)
        self.delete_status = delete_status
        self.requests: list[httpx.Request] = []
        self.put_bodies: list[bytes] = []
        self.created: list[dict[str, Any]] = []
        self.deleted: list[str] = []
        self.status = "pending_upload"

    def image(self) -> dict[str, Any]:
        return {"id": "private/42", "label": "golden", "status": self.status, "regions": [], "size": 0,
                "type": "manual", "is_public": False, "deprecated": False, "created": "2021-08-14T22:44:02",
                "description": None, "vendor": None, "created_by": "someone"}  # fmt: skip

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url)
        if url.startswith("https://storage.example/"):
            self.put_bodies.append(request.content)
            answer = self.put_answers.pop(0) if self.put_answers else 200
            if isinstance(answer, Exception):
                raise answer
            if answer == 200:
                self.status = "available"
                return httpx.Response(200)
            xml = b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
            return httpx.Response(answer, content=xml if answer == 403 else b"")
        if request.method == "POST" and url == f"{API}/v4/images/upload":
            self.created.append(json.loads(request.content))
            return httpx.Response(200, json={"upload_to": STORAGE, "image": self.image()})
        if request.method == "GET" and url == f"{API}/v4/images/private%2F42":
            return httpx.Response(200, json=self.image())
        if request.method == "DELETE" and url == f"{API}/v4/images/private%2F42":
            self.deleted.append("private/42")
            if self.delete_status != 200:
                return httpx.Response(self.delete_status, json={"errors": [{"reason": "nope"}]})
            return httpx.Response(200, json={})
        return httpx.Response(404, json={"errors": [{"reason": "Not found"}]})

    def storage_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.host == "storage.example"]


def client(fake: FakeLinode, retry: RetryPolicy = RetryPolicy(max_retries=2)) -> LinodeImages:  # noqa: B008
    return LinodeImages(
        token=TOKEN,
        base_url=API,
        transport=httpx.MockTransport(fake),
        retry=retry,
        sleep=lambda seconds: None,
    )


def test_upload_creates_puts_and_waits(raw_file: Path) -> None:
    fake = FakeLinode()
    progress: list[tuple[int, int]] = []
    with client(fake) as linode:
        image = linode.images.upload(
            raw_file,
            label="golden",
            region="us-east",
            description="base",
            tags=["web", "prod"],
            cloud_init=True,
            on_progress=lambda sent, total: progress.append((sent, total)),
        )
    assert image.status == "available"
    assert fake.created == [
        {
            "label": "golden",
            "region": "us-east",
            "description": "base",
            "tags": ["web", "prod"],
            "cloud_init": True,
        }
    ]
    (put,) = fake.storage_requests()
    assert gzip.decompress(fake.put_bodies[0]) == RAW
    assert put.headers["Content-Length"] == str(len(fake.put_bodies[0]))
    assert "authorization" not in put.headers
    assert TOKEN not in str(put.headers) and TOKEN not in str(put.url)
    assert put.headers["User-Agent"].startswith("linode-images/")
    assert progress[-1] == (len(fake.put_bodies[0]),) * 2


def test_upload_without_wait_returns_the_pending_image(raw_file: Path) -> None:
    fake = FakeLinode()
    with client(fake) as linode:
        image = linode.images.upload(raw_file, label="golden", region="us-east", wait=False)
    assert image.status == "pending_upload"
    assert [r.method for r in fake.requests] == ["POST", "PUT"]


@pytest.mark.parametrize(
    ("source", "kwargs", "match"),
    [
        (b"not gzip", {"compress": "never"}, "not gzip data"),
        (gzip.compress(b"x" * 1000), {"max_size": 10}, "upload limit"),
        (b"", {}, "empty"),
        ("/nonexistent/disk.img", {}, "No such file"),
    ],
)
def test_bad_sources_create_nothing(source: object, kwargs: dict[str, Any], match: str) -> None:
    fake = FakeLinode()
    with client(fake) as linode, pytest.raises((ValueError, OSError), match=match):
        linode.images.upload(source, label="golden", region="us-east", **kwargs)  # type: ignore[arg-type]
    assert fake.requests == []


def test_403_deletes_the_pending_image_and_says_so(raw_file: Path) -> None:
    fake = FakeLinode(403)
    with client(fake) as linode, pytest.raises(UploadError) as caught:
        linode.images.upload(raw_file, label="golden", region="us-east")
    error = caught.value
    assert (error.status_code, error.code, error.image_id, error.image_deleted, error.attempts) == (
        403,
        "AccessDenied",
        "private/42",
        True,
        1,
    )
    assert "was deleted" in error.message and "Request has expired" in error.message
    assert fake.deleted == ["private/42"]
    assert TOKEN not in error.message and "Signature" not in error.message


def test_500_is_retried_then_succeeds(raw_file: Path) -> None:
    fake = FakeLinode(500, 500)
    with client(fake) as linode:
        image = linode.images.upload(raw_file, label="golden", region="us-east")
    assert image.status == "available"
    assert len(fake.storage_requests()) == 3
    assert fake.put_bodies[0] == fake.put_bodies[2]
    assert fake.deleted == []


def test_the_client_retry_policy_governs_the_put() -> None:
    fake = FakeLinode(500, 500)
    with client(fake, RetryPolicy(max_retries=0)) as linode, pytest.raises(UploadError) as caught:
        linode.images.upload(gzip.compress(RAW), label="golden", region="us-east")
    assert len(fake.storage_requests()) == 1
    assert caught.value.attempts == 1 and "gave up after 1 attempts" in caught.value.message
    fake = FakeLinode(500, 500)
    with client(fake, RetryPolicy(max_retries=0)) as linode:
        linode.images.upload(gzip.compress(RAW), label="golden", region="us-east", max_attempts=3)
    assert len(fake.storage_requests()) == 3


def test_failures_for_good_after_retries(raw_file: Path) -> None:
    fake = FakeLinode(httpx.ConnectError("refused"), 502, 503)
    with client(fake) as linode, pytest.raises(UploadError) as caught:
        linode.images.upload(raw_file, label="golden", region="us-east")
    assert caught.value.attempts == 3 and caught.value.status_code == 503
    assert "gave up after 3 attempts" in caught.value.message
    assert caught.value.image_status == "pending_upload"  # looked at before it was deleted
    assert fake.deleted == ["private/42"]


def test_an_answer_lost_after_the_whole_body_keeps_the_image(raw_file: Path) -> None:
    fake = FakeLinode(httpx.RemoteProtocolError("dropped"), 502, 503)
    with client(fake) as linode, pytest.raises(UploadError) as caught:
        linode.images.upload(raw_file, label="golden", region="us-east")
    assert caught.value.image_deleted is None and fake.deleted == []
    assert "the data may have arrived" in caught.value.message


def test_stream_read_once_is_not_retried_and_the_error_says_why() -> None:
    data = gzip.compress(RAW)
    fake = FakeLinode(500)
    with client(fake) as linode, pytest.raises(UploadError) as caught:
        linode.images.upload(Pipe(data), size=len(data), label="golden", region="us-east")
    assert caught.value.attempts == 1
    assert "not retried: the source is a non-seekable stream" in caught.value.message
    assert len(fake.storage_requests()) == 1


def test_delete_on_failure_false_keeps_the_image(raw_file: Path) -> None:
    fake = FakeLinode(403)
    with client(fake) as linode, pytest.raises(UploadError) as caught:
        linode.images.upload(raw_file, label="golden", region="us-east", delete_on_failure=False)
    assert caught.value.image_deleted is None
    assert "was kept (delete_on_failure=False)" in caught.value.message
    assert fake.deleted == []


def test_a_failed_delete_is_reported(raw_file: Path) -> None:
    fake = FakeLinode(403, delete_status=500)
    with client(fake) as linode, pytest.raises(UploadError) as caught:
        linode.images.upload(raw_file, label="golden", region="us-east")
    assert caught.value.image_deleted is False
    assert "deleting the pending image private/42 failed too" in caught.value.message


def test_an_interrupted_upload_still_cleans_up(raw_file: Path) -> None:
    fake = FakeLinode()

    def interrupt(sent: int, total: int) -> None:
        if sent:
            raise KeyboardInterrupt

    with client(fake) as linode, pytest.raises(KeyboardInterrupt):
        linode.images.upload(raw_file, label="golden", region="us-east", on_progress=interrupt)
    assert fake.deleted == ["private/42"]


def test_insecure_upload_to_is_refused_and_cleaned_up(raw_file: Path) -> None:
    fake = FakeLinode()

    def plain_http(request: httpx.Request) -> httpx.Response:
        response = fake(request)
        if request.url.path.endswith("/images/upload"):
            return httpx.Response(
                200, json={"upload_to": "http://storage.example/b/1", "image": fake.image()}
            )
        return response

    with (
        LinodeImages(token=TOKEN, base_url=API, transport=httpx.MockTransport(plain_http)) as linode,
        pytest.raises(UploadError, match="must be an https URL"),
    ):
        linode.images.upload(raw_file, label="golden", region="us-east")
    assert fake.deleted == ["private/42"]
    assert fake.storage_requests() == []


@pytest.mark.parametrize(("delete_on_failure", "deleted"), [(True, ["private/42"]), (False, [])])
def test_an_answer_without_upload_to_deletes_the_image_it_created(
    raw_file: Path, delete_on_failure: bool, deleted: list[str]
) -> None:
    fake = FakeLinode()

    def no_upload_to(request: httpx.Request) -> httpx.Response:
        response = fake(request)
        if request.url.path.endswith("/images/upload"):
            return httpx.Response(200, json={"image": fake.image()})
        return response

    with (
        LinodeImages(token=TOKEN, base_url=API, transport=httpx.MockTransport(no_upload_to)) as linode,
        pytest.raises(APIResponseValidationError, match="upload_to: expected string, missing") as info,
    ):
        linode.images.upload(raw_file, label="golden", region="us-east", delete_on_failure=delete_on_failure)
    assert info.value.path == "upload_to"
    assert fake.deleted == deleted
    assert fake.storage_requests() == []
    note = "was deleted" if delete_on_failure else "was kept (delete_on_failure=False)"
    assert note in "".join(info.value.__notes__)


def test_the_shared_transport_survives_the_upload_client(raw_file: Path) -> None:
    fake = FakeLinode()
    with client(fake) as linode:
        linode.images.upload(raw_file, label="golden", region="us-east", wait=False)
        assert linode.images.get("private/42").id == "private/42"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"label": ""}, "label"),
        ({"region": ""}, "region"),
        ({"max_attempts": 0}, "max_attempts"),
    ],
)
def test_bad_arguments_create_nothing(raw_file: Path, kwargs: dict[str, Any], match: str) -> None:
    fake = FakeLinode()
    arguments: dict[str, Any] = {"label": "golden", "region": "us-east", **kwargs}
    with client(fake) as linode, pytest.raises(ValueError, match=match):
        linode.images.upload(raw_file, **arguments)
    assert fake.requests == []


@pytest.mark.parametrize(
    "kwargs", [{"tags": "web"}, {"label": 7}, {"region": ["us-east"]}, {"max_attempts": "3"}]
)
def test_arguments_of_the_wrong_type_are_type_errors(raw_file: Path, kwargs: dict[str, Any]) -> None:
    fake = FakeLinode()
    arguments: dict[str, Any] = {"label": "golden", "region": "us-east", **kwargs}
    with client(fake) as linode, pytest.raises(TypeError, match=next(iter(kwargs))):
        linode.images.upload(raw_file, **arguments)
    assert fake.requests == []


def test_tags_as_a_str_is_the_same_mistake_in_create_and_upload(raw_file: Path) -> None:
    with client(FakeLinode()) as linode:
        with pytest.raises(TypeError) as in_create:
            linode.images.create(disk_id=1, tags="web")  # type: ignore[arg-type]
        with pytest.raises(TypeError) as in_upload:
            linode.images.upload(raw_file, label="golden", region="us-east", tags="web")
    assert str(in_create.value) == str(in_upload.value)


async def test_async_upload_and_cleanup(raw_file: Path) -> None:
    fake = FakeLinode()

    async def no_sleep(seconds: float) -> None:
        return None

    async with AsyncLinodeImages(
        token=TOKEN, base_url=API, transport=httpx.MockTransport(fake), sleep=no_sleep
    ) as linode:
        image = await linode.images.upload(
            raw_file, label="golden", region="us-east", tags=["web"], cloud_init=True
        )
        assert image.status == "available"
        assert gzip.decompress(fake.put_bodies[0]) == RAW
        assert "authorization" not in fake.storage_requests()[0].headers
        assert fake.created[0]["cloud_init"] is True and fake.created[0]["tags"] == ["web"]

        fake.put_answers = [403]
        fake.status = "pending_upload"
        with pytest.raises(UploadError) as caught:
            await linode.images.upload(raw_file, label="golden", region="us-east")
        assert caught.value.image_deleted is True
        assert fake.deleted == ["private/42"]


async def test_the_upload_client_has_the_network_settings_and_nothing_of_the_api() -> None:
    from linode_images._storage import upload_async_http_client, upload_http_client

    fake = FakeLinode()
    timeout = httpx.Timeout(connect=3.0, read=7.0, write=11.0, pool=2.0)
    with LinodeImages(
        token=TOKEN, base_url=API, transport=httpx.MockTransport(fake), timeout=timeout
    ) as linode:
        network = linode._network
    with upload_http_client(network) as http:
        assert http.timeout == timeout  # per operation: each chunk written gets 11 s
        assert http.auth is None
        assert "authorization" not in http.headers
        assert str(http.base_url) == ""
        assert not http.follow_redirects
        http.put(STORAGE, content=b"\x1f\x8b")
    assert fake.storage_requests()[0].headers.get("authorization") is None
    async with upload_async_http_client(network) as ahttp:
        assert ahttp.timeout == timeout and ahttp.auth is None and "authorization" not in ahttp.headers


async def test_cancelled_async_upload_closes_the_source_prepared_in_the_background(
    raw_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelling while the file is compressed in a worker thread must not leak the spool file."""
    import asyncio
    import threading

    from linode_images import _upload

    started, release = threading.Event(), threading.Event()
    prepared: list[_upload.PreparedSource] = []
    real_prepare = _upload.UploadOptions.prepare

    def slow_prepare(
        self: _upload.UploadOptions, source: _upload.UploadSource, report: object = None
    ) -> _upload.PreparedSource:
        started.set()
        release.wait(5)
        result = real_prepare(self, source)
        prepared.append(result)
        return result

    closed: list[_upload.PreparedSource] = []
    real_close = _upload.PreparedSource.close

    def tracking_close(self: _upload.PreparedSource) -> None:
        closed.append(self)
        real_close(self)

    monkeypatch.setattr(_upload.UploadOptions, "prepare", slow_prepare)
    monkeypatch.setattr(_upload.PreparedSource, "close", tracking_close)
    fake = FakeLinode()
    async with AsyncLinodeImages(token=TOKEN, base_url=API, transport=httpx.MockTransport(fake)) as linode:
        task = asyncio.create_task(linode.images.upload(raw_file, label="golden", region="us-east"))
        await asyncio.to_thread(started.wait, 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        release.set()
        for _ in range(200):
            if prepared and prepared[0] in closed:
                break
            await asyncio.sleep(0.01)
    assert prepared and prepared[0] in closed
    assert fake.requests == []

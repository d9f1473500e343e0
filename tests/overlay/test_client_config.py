"""Configuration a user sets or relies on: defaults, headers, API version, network options,
context managers, request bodies, and raw responses."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import httpx
import pytest
from linode_images import (
    DEFAULT_TIMEOUT,
    AsyncLinodeImages,
    Image,
    LinodeImages,
    NetworkOptions,
    PaginatedImages,
    RawResponse,
    RetryPolicy,
    UploadImageResponse,
    __version__,
)

from tests.overlay.support import TOKEN, Recorder, image_json, json_response


def ok(request: httpx.Request) -> httpx.Response:
    if request.method == "DELETE":
        return json_response(200, {})
    if request.url.path.endswith("/images/upload"):
        return json_response(
            200,
            {
                "upload_to": "https://us-east-1.linodeobjects.com:443/b/1?Signature=x",
                "image": image_json("private/9", status="pending_upload", regions=[]),
            },
        )
    if request.url.path.endswith("/images") and request.method == "GET":
        return json_response(200, {"data": [image_json()], "page": 1, "pages": 1, "results": 1})
    # A create (POST /images) answers with the new image, like a get.
    return json_response(200, image_json(), {"X-RateLimit-Remaining": "399"})


def test_default_headers(make: Any) -> None:
    recorder = Recorder(default=ok)
    make(recorder).call("get", "private/1")
    headers = recorder.requests[0].headers
    assert headers["user-agent"] == f"linode-images/{__version__}"
    assert headers["accept"] == "application/json"


def test_extra_headers(make: Any) -> None:
    recorder = Recorder(default=ok)
    make(recorder, headers={"X-Request-Origin": "ci"}).call("get", "private/1")
    assert recorder.requests[0].headers["x-request-origin"] == "ci"


@pytest.mark.parametrize(("api_version", "prefix"), [("v4", "/v4/"), ("v4beta", "/v4beta/")])
def test_api_version(make: Any, api_version: str, prefix: str) -> None:
    recorder = Recorder(default=ok)
    make(recorder, api_version=api_version).call("get", "linode/debian12")
    assert recorder.requests[0].url.raw_path.decode() == f"{prefix}images/linode%2Fdebian12"


@pytest.mark.parametrize("bad", ["v3", "v5", "", "V4"])
def test_unknown_api_version_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        LinodeImages(token=TOKEN, api_version=bad)  # type: ignore[arg-type]


def test_base_url_with_path(make: Any) -> None:
    recorder = Recorder(default=ok)
    make(recorder, base_url="https://proxy.example.test/linode/").call("get", "private/1")
    assert str(recorder.requests[0].url) == "https://proxy.example.test/linode/v4/images/private%2F1"


def test_defaults() -> None:
    with LinodeImages(token=TOKEN) as client:
        assert client.base_url == "https://api.linode.com"
        assert client.api_version == "v4"
        assert client._network.timeout == DEFAULT_TIMEOUT
        assert client._http.timeout == DEFAULT_TIMEOUT
        assert client.retry_policy == RetryPolicy()
        assert client.retry_policy.max_retries > 0
    for value in (DEFAULT_TIMEOUT.connect, DEFAULT_TIMEOUT.read, DEFAULT_TIMEOUT.write, DEFAULT_TIMEOUT.pool):
        assert value is not None and value > 0


def test_timeout_and_network_options_are_kept_together() -> None:
    transport = httpx.MockTransport(ok)
    limits = httpx.Limits(max_connections=3)
    with LinodeImages(
        token=TOKEN,
        timeout=5.0,
        verify=False,
        trust_env=False,
        proxy="http://127.0.0.1:3128",
        limits=limits,
        transport=transport,
    ) as client:
        net = client._network
        assert net == NetworkOptions(
            timeout=httpx.Timeout(5.0),
            verify=False,
            trust_env=False,
            proxy="http://127.0.0.1:3128",
            limits=limits,
            transport=transport,
        )
        assert client._http.timeout == httpx.Timeout(5.0)
        with pytest.raises(AttributeError):
            net.timeout = httpx.Timeout(1.0)  # type: ignore[misc]
        # Another client built from the same settings has no API headers.
        with httpx.Client(**net.httpx_kwargs()) as other:
            assert "authorization" not in other.headers
            assert other.timeout == httpx.Timeout(5.0)
            assert other.trust_env is False


def test_timeout_object_is_used_as_is() -> None:
    timeout = httpx.Timeout(connect=1, read=2, write=3, pool=4)
    with LinodeImages(token=TOKEN, timeout=timeout) as client:
        assert client._http.timeout == timeout


def test_sync_context_manager_closes() -> None:
    with LinodeImages(token=TOKEN, transport=httpx.MockTransport(ok)) as client:
        client.images.get("private/1")
    assert client._http.is_closed
    other = LinodeImages(token=TOKEN)
    other.close()
    assert other._http.is_closed


def test_async_context_manager_closes() -> None:
    async def main() -> AsyncLinodeImages:
        async with AsyncLinodeImages(token=TOKEN, transport=httpx.MockTransport(ok)) as client:
            await client.images.get("private/1")
        return client

    client = asyncio.run(main())
    assert client._http.is_closed


def bodies(recorder: Recorder) -> list[Any]:
    return [json.loads(r.content) if r.content else None for r in recorder.requests]


def test_every_operation_sends_the_documented_request(make: Any) -> None:
    recorder = Recorder(default=ok)
    harness = make(recorder)
    assert isinstance(harness.call("get", "private/1"), Image)
    assert isinstance(harness.call("create", disk_id=42, label="golden", tags=("web",)), Image)
    upload = harness.call("create_upload", label="golden", region="us-east", description="d", cloud_init=True)
    assert isinstance(upload, UploadImageResponse)
    assert upload.image.status == "pending_upload"
    assert upload.upload_to.startswith("https://")
    assert isinstance(harness.call("update", "private/1", label="golden-v2", description=None), Image)
    assert isinstance(harness.call("replicate", "private/1", regions=["us-east", "us-iad"]), Image)
    assert harness.call("delete", "private/1") is None
    page = harness.call("list_page")
    assert isinstance(page, PaginatedImages)
    assert (page.page, page.pages, page.results, [image.id for image in page.data]) == (
        1,
        1,
        1,
        ["private/1"],
    )
    methods = [(r.method, r.url.raw_path.decode()) for r in recorder.requests]
    assert methods == [
        ("GET", "/v4/images/private%2F1"),
        ("POST", "/v4/images"),
        ("POST", "/v4/images/upload"),
        ("PUT", "/v4/images/private%2F1"),
        ("POST", "/v4/images/private%2F1/regions"),
        ("DELETE", "/v4/images/private%2F1"),
        ("GET", "/v4/images?page=1&page_size=500"),
    ]
    assert bodies(recorder) == [
        None,
        {"disk_id": 42, "label": "golden", "tags": ["web"]},
        {"label": "golden", "region": "us-east", "description": "d", "cloud_init": True},
        {"label": "golden-v2", "description": None},
        {"regions": ["us-east", "us-iad"]},
        None,
        None,
    ]
    for request in recorder.requests:
        if request.content:
            assert request.headers["content-type"] == "application/json"


def test_update_needs_a_field(make: Any) -> None:
    recorder = Recorder()
    with pytest.raises(ValueError):
        make(recorder).call("update", "private/1")
    assert recorder.count == 0


@pytest.mark.parametrize(("regions", "error"), [([], ValueError), ("us-east", TypeError), ((), ValueError)])
def test_replicate_needs_a_list_of_regions(make: Any, regions: Any, error: type[Exception]) -> None:
    recorder = Recorder()
    with pytest.raises(error, match="regions is a"):
        make(recorder).call("replicate", "private/1", regions=regions)
    assert recorder.count == 0


def slow_ok(request: httpx.Request) -> httpx.Response:
    time.sleep(0.05)
    return ok(request)


def test_raw_response(make: Any) -> None:
    recorder = Recorder(json_response(503, {"errors": [{"reason": "busy"}]}), default=slow_ok)
    harness = make(recorder)
    raw = harness.raw("get", "private/1")
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.headers["x-ratelimit-remaining"] == "399"
    assert raw.parsed.id == "private/1"
    assert raw.method == "GET"
    assert raw.url == "https://api.linode.com/v4/images/private%2F1"
    assert raw.elapsed >= 0.05  # the answering attempt's time, transport included
    assert recorder.count == 2  # the retried 503 is not what the raw response shows
    deleted = harness.raw("delete", "private/1")
    assert (deleted.status_code, deleted.parsed) == (200, None)
    page = harness.raw("list_page", page_size=100)
    assert page.parsed.results == 1


def test_requests_are_logged_without_headers(make: Any, caplog: pytest.LogCaptureFixture) -> None:
    harness = make(Recorder(default=ok))
    with caplog.at_level(logging.DEBUG, logger="linode_images"):
        harness.call("get", "private/1")
    (record,) = [r for r in caplog.records if r.name == "linode_images"]
    assert record.levelno == logging.DEBUG
    assert record.getMessage().startswith("GET https://api.linode.com/v4/images/private%2F1 -> 200 in ")
    assert record.getMessage().endswith(" ms")


def cookie_setting(request: httpx.Request) -> httpx.Response:
    return json_response(200, image_json(), {"Set-Cookie": "session=abc; Path=/"})


def test_a_cookie_an_answer_sets_is_never_sent_back(make: Any) -> None:
    """The API authenticates by token: a cookie from a proxy or a load balancer is not kept."""
    recorder = Recorder(default=cookie_setting)
    client = make(recorder)
    client.call("get", "private/1")
    client.call("get", "private/2")
    assert [request.headers.get("cookie") for request in recorder.requests] == [None, None]


def test_the_upload_clients_keep_no_cookies() -> None:
    from linode_images._storage import upload_async_http_client, upload_http_client

    recorder = Recorder(default=cookie_setting)
    with upload_http_client(NetworkOptions(transport=httpx.MockTransport(recorder))) as http:
        http.get("https://us-east-1.linodeobjects.com/b/1")
        http.get("https://us-east-1.linodeobjects.com/b/1")
        assert len(http.cookies) == 0

    async def run() -> None:
        async with upload_async_http_client(NetworkOptions(transport=httpx.MockTransport(recorder))) as http:
            await http.get("https://us-east-1.linodeobjects.com/b/1")
            await http.get("https://us-east-1.linodeobjects.com/b/1")

    asyncio.run(run())
    assert [request.headers.get("cookie") for request in recorder.requests] == [None] * 4
    with (
        upload_http_client(NetworkOptions()) as http,
        pytest.raises(AttributeError, match="keeps no cookies"),
    ):
        http.cookies = {"session": "abc"}


def test_the_cookie_jar_the_clients_share_stays_empty() -> None:
    with LinodeImages(TOKEN, transport=httpx.MockTransport(cookie_setting)) as client:
        jar = client._http.cookies
        jar.set("session", "abc", domain="api.linode.com")
        jar["other"] = "x"
        jar.update({"third": "y"})
        jar.jar.set_cookie(next(iter(httpx.Cookies({"fourth": "z"}).jar)))
        with pytest.raises(AttributeError, match="keeps no cookies"):
            jar.jar = httpx.Cookies().jar
        assert len(jar) == 0 and not jar

"""The API token never shows up in reprs, log records, exceptions, or requests it should not be on."""

from __future__ import annotations

import logging
import pickle
import traceback
from typing import Any

import httpx
import pytest
from linode_images import AsyncLinodeImages, LinodeImages, RetryPolicy

from tests.overlay.support import TOKEN, Recorder, image_json, json_response


def test_token_is_sent_as_bearer(make: Any) -> None:
    recorder = Recorder(default=lambda r: json_response(200, image_json()))
    make(recorder).call("get", "private/1")
    assert recorder.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_anonymous_sends_no_authorization(make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINODE_TOKEN", raising=False)
    recorder = Recorder(default=lambda r: json_response(200, image_json("linode/debian12")))
    harness = make(recorder, token=None)
    harness.call("get", "linode/debian12")
    assert "authorization" not in recorder.requests[0].headers
    assert "token=None" in repr(harness.client)


def test_token_from_environment(make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINODE_TOKEN", "env-token-value")
    recorder = Recorder(default=lambda r: json_response(200, image_json()))
    make(recorder, token=None).call("get", "private/1")
    assert recorder.requests[0].headers["authorization"] == "Bearer env-token-value"


def test_empty_environment_token_means_anonymous(make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINODE_TOKEN", "")
    recorder = Recorder(default=lambda r: json_response(200, image_json()))
    make(recorder, token=None).call("get", "private/1")
    assert "authorization" not in recorder.requests[0].headers


def test_reprs_hide_the_token(make: Any) -> None:
    harness = make(Recorder())
    client = harness.client
    for text in (
        repr(client),
        str(client),
        repr(client.images),
        repr(client._auth),
        repr(client._generated),
        repr(client._network),
        repr(client._http),
        repr(vars(client)),
    ):
        assert TOKEN not in text
    assert "token=<redacted>" in repr(client)


def test_client_cannot_be_pickled(make: Any) -> None:
    with pytest.raises(TypeError):
        pickle.dumps(make(Recorder()).client)


def test_token_with_line_break_is_refused() -> None:
    with pytest.raises(ValueError) as info:
        LinodeImages(token="abc\r\nX-Evil: 1")
    assert "abc" not in str(info.value)


ALL_FAILURES = [
    lambda r: httpx.Response(401, content=b'{"errors": [{"reason": "Invalid Token"}]}'),
    lambda r: httpx.Response(502, content=b"<html>bad gateway</html>"),
    lambda r: httpx.Response(429, content=b""),
    lambda r: httpx.Response(200, content=b"not json"),
]


def _raise_connect(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


@pytest.mark.parametrize("failure", [*ALL_FAILURES, _raise_connect])
def test_no_token_in_exceptions_or_logs(make: Any, failure: Any, caplog: pytest.LogCaptureFixture) -> None:
    harness = make(Recorder(default=failure), retry=RetryPolicy(max_retries=2))
    with caplog.at_level(logging.DEBUG), pytest.raises(Exception) as info:
        harness.call("get", "private/1")
    rendered = "".join(traceback.format_exception(info.value))
    assert TOKEN not in rendered
    assert TOKEN not in repr(vars(info.value))
    records = [r for r in caplog.records if r.name.startswith(("linode_images", "httpx", "httpcore"))]
    assert records, "the client should log its requests"
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in repr(record.args)


@pytest.mark.parametrize(
    "base_url",
    [
        "http://api.linode.com",
        "http://10.0.0.5:8080",
        "http://example.test/api",
        "ftp://api.linode.com",
        "api.linode.com",
        "http://",
    ],
)
@pytest.mark.parametrize("cls", [LinodeImages, AsyncLinodeImages])
def test_plain_http_is_refused(cls: Any, base_url: str) -> None:
    with pytest.raises(ValueError) as info:
        cls(token=TOKEN, base_url=base_url)
    assert TOKEN not in str(info.value)


@pytest.mark.parametrize(
    "base_url",
    [
        "http://127.0.0.1:8000",
        "http://localhost:1234",
        "http://[::1]:9000",
        "http://127.5.6.7",
        "http://api.localhost:8080",
    ],
)
def test_plain_http_to_loopback_is_allowed(base_url: str) -> None:
    with LinodeImages(token=TOKEN, base_url=base_url) as client:
        assert client.base_url == base_url


def test_plain_http_can_be_allowed_explicitly() -> None:
    with LinodeImages(token=TOKEN, base_url="http://10.0.0.5:8080/", allow_insecure_http=True) as client:
        assert client.base_url == "http://10.0.0.5:8080"


def test_redirects_are_not_followed(make: Any) -> None:
    """A redirect must not carry the token to another host."""
    recorder = Recorder(default=lambda r: httpx.Response(302, headers={"Location": "https://evil.test/x"}))
    harness = make(recorder, retry=0)
    with pytest.raises(Exception):
        harness.call("get", "private/1")
    assert [r.url.host for r in recorder.requests] == ["api.linode.com"]


def test_token_goes_to_the_api_origin_only() -> None:
    """Even a request for another host made through the client's own connection pool
    carries no token."""
    recorder = Recorder(default=lambda r: json_response(200, image_json()))
    with LinodeImages(token=TOKEN, transport=httpx.MockTransport(recorder)) as client:
        client._http.get("https://us-east-1.linodeobjects.com/bucket/key")
        client._http.get("http://api.linode.com/v4/images/private%2F1")
        client._http.get("https://api.linode.com:8443/v4/images/private%2F1")
        client.images.get("private/1")
    assert [r.headers.get("authorization") for r in recorder.requests] == [
        None,
        None,
        None,
        f"Bearer {TOKEN}",
    ]

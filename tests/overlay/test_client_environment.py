"""Where the client's token and base URL come from (argument, environment, default), the
explicit way to be anonymous, base URLs that would double the API version, and the error
messages that say what the response alone does not (no token sent, Retry-After)."""

from __future__ import annotations

from typing import Any

import pytest
from linode_images import AuthenticationError, LinodeImages, RateLimitError, RetryPolicy

from tests.overlay.support import TOKEN, Recorder, image_json, json_response

MOCK_URL = "http://127.0.0.1:4010"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINODE_BASE_URL", raising=False)
    monkeypatch.delenv("LINODE_TOKEN", raising=False)


def answer(request: Any) -> Any:
    return json_response(200, image_json())


def test_the_base_url_comes_from_the_argument_then_the_environment_then_the_default(
    make: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert make(Recorder(default=answer)).client.base_url == "https://api.linode.com"
    monkeypatch.setenv("LINODE_BASE_URL", MOCK_URL + "/")
    recorder = Recorder(default=answer)
    make(recorder).call("get", "private/1")
    assert str(recorder.requests[0].url) == f"{MOCK_URL}/v4/images/private%2F1"
    assert (
        make(recorder, base_url="https://proxy.example.test").client.base_url == "https://proxy.example.test"
    )


def test_an_empty_base_url_variable_counts_as_unset(make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINODE_BASE_URL", "")
    assert make(Recorder(default=answer)).client.base_url == "https://api.linode.com"


def test_the_environment_base_url_is_checked_like_the_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINODE_BASE_URL", "http://images.example.test")
    with pytest.raises(ValueError, match="refusing to send the API token over plain http"):
        LinodeImages(token=TOKEN)


def test_token_none_reads_the_environment_and_anonymous_ignores_it(
    make: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINODE_TOKEN", "env-token-value")
    recorder = Recorder(default=answer)

    make(recorder, token=None).call("get", "private/1")
    anonymous = make(recorder, token=None, anonymous=True)
    anonymous.call("get", "linode/debian12")

    assert recorder.requests[0].headers["authorization"] == "Bearer env-token-value"
    assert "authorization" not in recorder.requests[1].headers
    assert "token=None" in repr(anonymous.client)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"token": TOKEN, "anonymous": True}, ValueError, "pass either token= or anonymous=True, not both"),
        ({"token": ""}, ValueError, "the token is empty; pass anonymous=True to send no token"),
        ({"token": "  "}, ValueError, "the token is empty"),
        ({"token": 123}, TypeError, "token must be a str or None, not int"),
        ({"token": "a\nb"}, ValueError, "a control character in it"),
    ],
)
def test_tokens_that_cannot_be_sent_are_refused(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        LinodeImages(**kwargs)


@pytest.mark.parametrize(
    ("base_url", "fixed"),
    [
        ("http://127.0.0.1:4010/v4", "http://127.0.0.1:4010"),
        ("http://127.0.0.1:4010/v4/", "http://127.0.0.1:4010"),
        ("https://api.linode.com/v4beta", "https://api.linode.com"),
        ("https://proxy.example.test/linode/v4", "https://proxy.example.test/linode"),
    ],
)
def test_a_base_url_ending_in_an_api_version_is_refused(base_url: str, fixed: str) -> None:
    with pytest.raises(ValueError) as raised:
        LinodeImages(token=TOKEN, base_url=base_url)
    message = str(raised.value)
    assert message.startswith("base_url ends in an API version (/v4")
    assert "the client adds /v4 or /v4beta (api_version=) to every path itself" in message
    assert message.endswith(f"use {fixed!r}")


def test_a_version_like_segment_elsewhere_is_a_path_like_any_other(make: Any) -> None:
    recorder = Recorder(default=answer)
    make(recorder, base_url="https://proxy.example.test/v4/linode").call("get", "private/1")
    assert str(recorder.requests[0].url) == "https://proxy.example.test/v4/linode/v4/images/private%2F1"


INVALID_TOKEN = json_response(401, {"errors": [{"reason": "Invalid Token"}]})


def test_an_anonymous_write_says_no_token_was_sent(make: Any) -> None:
    harness = make(Recorder(default=lambda request: INVALID_TOKEN), token=None, anonymous=True)

    with pytest.raises(AuthenticationError) as raised:
        harness.call("create", disk_id=1001, label="golden")

    assert str(raised.value) == (
        "POST https://api.linode.com/v4/images -> 401: Invalid Token "
        "(no token was sent: pass token= or set LINODE_TOKEN)"
    )


def test_a_refused_token_does_not_claim_none_was_sent(make: Any) -> None:
    harness = make(Recorder(default=lambda request: INVALID_TOKEN))

    with pytest.raises(AuthenticationError) as raised:
        harness.call("create", disk_id=1001, label="golden")

    assert str(raised.value) == "POST https://api.linode.com/v4/images -> 401: Invalid Token"


def test_a_429_message_carries_its_retry_after(make: Any) -> None:
    limited = json_response(429, {"errors": [{"reason": "Too many requests"}]}, {"Retry-After": "17"})
    harness = make(Recorder(default=lambda request: limited), retry=RetryPolicy(max_retries=0))

    with pytest.raises(RateLimitError) as raised:
        harness.call("get", "private/1")

    assert raised.value.retry_after == 17
    assert str(raised.value).endswith("-> 429: Too many requests (Retry-After: 17 s)")

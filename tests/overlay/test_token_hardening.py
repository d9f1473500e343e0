"""The token under hostile input: refused when malformed, absent from everything an error reaches,
never sent through a proxy in clear, never sent to a host hidden behind userinfo."""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from linode_images import AsyncLinodeImages, LinodeImages, RetryPolicy

from tests.overlay.support import TOKEN, Recorder, image_json, json_response

SECRET = "s3cr3t-token-value"


@pytest.mark.parametrize(
    "token",
    [
        f"{SECRET} ",
        f" {SECRET}",
        f"{SECRET}\t",
        f"{SECRET}\n",
        f"sec\x00{SECRET}",
        f"{SECRET}\x0b",
        "\x7f" + SECRET,
    ],
)
@pytest.mark.parametrize("cls", [LinodeImages, AsyncLinodeImages])
def test_malformed_token_is_refused_without_echoing_it(
    cls: Any, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError) as info:
        cls(token=token)
    assert SECRET not in str(info.value) and "whitespace" in str(info.value)
    if "\x00" in token:
        return  # an environment variable cannot hold a NUL
    monkeypatch.setenv("LINODE_TOKEN", token)
    with pytest.raises(ValueError) as info:
        cls()
    assert SECRET not in "".join(traceback.format_exception(info.value))


@pytest.mark.parametrize("cls", [LinodeImages, AsyncLinodeImages])
def test_empty_token_argument_is_refused(cls: Any) -> None:
    with pytest.raises(ValueError, match="pass anonymous=True"):
        cls(token="")


@pytest.mark.parametrize(
    "base_url",
    [
        "https://api.linode.com@evil.example",
        "https://user:pw@api.linode.com",
        "http://x@127.0.0.1:8",
        "ftp://u:pw@h",
    ],
)
@pytest.mark.parametrize("cls", [LinodeImages, AsyncLinodeImages])
def test_base_url_with_userinfo_is_refused(cls: Any, base_url: str) -> None:
    with pytest.raises(ValueError, match="user information") as info:
        cls(token=SECRET, base_url=base_url)
    assert "pw" not in str(info.value)


def _reachable(root: object) -> Iterator[object]:
    """Every object reachable from ``root`` through attributes, containers, causes and contexts."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, type | type(traceback) | type(len)):
            continue
        seen.add(id(obj))
        yield obj
        if isinstance(obj, str | bytes | bytearray | int | float | bool) or obj is None:
            continue
        if isinstance(obj, dict):
            todo.extend(obj.keys())
            todo.extend(obj.values())
            continue
        if isinstance(obj, list | tuple | set | frozenset):
            todo.extend(obj)
            continue
        if isinstance(obj, BaseException):
            todo.extend([obj.__cause__, obj.__context__, obj.args])
        for name in getattr(type(obj), "__slots__", ()):
            todo.append(getattr(obj, name, None))
        with contextlib.suppress(TypeError):  # no __dict__
            todo.append(vars(obj))


def _carries(obj: object, secret: str) -> bool:
    if isinstance(obj, str):
        return secret in obj
    if isinstance(obj, bytes | bytearray):
        return secret.encode() in obj
    return False


def _connect_error(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


@pytest.mark.parametrize(
    "failure",
    [
        _connect_error,
        lambda r: httpx.Response(200, content=b"not json"),
        lambda r: httpx.Response(404, content=b'{"errors": [{"reason": "Not found"}]}'),
        lambda r: httpx.Response(200, headers={"content-encoding": "gzip"}, content=b"not gzip"),
    ],
)
def test_no_object_reachable_from_an_error_carries_the_token(make: Any, failure: Any) -> None:
    recorder = Recorder(default=failure)
    harness = make(recorder, token=SECRET, retry=RetryPolicy(max_retries=1))
    with pytest.raises(Exception) as info:
        harness.call("get", "private/1")
    carriers = [obj for obj in _reachable(info.value) if _carries(obj, SECRET)]
    assert carriers == []
    # The request did carry it while it was being sent.
    assert [r.headers["authorization"] for r in recorder.requests] == [f"Bearer {SECRET}"] * recorder.count


def test_the_request_object_keeps_no_token_after_a_success(make: Any) -> None:
    recorder = Recorder(default=lambda r: json_response(200, image_json()))
    make(recorder, token=TOKEN).call("get", "private/1")
    assert recorder.originals[0].headers["authorization"] == "Bearer <redacted>"
    assert recorder.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_repr_of_a_client_whose_constructor_raised() -> None:
    def build() -> None:
        LinodeImages(token=SECRET, base_url="ftp://nowhere")

    with pytest.raises(ValueError) as info:
        build()
    # capture_locals reprs every frame's locals, the half-made client included.
    text = "".join(traceback.TracebackException.from_exception(info.value, capture_locals=True).format())
    assert "LinodeImages (not configured)" in text

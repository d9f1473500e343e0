"""What the ``linode_images`` logger shows at DEBUG: every API request's method, URL, status,
X-Filter and body fields, and the upload's PUT, with every credential redacted by one rule."""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from linode_images import Filter, LinodeImages
from linode_images._redact import REDACTED, redact, redacted_url, request_line
from linode_images_mock import MockServer

from tests.overlay.support import TOKEN, Recorder, image_json, json_response


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.DEBUG, logger="linode_images"):
        yield caplog


def messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "linode_images"]


def test_debug_shows_method_url_status_and_x_filter(make: Any, debug_log: pytest.LogCaptureFixture) -> None:
    page = {"data": [image_json()], "page": 1, "pages": 1, "results": 1}
    harness = make(Recorder(default=lambda request: json_response(200, page)))

    harness.list(filter=Filter.eq("is_public", False), order_by="label")

    [line] = messages(debug_log)
    assert re.fullmatch(
        r"GET https://api\.linode\.com/v4/images\?page=1&page_size=500 "
        r'X-Filter \{"is_public":false,"\+order_by":"label"\} -> 200 in [\d.]+ ms',
        line,
    ), line


def test_debug_shows_the_body_fields_and_never_the_token(
    make: Any, debug_log: pytest.LogCaptureFixture
) -> None:
    harness = make(Recorder(default=lambda request: json_response(200, image_json())))

    harness.call("create", disk_id=1001, label="golden", tags=["web"])

    [line] = messages(debug_log)
    assert line.startswith('POST https://api.linode.com/v4/images body {"disk_id": 1001, "label": "golden"')
    assert '"tags": ["web"]' in line and " -> 200 in " in line
    assert TOKEN not in debug_log.text and "Bearer" not in debug_log.text


def test_a_connection_failure_is_logged_with_the_request(
    make: Any, debug_log: pytest.LogCaptureFixture
) -> None:

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    harness = make(Recorder(default=refuse), retry=0)
    with pytest.raises(Exception, match="ConnectError"):
        harness.call("get", "private/1")

    assert messages(debug_log)[0].startswith(
        "GET https://api.linode.com/v4/images/private%2F1 -> ConnectError"
    )


def test_the_upload_put_is_logged_with_its_signature_redacted(debug_log: pytest.LogCaptureFixture) -> None:
    data = gzip.compress(b"disk" * 1000)
    with MockServer() as server, LinodeImages(token=TOKEN, base_url=server.url) as client:
        image = client.images.upload(data, label="logged", region="us-east", wait=False)
        client.images.delete(str(image.id))

    [put] = [line for line in messages(debug_log) if line.startswith("PUT ")]
    assert re.fullmatch(
        rf"PUT {re.escape(server.url)}/\S+\?Signature=<redacted>&Expires=\d+&AWSAccessKeyId=<redacted> "
        rf"\({len(data)} bytes, attempt 1\) -> 200 in [\d.]+ ms",
        put,
    ), put
    assert "MOCKACCESSKEY" not in debug_log.text
    [upload_call] = [
        line for line in messages(debug_log) if line.startswith("POST ") and "/images/upload" in line
    ]
    assert '"label": "logged", "region": "us-east"' in upload_call


@pytest.mark.parametrize(
    "name", ["Authorization", "token", "Signature", "AWSAccessKeyId", "X-Amz-Signature", "X-Amz-Credential"]
)
def test_one_rule_redacts_every_credential(name: str) -> None:
    assert redact(name, "secret") == REDACTED
    assert redact(name.lower(), "secret") == REDACTED


def test_what_is_not_a_credential_is_kept() -> None:
    assert redact("label", "golden") == "golden"
    assert (
        redacted_url("https://api.linode.com/v4/images?page=2") == "https://api.linode.com/v4/images?page=2"
    )
    signed = "https://b.example/x?X-Amz-Signature=s1&X-Amz-Credential=c1&X-Amz-Expires=60"
    assert (
        redacted_url(signed)
        == "https://b.example/x?X-Amz-Signature=<redacted>&X-Amz-Credential=<redacted>&X-Amz-Expires=60"
    )


def test_tokens_in_nested_bodies_are_redacted_and_long_bodies_cut() -> None:
    nested = b'{"members": [{"token": "share-secret", "label": "a"}], "description": "' + b"x" * 2000 + b'"}'
    line = request_line("POST", "https://api.linode.com/v4/x", {}, nested)
    assert "share-secret" not in line
    assert '"members": [{"token": "<redacted>", "label": "a"}]' in line
    assert line.endswith("...") and len(line) < 1100
    assert request_line("PUT", "https://b.example/x", {}, b"\x1f\x8b binary").endswith(
        "body (9 bytes, not JSON)"
    )

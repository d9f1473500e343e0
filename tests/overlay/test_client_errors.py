"""Every error response becomes the right typed error, whatever its body looks like."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from linode_images import (
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ErrorDetail,
    MaintenanceError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
)

from tests.overlay.support import Recorder, json_response

NGINX_502 = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

# (status, body bytes, extra headers, expected class, expected errors)
CASES: list[tuple[int, bytes, dict[str, str], type[APIStatusError], list[ErrorDetail]]] = [
    (
        400,
        b'{"errors": [{"reason": "Label must be 1-50 characters", "field": "label"}]}',
        {},
        BadRequestError,
        [ErrorDetail("label", "Label must be 1-50 characters")],
    ),
    (
        400,
        b'{"errors": [{"reason": "Cannot filter on foo", "field": "X-Filter"}]}',
        {},
        BadRequestError,
        [ErrorDetail("X-Filter", "Cannot filter on foo")],
    ),
    (
        400,
        b'{"errors": [{"reason": "a", "field": "label"}, {"reason": "b", "field": null}, {"reason": "c"}]}',
        {},
        BadRequestError,
        [ErrorDetail("label", "a"), ErrorDetail(None, "b"), ErrorDetail(None, "c")],
    ),
    (
        401,
        b'{"errors": [{"reason": "Invalid Token"}]}',
        {},
        AuthenticationError,
        [ErrorDetail(None, "Invalid Token")],
    ),
    (
        403,
        b'{"errors": [{"reason": "Unauthorized"}]}',
        {},
        PermissionDeniedError,
        [ErrorDetail(None, "Unauthorized")],
    ),
    (404, b'{"errors": [{"reason": "Not found"}]}', {}, NotFoundError, [ErrorDetail(None, "Not found")]),
    (404, b"", {}, NotFoundError, []),
    (
        409,
        b'{"errors": [{"reason": "Image is not available"}]}',
        {},
        ConflictError,
        [ErrorDetail(None, "Image is not available")],
    ),
    (429, b"", {}, RateLimitError, []),
    (
        429,
        b'{"errors": [{"reason": "Too many requests"}]}',
        {},
        RateLimitError,
        [ErrorDetail(None, "Too many requests")],
    ),
    (
        500,
        b'{"errors": [{"reason": "Internal error"}]}',
        {},
        ServerError,
        [ErrorDetail(None, "Internal error")],
    ),
    (502, NGINX_502, {"content-type": "text/html"}, ServerError, []),
    (
        503,
        b'{"errors": [{"reason": "Service unavailable"}]}',
        {},
        ServerError,
        [ErrorDetail(None, "Service unavailable")],
    ),
    (
        503,
        b'{"errors": [{"reason": "maintenance"}]}',
        {"X-Maintenance-Mode": "1"},
        MaintenanceError,
        [ErrorDetail(None, "maintenance")],
    ),
    (504, b"upstream timed out", {}, ServerError, []),
    (520, b"", {}, ServerError, []),  # not in http.HTTPStatus: the generated layer cannot even build it
    (418, b'{"errors": []}', {}, APIStatusError, []),
    (422, b'{"unexpected": "shape"}', {}, APIStatusError, []),
    (400, b"[1, 2]", {}, BadRequestError, []),
    (400, b'{"errors": "nope"}', {}, BadRequestError, []),
    (400, b'{"errors": [{"field": "label"}, 3]}', {}, BadRequestError, []),
    (400, b"\xff\xfe not utf-8", {}, BadRequestError, []),
]


@pytest.mark.parametrize(("status", "body", "headers", "expected", "errors"), CASES)
def test_error_mapping(
    make: Any,
    status: int,
    body: bytes,
    headers: dict[str, str],
    expected: type[APIStatusError],
    errors: list[ErrorDetail],
) -> None:
    recorder = Recorder(
        default=lambda r: httpx.Response(status, content=body, headers={"X-Trace": "t1", **headers})
    )
    harness = make(recorder, retry=0)
    with pytest.raises(APIStatusError) as info:
        harness.call("get", "linode/debian12")
    err = info.value
    assert type(err) is expected
    assert err.status_code == status
    assert err.errors == errors
    assert err.method == "GET"
    assert err.url == "https://api.linode.com/v4/images/linode%2Fdebian12"
    assert err.headers["x-trace"] == "t1"
    assert err.body == body.decode("utf-8", errors="replace")
    assert str(status) in str(err)
    for detail in errors:
        assert detail.reason in str(err)


def test_rate_limit_error_carries_retry_after(make: Any) -> None:
    harness = make(
        Recorder(default=lambda r: httpx.Response(429, content=b"", headers={"Retry-After": "12"})), retry=0
    )
    with pytest.raises(RateLimitError) as info:
        harness.call("get", "private/1")
    assert info.value.retry_after == 12.0
    harness = make(
        Recorder(default=lambda r: httpx.Response(429, content=b"", headers={"Retry-After": "-4"})), retry=0
    )
    with pytest.raises(RateLimitError) as info:
        harness.call("get", "private/1")
    assert info.value.retry_after == 0.0


def test_html_error_message_is_short_and_readable(make: Any) -> None:
    harness = make(Recorder(default=lambda r: httpx.Response(502, content=NGINX_502 * 20)), retry=0)
    with pytest.raises(ServerError) as info:
        harness.call("get", "private/1")
    message = str(info.value)
    assert "502 Bad Gateway" in message
    assert "\n" not in message
    assert len(message) < 300


def test_field_and_reason_survive_for_every_method(make: Any) -> None:
    body = {"errors": [{"reason": "Label is too long", "field": "label"}]}
    harness = make(Recorder(default=lambda r: json_response(400, body)), retry=0)
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
        ("create", (), {"disk_id": 1, "label": "x" * 60}),
        ("create_upload", (), {"label": "x" * 60, "region": "us-east"}),
        ("update", ("private/1",), {"label": "x" * 60}),
        ("replicate", ("private/1",), {"regions": ["us-east"]}),
        ("delete", ("private/1",), {}),
        ("list_page", (), {}),
    ]
    for method, args, kwargs in calls:
        with pytest.raises(BadRequestError) as info:
            harness.call(method, *args, **kwargs)
        assert info.value.errors == [ErrorDetail("label", "Label is too long")], method
        assert info.value.reasons == ["Label is too long"]


@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"[1, 2]", b'{"id": 5, "created": "not a date"}', b'{"status": []}'],
)
def test_undecodable_success_body(make: Any, body: bytes) -> None:
    harness = make(Recorder(default=lambda r: httpx.Response(200, content=body)), retry=0)
    with pytest.raises(APIResponseValidationError) as info:
        harness.call("get", "private/1")
    assert info.value.status_code == 200
    assert info.value.body == body.decode()


def test_undecodable_success_body_is_not_retried(make: Any) -> None:
    recorder = Recorder(default=lambda r: httpx.Response(200, content=b"<html>"))
    harness = make(recorder)
    with pytest.raises(APIResponseValidationError):
        harness.call("get", "private/1")
    assert recorder.count == 1


def test_unknown_fields_and_enum_values_decode(make: Any) -> None:
    from tests.overlay.support import image_json

    doc = image_json(
        "shared/5854",
        type="shared",
        status="brand_new",
        is_shared=None,
        image_sharing={
            "shared_with": None,
            "shared_by": {
                "sharegroup_id": 8306,
                "sharegroup_uuid": "1533863e-16a4-47b5-b829-ac0f35c13278",
                "sharegroup_label": "team",
                "source_image_id": "private/160700",
                "provenance": "unknown to the spec",
            },
        },
        regions=[{"region": "us-east", "status": "timedout"}],
    )
    harness = make(Recorder(default=lambda r: json_response(200, doc)))
    image = harness.call("get", "shared/5854")
    assert image.type_ == "shared"
    assert image.status == "brand_new"
    shared_by = image.image_sharing.shared_by
    assert shared_by.source_image_id == "private/160700"
    assert shared_by.additional_properties == {"provenance": "unknown to the spec"}

"""A success body of the wrong shape is an ``APIResponseValidationError`` naming where it is wrong;
a status the spec does not know is refused before waiting for it.

Each kind of wrong shape goes through the sync and the async client over a MockTransport; the
error carries the JSON ``path`` (None for a body that is not JSON), the status and the body.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from linode_images import APIResponseValidationError

from tests.overlay.support import TOKEN, Recorder, image_json, json_response


def page_json(**fields: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"data": [image_json(f"private/{n}") for n in range(5)], "page": 1, "pages": 1}
    doc["results"] = len(doc["data"])
    doc.update(fields)
    return doc


def with_fifth_image(**fields: Any) -> dict[str, Any]:
    doc = page_json()
    doc["data"][3].update(fields)
    return doc


# (operation, its arguments, the 200 body, the path, the message's problem)
CASES: list[tuple[str, tuple[Any, ...], Any, str, str]] = [
    ("get", ("private/1",), image_json(size="big"), "size", "size: expected integer, got string"),
    (
        "get",
        ("private/1",),
        image_json(updated="not a date"),
        "updated",
        "updated: expected date-time, got 'not a date'",
    ),
    ("get", ("private/1",), image_json(tags="web"), "tags", "tags: expected array, got string"),
    (
        "get",
        ("private/1",),
        image_json(regions=[{"region": "us-east", "status": None}]),
        "regions[0].status",
        "regions[0].status: expected string, got null",
    ),
    (
        "list_page",
        (),
        with_fifth_image(size="big"),
        "data[3].size",
        "data[3].size: expected integer, got string",
    ),
    ("list_page", (), page_json(pages="3"), "pages", "pages: expected integer, got string"),
    ("list_page", (), page_json(page=True), "page", "page: expected integer, got boolean"),
    (
        "create_upload",
        (),
        {"image": image_json(status="pending_upload")},
        "upload_to",
        "upload_to: expected string, missing (the field is required)",
    ),
]
KWARGS = {"create_upload": {"label": "golden", "region": "us-east"}}


@pytest.mark.parametrize(
    ("method", "args", "doc", "path", "problem"), CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES]
)
def test_a_wrong_shape_names_its_path(
    make: Any, method: str, args: tuple[Any, ...], doc: Any, path: str, problem: str
) -> None:
    recorder = Recorder(default=lambda r: json_response(200, doc))
    harness = make(recorder, retry=0)
    with pytest.raises(APIResponseValidationError) as info:
        harness.call(method, *args, **KWARGS.get(method, {}))
    error = info.value
    assert error.path == path
    assert error.status_code == 200
    assert error.body == json_response(200, doc).text
    assert error.message.endswith(f"the body is not a valid {type_name(method)}: {problem}")
    assert error.method == recorder.requests[0].method
    assert TOKEN not in f"{error} {error.body} {error.url} {vars(error)}"
    assert recorder.count == 1  # a body of the wrong shape is not asked for again


def type_name(method: str) -> str:
    return {"get": "Image", "list_page": "PaginatedImages", "create_upload": "UploadImageResponse"}[method]


def test_a_success_status_with_an_error_body_says_what_it_carries(make: Any) -> None:
    body = {"errors": [{"reason": "Not found", "field": None}, {"reason": "Try later", "field": "id"}]}
    harness = make(Recorder(default=lambda r: json_response(200, body)), retry=0)
    with pytest.raises(APIResponseValidationError) as info:
        harness.call("get", "private/1")
    assert info.value.path == "created"
    assert info.value.message.endswith(
        "not a valid Image: created: expected date-time string, missing (the field is required); "
        "it carries errors: Not found; id: Try later"
    )


@pytest.mark.parametrize("body", [b"<html>502</html>", b"", b'{"id": "private/1"'])
def test_a_body_that_is_not_json_has_no_path(make: Any, body: bytes) -> None:
    harness = make(Recorder(default=lambda r: httpx.Response(200, content=body)), retry=0)
    with pytest.raises(APIResponseValidationError) as info:
        harness.call("get", "private/1")
    assert info.value.path is None
    assert info.value.body == body.decode()
    assert "the body is not a valid Image: the body is not JSON: " in info.value.message


def test_a_wrong_page_stops_the_pager_with_the_error_instead_of_ending_the_list(make: Any) -> None:
    first = page_json(pages=2)
    harness = make(Recorder(json_response(200, first), json_response(200, page_json(pages="3"))), retry=0)
    with pytest.raises(APIResponseValidationError) as info:
        harness.list()
    assert info.value.path == "pages"
    assert "page=2" in info.value.url


def test_the_body_as_a_whole_has_the_empty_path(make: Any) -> None:
    harness = make(Recorder(default=lambda r: json_response(200, [1, 2])), retry=0)
    with pytest.raises(APIResponseValidationError) as info:
        harness.call("get", "private/1")
    assert info.value.path == ""
    assert info.value.message.endswith("(the value itself): expected object, got array")


def test_waiting_for_an_unknown_status_is_refused_before_any_request(make: Any) -> None:
    recorder = Recorder(default=lambda r: json_response(200, image_json()))
    harness = make(recorder)
    with pytest.raises(ValueError, match=r"^status 'availble' is not an image status; wait for one of 'av"):
        harness.call("wait_for_status", "private/1", "availble")
    assert recorder.count == 0
    assert harness.time.sleeps == []

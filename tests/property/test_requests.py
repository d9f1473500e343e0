"""Spec-valid requests for each of the 7 operations, drawn by schemathesis from
spec/linode-images.yaml, sent through the overlay (sync over a socket, async in-process)
and through the generated client to the strict mock, which validates every request and
every response against the spec.

What each example checks:

- The outcome is the one the API's semantics give for the input, computed from the mock's
  state before the call: success, or the documented error as its typed exception (404 for
  an id that is not there or a disk the account does not have (naming ``disk_id``), 403
  for writing a public image, 400 naming ``region`` or ``regions`` for a region that does
  not exist, 409 for
  replicating an image that is not available yet).
- The overlay refuses, with ``ValueError`` and before anything is sent, exactly the inputs
  it documents as refused although the spec's types allow them: ids that are not
  ``linode/<name>``, ``private/<n>`` or ``shared/<n>``, filter values with control
  characters, and an update with no field to change.
- The decoded model round-trips: ``to_dict()`` equals the JSON the mock sent, after one
  normalisation: every ``date-time`` string is compared as an instant, because a timestamp
  without an offset is UTC (REAL-API-FACTS, "Timestamps") and ``to_dict()`` writes it back
  with ``datetime.isoformat()`` (``2021-08-14T22:44:02`` becomes ``...02+00:00``).
  Unknown fields and enum values round-trip unchanged.
- What the mock sent matches its state: the listed page, the image read, the fields written.

Drawn values are mapped onto existing things only where the spec cannot say what exists:
an image id is the drawn string, a seeded private image, a public image or an absent one; a
disk id or a region is the drawn value or a known one (the drawn value is almost never
known, and then the 400 is what is checked). The drawn ``X-Filter`` string becomes the
overlay's ``{"label": <string>}``; the generated client sends it as drawn (any string is
spec-valid; a non-JSON one is the API's 400 on ``X-Filter``). The generated client can send
the id ``upload``, which names the upload path (POST only, so 405 for GET, PUT and DELETE).
Every request carries the account's token in place of the drawn ``Authorization``
(tests/mock covers authentication).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
import schemathesis
from hypothesis import given
from hypothesis import strategies as st
from linode_images import (
    APIStatusError,
    AsyncLinodeImages,
    BadRequestError,
    ConflictError,
    LinodeError,
    LinodeImages,
    NotFoundError,
    PermissionDeniedError,
    check_image_id,
)
from linode_images_api.api.images import (
    delete_image,
    get_image,
    get_images,
    post_image,
    post_replicate_image,
    post_upload_image,
    put_image,
)
from linode_images_api.client import AuthenticatedClient
from linode_images_api.models import (
    ApiVersion,
    CreateImageRequest,
    ErrorResponse,
    ReplicateImageRequest,
    UpdateImageRequest,
    UploadImageRequest,
)
from linode_images_mock import MockServer, MockState, create_app
from linode_images_mock._errors import ApiError
from linode_images_mock._filters import parse_filter

from tests.property.support import (
    ACCOUNT,
    DISKS,
    OUTCOMES,
    SPEC_PATH,
    TOKEN,
    assert_round_trip,
    budget,
    count,
    fresh,
    mock_config,
    running_mock,
)

SCHEMA = schemathesis.openapi.from_path(SPEC_PATH)

# operationId -> (path, method, the schema of its 200 body)
OPERATIONS = {
    "get-images": ("/{apiVersion}/images", "GET", "PaginatedImages"),
    "get-image": ("/{apiVersion}/images/{imageId}", "GET", "Image"),
    "post-image": ("/{apiVersion}/images", "POST", "Image"),
    "post-upload-image": ("/{apiVersion}/images/upload", "POST", "UploadImageResponse"),
    "put-image": ("/{apiVersion}/images/{imageId}", "PUT", "Image"),
    "post-replicate-image": ("/{apiVersion}/images/{imageId}/regions", "POST", "Image"),
    "delete-image": ("/{apiVersion}/images/{imageId}", "DELETE", "DeleteImageResponse"),
}
ERROR_TYPES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
}
REQUEST_MODELS: dict[str, Any] = {
    "post-image": CreateImageRequest,
    "post-upload-image": UploadImageRequest,
    "put-image": UpdateImageRequest,
    "post-replicate-image": ReplicateImageRequest,
}
GENERATED = {
    "get-images": get_images,
    "get-image": get_image,
    "post-image": post_image,
    "post-upload-image": post_upload_image,
    "put-image": put_image,
    "post-replicate-image": post_replicate_image,
    "delete-image": delete_image,
}
PUBLIC_IMAGE = "linode/debian12"
ABSENT_IMAGE = "private/999999999"
REGIONS = tuple(mock_config().regions)


def cases(operation_id: str) -> st.SearchStrategy[schemathesis.Case]:
    path, method, _ = OPERATIONS[operation_id]
    strategy: st.SearchStrategy[schemathesis.Case] = SCHEMA[path][method].as_strategy()
    return strategy


# --- the mock and the clients ------------------------------------------------------------------


class Recording(httpx.BaseTransport):
    """Keeps every response (read) that passes, so a test sees the JSON the mock sent."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.responses: list[httpx.Response] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        self.responses.append(response)
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncRecording(httpx.AsyncBaseTransport):
    """``Recording`` for the async client, over the mock's ASGI app."""

    def __init__(self, app: Any) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.responses: list[httpx.Response] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        await response.aread()
        self.responses.append(response)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


@dataclass
class Clients:
    """The mock (one state behind a socket and an in-process app) and every client under test."""

    server: MockServer
    runner: asyncio.Runner
    sync: dict[str, LinodeImages] = field(default_factory=dict)
    sync_seen: Recording = field(default_factory=Recording)
    async_: dict[str, AsyncLinodeImages] = field(default_factory=dict)
    async_seen: AsyncRecording | None = None
    generated: AuthenticatedClient | None = None

    @property
    def state(self) -> MockState:
        return self.server.state


@pytest.fixture(scope="module")
def clients() -> Iterator[Clients]:
    with running_mock() as server, asyncio.Runner() as runner:
        made = Clients(server, runner)
        made.async_seen = AsyncRecording(create_app(state=server.state))
        for version in ("v4", "v4beta"):
            # No retries: every response the mock sends is the one the test sees.
            made.sync[version] = LinodeImages(
                TOKEN, base_url=server.url, api_version=version, retry=None, transport=made.sync_seen
            )
            made.async_[version] = AsyncLinodeImages(
                TOKEN, base_url="http://localhost", api_version=version, retry=None, transport=made.async_seen
            )
        made.generated = AuthenticatedClient(base_url=server.url, token=TOKEN)
        yield made
        for client in made.sync.values():
            client.close()
        for async_client in made.async_.values():
            runner.run(async_client.aclose())
        made.generated.get_httpx_client().close()


# --- one request, from a schemathesis case ------------------------------------------------------


@dataclass
class Call:
    """A drawn request in the overlay's terms."""

    operation_id: str
    version: str
    image_id: str | None = None
    page: int | None = None
    page_size: int | None = None
    x_filter: str | None = None
    body: dict[str, Any] | None = None


IMAGE_TARGETS = ("private", "drawn", "public", "absent")


def to_call(case: schemathesis.Case, operation_id: str, data: st.DataObject, private_ids: list[str]) -> Call:
    """Turn a case into a Call, mapping ids, disks and regions as the module docstring says."""
    call = Call(operation_id, unquote(case.path_parameters["apiVersion"]))
    if "imageId" in case.path_parameters:
        target = data.draw(st.sampled_from(IMAGE_TARGETS), label="image target")
        call.image_id = {
            "drawn": unquote(case.path_parameters["imageId"]),
            "private": private_ids[0],
            "public": PUBLIC_IMAGE,
            "absent": ABSENT_IMAGE,
        }[target]
    query = case.query or {}
    call.page, call.page_size = query.get("page"), query.get("page_size")
    call.x_filter = (case.headers or {}).get("X-Filter")
    if isinstance(case.body, dict):
        body = dict(case.body)
        if "disk_id" in body and data.draw(st.booleans(), label="known disk"):
            body["disk_id"] = data.draw(st.sampled_from(DISKS), label="disk")
        regions = list(REGIONS)
        if "region" in body and data.draw(st.booleans(), label="known region"):
            body["region"] = data.draw(st.sampled_from(regions), label="region")
        if "regions" in body and data.draw(st.booleans(), label="known regions"):
            body["regions"] = data.draw(
                st.lists(st.sampled_from(regions), min_size=1, max_size=4), label="regions"
            )
        call.body = body
    return call


# --- what should happen -----------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    kind: str  # "ok", "refused" (client-side, nothing sent) or "status"
    status: int = 200
    field: str | None = None


def _visible(state: MockState, image_id: str) -> dict[str, Any] | None:
    try:
        return state.get_image(image_id, ACCOUNT)
    except ApiError:
        return None


def _id_refused(image_id: str) -> bool:
    try:
        check_image_id(image_id)
    except ValueError:
        return True
    return False


def _has_control(value: str) -> bool:
    return any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value)


def expect(state: MockState, call: Call, *, overlay: bool) -> Expected:
    """The outcome the API's semantics (and the overlay's documented checks) give for ``call``."""
    op, body = call.operation_id, call.body or {}
    if overlay:
        if call.image_id is not None and _id_refused(call.image_id):
            return Expected("refused")
        if op == "get-images" and call.x_filter is not None and _has_control(call.x_filter):
            return Expected("refused")
        if op == "put-image" and not body:
            return Expected("refused")
    if op == "get-images":
        if not overlay and call.x_filter and call.x_filter.strip():
            try:
                parse_filter(call.x_filter)
            except ApiError as error:
                return Expected("status", error.status, error.field)
        return Expected("ok")
    if op == "post-image":
        return Expected("ok") if body["disk_id"] in DISKS else Expected("status", 404, "disk_id")
    if op == "post-upload-image":
        return Expected("ok") if body["region"] in REGIONS else Expected("status", 400, "region")
    assert call.image_id is not None
    if call.image_id == "upload" and op in ("get-image", "put-image", "delete-image"):
        # /images/upload is the upload path, which has POST only; the overlay refuses the id.
        return Expected("status", 405)
    image = _visible(state, call.image_id)
    if image is None:
        return Expected("status", 404)
    if op == "get-image":
        return Expected("ok")
    if image["is_public"]:
        return Expected("status", 403)
    if op == "post-replicate-image":
        if any(region not in REGIONS for region in body["regions"]):
            return Expected("status", 400, "regions")
        if image["status"] != "available":
            return Expected("status", 409)
    return Expected("ok")


# --- what did happen -------------------------------------------------------------------------


def overlay_request(images: Any, call: Call) -> Any:
    """The overlay call for ``call`` (a coroutine for the async client)."""
    op, body = call.operation_id, call.body or {}
    if op == "get-images":
        kwargs: dict[str, Any] = {}
        if call.page is not None:
            kwargs["page"] = call.page
        if call.page_size is not None:
            kwargs["page_size"] = call.page_size
        if call.x_filter is not None:
            kwargs["filter"] = {"label": call.x_filter}
        return images.list_page(**kwargs)
    if op == "get-image":
        return images.get(call.image_id)
    if op == "post-image":
        return images.create(**body)
    if op == "post-upload-image":
        return images.create_upload(**body)
    if op == "put-image":
        return images.update(call.image_id, **body)
    if op == "post-replicate-image":
        return images.replicate(call.image_id, **body)
    return images.delete(call.image_id)


def check_outcome(
    state: MockState, call: Call, expected: Expected, run: Any, seen: list[httpx.Response]
) -> None:
    """Run one overlay call and check it against ``expected``, the raw response and the mock."""
    sent_before = sum(state.counters.requests.values())
    seen_before = len(seen)
    try:
        result = run()
    except (ValueError, TypeError) as error:
        assert expected.kind == "refused", f"refused {call}: {error!r}"
        assert str(error), "the refusal says why"
        assert sum(state.counters.requests.values()) == sent_before, "refused, yet a request was sent"
        return
    except APIStatusError as error:
        assert expected.kind == "status", f"{call} -> {error!r}, expected {expected}"
        assert error.status_code == expected.status, f"{call} -> {error!r}"
        assert isinstance(error, ERROR_TYPES[expected.status])
        if expected.field is not None:
            assert [detail.field for detail in error.errors] == [expected.field], error.errors
        assert seen[-1].json()["errors"][0]["reason"] in error.reasons
        return
    except LinodeError as error:  # connection or decoding errors are bugs here
        raise AssertionError(f"{call} -> unexpected {error!r}") from error
    assert expected.kind == "ok", f"{call} succeeded, expected {expected}"
    assert len(seen) == seen_before + 1, "one request, no retry"
    check_success(state, call, result, seen[-1].json())


def check_success(state: MockState, call: Call, result: Any, sent: Any, *, overlay: bool = True) -> None:
    """The decoded result round-trips, and what the mock sent agrees with its state and the input."""
    op, body = call.operation_id, call.body or {}
    schema_name = OPERATIONS[op][2]
    if op == "delete-image":
        assert result is None and sent == {}
        assert call.image_id is not None and _visible(state, call.image_id) is None
        return
    assert_round_trip(result, sent, schema_name)
    if op == "get-images":
        page = call.page if call.page is not None else 1
        page_size = call.page_size if call.page_size is not None else 500
        header = call.x_filter
        if overlay and call.x_filter is not None:
            header = json.dumps({"label": call.x_filter})
        assert sent == state.list_images(ACCOUNT, parse_filter(header), page, page_size)
        return
    image = sent["image"] if op == "post-upload-image" else sent
    if op in ("get-image", "put-image"):
        assert call.image_id is not None
        assert image == _visible(state, call.image_id)
    for name in ("label", "description", "tags"):
        if name in body:
            assert image[name] == body[name], name
    if op == "post-upload-image":
        assert image["status"] == "pending_upload"
        assert sent["upload_to"].startswith("http")
    if op == "post-image":
        assert image["status"] == "creating"
    if op == "post-replicate-image":
        # The list replaces the regions: the wanted ones are there, the others on their way out.
        wanted = set(body["regions"])
        assert wanted <= {entry["region"] for entry in image["regions"]}
        for entry in image["regions"]:
            assert (entry["status"] == "pending deletion") == (entry["region"] not in wanted), entry


def generated_call(clients: Clients, call: Call) -> Any:
    """The generated ``sync_detailed`` call for ``call``; request models round-trip first."""
    module = GENERATED[call.operation_id]
    args: list[Any] = [ApiVersion(call.version)]
    kwargs: dict[str, Any] = {"client": clients.generated}
    if call.image_id is not None:
        args.append(call.image_id)
    if call.operation_id == "get-images":
        if call.page is not None:
            kwargs["page"] = call.page
        if call.page_size is not None:
            kwargs["page_size"] = call.page_size
        if call.x_filter is not None:
            kwargs["x_filter"] = call.x_filter
    if call.body is not None:
        model = REQUEST_MODELS[call.operation_id].from_dict(call.body)
        assert model.to_dict() == call.body, "request model round-trip"
        kwargs["body"] = model
    return module.sync_detailed(*args, **kwargs)


def check_generated(clients: Clients, call: Call, expected: Expected) -> None:
    response = generated_call(clients, call)
    sent = json.loads(response.content)
    if expected.kind == "ok":
        assert response.status_code == 200, (call, sent)
        parsed = None if call.operation_id == "delete-image" else response.parsed
        check_success(clients.state, call, parsed, sent, overlay=False)
        if call.operation_id == "delete-image":
            assert_round_trip(response.parsed, sent, "DeleteImageResponse")
        return
    assert response.status_code == expected.status, (call, sent)
    # Error bodies are left undecoded by the generated functions (templates/endpoint_module.py.jinja).
    assert response.parsed is None
    assert_round_trip(ErrorResponse.from_dict(sent), sent, "ErrorResponse")
    if expected.field is not None:
        assert [error["field"] for error in sent["errors"]] == [expected.field]


# --- the tests -------------------------------------------------------------------------------


def _needs_generated(call: Call) -> bool:
    # "." and ".." are dot segments that URL handling removes whatever the quoting, so the
    # generated client cannot address them (the overlay refuses them, checked above).
    return call.image_id not in (".", "..")


@pytest.mark.parametrize("operation_id", list(OPERATIONS))
def test_spec_valid_requests(clients: Clients, operation_id: str) -> None:
    @budget(100)
    @given(case=cases(operation_id), data=st.data())
    def run(case: schemathesis.Case, data: st.DataObject) -> None:
        count(f"requests[{operation_id}]")
        state = clients.state
        assert clients.async_seen is not None
        # The same call three times, each on a freshly reset mock (the seeded ids repeat).
        call = to_call(case, operation_id, data, fresh(state))
        for kind in ("sync", "async", "generated"):
            fresh(state)
            expected = expect(state, call, overlay=kind != "generated")
            outcome = expected.kind if expected.kind != "status" else str(expected.status)
            OUTCOMES[f"{operation_id} {outcome}"] += 1
            if kind == "generated":
                if _needs_generated(call):
                    check_generated(clients, call, expected)
                continue
            if kind == "sync":
                images, runner, seen = clients.sync[call.version].images, None, clients.sync_seen
            else:
                images, runner, seen = clients.async_[call.version].images, clients.runner, clients.async_seen

            def send(images: Any = images, runner: asyncio.Runner | None = runner) -> Any:
                request = overlay_request(images, call)
                return runner.run(request) if runner is not None else request

            check_outcome(state, call, expected, send, seen.responses)

    run()


@pytest.mark.parametrize("operation_id", ["get-image", "put-image", "delete-image"])
def test_the_id_upload_is_the_upload_path(clients: Clients, operation_id: str) -> None:
    """Found by the long profile: the generated client can only reach /images/upload with it."""
    call = Call(
        operation_id, "v4", image_id="upload", body={"label": "x"} if operation_id == "put-image" else None
    )
    fresh(clients.state)
    check_generated(clients, call, expect(clients.state, call, overlay=False))
    with pytest.raises(ValueError, match="not an image id"):
        overlay_request(clients.sync["v4"].images, call)

"""The generated low-level client over httpx.MockTransport: requests it sends, responses it decodes."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from linode_images_api import AuthenticatedClient
from linode_images_api.api.images import (
    delete_image,
    get_image,
    get_images,
    post_image,
    post_replicate_image,
    post_upload_image,
    put_image,
)
from linode_images_api.errors import DecodeError, UndecodableResponse
from linode_images_api.models import (
    ApiVersion,
    CreateImageRequest,
    DeleteImageResponse,
    ErrorResponse,
    Image,
    ImageRegionStatus,
    ImageSharedWith,
    ImageSharing,
    ImageStatus,
    ImageType,
    PaginatedImages,
    ReplicateImageRequest,
    UpdateImageRequest,
    UploadImageRequest,
    UploadImageResponse,
)
from linode_images_api.types import UNSET

UTC = datetime.UTC

# A public image as the live API sends it in 2025-26 list responses: no total_size,
# regions null, offset-less timestamps, plus fields the published document lacks.
PUBLIC_IMAGE = {
    "id": "linode/debian12",
    "label": "Debian 12",
    "description": "",
    "created": "2023-06-12T16:11:37",
    "updated": "2023-06-12T16:11:37",
    "type": "manual",
    "is_public": True,
    "deprecated": False,
    "size": 1300,
    "created_by": "linode",
    "vendor": "Debian",
    "expiry": None,
    "eol": "1970-01-01T05:00:00",
    "status": "available",
    "capabilities": ["cloud-init"],
    "tags": [],
    "regions": None,
    "is_shared": None,
    "image_sharing": None,
}
PRIVATE_IMAGE = {
    "id": "private/123",
    "label": "golden",
    "description": None,
    "created": "2021-08-14T22:44:02",
    "updated": None,
    "type": "manual",
    "is_public": False,
    "deprecated": False,
    "size": 0,
    "total_size": 0,
    "created_by": None,
    "vendor": None,
    "expiry": None,
    "eol": None,
    "status": "pending_upload",
    "capabilities": [],
    "tags": ["web"],
    "regions": [],
    "is_shared": False,
    # The producer's own image: both halves present, shared_by null (docs/real-api-facts.md).
    "image_sharing": {
        "shared_with": {"sharegroup_count": 0, "sharegroup_list_url": "/images/private/123/sharegroups"},
        "shared_by": None,
    },
}


class Recorder:
    """A MockTransport handler that records requests and answers with a canned response."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.status, self.body, self.headers = status, body, headers or {}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        content = self.body if isinstance(self.body, bytes) else json.dumps(self.body).encode()
        return httpx.Response(self.status, content=content, headers=self.headers)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


def client_for(handler: Callable[[httpx.Request], httpx.Response]) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url="https://api.linode.com",
        token="tok",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


V4 = ApiVersion.V4


def test_list_sends_page_query_and_filter_header_and_decodes_the_envelope() -> None:
    rec = Recorder(200, {"results": 2, "pages": 1, "page": 1, "data": [PUBLIC_IMAGE, PRIVATE_IMAGE]})
    resp = get_images.sync_detailed(
        V4, client=client_for(rec), page=2, page_size=500, x_filter='{"is_public":false}'
    )
    req = rec.last
    assert req.method == "GET"
    assert req.url.path == "/v4/images"
    assert dict(req.url.params) == {"page": "2", "page_size": "500"}
    assert req.headers["X-Filter"] == '{"is_public":false}'
    assert req.headers["Authorization"] == "Bearer tok"
    page = resp.parsed
    assert isinstance(page, PaginatedImages)
    assert (page.page, page.pages, page.results) == (1, 1, 2)
    assert isinstance(page.data, list)
    assert [i.id for i in page.data] == ["linode/debian12", "private/123"]


def test_empty_filtered_list_is_page_zero() -> None:
    rec = Recorder(200, {"data": [], "page": 0, "pages": 0, "results": 0})
    page = get_images.sync(ApiVersion.V4BETA, client=client_for(rec))
    assert rec.last.url.path == "/v4beta/images"
    assert isinstance(page, PaginatedImages)
    assert page.page == 0 and page.data == []


def test_public_image_in_real_wire_shape_decodes() -> None:
    rec = Recorder(200, PUBLIC_IMAGE)
    image = get_image.sync(V4, "linode/debian12", client=client_for(rec))
    # The id's slash is percent-encoded into one path segment (the API accepts both forms).
    assert rec.last.url.raw_path == b"/v4/images/linode%2Fdebian12"
    assert isinstance(image, Image)
    assert image.regions is None
    assert image.total_size is UNSET
    assert image.description == ""
    assert image.created == datetime.datetime(2023, 6, 12, 16, 11, 37, tzinfo=UTC)
    assert image.eol == datetime.datetime(1970, 1, 1, 5, 0, tzinfo=UTC)
    assert image.capabilities == ["cloud-init"]
    assert image.additional_properties == {}
    assert image.image_sharing is None
    assert image.is_shared is None


def test_private_image_with_nulls_and_unknown_nested_fields_round_trips() -> None:
    image = Image.from_dict(PRIVATE_IMAGE)
    assert image.updated is None and image.created_by is None and image.description is None
    assert image.status is ImageStatus.PENDING_UPLOAD
    assert image.regions == []
    assert isinstance(image.image_sharing, ImageSharing)
    assert image.image_sharing.shared_by is None
    assert isinstance(image.image_sharing.shared_with, ImageSharedWith)
    assert image.image_sharing.shared_with.sharegroup_list_url == "/images/private/123/sharegroups"
    out = image.to_dict()
    assert out["image_sharing"] == PRIVATE_IMAGE["image_sharing"]
    # Timestamps are the one normalisation: offset-less UTC becomes explicit UTC.
    assert out["created"] == "2021-08-14T22:44:02+00:00"
    assert {k: v for k, v in out.items() if k != "created"} == {
        k: v for k, v in PRIVATE_IMAGE.items() if k != "created"
    }


# An older image as the API sent it: only the ten fields every recorded image object carries.
OLD_IMAGE = {
    "id": "linode/old",
    "label": "Old",
    "type": "manual",
    "is_public": True,
    "deprecated": True,
    "size": 1024,
    "created": "2018-01-31T15:01:44",
    "description": None,
    "vendor": None,
    "created_by": None,
}


def test_absent_fields_decode_as_unset() -> None:
    image = Image.from_dict(OLD_IMAGE)
    for name in (
        "status",
        "updated",
        "eol",
        "expiry",
        "capabilities",
        "tags",
        "regions",
        "total_size",
        "is_shared",
    ):
        assert getattr(image, name) is UNSET
    assert image.to_dict() == {**OLD_IMAGE, "created": "2018-01-31T15:01:44+00:00"}


def test_unknown_enum_values_decode_typed_and_round_trip() -> None:
    data = {**PRIVATE_IMAGE, "id": "shared/5854", "type": "shared", "status": "migrating",
            "regions": [{"region": "us-east", "status": "timedout"}, {"region": "us-iad", "status": "available"}]}  # fmt: skip
    image = Image.from_dict(data)
    assert image.type_ is ImageType.SHARED
    assert isinstance(image.status, ImageStatus)
    assert image.status == "migrating" and str(image.status) == "migrating"
    assert isinstance(image.regions, list)
    assert isinstance(image.regions[0].status, ImageRegionStatus)
    assert image.regions[0].status == "timedout"
    assert image.regions[1].status is ImageRegionStatus.AVAILABLE
    out = image.to_dict()
    assert out["status"] == "migrating"
    assert out["regions"] == data["regions"]


def test_create_sends_the_body_and_only_what_was_set() -> None:
    rec = Recorder(200, {**PRIVATE_IMAGE, "status": "creating"})
    body = CreateImageRequest(disk_id=42, label="golden", tags=["web"])
    image = post_image.sync(V4, client=client_for(rec), body=body)
    assert rec.last.method == "POST" and rec.last.url.path == "/v4/images"
    assert rec.last.headers["Content-Type"] == "application/json"
    assert json.loads(rec.last.content) == {"disk_id": 42, "label": "golden", "tags": ["web"]}
    assert isinstance(image, Image) and image.status is ImageStatus.CREATING


def test_upload_sends_cloud_init_and_decodes_upload_to() -> None:
    url = "https://us-east-1.linodeobjects.com:443/linode-production-machine-images/uploads/private/123?Signature=x&Expires=1"
    rec = Recorder(200, {"upload_to": url, "image": PRIVATE_IMAGE})
    body = UploadImageRequest(label="golden", region="us-east", cloud_init=True, tags=["web"])
    resp = post_upload_image.sync(V4, client=client_for(rec), body=body)
    assert rec.last.url.path == "/v4/images/upload"
    assert json.loads(rec.last.content) == {
        "label": "golden",
        "region": "us-east",
        "cloud_init": True,
        "tags": ["web"],
    }
    assert isinstance(resp, UploadImageResponse)
    assert resp.upload_to == url
    assert isinstance(resp.image, Image) and resp.image.id == "private/123"


def test_update_sends_writable_fields_only() -> None:
    rec = Recorder(200, {**PRIVATE_IMAGE, "label": "golden-v2"})
    image = put_image.sync(
        V4, "private/123", client=client_for(rec), body=UpdateImageRequest(label="golden-v2")
    )
    assert rec.last.method == "PUT"
    assert rec.last.url.raw_path == b"/v4/images/private%2F123"
    assert json.loads(rec.last.content) == {"label": "golden-v2"}
    assert isinstance(image, Image) and image.label == "golden-v2"
    assert set(UpdateImageRequest(label="a").to_dict()) == {"label"}
    assert not hasattr(UpdateImageRequest(), "status")


def test_replicate_posts_the_region_list() -> None:
    regions = [
        {"region": "us-east", "status": "available"},
        {"region": "us-iad", "status": "pending replication"},
    ]
    rec = Recorder(200, {**PRIVATE_IMAGE, "status": "available", "regions": regions})
    body = ReplicateImageRequest(regions=["us-east", "us-iad"])
    image = post_replicate_image.sync(V4, "private/123", client=client_for(rec), body=body)
    assert rec.last.method == "POST"
    assert rec.last.url.raw_path == b"/v4/images/private%2F123/regions"
    assert json.loads(rec.last.content) == {"regions": ["us-east", "us-iad"]}
    assert isinstance(image, Image) and isinstance(image.regions, list)
    assert image.regions[1].status is ImageRegionStatus.PENDING_REPLICATION


def test_delete_decodes_the_empty_object() -> None:
    rec = Recorder(200, {})
    resp = delete_image.sync_detailed(V4, "private/123", client=client_for(rec))
    assert rec.last.method == "DELETE" and rec.last.url.raw_path == b"/v4/images/private%2F123"
    assert isinstance(resp.parsed, DeleteImageResponse)
    assert resp.status_code == 200


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (404, {"errors": [{"reason": "Not found"}]}, [("Not found", UNSET)]),
        (400, {"errors": [{"reason": "Label must be 1-50 characters", "field": "label"}]},
         [("Label must be 1-50 characters", "label")]),
        (400, {"errors": [{"reason": "Cannot filter on foo", "field": "X-Filter"}]}, [("Cannot filter on foo", "X-Filter")]),
        (401, {"errors": [{"reason": "Invalid Token", "field": None}]}, [("Invalid Token", None)]),
    ],
)  # fmt: skip
def test_error_bodies_with_and_without_field_decode(status: int, body: Any, expected: list[Any]) -> None:
    resp = get_image.sync_detailed(V4, "linode/none", client=client_for(Recorder(status, body)))
    assert resp.status_code == status
    # templates/endpoint_module.py.jinja leaves error bodies to the caller, via http_response.
    assert resp.parsed is None
    error = ErrorResponse.from_dict(resp.http_response.json())
    assert isinstance(error.errors, list)
    assert [(e.reason, e.field) for e in error.errors] == expected


def test_an_html_error_page_is_returned_undecoded() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, content=b"<html>Bad Gateway</html>", headers={"Content-Type": "text/html"})

    client = AuthenticatedClient(base_url="https://api.linode.com", token="t")
    client.set_httpx_client(
        httpx.Client(base_url="https://api.linode.com", transport=httpx.MockTransport(handler))
    )
    resp = get_image.sync_detailed(V4, "linode/none", client=client)
    assert (resp.status_code, resp.parsed, resp.http_response.text) == (502, None, "<html>Bad Gateway</html>")


def test_a_success_body_of_the_wrong_shape_raises_with_the_response() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"not json")

    client = AuthenticatedClient(base_url="https://api.linode.com", token="t")
    client.set_httpx_client(
        httpx.Client(base_url="https://api.linode.com", transport=httpx.MockTransport(handler))
    )
    with pytest.raises(UndecodableResponse) as caught:
        get_image.sync_detailed(V4, "linode/debian12", client=client)
    assert caught.value.response.status_code == 200 and caught.value.response.content == b"not json"
    assert isinstance(caught.value.__cause__, ValueError)


@pytest.mark.asyncio
async def test_async_functions_send_the_same_requests() -> None:
    rec = Recorder(200, PUBLIC_IMAGE)
    client = client_for(rec)
    client.set_async_httpx_client(
        httpx.AsyncClient(base_url="https://api.linode.com", transport=httpx.MockTransport(rec))
    )
    image = await get_image.asyncio(V4, "linode/debian12", client=client)
    assert isinstance(image, Image) and image.id == "linode/debian12"
    assert rec.last.url.raw_path == b"/v4/images/linode%2Fdebian12"
    # The canned body is an image, not a page: decoding it as one says what is missing.
    with pytest.raises(
        UndecodableResponse, match=r"could not be decoded: data: expected array, missing"
    ) as caught:
        await get_images.asyncio(V4, client=client, page_size=25)
    assert isinstance(caught.value.__cause__, DecodeError)
    assert rec.last.url.params["page_size"] == "25"


@pytest.mark.parametrize(
    ("image_id", "sent_path"),
    [
        # Percent-encoding leaves dots alone and httpx removes dot segments, so these ids
        # escape the images path: "." lists images and ".." reaches the API root.
        (".", "/v4/images"),
        ("..", "/v4"),
        ("../account", "/v4/images/..%2Faccount"),
    ],
)
def test_generated_layer_does_not_guard_dot_ids(image_id: str, sent_path: str) -> None:
    """Documents why the overlay validates ids: the generated layer sends these as they are."""
    rec = Recorder(404, {"errors": [{"reason": "Not found"}]})
    get_image.sync_detailed(V4, image_id, client=client_for(rec))
    assert rec.last.url.raw_path.decode() == sent_path


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("2021-08-14T22:44:02", datetime.datetime(2021, 8, 14, 22, 44, 2, tzinfo=UTC)),
        ("2021-08-14T22:44:02.250", datetime.datetime(2021, 8, 14, 22, 44, 2, 250000, tzinfo=UTC)),
        ("2021-08-14 22:44", datetime.datetime(2021, 8, 14, 22, 44, tzinfo=UTC)),
        ("2021-08-14T22:44:02Z", datetime.datetime(2021, 8, 14, 22, 44, 2, tzinfo=UTC)),
        (
            "2021-08-14T22:44:02+02:00",
            datetime.datetime(2021, 8, 14, 22, 44, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
        ),
        # A date alone takes no appended offset: it is read as midnight UTC all the same.
        ("2021-08-14", datetime.datetime(2021, 8, 14, tzinfo=UTC)),
        ("20210814", datetime.datetime(2021, 8, 14, tzinfo=UTC)),
    ],
)
def test_every_iso_form_decodes_timezone_aware(wire: str, expected: datetime.datetime) -> None:
    decoded = Image.from_dict({**PUBLIC_IMAGE, "created": wire, "eol": wire}).created
    assert decoded == expected and decoded.utcoffset() == expected.utcoffset()
    assert Image.from_dict({**PUBLIC_IMAGE, "eol": wire}).eol == expected


@pytest.mark.parametrize("name", ["created", "eol", "updated"])
def test_a_date_time_that_is_not_one_is_a_decode_error_naming_the_field(name: str) -> None:
    with pytest.raises(DecodeError, match=rf"^{name}: expected date-time, got 'soon'$"):
        Image.from_dict({**PUBLIC_IMAGE, name: "soon"})

"""The generated models refuse a body of the wrong shape with one DecodeError naming the JSON path,
and keep decoding every shape the live API really sends (REAL-API-FACTS)."""

from __future__ import annotations

import datetime
import json
import types
import typing
from typing import Any

import httpx
import pytest
from linode_images_api import AuthenticatedClient
from linode_images_api.api.images import get_image, get_images, post_upload_image
from linode_images_api.errors import DecodeError, UndecodableResponse
from linode_images_api.models import (
    ApiVersion,
    ErrorObject,
    ErrorResponse,
    Image,
    ImageRegion,
    ImageRegionStatus,
    ImageStatus,
    ImageType,
    PaginatedImages,
    UploadImageRequest,
    UploadImageResponse,
)
from linode_images_api.types import UNSET

from tests.pipeline.test_generated_client import OLD_IMAGE, PRIVATE_IMAGE, PUBLIC_IMAGE


def page(*images: dict[str, Any], **envelope: Any) -> dict[str, Any]:
    return {"data": list(images), "page": 1, "pages": 1, "results": len(images), **envelope}


def refused(model: Any, body: Any) -> str:
    with pytest.raises(DecodeError) as caught:
        model.from_dict(body)
    return str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"size": "big"}, "size: expected integer, got string"),
        ({"size": True}, "size: expected integer, got boolean"),
        ({"size": 1.5}, "size: expected integer, got number"),
        ({"size": None}, "size: expected integer, got null"),
        ({"updated": "not a date"}, "updated: expected date-time, got 'not a date'"),
        ({"updated": 1628981042}, "updated: expected date-time string, got integer"),
        ({"tags": "web"}, "tags: expected array, got string"),
        ({"tags": ["web", 7]}, "tags[1]: expected string, got integer"),
        ({"capabilities": [None]}, "capabilities[0]: expected string, got null"),
        ({"regions": [{"region": "us-east", "status": None}]}, "regions[0].status: expected string, got null"),
        ({"regions": [{"region": "us-east", "status": "available"}, {"status": "available"}]},
         "regions[1].region: expected string, missing (the field is required)"),
        ({"regions": ["us-east"]}, "regions[0]: expected object, got string"),
        ({"regions": {"region": "us-east"}}, "regions: expected array, got object"),
        ({"is_public": 1}, "is_public: expected boolean, got integer"),
        ({"is_shared": "none"}, "is_shared: expected boolean, got string"),
        ({"label": None}, "label: expected string, got null"),
        ({"description": 0}, "description: expected string, got integer"),
        ({"status": 3}, "status: expected string, got integer"),
        ({"type": ["manual"]}, "type: expected string, got array"),
    ],
)  # fmt: skip
def test_a_wrong_value_names_its_path(change: dict[str, Any], message: str) -> None:
    assert refused(Image, {**PRIVATE_IMAGE, **change}) == message


@pytest.mark.parametrize("name", ["id", "label", "type", "is_public", "deprecated", "size", "created",
                                  "description", "vendor", "created_by"])  # fmt: skip
def test_every_always_sent_field_is_required(name: str) -> None:
    body = {key: value for key, value in PUBLIC_IMAGE.items() if key != name}
    assert refused(Image, body).startswith(f"{name}: expected ")
    assert refused(Image, body).endswith(", missing (the field is required)")


def test_the_error_carries_path_expected_and_problem() -> None:
    with pytest.raises(DecodeError) as caught:
        PaginatedImages.from_dict(
            page(PUBLIC_IMAGE, PUBLIC_IMAGE, PUBLIC_IMAGE, {**PUBLIC_IMAGE, "size": "big"})
        )
    error = caught.value
    assert str(error) == "data[3].size: expected integer, got string"
    assert (error.path, error.expected, error.problem) == ("data[3].size", "integer", "got string")
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"data": [], "page": 1, "pages": "3", "results": 0}, "pages: expected integer, got string"),
        ({"data": [], "page": 1, "pages": 1}, "results: expected integer, missing (the field is required)"),
        ({"data": None, "page": 1, "pages": 1, "results": 0}, "data: expected array, got null"),
        ({"data": [PUBLIC_IMAGE, None], "page": 1, "pages": 1, "results": 2}, "data[1]: expected object, got null"),
        ({"errors": [{"reason": "Not found"}]}, "data: expected array, missing (the field is required)"),
        ([PUBLIC_IMAGE], "(the value itself): expected object, got array"),
    ],
)  # fmt: skip
def test_a_page_of_the_wrong_shape_is_refused(body: Any, message: str) -> None:
    assert refused(PaginatedImages, body) == message


def test_nested_objects_are_checked_in_the_upload_answer() -> None:
    body = {"upload_to": "https://example.invalid/up", "image": {**PRIVATE_IMAGE, "size": "0"}}
    assert refused(UploadImageResponse, body) == "image.size: expected integer, got string"
    assert refused(UploadImageResponse, {"image": PRIVATE_IMAGE}) == (
        "upload_to: expected string, missing (the field is required)"
    )
    assert (
        refused(UploadImageResponse, {"upload_to": "u", "image": None}) == "image: expected object, got null"
    )


def test_error_bodies_are_checked_too() -> None:
    assert refused(ErrorResponse, {"errors": [{"field": "label"}]}) == (
        "errors[0].reason: expected string, missing (the field is required)"
    )
    assert refused(ErrorResponse, {"errors": "Not found"}) == "errors: expected array, got string"
    assert ErrorObject.from_dict({"reason": "Not found"}).field is UNSET


def test_request_models_check_their_values_as_well() -> None:
    assert refused(UploadImageRequest, {"label": "x", "region": 1}) == "region: expected string, got integer"


# --- through the generated API functions, as the overlay calls them ---------------------------------


def serving(body: Any, status: int = 200) -> AuthenticatedClient:
    content = json.dumps(body).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=content))
    return AuthenticatedClient(
        base_url="https://api.linode.com", token="tok", httpx_args={"transport": transport}
    )


def test_a_200_error_body_for_a_get_is_not_an_image_of_unset_fields() -> None:
    client = serving({"errors": [{"reason": "Not found"}]})
    with pytest.raises(
        UndecodableResponse, match=r"could not be decoded: created: expected date-time string, missing"
    ) as caught:
        get_image.sync_detailed(ApiVersion.V4, "private/1", client=client)
    assert isinstance(caught.value.__cause__, DecodeError)
    assert caught.value.response.status_code == 200


def test_a_page_whose_pages_is_a_string_is_refused_instead_of_ending_the_listing() -> None:
    client = serving({"data": [PUBLIC_IMAGE], "page": 1, "pages": "3", "results": 1210})
    with pytest.raises(
        UndecodableResponse, match=r"could not be decoded: pages: expected integer, got string$"
    ) as caught:
        get_images.sync_detailed(ApiVersion.V4, client=client, page_size=25)
    assert isinstance(caught.value.__cause__, DecodeError)
    assert caught.value.response.status_code == 200


def test_an_upload_answer_without_its_url_is_refused() -> None:
    client = serving({"image": PRIVATE_IMAGE})
    body = UploadImageRequest(label="x", region="us-east")
    with pytest.raises(UndecodableResponse, match=r"could not be decoded: upload_to: ") as caught:
        post_upload_image.sync_detailed(ApiVersion.V4, client=client, body=body)
    assert isinstance(caught.value.__cause__, DecodeError)
    assert caught.value.response.status_code == 200


# --- what the live API really sends still decodes ---------------------------------------------------


def test_real_api_deviations_decode() -> None:
    shared = {**PRIVATE_IMAGE, "id": "shared/5854", "type": "shared", "created_by": None, "is_shared": None,
              "capabilities": ["distributed-sites"],
              "regions": [{"region": "us-east", "status": "timedout", "replica_id": 9}]}  # fmt: skip
    decoded = PaginatedImages.from_dict(page(PUBLIC_IMAGE, PRIVATE_IMAGE, OLD_IMAGE, shared, flavour="new"))
    public, private, old, shared_image = decoded.data
    assert public.regions is None and public.total_size is UNSET and public.description == ""
    assert public.eol == datetime.datetime(1970, 1, 1, 5, tzinfo=datetime.UTC)
    assert private.description is None and private.updated is None and private.regions == []
    assert private.status is ImageStatus.PENDING_UPLOAD and private.size == 0
    assert old.status is UNSET and old.tags is UNSET
    assert shared_image.regions is not None and shared_image.regions[0].status == "timedout"
    assert shared_image.regions[0].additional_properties == {"replica_id": 9}
    # image_sharing is a typed field since 4.234.0: both halves present, one null.
    assert private.additional_properties == {}
    assert private.image_sharing is not None and private.image_sharing.shared_by is None
    assert private.image_sharing.to_dict() == PRIVATE_IMAGE["image_sharing"]
    assert decoded.additional_properties == {"flavour": "new"}
    assert PaginatedImages.from_dict({"data": [], "page": 0, "pages": 0, "results": 0}).page == 0


def test_several_unknown_fields_keep_their_order() -> None:
    body = {"zeta": 1, **OLD_IMAGE, "alpha": 2, "mid": None}
    assert list(Image.from_dict(body).additional_properties) == ["zeta", "alpha", "mid"]
    assert Image.from_dict(body).to_dict() == {**body, "created": "2018-01-31T15:01:44+00:00"}


def test_offset_less_timestamps_decode_as_utc_on_the_fast_path_and_off_it() -> None:
    for wire in ("2021-08-14T22:44:02", "2021-08-14t22:44:02", "2021-08-14T22:44:02Z"):
        created = Image.from_dict({**OLD_IMAGE, "created": wire}).created
        assert created == datetime.datetime(2021, 8, 14, 22, 44, 2, tzinfo=datetime.UTC), wire
        assert created.tzinfo is datetime.UTC
    # 19 characters with an offset: the offset is kept, not replaced by UTC.
    created = Image.from_dict({**OLD_IMAGE, "created": "2021-08-14T22+05:00"}).created
    assert created.utcoffset() == datetime.timedelta(hours=5)


# --- reprs for people --------------------------------------------------------------------------------


def test_a_repr_leaves_unset_fields_out() -> None:
    text = repr(Image.from_dict(OLD_IMAGE))
    assert text.startswith(
        "Image(id='linode/old', label='Old', created=datetime.datetime(2018, 1, 31, 15, 1, 44"
    )
    assert "Unset" not in text and "status=" not in text and "regions=" not in text
    assert "description=None" in text  # null is a value, unlike an absent field


def test_a_page_repr_counts_its_images() -> None:
    decoded = PaginatedImages.from_dict(page(*[PUBLIC_IMAGE] * 500, pages=3, results=1210))
    assert repr(decoded) == "PaginatedImages(page=1, pages=3, results=1210, data=[500 images])"
    small = PaginatedImages.from_dict(page(OLD_IMAGE))
    assert repr(small).startswith("PaginatedImages(page=1, pages=1, results=1, data=[Image(id='linode/old'")


def test_a_region_repr_is_short() -> None:
    region = ImageRegion.from_dict({"region": "us-east", "status": "available"})
    assert region.status is ImageRegionStatus.AVAILABLE
    assert repr(region) == "ImageRegion(region='us-east', status=<ImageRegionStatus.AVAILABLE: 'available'>)"


# --- the known enum values as types ------------------------------------------------------------------


def test_every_enum_has_a_literal_of_its_known_values() -> None:
    from linode_images_api.models.image_region_status import ImageRegionStatusValue
    from linode_images_api.models.image_status import ImageStatusValue
    from linode_images_api.models.image_type import ImageTypeValue

    for enum, literal in ((ImageStatus, ImageStatusValue), (ImageRegionStatus, ImageRegionStatusValue),
                          (ImageType, ImageTypeValue)):  # fmt: skip
        assert set(typing.get_args(literal)) == {member.value for member in enum}


def test_the_fast_path_and_the_field_by_field_decoding_agree() -> None:
    """A dict of exact JSON types takes from_dict's fast path; any other Mapping, or a str subclass,
    goes field by field: both give the same model."""

    class Label(str):
        pass

    for body in (PUBLIC_IMAGE, PRIVATE_IMAGE, OLD_IMAGE):
        fast = Image.from_dict(body)
        assert Image.from_dict(types.MappingProxyType(body)) == fast
        assert Image.from_dict({**body, "label": Label(body["label"])}) == fast
    with pytest.raises(DecodeError, match=r"^tags\[0\]: expected string, got integer$"):
        Image.from_dict(types.MappingProxyType({**PRIVATE_IMAGE, "tags": [1]}))

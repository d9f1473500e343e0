"""The client refuses, before sending, the requests the spec's bounds say cannot succeed; the
bounds are the spec's (spec_facts), the ones the mock and the contract view enforce."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import yaml
from linode_images import LinodeImages
from linode_images_api import spec_facts

SPEC = Path(__file__).resolve().parents[2] / "spec" / "linode-images.contract.yaml"


def _never_sent(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"sent although refused: {request.method} {request.url}")


@pytest.fixture
def client() -> LinodeImages:
    return LinodeImages(base_url="https://api.test", token="t", transport=httpx.MockTransport(_never_sent))


def test_the_bounds_are_the_contract_views() -> None:
    schemas = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["components"]["schemas"]
    for name in ("CreateImageRequest", "UploadImageRequest", "UpdateImageRequest"):
        tags = schemas[name]["properties"]["tags"]
        assert (tags["items"]["minLength"], tags["items"]["maxLength"], tags["maxItems"]) == (
            spec_facts.MIN_TAG_LENGTH,
            spec_facts.MAX_TAG_LENGTH,
            spec_facts.MAX_TAGS,
        )
    assert schemas["CreateImageRequest"]["properties"]["disk_id"]["minimum"] == spec_facts.MIN_DISK_ID == 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.images.create(disk_id=0), "disk_id is a disk's id, 1 or more, not 0"),
        (
            lambda c: c.images.create(disk_id=1, tags=["ab"]),
            "each of tags has 3 to 100 characters, not 2: 'ab'",
        ),
        (lambda c: c.images.create_upload(label="x", region="us-east", tags=["x" * 101]), "not 101"),
        (
            lambda c: c.images.update("private/1", tags=["web"] * 501),
            "an image has at most 500 tags, not 501",
        ),
    ],
)
def test_a_request_outside_the_bounds_is_a_value_error_before_sending(
    client: LinodeImages, call: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        call(client)  # type: ignore[operator]


def test_a_tag_that_is_not_a_string_is_a_type_error(client: LinodeImages) -> None:
    with pytest.raises(TypeError, match="tags is a list of strings"):
        client.images.create(disk_id=1, tags=[7])  # type: ignore[list-item]

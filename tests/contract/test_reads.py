"""Read-only scenarios: what a user of the client sees when listing and fetching images.

Every scenario holds on the mock and on the live API; together they spend well under the
20 requests a minute that GET /images allows (REAL-API-FACTS, "Lists and pagination").
"""

from __future__ import annotations

import json
from datetime import datetime

import httpx
import pytest
from linode_images import (
    AsyncLinodeImages,
    Filter,
    Image,
    ImageType,
    LinodeImages,
    NotFoundError,
    PaginatedImages,
)
from linode_images_api.models import ErrorResponse

from tests.contract.conftest import Target

PUBLIC = Filter.eq("is_public", True)


class CountingTransport(httpx.HTTPTransport):
    """A real transport that counts the requests going through it."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return super().handle_request(request)


def test_a_small_page_of_public_images_has_the_envelope(client: LinodeImages) -> None:
    page = client.images.list_page(page=1, page_size=25, filter=PUBLIC)

    assert isinstance(page, PaginatedImages)
    assert page.page == 1
    assert isinstance(page.results, int) and page.results > 25  # more than one page of them
    assert page.pages == -(-page.results // 25)
    assert len(page.data) == 25
    assert all(isinstance(image, Image) and image.is_public for image in page.data)


def test_listing_walks_every_page_once(target: Target) -> None:
    counting = CountingTransport()
    with target.client(transport=counting) as client:
        images = list(client.images.list(filter=PUBLIC, order_by="id", page_size=25))
        ids = [image.id for image in images]

    assert len(ids) == len(set(ids)) > 25
    assert ids == sorted(ids, key=str)
    pages = [request for request in counting.requests if request.url.path.endswith("/images")]
    assert len(pages) == -(-len(ids) // 25)
    assert [request.url.params["page"] for request in pages] == [str(n) for n in range(1, len(pages) + 1)]
    assert all(request.url.params["page_size"] == "25" for request in pages)


def test_get_a_public_image(client: LinodeImages) -> None:
    image = client.images.get("linode/debian12")

    assert image.id == "linode/debian12"
    assert image.is_public is True
    assert image.vendor == "Debian"
    assert image.type_ == ImageType.MANUAL
    assert isinstance(image.created, datetime) and image.created.utcoffset() is not None
    assert isinstance(image.size, int) and image.size > 0


def test_public_images_are_readable_without_a_token(target: Target, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINODE_TOKEN", raising=False)  # no token anywhere: an anonymous client
    counting = CountingTransport()
    with LinodeImages(base_url=target.base_url, transport=counting) as client:
        image = client.images.get("linode/debian12")

    assert image.id == "linode/debian12"
    assert "Authorization" not in counting.requests[0].headers


async def test_the_async_client_sees_the_same_image(target: Target, client: LinodeImages) -> None:
    async with AsyncLinodeImages(base_url=target.base_url, token=target.token) as async_client:
        fetched = await async_client.images.get("linode/debian12")

    assert fetched.to_dict() == client.images.get("linode/debian12").to_dict()


def test_a_missing_image_is_a_not_found_error(client: LinodeImages) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.images.get("private/999999999")

    error = caught.value
    assert error.status_code == 404
    assert error.reasons == ["Not found"]
    assert all(detail.field is None for detail in error.errors)
    assert error.method == "GET" and error.url.endswith("/images/private%2F999999999")


def test_filter_and_order(client: LinodeImages) -> None:
    debian = Filter.eq("vendor", "Debian") & PUBLIC
    images = list(client.images.list(filter=debian, order_by="created", order="desc"))

    assert images, "Linode always offers Debian images"
    assert {image.vendor for image in images} == {"Debian"}
    created = [image.created for image in images]
    assert created == sorted(created, reverse=True)  # type: ignore[type-var]
    assert "linode/debian12" in {image.id for image in images}


def test_an_empty_filtered_list(client: LinodeImages) -> None:
    nothing = Filter.eq("label", "linode-images-contract-no-such-label") & PUBLIC
    page = client.images.list_page(page=1, page_size=25, filter=nothing)

    # Linode answers an empty list with page 0 of 0 (REAL-API-FACTS, "Lists and pagination").
    assert (page.data, page.results, page.pages) == ([], 0, 0)
    assert list(client.images.list(filter=nothing)) == []


def test_a_bad_filter_is_refused_before_sending(client: LinodeImages) -> None:
    with pytest.raises(ValueError, match="cannot filter or sort on 'colour'"):
        client.images.list_page(filter={"colour": "blue"})


def test_a_bad_filter_is_a_400_on_x_filter(target: Target, requests_match_the_contract: list[str]) -> None:
    # The client refuses it before sending (above), so ask the API directly; the contract
    # view refuses it too, which is the point here, so that finding is taken back below.
    response = httpx.get(
        f"{target.base_url}/v4/images",
        params={"page_size": 25},
        headers={"Authorization": f"Bearer {target.token}", "X-Filter": json.dumps({"colour": "blue"})},
    )

    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/json")
    parsed = ErrorResponse.from_dict(response.json())
    assert isinstance(parsed.errors, list) and len(parsed.errors) == 1
    assert parsed.errors[0].field == "X-Filter"
    assert parsed.errors[0].reason == "Cannot filter on colour"
    assert requests_match_the_contract == [
        "get-images (GET /{apiVersion}/images) header X-Filter: "
        "Additional properties are not allowed ('colour' was unexpected)"
    ]
    requests_match_the_contract.clear()


def test_rate_limit_headers_the_client_relies_on(client: LinodeImages) -> None:
    raw = client.images.with_raw_response.list_page(page=1, page_size=25, filter=PUBLIC)

    assert raw.status_code == 200 and isinstance(raw.parsed, PaginatedImages)
    limit = int(raw.headers["X-RateLimit-Limit"])
    remaining = int(raw.headers["X-RateLimit-Remaining"])
    reset = int(raw.headers["X-RateLimit-Reset"])
    assert 0 <= remaining < limit
    assert reset > 1_600_000_000  # epoch seconds, not a delay

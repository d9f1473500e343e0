"""Uploads: a pre-signed-style URL outside the API that takes one gzip PUT."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from linode_images_api.spec_facts import UPLOAD_MAX_SIZE
from linode_images_mock import MockState

from .conftest import AUTH, FakeClock, upload_image

OCTET = {"Content-Type": "application/octet-stream"}


def xml_code(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/xml")
    return response.text.split("<Code>")[1].split("</Code>")[0]


async def test_upload_returns_pending_image_and_url_outside_the_api(client: httpx.AsyncClient) -> None:
    result = await upload_image(client, label="disk", region="fr-par", cloud_init=True, tags=["abc"])
    image = result["image"]
    assert (image["status"], image["size"], image["total_size"], image["regions"]) == (
        "pending_upload",
        0,
        0,
        [],
    )
    assert image["capabilities"] == ["cloud-init"] and image["tags"] == ["abc"]
    url = urlsplit(result["upload_to"])
    assert not url.path.startswith("/v4")
    query = parse_qs(url.query)
    assert {"Signature", "Expires", "AWSAccessKeyId"} <= set(query)


async def test_upload_to_an_unknown_region_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/v4/images/upload", json={"label": "x", "region": "mars-1"}, headers=AUTH)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "region"


@pytest.mark.parametrize(("body", "field"), [({"label": "x"}, "region"), ({"region": "us-east"}, "label")])
async def test_upload_requires_label_and_region(
    client: httpx.AsyncClient, body: dict[str, str], field: str
) -> None:
    response = await client.post("/v4/images/upload", json=body, headers=AUTH)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


async def test_successful_put_makes_the_image_available(client: httpx.AsyncClient, state: MockState) -> None:
    result = await upload_image(client)
    data = gzip.compress(b"\0" * 3_000_000)
    response = await client.put(result["upload_to"], content=data, headers=OCTET)
    assert response.status_code == 200
    assert response.headers["etag"] == f'"{hashlib.md5(data, usedforsecurity=False).hexdigest()}"'
    image = (await client.get(f"/v4/images/{result['image']['id']}", headers=AUTH)).json()
    assert image["status"] == "available"
    assert image["size"] == 1  # MB, rounded up: the gzip of 3 MB of zeros is tiny
    assert image["regions"] == [{"region": "us-east", "status": "available"}]
    record = state.counters.uploads[result["image"]["id"]]
    assert (record.bytes, record.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    assert state.counters.upload_authorization_seen is False


async def test_the_url_takes_only_one_upload(client: httpx.AsyncClient) -> None:
    result = await upload_image(client)
    data = gzip.compress(b"image")
    assert (await client.put(result["upload_to"], content=data, headers=OCTET)).status_code == 200
    second = await client.put(result["upload_to"], content=data, headers=OCTET)
    assert (second.status_code, xml_code(second)) == (403, "AccessDenied")


async def test_an_authorization_header_is_recorded_but_not_needed(
    client: httpx.AsyncClient, state: MockState
) -> None:
    result = await upload_image(client)
    response = await client.put(result["upload_to"], content=gzip.compress(b"x"), headers={**OCTET, **AUTH})
    assert response.status_code == 200
    assert state.counters.upload_authorization_seen is True
    assert state.counters.uploads[result["image"]["id"]].authorization_seen is True


async def test_chunked_bodies_are_411(client: httpx.AsyncClient, state: MockState) -> None:
    result = await upload_image(client)

    async def chunks() -> AsyncIterator[bytes]:
        yield gzip.compress(b"x")

    response = await client.put(result["upload_to"], content=chunks(), headers=OCTET)
    assert "content-length" not in response.request.headers
    assert (response.status_code, xml_code(response)) == (411, "MissingContentLength")
    assert result["image"]["id"] not in state.counters.uploads


async def test_non_gzip_data_is_rejected(client: httpx.AsyncClient) -> None:
    result = await upload_image(client)
    for data in (b"plain raw disk bytes", b"", b"\x1f"):
        response = await client.put(result["upload_to"], content=data, headers=OCTET)
        assert (response.status_code, xml_code(response)) == (400, "InvalidArgument")
    # A failed attempt does not use the URL up.
    assert (
        await client.put(result["upload_to"], content=gzip.compress(b"ok"), headers=OCTET)
    ).status_code == 200


async def test_data_over_the_limit_is_rejected(client: httpx.AsyncClient, state: MockState) -> None:
    state.configure(upload_limit=1000)
    result = await upload_image(client)
    big = b"\x1f\x8b" + bytes(1000)
    response = await client.put(result["upload_to"], content=big, headers=OCTET)
    assert (response.status_code, xml_code(response)) == (400, "EntityTooLarge")
    exact = b"\x1f\x8b" + bytes(998)
    assert (await client.put(result["upload_to"], content=exact, headers=OCTET)).status_code == 200


async def test_the_default_limit_is_the_specs_five_gigabytes(client: httpx.AsyncClient) -> None:
    # The spec's x-linode-upload-limits: 5 GB (10**9 bytes each), not 5 GiB.
    assert UPLOAD_MAX_SIZE == 5 * 10**9
    result = await upload_image(client)
    for length, code in ((UPLOAD_MAX_SIZE + 1, "EntityTooLarge"), (UPLOAD_MAX_SIZE, "InvalidArgument")):
        # Content-Length alone: a body that large is never sent (the empty one is not gzip).
        headers = {**OCTET, "Content-Length": str(length)}
        request = client.build_request("PUT", result["upload_to"], content=b"", headers=headers)
        response = await client.send(request)
        assert (response.status_code, xml_code(response)) == (400, code)


@pytest.mark.parametrize("part", ["Signature", "Expires"])
async def test_a_tampered_url_is_refused(client: httpx.AsyncClient, part: str) -> None:
    result = await upload_image(client)
    url = result["upload_to"].replace(f"{part}=", f"{part}=1")
    response = await client.put(url, content=gzip.compress(b"x"), headers=OCTET)
    assert (response.status_code, xml_code(response)) == (403, "SignatureDoesNotMatch")


async def test_the_wrong_content_type_breaks_the_signature(client: httpx.AsyncClient) -> None:
    result = await upload_image(client)
    response = await client.put(
        result["upload_to"], content=gzip.compress(b"x"), headers={"Content-Type": "x/y"}
    )
    assert (response.status_code, xml_code(response)) == (403, "SignatureDoesNotMatch")


async def test_only_put_is_allowed(client: httpx.AsyncClient) -> None:
    result = await upload_image(client)
    response = await client.post(result["upload_to"], content=gzip.compress(b"x"), headers=OCTET)
    assert (response.status_code, response.headers["allow"], xml_code(response)) == (
        405,
        "PUT",
        "MethodNotAllowed",
    )


async def test_url_expires_and_the_pending_image_disappears(
    client: httpx.AsyncClient, state: MockState, clock: FakeClock
) -> None:
    state.configure(timing={"upload_expiry": "600s"})
    result = await upload_image(client)
    expires = int(parse_qs(urlsplit(result["upload_to"]).query)["Expires"][0])
    assert expires == int(clock.now) + 600
    clock.advance(599)
    assert (await client.get(f"/v4/images/{result['image']['id']}", headers=AUTH)).status_code == 200
    clock.advance(2)
    assert (await client.get(f"/v4/images/{result['image']['id']}", headers=AUTH)).status_code == 404
    response = await client.put(result["upload_to"], content=gzip.compress(b"x"), headers=OCTET)
    assert (response.status_code, xml_code(response)) == (403, "AccessDenied")


async def test_the_default_expiry_is_24_hours(client: httpx.AsyncClient, clock: FakeClock) -> None:
    result = await upload_image(client)
    clock.advance(24 * 3600 - 1)
    assert (
        await client.put(result["upload_to"], content=gzip.compress(b"x"), headers=OCTET)
    ).status_code == 200
    clock.advance(3600)
    # Uploaded images do not expire.
    assert (await client.get(f"/v4/images/{result['image']['id']}", headers=AUTH)).status_code == 200


async def test_a_bad_etag_fault_stores_the_data_and_answers_an_etag_that_is_not_its_md5(
    client: httpx.AsyncClient, state: MockState
) -> None:
    state.set_faults("put-upload-data", {"sequence": ["bad-etag"]})
    result = await upload_image(client)
    data = gzip.compress(b"image")
    response = await client.put(result["upload_to"], content=data, headers=OCTET)
    assert response.status_code == 200
    etag = response.headers["etag"]
    assert etag.startswith('"') and len(etag) == 34
    assert etag != f'"{hashlib.md5(data, usedforsecurity=False).hexdigest()}"'
    assert state.counters.uploads[result["image"]["id"]].bytes == len(data)
    # On any other operation the fault serves normally.
    state.set_faults("get-image", {"sequence": ["bad-etag"]})
    assert (await client.get(f"/v4/images/{result['image']['id']}", headers=AUTH)).status_code == 200

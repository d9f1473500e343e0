"""What the stock schemathesis run against the mock found, each fixed and pinned here."""

from __future__ import annotations

import httpx
import yaml
from linode_images_mock import MockConfig

from tests.mock.test_stock_schemathesis import CONTRACT

from .conftest import AUTH

BETA = "/v4beta/images/sharegroups"


async def test_a_member_token_with_non_ascii_characters_is_refused_not_a_server_error(
    client: httpx.AsyncClient,
) -> None:
    group = (await client.post(BETA, json={"label": "team"}, headers=AUTH)).json()
    # A token exists, so the one sent is compared with a secret.
    token = {"valid_for_sharegroup_uuid": group["uuid"]}
    assert (await client.post(f"{BETA}/tokens", json=token, headers=AUTH)).status_code == 200
    response = await client.post(
        f"{BETA}/{group['id']}/members", json={"token": "jeton-é", "label": "x"}, headers=AUTH
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [{"reason": "Invalid token for this share group", "field": "token"}]


async def test_the_regions_a_request_may_name_are_the_ones_the_mock_serves(client: httpx.AsyncClient) -> None:
    contract = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    region = contract["components"]["schemas"]["UploadImageRequest"]["properties"]["region"]
    assert region["enum"] == MockConfig().regions
    for name in (region["enum"][0], region["enum"][-1]):
        upload = await client.post("/v4/images/upload", json={"label": "x", "region": name}, headers=AUTH)
        assert upload.status_code == 200, upload.text
    refused = await client.post(
        "/v4/images/upload", json={"label": "x", "region": "xx-nowhere"}, headers=AUTH
    )
    assert refused.status_code == 400

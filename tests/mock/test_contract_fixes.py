"""What the stock schemathesis run against the mock needs of it, pinned here (the non-ASCII
member token it found is pinned in test_sharing.py)."""

from __future__ import annotations

import httpx
import yaml
from linode_images_mock import MockConfig

from tests.mock.test_stock_schemathesis import CONTRACT

from .conftest import AUTH


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

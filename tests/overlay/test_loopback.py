"""One loopback rule for the token's base_url and the upload's upload_to (plain http allowed)."""

from __future__ import annotations

import pytest
from linode_images import LinodeImages
from linode_images._storage import check_upload_url

from .support import TOKEN

LOOPBACK = ["localhost", "localhost.", "foo.localhost", "LOCALHOST", "ip6-localhost", "127.0.0.9", "[::1]"]
ELSEWHERE = ["localhost.example.com", "mylocalhost", "10.0.0.1", "example.com"]


@pytest.mark.parametrize("host", LOOPBACK)
def test_loopback_hosts_take_plain_http_for_both(host: str) -> None:
    with LinodeImages(token=TOKEN, base_url=f"http://{host}:8000") as client:
        assert client.base_url.startswith("http://")
    assert check_upload_url(f"http://{host}:9000/bucket/1?Signature=x").scheme == "http"


@pytest.mark.parametrize("host", ELSEWHERE)
def test_other_hosts_are_refused_plain_http_by_both(host: str) -> None:
    with pytest.raises(ValueError, match="plain http"):
        LinodeImages(token=TOKEN, base_url=f"http://{host}:8000")
    with pytest.raises(ValueError, match="plain http"):
        check_upload_url(f"http://{host}:9000/bucket/1")

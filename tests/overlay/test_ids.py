"""Image ids are checked before any request is sent."""

from __future__ import annotations

from typing import Any

import pytest
from linode_images import check_image_id

from tests.overlay.support import Recorder


@pytest.mark.parametrize(
    "image_id",
    [
        "linode/debian12",
        "linode/ubuntu22.04",
        "linode/almalinux-9",
        "linode/arch_x",
        "private/123",
        "private/0",
        "shared/5854",
    ],
)
def test_accepted(image_id: str) -> None:
    assert check_image_id(image_id) == image_id


@pytest.mark.parametrize(
    "image_id",
    [
        "",
        ".",
        "..",
        "/",
        "private/",
        "linode/",
        "private/..",
        "linode/..",
        "linode/.",
        "shared/.",
        "private/12/../..",
        "private/1/",
        "/private/1",
        "private//1",
        "private/1?x=1",
        "private/1#f",
        "private/%2e%2e",
        "private/abc",
        "shared/x",
        "public/1",
        "123",
        "linode/debian\n12",
        "private/1\r\nX-Evil: 1",
        "private/1\x00",
        "linode/deb\tian",
        "private/1\x7f",
        "linode\\debian12",
        "linode/debian 12",
        "LINODE/debian12",
        " private/1",
        "private/1 ",
    ],
)
def test_rejected(image_id: str) -> None:
    with pytest.raises(ValueError):
        check_image_id(image_id)


@pytest.mark.parametrize("image_id", [None, 123, b"private/1", ["private/1"]])
def test_rejects_non_strings(image_id: Any) -> None:
    with pytest.raises(TypeError, match="image id must be a str"):
        check_image_id(image_id)


@pytest.mark.parametrize("method", ["get", "delete"])
@pytest.mark.parametrize("image_id", ["..", "private/..", "", "private/1\n"])
def test_bad_ids_never_reach_the_network(make: Any, method: str, image_id: str) -> None:
    recorder = Recorder()
    harness = make(recorder)
    with pytest.raises(ValueError):
        harness.call(method, image_id)
    with pytest.raises(ValueError):
        harness.call("update", image_id, label="x")
    with pytest.raises(ValueError):
        harness.call("replicate", image_id, regions=["us-east"])
    assert recorder.count == 0

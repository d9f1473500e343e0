"""Every error class crosses a process boundary: pickle round-trips it, attributes and notes included."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import httpx
import linode_images
import pytest
from linode_images import Image, LinodeError, NotFoundError

from tests.overlay.support import image_json

IMAGE = Image.from_dict(image_json())
STATUS = dict(
    status_code=404, errors=[linode_images.ErrorDetail(None, "Not found")], method="GET", url="u", body="{}"
)
KWARGS: dict[str, dict[str, Any]] = {
    "LinodeError": {},
    "APIConnectionError": dict(method="GET", url="u"),
    "APITimeoutError": dict(method="GET", url="u"),
    "APIResponseValidationError": dict(status_code=200, method="GET", url="u", body="x", path="data[3].size"),
    "UploadError": dict(status_code=403, code="AccessDenied", image_id="private/1", image_deleted=True),
    "UnreachableStatusError": dict(image_id="private/1", last_image=IMAGE, elapsed=1.0),
    "WaitTimeoutError": dict(image_id="private/1", last_image=IMAGE, elapsed=1.0),
    "PaginationError": dict(page=2, pages=10**9),
    "RateLimitError": dict(STATUS, retry_after=3.0, headers=httpx.Headers({"retry-after": "3"})),
}
ERROR_CLASSES = [
    getattr(linode_images, name)
    for name in linode_images.__all__
    if isinstance(getattr(linode_images, name), type)
    and issubclass(getattr(linode_images, name), LinodeError)
]


def build(cls: type[LinodeError]) -> LinodeError:
    if cls.__name__ in KWARGS:
        return cls(f"{cls.__name__} happened", **KWARGS[cls.__name__])
    return cls(f"{cls.__name__} happened", headers=httpx.Headers({"x-a": "b"}), **STATUS)  # type: ignore[call-arg]


def test_the_classes_are_found() -> None:
    assert {"NotFoundError", "RateLimitError", "WaitTimeoutError", "UploadError"} <= {
        cls.__name__ for cls in ERROR_CLASSES
    }


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_pickle_round_trip(cls: type[LinodeError]) -> None:
    error = build(cls)
    error.add_note("a note")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(copy) is cls
    assert (str(copy), copy.message, copy.__notes__) == (str(error), error.message, ["a note"])
    for name, value in vars(error).items():
        if isinstance(value, Image | httpx.Headers):
            assert repr(getattr(copy, name)) == repr(value)
        else:
            assert getattr(copy, name) == value, name


def _raise_not_found() -> None:
    raise build(NotFoundError)


def test_an_error_raised_in_a_worker_process_arrives_typed() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(_raise_not_found)
        with pytest.raises(NotFoundError) as info:
            future.result()
    assert info.value.status_code == 404 and info.value.reasons == ["Not found"]

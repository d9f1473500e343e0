"""The client against the mock server, in-process (httpx.ASGITransport) and over a real
socket (MockServer), with the sync and async clients: every operation, paging, filters,
retries under injected faults and rate limits, checked on the mock's own counters.

The mock and the client share one fake clock, so waiting for a Retry-After or a rate-limit
window takes no real time.
"""

from __future__ import annotations

import contextlib
import math
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from linode_images import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    Filter,
    Image,
    MaintenanceError,
    NotFoundError,
    PaginatedImages,
    RateLimitError,
    RetryPolicy,
    ServerError,
    UploadImageResponse,
)
from linode_images_mock import FaultPlan, MockConfig, MockServer, MockState, create_app

from tests.overlay.support import FakeTime, Harness

from ..support import OTHER_TOKEN, fresh_mock, mock_server_fixture
from ..support import TOKEN as MOCK_TOKEN

CONFIG = MockConfig(tokens={MOCK_TOKEN: "default", OTHER_TOKEN: "other"}, strict=True)
server = mock_server_fixture(CONFIG)


# httpx.ASGITransport is async only, so the sync client meets the mock over a socket.
BACKENDS = [("sync", "server"), ("async", "server"), ("async", "asgi")]
# A dropped connection needs a real socket.
SOCKET_BACKENDS = [("sync", "server"), ("async", "server")]


@pytest.fixture(params=BACKENDS, ids=lambda p: "-".join(p))
def backend(request: pytest.FixtureRequest, server: MockServer) -> tuple[str, str]:
    fresh_mock(server, CONFIG)
    return request.param  # type: ignore[no-any-return]


class Setup:
    """A mock (its state and URL or in-process app) and a way to build clients against it."""

    def __init__(self, kind: str, where: str, server: MockServer) -> None:
        self.kind = kind
        self.where = where
        self.made: list[Harness] = []
        if where == "server":
            self.state: MockState = server.state
            self.url = server.url
        else:
            self.state = MockState(server.state.config)
            self.app = create_app(state=self.state)
            self.url = "http://localhost"
        self.time = FakeTime()
        self.state.clock = self.time.clock

    def client(self, token: str | None = MOCK_TOKEN, **kwargs: Any) -> Harness:
        if self.where == "asgi":
            kwargs.setdefault("transport", httpx.ASGITransport(app=self.app))
        # One clock for the mock and every client of a test.
        harness = Harness(self.kind, token=token, base_url=self.url, fake_time=self.time, **kwargs)
        self.made.append(harness)
        return harness

    def requests(self, operation: str) -> int:
        return self.state.counters.requests[operation]

    def close(self) -> None:
        for harness in self.made:
            harness.close()


@pytest.fixture
def mock(backend: tuple[str, str], server: MockServer) -> Iterator[Setup]:
    setup = Setup(*backend, server)
    yield setup
    setup.close()
    server.state.clock = time.time
    server.state.configure(faults={}, rate_limits={})


def test_every_operation(mock: Setup) -> None:
    c = mock.client()
    debian = c.call("get", "linode/debian12")
    assert isinstance(debian, Image)
    assert (debian.id, debian.is_public, debian.vendor) == ("linode/debian12", True, "Debian")

    created = c.call("create", disk_id=1001, label="golden", tags=["web"], description="base")
    assert created.id.startswith("private/")
    assert (created.label, created.tags, created.description) == ("golden", ["web"], "base")
    assert c.call("get", created.id).id == created.id

    updated = c.call("update", created.id, label="golden-v2", tags=["web", "prod"])
    assert (updated.label, updated.tags) == ("golden-v2", ["web", "prod"])

    replicated = c.call("replicate", created.id, regions=["us-east", "us-iad"])
    assert {r.region for r in replicated.regions} >= {"us-iad"}

    upload = c.call("create_upload", label="uploaded", region="us-east", cloud_init=True)
    assert isinstance(upload, UploadImageResponse)
    assert upload.image.status == "pending_upload"
    assert upload.upload_to.startswith(mock.url)

    page = c.call("list_page", filter=Filter.eq("is_public", False))
    assert isinstance(page, PaginatedImages)
    assert {i.id for i in page.data} == {created.id, upload.image.id}
    assert page.results == 2

    assert c.call("delete", created.id) is None
    with pytest.raises(NotFoundError):
        c.call("get", created.id)
    for operation in (
        "get-image",
        "post-image",
        "put-image",
        "post-replicate-image",
        "post-upload-image",
        "get-images",
        "delete-image",
    ):
        assert mock.requests(operation) >= 1, operation
    assert mock.state.counters.images_created == 2


def test_raw_response_shows_rate_limit_headers(mock: Setup) -> None:
    raw = mock.client().raw("get", "linode/debian12")
    assert raw.status_code == 200
    assert int(raw.headers["x-ratelimit-limit"]) > 0
    assert raw.parsed.id == "linode/debian12"


def test_anonymous_and_accounts(mock: Setup) -> None:
    alice = mock.client()
    image = alice.call("create", disk_id=1001, label="mine")
    anonymous = mock.client(token=None)
    assert anonymous.call("get", "linode/debian12").is_public
    with pytest.raises(NotFoundError):
        anonymous.call("get", image.id)
    with pytest.raises(NotFoundError):
        mock.client(token=OTHER_TOKEN).call("get", image.id)
    with pytest.raises(AuthenticationError) as info:
        mock.client(token="not-a-token").call("get", "linode/debian12")
    assert info.value.reasons == ["Invalid Token"]
    assert "not-a-token" not in str(info.value)


def test_field_errors(mock: Setup) -> None:
    c = mock.client()
    with pytest.raises(BadRequestError) as info:
        c.call("create_upload", label="x", region="nowhere-1")
    assert [e.field for e in info.value.errors] == ["region"]
    # A disk that is not the account's is 404, field disk_id (docs/real-api-facts.md#requests).
    with pytest.raises(NotFoundError) as info:
        c.call("create", disk_id=999999, label="x")
    assert [e.field for e in info.value.errors] == ["disk_id"]


@pytest.mark.parametrize("count", [1234])
def test_pagination_across_pages(mock: Setup, count: int) -> None:
    seeded = mock.state.seed_images(count, public=False, account="default")
    c = mock.client()
    listed = c.list(filter=Filter.eq("is_public", False))
    assert [i.id for i in listed] == seeded
    assert mock.requests("get-images") == math.ceil(count / 500)


def test_small_pages_in_order(mock: Setup) -> None:
    seeded = mock.state.seed_images(260, public=False, account="default")
    c = mock.client(max_concurrency=3) if mock.kind == "async" else mock.client()
    listed = c.list(filter=Filter.eq("is_public", False), page_size=25)
    assert [i.id for i in listed] == seeded
    assert mock.requests("get-images") == 11


def test_list_everything_includes_public_and_private(mock: Setup) -> None:
    mock.state.seed_images(3, public=False, account="default")
    everything = mock.client().list()
    public = [i for i in everything if i.is_public]
    private = [i for i in everything if not i.is_public]
    assert len(private) == 3
    assert "linode/debian12" in {i.id for i in public}
    assert len({i.id for i in everything}) == len(everything)


def test_filters(mock: Setup) -> None:
    c = mock.client()
    debian = c.list(filter=Filter.eq("vendor", "Debian"))
    assert debian and {i.vendor for i in debian} == {"Debian"}
    either = c.list(filter=Filter.eq("vendor", "Debian") | Filter.eq("vendor", "Ubuntu"))
    assert {i.vendor for i in either} == {"Debian", "Ubuntu"}
    current_debian = c.list(filter=Filter.eq("vendor", "Debian") & Filter.eq("deprecated", False))
    assert {i.id for i in current_debian} < {i.id for i in debian}
    by_label = c.list(filter=Filter.contains("label", "Ubuntu"), order_by="label", order="desc")
    labels = [i.label for i in by_label]
    assert labels == sorted(labels, reverse=True) and len(labels) > 1
    big = c.list(filter={"size": {"+gte": 2500}})
    assert big and all(i.size >= 2500 for i in big)


def test_get_retries_through_faults(mock: Setup) -> None:
    mock.state.set_faults("get-image", FaultPlan(sequence=("503", "502", "500", "ok")))
    c = mock.client(retry=RetryPolicy(max_retries=3, jitter=0.0))
    assert c.call("get", "linode/debian12").id == "linode/debian12"
    assert mock.requests("get-image") == 4
    assert c.time.sleeps == [0.5, 1.0, 2.0]


def test_429_fault_waits_for_retry_after(mock: Setup) -> None:
    mock.state.set_faults("get-images", FaultPlan(sequence=("429",)))
    c = mock.client()
    assert c.call("list_page").results > 0
    assert mock.requests("get-images") == 2
    assert len(c.time.sleeps) == 1 and 1 <= c.time.sleeps[0] <= 60


def test_maintenance_is_not_retried(mock: Setup) -> None:
    mock.state.set_faults("get-image", FaultPlan(sequence=("maintenance",)))
    c = mock.client()
    with pytest.raises(MaintenanceError):
        c.call("get", "linode/debian12")
    assert mock.requests("get-image") == 1


@pytest.mark.parametrize("fault", ["500", "502", "503", "429"])
def test_create_is_never_sent_twice(mock: Setup, fault: str) -> None:
    mock.state.set_faults("post-image", FaultPlan(sequence=(fault,)))
    c = mock.client()
    with pytest.raises((ServerError, RateLimitError)):
        c.call("create", disk_id=1001, label="golden")
    assert mock.requests("post-image") == 1
    image = c.call("create", disk_id=1001, label="golden")
    assert mock.requests("post-image") == 2
    assert mock.state.counters.images_created == 1
    private = c.list(filter=Filter.eq("is_public", False))
    assert [i.id for i in private] == [image.id]


@pytest.mark.parametrize("backend", SOCKET_BACKENDS, indirect=True, ids=lambda p: "-".join(p))
def test_dropped_connection_on_create_is_not_retried(mock: Setup) -> None:
    mock.state.set_faults("post-upload-image", FaultPlan(sequence=("drop",)))
    c = mock.client()
    with pytest.raises(APIConnectionError):
        c.call("create_upload", label="golden", region="us-east")
    assert mock.requests("post-upload-image") == 1


@pytest.mark.parametrize("backend", SOCKET_BACKENDS, indirect=True, ids=lambda p: "-".join(p))
def test_dropped_connection_on_get_is_retried(mock: Setup) -> None:
    mock.state.set_faults("get-image", FaultPlan(sequence=("drop", "drop")))
    c = mock.client()
    assert c.call("get", "linode/debian12").id == "linode/debian12"
    assert mock.requests("get-image") == 3


def test_random_faults_on_every_operation(mock: Setup) -> None:
    """Idempotent calls ride through one fault in three; creates go out at most once each."""
    mock.state.configure(seed=7)
    mock.state.set_faults("*", FaultPlan(probability=0.3, kinds=("500", "502", "503")))
    c = mock.client(retry=RetryPolicy(max_retries=8))
    created: list[str] = []
    attempts = 0
    for n in range(6):
        attempts += 1
        with contextlib.suppress(ServerError):
            created.append(c.call("create", disk_id=1001, label=f"img-{n}").id)
    for image_id in created:
        assert c.call("get", image_id).id == image_id
        c.call("update", image_id, description="checked")
    assert mock.requests("post-image") == attempts
    assert mock.state.counters.images_created == len(created)
    mock.state.set_faults("*", None)
    private = c.list(filter=Filter.eq("is_public", False))
    assert sorted(i.id for i in private) == sorted(created)


def test_rate_limit_429_then_retry_after_reset(mock: Setup) -> None:
    mock.state.configure(rate_limits={"get-image": 2})
    c = mock.client()
    for _ in range(3):
        c.call("get", "linode/debian12")
    # The third request was refused with 429 and sent again after Retry-After.
    assert mock.requests("get-image") == 4
    assert len(c.time.sleeps) == 1 and 1 <= c.time.sleeps[0] <= 60


def test_rate_limit_waits_for_reset_without_a_429(mock: Setup) -> None:
    mock.state.configure(rate_limits={"get-image": 2})
    c = mock.client(retry=RetryPolicy(wait_for_rate_limit_reset=True, max_retries=0))
    for _ in range(5):
        c.call("get", "linode/debian12")
    assert mock.requests("get-image") == 5
    assert len(c.time.sleeps) == 2


def test_rate_limit_without_retries_raises(mock: Setup) -> None:
    mock.state.configure(rate_limits={"get-images": 1})
    c = mock.client(retry=None)
    c.call("list_page")
    with pytest.raises(RateLimitError) as info:
        c.call("list_page")
    assert info.value.retry_after is not None and 0 < info.value.retry_after <= 60
    assert info.value.reasons == ["Too many requests"]


def test_post_retried_when_the_server_is_not_there(kind: str) -> None:
    """Connection refused: the create never reached a server, so it is safe to send again."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    harness = Harness(
        kind,
        token=MOCK_TOKEN,
        base_url=f"http://127.0.0.1:{port}",
        retry=RetryPolicy(max_retries=2, jitter=0.0),
    )
    try:
        with pytest.raises(APIConnectionError):
            harness.call("create", disk_id=1001, label="golden")
        assert harness.time.sleeps == [0.5, 1.0]
    finally:
        harness.close()

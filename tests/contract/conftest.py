"""The target of the contract suite: the mock server by default, any base URL on demand.

``pytest tests/contract`` starts the mock on a free loopback port (reads and writes).
``pytest tests/contract --contract-base-url https://api.linode.com`` (what ``make
contract-live`` runs) points the same scenarios at that API with ``LINODE_TOKEN``; writes
run there only with ``LINODE_LIVE_WRITE=1``, and the image-sharing flow also needs a second
account's token in ``LINODE_CONSUMER_TOKEN``. Without a token the live run skips.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from linode_images import Filter, LinodeImages, NotFoundError
from linode_images_mock import MockServer

from tests.contract.preflight import PREFIX, problem
from tests.contract.request_contract import RequestContract

# Images the suite creates carry this label prefix, so leftovers are easy to recognise.
LABEL_PREFIX = "linode-images-contract-"
MOCK_TOKEN = "test-token"
# The mock's second account, the consumer of the image-sharing scenario.
MOCK_CONSUMER_TOKEN = "consumer-token"


CONTRACT = RequestContract()


@pytest.fixture(autouse=True)
def requests_match_the_contract(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every API request a test of the suite sends (sync or async, mock or live) is checked
    against spec/linode-images.contract.yaml as a validating proxy would; the test fails on
    any departure. Requests to the upload URL (object storage, not the API) are not."""
    problems: list[str] = []

    def check(request: httpx.Request) -> None:
        if request.url.path.startswith("/v4"):
            problems.extend(CONTRACT.check(request))

    sync_send = httpx.HTTPTransport.handle_request
    async_send = httpx.AsyncHTTPTransport.handle_async_request

    def handle_request(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        check(request)
        return sync_send(self, request)

    async def handle_async_request(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        check(request)
        return await async_send(self, request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", handle_request)
    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", handle_async_request)
    yield problems
    assert problems == [], "requests that depart from the contract view:\n" + "\n".join(problems)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract", "contract suite target")
    group.addoption(
        "--contract-base-url",
        default=None,
        help="run tests/contract against this API (needs LINODE_TOKEN); default: a local mock server",
    )


@dataclass
class Target:
    """Where the scenarios run and what they may do there."""

    base_url: str
    token: str = field(repr=False)  # pytest prints fixtures of a failing test
    # A second account's token, for sharing images with it (None: sharing flow skipped).
    consumer_token: str | None = field(repr=False)
    live: bool
    writes: bool
    # Regions for upload (first) and replication (all); a disk for create-from-disk, if any.
    regions: list[str]
    disk_id: int | None
    # Waiting: seconds between polls and the longest wait.
    poll_interval: float
    timeout: float

    def client(self, *, transport: httpx.BaseTransport | None = None) -> LinodeImages:
        return LinodeImages(base_url=self.base_url, token=self.token, transport=transport)

    def consumer(self) -> LinodeImages:
        """A client of the second account (the test skips without one)."""
        if self.consumer_token is None:
            pytest.skip("the image-sharing flow needs a second account's token in LINODE_CONSUMER_TOKEN")
        return LinodeImages(base_url=self.base_url, token=self.consumer_token)

    def label(self, what: str) -> str:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        return f"{LABEL_PREFIX}{stamp}-{os.getpid() % 10000}-{what}"


@pytest.fixture(scope="session")
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    base_url = request.config.getoption("--contract-base-url", default=None)
    if base_url:
        token = os.environ.get("LINODE_TOKEN", "")
        if not token:
            pytest.skip("contract suite against a live API: LINODE_TOKEN is not set")
        # One check first, so an unreachable API or a refused token is one line, not a
        # failure per scenario.
        found = problem(base_url, token)
        if found is not None:
            pytest.exit(f"{PREFIX}: {found}", returncode=1)
        disk = os.environ.get("LINODE_CONTRACT_DISK_ID")
        yield Target(
            base_url=base_url,
            token=token,
            consumer_token=os.environ.get("LINODE_CONSUMER_TOKEN") or None,
            live=True,
            writes=os.environ.get("LINODE_LIVE_WRITE") == "1",
            regions=os.environ.get("LINODE_CONTRACT_REGIONS", "us-east,us-iad").split(","),
            disk_id=int(disk) if disk else None,
            poll_interval=5.0,
            timeout=1800.0,
        )
        return
    # The mock validates every response against spec/ (strict) and makes the lifecycles
    # take a few reads, so the waiting scenarios really wait.
    timing = {
        "create": "2 reads",
        "upload": "2 reads",
        "replication_start": "1 read",
        "replication": "2 reads",
    }
    tokens = {MOCK_TOKEN: "default", MOCK_CONSUMER_TOKEN: "consumer"}
    with MockServer(strict=True, timing=timing, tokens=tokens) as server:
        yield Target(
            base_url=server.url,
            token=MOCK_TOKEN,
            consumer_token=MOCK_CONSUMER_TOKEN,
            live=False,
            writes=True,
            regions=["us-east", "us-iad"],
            disk_id=1001,
            poll_interval=0.01,
            timeout=30.0,
        )


@pytest.fixture
def client(target: Target) -> Iterator[LinodeImages]:
    with target.client() as client:
        yield client


@pytest.fixture
def writes(target: Target) -> Target:
    """Skip unless the target allows writes (always on the mock, LINODE_LIVE_WRITE=1 live)."""
    if not target.writes:
        pytest.skip("writes against a live API need LINODE_LIVE_WRITE=1")
    return target


@pytest.fixture
def label(writes: Target, request: pytest.FixtureRequest) -> Iterator[str]:
    """A unique label for this test's images; afterwards every private image carrying it is
    deleted, whatever happened in the test (an image whose id was never seen included)."""
    name = request.node.name.removeprefix("test_")[:20].strip("_").replace("_", "-")
    unique = writes.label(name)
    yield unique
    with writes.client() as client:
        mine = Filter.eq("is_public", False) & Filter.contains("label", unique)
        for image in list(client.images.list(filter=mine)):
            if isinstance(image.id, str) and isinstance(image.label, str) and image.label.startswith(unique):
                # NotFoundError: gone already (a pending upload that expired, a delete in flight).
                with contextlib.suppress(NotFoundError):
                    client.images.delete(image.id)

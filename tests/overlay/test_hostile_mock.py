"""Faults and hostile settings against the mock server over real sockets."""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
from collections.abc import Iterator

import pytest
from linode_images import AsyncLinodeImages, LinodeImages, NotFoundError
from linode_images_mock import FaultPlan, MockConfig, MockServer

from ..support import TOKEN, fresh_mock, mock_server_fixture

DEFAULTS = MockConfig()
mock_server = mock_server_fixture(DEFAULTS)


@pytest.fixture
def mock(mock_server: MockServer) -> MockServer:
    return fresh_mock(mock_server, DEFAULTS)


class _Listener:
    """A TCP listener standing for a proxy: it counts the connections it gets, and answers none."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def proxy() -> Iterator[_Listener]:
    listener = _Listener()
    yield listener
    listener.close()


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"])
def test_plain_http_to_loopback_never_goes_through_a_proxy(
    mock: MockServer, proxy: _Listener, variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "ALL_PROXY", "http_proxy", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, proxy.url)
    with LinodeImages(token=TOKEN, base_url=mock.url, retry=0) as client:
        assert client.images.get("linode/debian12").id == "linode/debian12"
        data = gzip.compress(bytes(100))
        image = client.images.upload(data, label="direct", region="us-east", wait=False)
    assert proxy.connections == 0
    assert mock.state.counters.uploads[image.id].bytes == len(data)


def test_an_explicit_proxy_is_not_used_for_plain_http_to_loopback(mock: MockServer, proxy: _Listener) -> None:
    with LinodeImages(token=TOKEN, base_url=mock.url, proxy=proxy.url, retry=0) as client:
        assert client.images.get("linode/debian12").id == "linode/debian12"

    async def main() -> str:
        async with AsyncLinodeImages(token=TOKEN, base_url=mock.url, proxy=proxy.url, retry=0) as client:
            return str((await client.images.get("linode/debian12")).id)

    assert asyncio.run(main()) == "linode/debian12"
    assert proxy.connections == 0


def test_a_retried_delete_that_finds_the_image_gone_succeeded(mock: MockServer) -> None:
    with LinodeImages(token=TOKEN, base_url=mock.url, retry=2, sleep=lambda s: None) as client:
        image = client.images.create(disk_id=1001, label="to-delete")
        mock.state.configure(faults={"delete-image": FaultPlan(sequence=("lost",))})
        client.images.delete(image.id)  # the answer is lost; the retry gets 404
        assert mock.state.counters.requests["delete-image"] == 2
        with pytest.raises(NotFoundError):
            client.images.get(image.id)
        with pytest.raises(NotFoundError):
            client.images.delete(image.id)  # a first attempt's 404 is still an error

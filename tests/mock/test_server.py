"""The real-server path: uvicorn on a free port, exercised over HTTP, stopped cleanly."""

from __future__ import annotations

import asyncio
import gzip
import os
import re
import socket
import subprocess
import sys

import httpx
import pytest
from linode_images_mock import FaultPlan, MockServer
from linode_images_mock._server import bind_socket

from .conftest import AUTH


def test_mock_server_serves_over_http_and_stops() -> None:
    with MockServer(strict=True) as server:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.url)
        with httpx.Client(base_url=server.url) as client:
            listed = client.get("/v4/images")
            assert listed.status_code == 200 and listed.json()["results"] > 0
            assert listed.headers["x-ratelimit-limit"]
            created = client.post("/v4/images/upload", json={"label": "x", "region": "us-east"}, headers=AUTH)
            upload_to = created.json()["upload_to"]
            assert upload_to.startswith(server.url + "/")
            data = gzip.compress(os.urandom(200_000))
            put = client.put(upload_to, content=data, headers={"Content-Type": "application/octet-stream"})
            assert put.status_code == 200
            image = client.get(f"/v4/images/{created.json()['image']['id']}", headers=AUTH).json()
            assert image["status"] == "available"
        assert server.state.counters.uploads[image["id"]].bytes == len(data)
        url = server.url
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/v4/images", timeout=2)


async def test_accepted_connections_have_nagle_off() -> None:
    # uvicorn serves on the socket from bind_socket; a response is written as headers, then
    # body, and with Nagle's algorithm on the body waits ~40 ms for the client's delayed ACK.
    accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.set_result(
            writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        )
        writer.close()

    server = await asyncio.start_server(connected, sock=bind_socket())
    async with server:
        port = server.sockets[0].getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        assert await asyncio.wait_for(accepted, 10) != 0
        writer.close()


def test_dropped_connection_over_http() -> None:
    with MockServer(faults={"get-images": FaultPlan(sequence=("drop",))}) as server:
        with pytest.raises(httpx.RemoteProtocolError):
            httpx.get(f"{server.url}/v4/images")
        assert httpx.get(f"{server.url}/v4/images").status_code == 200


def test_controls_over_http_reach_the_same_state() -> None:
    with MockServer() as server:
        httpx.patch(f"{server.url}/__mock__/config", json={"faults": {"get-image": "maintenance"}})
        response = httpx.get(f"{server.url}/v4/images/linode/debian12")
        assert (response.status_code, bool(response.headers.get("x-maintenance-mode"))) == (503, True)
        assert server.state.counters.requests["get-image"] == 1
        server.state.reset()
        assert httpx.get(f"{server.url}/__mock__/counters").json()["requests"] == {}


def test_two_servers_run_side_by_side() -> None:
    with MockServer() as first, MockServer(tokens={"t": "solo"}) as second:
        assert first.url != second.url
        assert httpx.get(f"{first.url}/v4/images", headers=AUTH).status_code == 200
        assert httpx.get(f"{second.url}/v4/images", headers=AUTH).status_code == 401


def test_command_line_prints_the_url_and_serves() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "linode_images_mock", "--port", "0", "--public-images", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert found, line
        # The socket listens before the URL is printed, so the first request queues.
        response = httpx.get(f"{found.group(0)}/v4/images", headers={"X-Filter": '{"vendor": "Generated"}'})
        assert response.json()["results"] == 3
    finally:
        process.terminate()
        assert process.wait(timeout=10) is not None

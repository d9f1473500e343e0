"""``MockServer``: the mock on a real port in a background thread, for tests."""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import replace
from types import TracebackType
from typing import Any

import uvicorn

from ._app import create_app
from ._config import MockConfig
from ._state import MockState


class _HideDroppedConnections(logging.Filter):
    """Injected dropped connections are intended; keep their tracebacks out of the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return type(exc).__name__ != "DroppedConnection"


logging.getLogger("uvicorn.error").addFilter(_HideDroppedConnections())


def bind_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening socket; port 0 lets the OS pick a free one."""
    # IPPROTO_TCP, not the default 0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on
    # sockets whose proto says TCP. Without it every keep-alive response whose body is written
    # after its headers waits about 40 ms for the client's delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this. Without it every response after the first on a
    # keep-alive connection waits for the client's delayed ACK (about 40 ms on Linux): the
    # server writes headers and body separately and Nagle holds the second write back.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


class MockServer:
    """The mock served over HTTP on a free 127.0.0.1 port while the ``with`` block runs.

    Example::

        with MockServer(timing={"create": "2 reads"}) as server:
            httpx.get(f"{server.url}/v4/images").json()["results"]
            server.state.counters.requests["get-images"]
    """

    def __init__(self, config: MockConfig | None = None, *, port: int = 0, **kwargs: Any) -> None:
        if config is None:
            config = MockConfig(**kwargs)
        elif kwargs:
            config = replace(config, **kwargs)
        self.config = config
        self.state = MockState(config)
        self.app = create_app(state=self.state)
        self.port = port
        self.url = ""
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> MockServer:
        """Bind, start serving in a daemon thread, and wait until it accepts connections."""
        if self._thread is not None:
            raise RuntimeError("the mock server is already running")
        sock = bind_socket("127.0.0.1", self.port)
        port = sock.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(
                self.app, log_level="warning", lifespan="off", access_log=False, timeout_keep_alive=30
            )
        )
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name=f"linode-images-mock:{port}", daemon=True
        )
        self._server, self._thread = server, thread
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                sock.close()
                raise RuntimeError("the mock server did not start")
            time.sleep(0.01)
        self.url = f"http://127.0.0.1:{port}"
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread to end."""
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=10)
        if self._thread.is_alive():
            self._server.force_exit = True
            self._thread.join(timeout=5)
        self._server, self._thread = None, None

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

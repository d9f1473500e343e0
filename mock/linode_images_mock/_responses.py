"""The answers the mock builds: JSON, object-storage XML, nginx HTML and dropped connections."""

from __future__ import annotations

import json
from asyncio import sleep
from typing import Any
from xml.sax.saxutils import escape

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)


class DroppedConnection(Exception):
    """Raised after sending headers so the server closes the connection mid-response."""


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    """A compact JSON response (the API answers application/json)."""
    content = json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Response(content.encode("utf-8"), status, headers=headers, media_type="application/json")


def xml_error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    """An object-storage style XML error, as pre-signed PUTs answer."""
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{escape(message)}</Message>"
        "<RequestId>tx0000000000000000-mock</RequestId><HostId>linode-images-mock</HostId></Error>"
    )
    return Response(body, status, headers=headers, media_type="application/xml")


def nginx_502(headers: dict[str, str] | None = None) -> Response:
    """The HTML page a gateway answers instead of JSON (REAL-API-FACTS, "Responses")."""
    return Response(NGINX_502, 502, headers=headers, media_type="text/html")


class Drop(Response):
    """Starts a response, then drops the connection before the body."""

    def __init__(self) -> None:
        super().__init__(b"", 200)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"1024")],
            }
        )
        raise DroppedConnection("connection dropped by fault injection")


async def after_work(kind: str, answer: Response) -> Response:
    """The answer to a request that was served in full, as the fault ``kind`` shapes it.

    ``latency:<s>`` holds the answer back for s seconds; the request has been read and its
    work done, so a client that gives up meanwhile leaves nothing half-read behind. ``lost``
    drops the connection instead of answering: the work is done, the answer lost.
    """
    if kind.startswith("latency:"):
        await sleep(float(kind.partition(":")[2]))
    if kind == "lost":
        return Drop()
    return answer

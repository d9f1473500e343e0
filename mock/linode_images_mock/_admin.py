"""The admin endpoints under ``/__mock__/``: reset, counters, config, seed and the spec.

They can change everything a test relies on, so a mock reachable from other machines (bound
to a non-loopback host) must be given an admin token, which every admin request then carries
as ``Authorization: Bearer <admin token>``.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ._errors import ApiError, not_found
from ._responses import json_response
from ._state import MockState
from ._wire import loads_json

ADMIN_PREFIX = "/__mock__/"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or name to bind) is reachable only from this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class AdminApi:
    """The admin endpoints over one MockState."""

    def __init__(self, state: MockState, document: dict[str, Any], admin_token: str | None = None) -> None:
        self.state = state
        self.document = document
        self._admin_token = admin_token
        self.routes: dict[str, dict[str, Callable[[Request], Awaitable[Response]]]] = {
            "reset": {"POST": self._reset},
            "counters": {"GET": self._counters},
            "config": {"GET": self._get_config, "PATCH": self._patch_config},
            "seed": {"POST": self._seed},
            "openapi.json": {"GET": self._openapi},
        }

    async def dispatch(self, request: Request, name: str) -> Response:
        """Answer one admin request; ``name`` is the path after the prefix."""
        if not self._authorized(request.headers.get("authorization")):
            reason = "The admin endpoints need the admin token: Authorization: Bearer <admin token>"
            return json_response(401, ApiError(401, reason).body())
        methods = self.routes.get(name)
        if methods is None:
            return json_response(404, not_found().body())
        handler = methods.get(request.method)
        if handler is None:
            return json_response(
                405, {"errors": [{"reason": "Method Not Allowed"}]}, {"Allow": ", ".join(methods)}
            )
        try:
            return await handler(request)
        except ValueError as error:
            return json_response(400, ApiError(400, str(error)).body())

    def _authorized(self, authorization: str | None) -> bool:
        if self._admin_token is None:
            return True
        scheme, _, token = (authorization or "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(token.encode(), self._admin_token.encode())

    async def _reset(self, request: Request) -> Response:
        self.state.reset()
        return json_response(200, {})

    async def _counters(self, request: Request) -> Response:
        with self.state.lock:
            return json_response(200, self.state.counters.to_json())

    async def _get_config(self, request: Request) -> Response:
        return json_response(200, self.state.config.to_json(redact=True))

    async def _patch_config(self, request: Request) -> Response:
        changes = await _admin_json(request)
        with self.state.lock:
            config = self.state.config.updated(changes)
            self.state.configure(**{key: getattr(config, key) for key in changes})
            return json_response(200, self.state.config.to_json(redact=True))

    async def _seed(self, request: Request) -> Response:
        data = await _admin_json(request)
        unknown = set(data) - {"count", "public", "account", "ids"}
        count, public, account = data.get("count"), data.get("public", False), data.get("account")
        with_ids = data.get("ids", False)
        if (
            unknown
            or isinstance(count, bool)
            or not isinstance(count, int)
            or not isinstance(public, bool)
            or not isinstance(with_ids, bool)
            or not (account is None or isinstance(account, str))
        ):
            raise ValueError('seed takes {"count": int, "public": bool, "account": str, "ids": bool}')
        ids = self.state.seed_images(count, public=public, account=account)
        # A summary: 5,000 ids are 80 kB on one line; they come only when asked for.
        summary: dict[str, Any] = {
            "count": len(ids),
            "public": public,
            "account": None if public else account if account is not None else self.state.default_account(),
            "first_id": ids[0] if ids else None,
            "last_id": ids[-1] if ids else None,
        }
        if with_ids:
            summary["ids"] = ids
        return json_response(200, summary)

    async def _openapi(self, request: Request) -> Response:
        return json_response(200, self.document)


async def _admin_json(request: Request) -> dict[str, Any]:
    try:
        data = loads_json(await request.body())
    except ValueError:
        raise ValueError("the body must be JSON") from None
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return data

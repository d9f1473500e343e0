"""The ASGI app: route -> validate request -> handler over MockState -> validate response.

Three kinds of path are served: the API (routed from the spec), the pre-signed upload
URLs (``/__storage__/...``, outside the API, answering like object storage) and the
admin endpoints (``/__mock__/...``).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any
from xml.sax.saxutils import escape

from jsonschema.exceptions import ValidationError, best_match
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ._config import UPLOAD_OPERATION, MockConfig
from ._errors import ApiError, ResponseDrift, not_found
from ._filters import parse_filter
from ._spec import Operation, Spec
from ._state import UPLOAD_PATH_PREFIX, MockState, RateStatus, UploadRecord

ADMIN_PREFIX = "/__mock__/"
MAX_JSON_BODY = 2 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
log = logging.getLogger("linode_images_mock")

NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)
FAULT_REASONS = {
    429: "Too many requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


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


class _Drop(Response):
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


class MockApi:
    """The request pipeline over one MockState; ``create_app`` wraps it in Starlette."""

    def __init__(self, state: MockState, spec: Spec) -> None:
        self.state = state
        self.spec = spec
        self.handlers: dict[str, Callable[[Request, Operation, dict[str, Any]], Awaitable[Any]]] = {
            "get-images": self._get_images,
            "post-image": self._post_image,
            "post-upload-image": self._post_upload_image,
            "get-image": self._get_image,
            "put-image": self._put_image,
            "delete-image": self._delete_image,
            "post-replicate-image": self._post_replicate_image,
        }
        missing = set(spec.operations) - set(self.handlers)
        if missing:
            raise RuntimeError(f"the spec has operations the mock does not serve: {sorted(missing)}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        response = await self.dispatch(request)
        await response(scope, receive, send)

    async def dispatch(self, request: Request) -> Response:
        """Answer one request."""
        raw_path = _raw_path(request)
        if raw_path.startswith(ADMIN_PREFIX):
            return await self._admin(request, raw_path[len(ADMIN_PREFIX) :])
        if raw_path.startswith(UPLOAD_PATH_PREFIX):
            return await self._storage(request, raw_path)
        return await self._api(request, raw_path)

    # --- the API --------------------------------------------------------------------------------

    async def _api(self, request: Request, raw_path: str) -> Response:
        method = request.method.lower()
        # The most specific path template wins (see Spec.route): /v4/images/upload is the
        # upload path and /v4/images/private/1/regions the regions path, for every method.
        matched = next(self.spec.route(raw_path), None)
        if matched is None or method not in matched[0].operations:
            rate = self.state.rate("unrouted")
            if matched is None:
                return json_response(404, not_found().body(), rate.headers())
            # The exact Allow: the methods the spec documents for this path.
            headers = {**rate.headers(), "Allow": matched[0].allow}
            return json_response(405, {"errors": [{"reason": "Method Not Allowed"}]}, headers)
        path, path_params = matched
        operation = path.operations[method]
        self.state.count_request(operation.operation_id)
        rate = self.state.rate(operation.operation_id)
        fault = await self._fault(operation.operation_id, rate)
        if fault is not None:
            return fault
        try:
            if rate.exceeded:
                raise ApiError(429, "Too many requests", headers={"Retry-After": str(rate.retry_after)})
            account = self.state.account_for(request.headers.get("authorization"))
            params = self._parameters(request, operation, path_params)
            body = await self._body(request, operation)
            if body is not None:
                params["body"] = body
            params["account"] = account
            result = await self.handlers[operation.operation_id](request, operation, params)
            status, payload, extra = 200, result, {}
        except ApiError as error:
            status, payload, extra = error.status, error.body(), error.headers
        self._check_response(operation, status, payload)
        return json_response(status, payload, {**rate.headers(), **extra})

    async def _fault(self, operation_id: str, rate: RateStatus) -> Response | None:
        kind = self.state.next_fault(operation_id)
        if kind.startswith("latency:"):
            await asyncio.sleep(float(kind.partition(":")[2]))
            return None
        if kind in ("ok", "bad-etag"):
            return None
        if kind == "drop":
            return _Drop()
        headers = rate.headers()
        if kind == "502":
            return Response(NGINX_502, 502, headers=headers, media_type="text/html")
        if kind == "maintenance":
            headers = {**headers, "X-Maintenance-Mode": "1", "Retry-After": "30"}
            return json_response(503, {"errors": [{"reason": "The API is in maintenance mode"}]}, headers)
        status = int(kind)
        if status == 429:
            headers = {**headers, "Retry-After": str(rate.retry_after)}
        return json_response(status, {"errors": [{"reason": FAULT_REASONS[status]}]}, headers)

    def _parameters(
        self, request: Request, operation: Operation, path_params: dict[str, str]
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for parameter in operation.parameters:
            if parameter.location == "path":
                raw: str | None = path_params.get(_group(parameter.name))
            elif parameter.location == "query":
                raw = request.query_params.get(parameter.name)
            elif parameter.location == "header":
                raw = request.headers.get(parameter.name)
            else:
                continue
            if raw is None:
                if "default" in parameter.schema:
                    values[parameter.name] = parameter.schema["default"]
                continue
            value = _coerce(raw, parameter.schema)
            error = (
                None
                if value is None
                else best_match(self.spec.validator(parameter.schema).iter_errors(value))
            )
            if value is None or error is not None:
                if parameter.location == "path":
                    # An unknown API version is a path the API does not have.
                    raise not_found()
                message = "must be an integer" if error is None else error.message
                raise ApiError(400, f"Invalid value: {message}", field=parameter.name)
            values[parameter.name] = value
        return values

    async def _body(self, request: Request, operation: Operation) -> dict[str, Any] | None:
        if operation.body_schema is None:
            return None
        content_type = request.headers.get("content-type", "")
        if content_type.split(";")[0].strip().lower() != "application/json":
            raise ApiError(400, "Content-Type must be application/json")
        raw = b""
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_JSON_BODY:
                raise ApiError(400, "Request body is too large")
        try:
            body = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
            # Lone surrogates decode from JSON escapes but cannot be stored or echoed as UTF-8.
            json.dumps(body, ensure_ascii=False).encode("utf-8")
        except (ValueError, RecursionError, UnicodeError):
            raise ApiError(400, "Invalid JSON") from None
        error = best_match(self.spec.validator(operation.body_schema).iter_errors(body))
        if error is not None:
            raise _body_error(error)
        assert isinstance(body, dict)
        return body

    def _check_response(self, operation: Operation, status: int, payload: Any) -> None:
        if not self.state.config.strict:
            return
        key = operation.response_schema_key(status)
        validator = operation.validators.get(key) if key is not None else None
        if validator is None:
            raise ResponseDrift(f"{operation.operation_id}: the spec documents no response for {status}")
        error = best_match(validator.iter_errors(payload))
        if error is not None:
            raise ResponseDrift(
                f"{operation.operation_id} {status}: {error.message} at {list(error.absolute_path)}"
            )

    # --- operation handlers ---------------------------------------------------------------------

    async def _get_images(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        image_filter = parse_filter(params.get("X-Filter"))
        return self.state.list_images(params["account"], image_filter, params["page"], params["page_size"])

    async def _post_image(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        return self.state.create_image(params["account"], params["body"])

    async def _post_upload_image(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        return self.state.upload_image(params["account"], params["body"], str(request.base_url))

    async def _get_image(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        return self.state.get_image(params["imageId"], params["account"])

    async def _put_image(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        return self.state.update_image(params["imageId"], params["account"], params["body"])

    async def _delete_image(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        self.state.delete_image(params["imageId"], params["account"])
        return {}

    async def _post_replicate_image(
        self, request: Request, operation: Operation, params: dict[str, Any]
    ) -> Any:
        return self.state.replicate_image(params["imageId"], params["account"], params["body"]["regions"])

    # --- pre-signed upload URLs -----------------------------------------------------------------

    async def _storage(self, request: Request, raw_path: str) -> Response:
        self.state.count_request(UPLOAD_OPERATION)
        if request.method != "PUT":
            return xml_error(405, "MethodNotAllowed", "The specified method is not allowed", {"Allow": "PUT"})
        fault = self.state.next_fault(UPLOAD_OPERATION)
        if fault.startswith("latency:"):
            await asyncio.sleep(float(fault.partition(":")[2]))
        elif fault == "drop":
            return _Drop()
        elif fault == "502":
            return Response(NGINX_502, 502, media_type="text/html")
        elif fault not in ("ok", "bad-etag"):
            status = 503 if fault == "maintenance" else int(fault)
            return xml_error(
                status, "ServiceUnavailable" if status != 500 else "InternalError", "Please retry"
            )
        key = raw_path[len(UPLOAD_PATH_PREFIX) :]
        target = self.state.upload_target(key)
        if target is None:
            return xml_error(403, "AccessDenied", "Access Denied")
        image_id, expires = target
        query = request.query_params
        expected = self.state.sign(raw_path, expires)
        if query.get("Expires") != str(expires) or not hmac.compare_digest(
            query.get("Signature", "").encode(), expected.encode()
        ):
            return xml_error(
                403, "SignatureDoesNotMatch", "The request signature we calculated does not match"
            )
        if self.state.clock() > expires:
            return xml_error(403, "AccessDenied", "Request has expired")
        if (
            request.headers.get("content-type", "").split(";")[0].strip().lower()
            != "application/octet-stream"
        ):
            # The URL is signed for application/octet-stream; anything else breaks the signature.
            return xml_error(403, "SignatureDoesNotMatch", "The URL is signed for application/octet-stream")
        length = request.headers.get("content-length")
        if "chunked" in request.headers.get("transfer-encoding", "").lower() or length is None:
            # Pre-signed PUTs need the length up front; chunked bodies are refused.
            return xml_error(411, "MissingContentLength", "You must provide the Content-Length HTTP header.")
        if not length.isdigit():
            return xml_error(400, "InvalidArgument", "Content-Length is not a number")
        if int(length) > self.state.config.upload_limit:
            return xml_error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size")
        return await self._receive_upload(request, image_id, bad_etag=fault == "bad-etag")

    async def _receive_upload(self, request: Request, image_id: str, *, bad_etag: bool) -> Response:
        sha256 = hashlib.sha256()
        md5 = hashlib.md5(usedforsecurity=False)
        received = 0
        head = b""
        limit = self.state.config.upload_limit
        try:
            # The body goes to hashes chunk by chunk; it is never held in memory whole.
            async for chunk in request.stream():
                if len(head) < 2:
                    head = (head + chunk)[:2]
                    if len(head) == 2 and head != GZIP_MAGIC:
                        return xml_error(400, "InvalidArgument", "The uploaded data is not gzip-compressed")
                received += len(chunk)
                if received > limit:
                    return xml_error(
                        400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"
                    )
                sha256.update(chunk)
                md5.update(chunk)
        except ClientDisconnect:
            return Response(b"", 400)
        if head != GZIP_MAGIC:
            return xml_error(400, "InvalidArgument", "The uploaded data is not gzip-compressed")
        record = UploadRecord(received, sha256.hexdigest(), "authorization" in request.headers)
        if not self.state.finish_upload(image_id, record):
            return xml_error(403, "AccessDenied", "Access Denied")
        if bad_etag:
            md5.update(b"damaged")
        # S3-style: the ETag of a single PUT is the quoted MD5 of the stored body.
        return Response(b"", 200, headers={"ETag": f'"{md5.hexdigest()}"'})

    # --- admin ----------------------------------------------------------------------------------

    async def _admin(self, request: Request, name: str) -> Response:
        routes: dict[str, dict[str, Callable[[Request], Awaitable[Response]]]] = {
            "reset": {"POST": self._admin_reset},
            "counters": {"GET": self._admin_counters},
            "config": {"GET": self._admin_get_config, "PATCH": self._admin_patch_config},
            "seed": {"POST": self._admin_seed},
            "openapi.json": {"GET": self._admin_openapi},
        }
        methods = routes.get(name)
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

    async def _admin_reset(self, request: Request) -> Response:
        self.state.reset()
        return json_response(200, {})

    async def _admin_counters(self, request: Request) -> Response:
        with self.state.lock:
            return json_response(200, self.state.counters.to_json())

    async def _admin_get_config(self, request: Request) -> Response:
        return json_response(200, self.state.config.to_json())

    async def _admin_patch_config(self, request: Request) -> Response:
        changes = await _admin_json(request)
        with self.state.lock:
            config = self.state.config.updated(changes)
            self.state.configure(**{key: getattr(config, key) for key in changes})
            return json_response(200, self.state.config.to_json())

    async def _admin_seed(self, request: Request) -> Response:
        data = await _admin_json(request)
        count, public, account = data.get("count"), data.get("public", False), data.get("account")
        if isinstance(count, bool) or not isinstance(count, int) or not isinstance(public, bool):
            raise ValueError("seed takes {count: int, public: bool, account: str}")
        if account is not None and not isinstance(account, str):
            raise ValueError("account must be a string")
        ids = self.state.seed_images(count, public=public, account=account)
        return json_response(200, {"ids": ids})

    async def _admin_openapi(self, request: Request) -> Response:
        return json_response(200, self.spec.document)


async def _admin_json(request: Request) -> dict[str, Any]:
    try:
        data = json.loads(await request.body())
    except ValueError:
        raise ValueError("the body must be JSON") from None
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return data


def _raw_path(request: Request) -> str:
    # The raw path keeps %2F inside image ids distinct from path separators.
    raw = request.scope.get("raw_path")
    if isinstance(raw, bytes):
        return raw.decode("latin-1").split("?", 1)[0]
    return str(request.url.path)


def _group(name: str) -> str:
    return re.sub(r"\W", "_", name)


def _coerce(raw: str, schema: dict[str, Any]) -> Any:
    if schema.get("type") == "integer":
        # Query strings carry text; an integer parameter must be written as one. Any size the
        # spec allows is accepted, up to Python's own limit on converting digits (4300).
        return int(raw) if re.fullmatch(r"-?\d{1,4000}", raw.strip()) else None
    return raw


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _body_error(error: ValidationError) -> ApiError:
    instance = error.instance
    if (
        error.validator == "required"
        and isinstance(instance, dict)
        and isinstance(error.validator_value, list)
    ):
        missing = [name for name in error.validator_value if name not in instance]
        name = missing[0] if missing else None
        return ApiError(400, f"{name} is required", field=name)
    if (
        error.validator == "additionalProperties"
        and isinstance(instance, dict)
        and isinstance(error.schema, dict)
    ):
        known = set(error.schema.get("properties", {}))
        extra = sorted(name for name in instance if name not in known)
        name = extra[0] if extra else None
        return ApiError(400, f"{name} is not a field of this request", field=name)
    path = list(error.absolute_path)
    field = str(path[0]) if path else None
    return ApiError(400, f"Invalid value: {error.message}", field=field)


def create_app(config: MockConfig | None = None, *, state: MockState | None = None) -> Starlette:
    """The mock as an ASGI app; its MockState is ``app.state.mock``.

    Example::

        app = create_app(MockConfig(strict=True))
        client = httpx.Client(transport=httpx.ASGITransport(app), base_url="http://mock")
        client.get("/v4/images").json()["results"]
    """
    state = state or MockState(config)
    api = MockApi(state, Spec())
    app = Starlette()
    # Every path goes to the spec-driven router: Starlette's own routes would answer some
    # paths (control characters, %2F) with plain-text errors outside the API's shape.
    app.router.default = api
    app.state.mock = state
    return app

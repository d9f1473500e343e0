"""The ASGI app: route -> validate request -> handler over MockState -> validate response.

Three kinds of path are served: the API (routed from the spec), the pre-signed upload
URLs (``/__storage__/...``, outside the API, answering like object storage) and the
admin endpoints (``/__mock__/...``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from jsonschema.exceptions import ValidationError, best_match
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ._admin import ADMIN_PREFIX, AdminApi
from ._config import MockConfig
from ._errors import ApiError, ResponseDrift, not_found
from ._filters import parse_filter
from ._rates import RateStatus
from ._responses import Drop, after_work, json_response, nginx_502
from ._sharing_api import sharing_handlers
from ._spec import Operation, Spec
from ._state import UPLOAD_PATH_PREFIX, MockState
from ._storage import storage_put
from ._wire import loads_json

MAX_JSON_BODY = 2 * 1024 * 1024
_INTEGER = re.compile(r"-?[0-9]{1,4000}")

FAULT_REASONS = {
    429: "Too many requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class MockApi:
    """The request pipeline over one MockState; ``create_app`` wraps it in Starlette."""

    def __init__(self, state: MockState, spec: Spec, admin_token: str | None = None) -> None:
        self.state = state
        self.spec = spec
        self.admin = AdminApi(state, spec.document, admin_token)
        self.handlers: dict[str, Callable[[Request, Operation, dict[str, Any]], Awaitable[Any]]] = {
            "get-images": self._get_images,
            "post-image": self._post_image,
            "post-upload-image": self._post_upload_image,
            "get-image": self._get_image,
            "put-image": self._put_image,
            "delete-image": self._delete_image,
            "post-replicate-image": self._post_replicate_image,
            **sharing_handlers(state, self._checker),
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
            return await self.admin.dispatch(request, raw_path[len(ADMIN_PREFIX) :])
        if raw_path.startswith(UPLOAD_PATH_PREFIX):
            return await storage_put(self.state, request, raw_path)
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
        kind = self.state.next_fault(operation.operation_id)
        fault = self._fault(kind, rate)
        if fault is not None:
            return fault
        try:
            if rate.exceeded:
                raise ApiError(429, "Too many requests", headers={"Retry-After": str(rate.retry_after)})
            account = self.state.account_for(request.headers.get("authorization"))
            params = self._parameters(request, operation, path_params)
            if operation.beta and params.get("apiVersion") != "v4beta":
                raise not_found()  # Beta operations exist under /v4beta only
            body = await self._body(request, operation)
            if body is not None:
                params["body"] = body
            params["account"] = account
            result = await self.handlers[operation.operation_id](request, operation, params)
            status, payload, extra = 200, result, {}
        except ApiError as error:
            status, payload, extra = error.status, error.body(), error.headers
        except ClientDisconnect:
            # The client went away while sending its body: nobody is left to read an answer.
            return Response(b"", 400)
        self._check_response(operation, status, payload)
        return await after_work(kind, json_response(status, payload, {**rate.headers(), **extra}))

    def _fault(self, kind: str, rate: RateStatus) -> Response | None:
        """The answer a fault gives instead of serving the request (None: serve it)."""
        if kind in ("ok", "lost") or kind.startswith("latency:"):
            return None
        if kind == "drop":
            return Drop()
        headers = rate.headers()
        if kind == "502":
            return nginx_502(headers)
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
            body = loads_json(raw.decode("utf-8"))
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

    def _checker(self, operation: Operation) -> Callable[[Any], None]:
        """The check a write runs on its answer before committing (strict mode: the spec)."""
        return lambda payload: self._check_response(operation, 200, payload)

    # --- operation handlers ---------------------------------------------------------------------

    async def _get_images(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        image_filter = parse_filter(params.get("X-Filter"))
        return self.state.list_images(params["account"], image_filter, params["page"], params["page_size"])

    async def _post_image(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        return self.state.create_image(params["account"], params["body"], self._checker(operation))

    async def _post_upload_image(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        return self.state.upload_image(
            params["account"], params["body"], str(request.base_url), self._checker(operation)
        )

    async def _get_image(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        return self.state.get_image(params["imageId"], params["account"])

    async def _put_image(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        return self.state.update_image(
            params["imageId"], params["account"], params["body"], self._checker(operation)
        )

    async def _delete_image(self, request: Request, operation: Operation, params: dict[str, Any]) -> Any:
        return self.state.delete_image(params["imageId"], params["account"], self._checker(operation))

    async def _post_replicate_image(
        self, request: Request, operation: Operation, params: dict[str, Any]
    ) -> Any:
        return self.state.replicate_image(
            params["imageId"], params["account"], params["body"]["regions"], self._checker(operation)
        )


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
        # Query strings carry text; an integer parameter must be written as one, in ASCII digits
        # and nothing else: int() would also take " 2" and "٣" (an Arabic-Indic three), which
        # the API refuses. Any size the spec allows is accepted, up to Python's own limit on
        # converting digits (4300).
        return int(raw) if _INTEGER.fullmatch(raw) else None
    return raw


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


def create_app(
    config: MockConfig | None = None, *, state: MockState | None = None, admin_token: str | None = None
) -> Starlette:
    """The mock as an ASGI app; its MockState is ``app.state.mock``.

    With ``admin_token`` every ``/__mock__/`` request must carry ``Authorization: Bearer
    <admin_token>``.

    Example::

        app = create_app(MockConfig(strict=True))
        client = httpx.Client(transport=httpx.ASGITransport(app), base_url="http://mock")
        client.get("/v4/images").json()["results"]
    """
    state = state or MockState(config)
    api = MockApi(state, Spec(), admin_token)
    app = Starlette()
    # Every path goes to the spec-driven router: Starlette's own routes would answer some
    # paths (control characters, %2F) with plain-text errors outside the API's shape.
    app.router.default = api
    app.state.mock = state
    return app

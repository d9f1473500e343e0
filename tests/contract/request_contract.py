"""Prism-style request validation: does a request match spec/linode-images.contract.yaml?

What a validating proxy checks before it forwards a request: the operation exists for the
method and path, path and query parameters and headers have the documented types and
bounds (X-Filter as the JSON filter grammar the contract view describes), the body is JSON
that the request schema accepts (read-only fields refused, as OpenAPI 3.0 says of requests),
and a token is sent where the operation needs one. Schemas are checked with
``openapi_schema_validator`` (OpenAPI 3.0 semantics: ``nullable``, ``readOnly``), not with
the mock's own validator, so that one mistake cannot hide in both.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx
import yaml
from openapi_schema_validator import OAS30WriteValidator

CONTRACT = Path(__file__).resolve().parents[2] / "spec" / "linode-images.contract.yaml"
METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Route:
    template: str
    pattern: re.Pattern[str]
    item: dict[str, Any]


def _pattern(template: str) -> re.Pattern[str]:
    regex = ""
    for part in re.split(r"(\{[^}]+\})", template):
        if part.startswith("{"):
            # Image ids hold one slash, sent raw or as %2F (docs/real-api-facts.md#requests).
            segment = r"[^/]+(?:/[^/]+)?" if part == "{imageId}" else r"[^/]+"
            regex += f"(?P<{part[1:-1]}>{segment})"
        else:
            regex += re.escape(part)
    return re.compile(regex)


class RequestContract:
    """Validates requests against the contract view; ``check`` returns what is wrong."""

    def __init__(self, path: Path = CONTRACT) -> None:
        self.document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.routes = sorted(
            (Route(t, _pattern(t), item) for t, item in self.document["paths"].items()),
            # Literal segments first: /images/upload before /images/{imageId}.
            key=lambda r: (-r.template.count("/"), r.template.count("{")),
        )

    def _errors(self, schema: dict[str, Any], value: Any, where: str) -> list[str]:
        rooted = {"allOf": [schema], "components": self.document["components"]}
        validator = OAS30WriteValidator(rooted)
        return [f"{where}: {error.message}" for error in validator.iter_errors(value)]

    def operation(self, request: httpx.Request) -> tuple[str, dict[str, Any], dict[str, str]] | None:
        """(template, operation, path parameters) for the request, or None if none matches."""
        raw = request.url.raw_path.split(b"?")[0].decode()
        for route in self.routes:
            found = route.pattern.fullmatch(raw)
            if found and request.method.lower() in route.item:
                params = {k: unquote(v) for k, v in found.groupdict().items()}
                return route.template, route.item[request.method.lower()], params
        return None

    def check(self, request: httpx.Request) -> list[str]:
        """Every way ``request`` departs from the contract view (empty if it conforms)."""
        matched = self.operation(request)
        if matched is None:
            return [f"{request.method} {request.url.path}: no operation of the contract view"]
        template, op, path_params = matched
        label = f"{op['operationId']} ({request.method} {template})"
        params = {(p["in"], p["name"]): p for p in self.document["paths"][template].get("parameters", [])}
        params.update({(p["in"], p["name"]): p for p in op.get("parameters", [])})
        errors: list[str] = []
        query = dict(parse_qsl(request.url.query.decode(), keep_blank_values=True))
        sent = {"path": path_params, "query": query, "header": dict(request.headers)}
        for (where, name), param in params.items():
            values = sent[where]
            key = name.lower() if where == "header" else name
            if key not in values:
                if param.get("required"):
                    errors.append(f"{label}: required {where} parameter {name} missing")
                continue
            errors += self._parameter(param, values[key], f"{label} {where} {name}")
        known = {name for where, name in params if where == "query"}
        errors += [f"{label}: undocumented query parameter {name}" for name in query if name not in known]
        errors += self._body(op, request, label)
        if {} not in op.get("security", [{}]) and not request.headers.get("authorization", "").startswith(
            "Bearer "
        ):
            errors.append(f"{label}: needs Authorization: Bearer <token>")
        return errors

    def _parameter(self, param: dict[str, Any], text: str, where: str) -> list[str]:
        if "content" in param:
            media, content = next(iter(param["content"].items()))
            try:
                value = json.loads(text)
            except ValueError:
                return [f"{where}: not {media}: {text[:80]!r}"]
            return self._errors(content["schema"], value, where)
        schema = param["schema"]
        if "$ref" in schema:
            schema = self.document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        value: Any = text
        if schema.get("type") == "integer":
            if not re.fullmatch(r"-?\d+", text):
                return [f"{where}: {text!r} is not an integer"]
            value = int(text)
        return self._errors(schema, value, where)

    def _body(self, op: dict[str, Any], request: httpx.Request, label: str) -> list[str]:
        body = op.get("requestBody")
        content = request.content
        if body is None:
            return [f"{label}: a body the operation does not take"] if content else []
        if not content:
            return [f"{label}: the required body is missing"] if body.get("required") else []
        if request.headers.get("content-type", "").split(";")[0] != "application/json":
            return [f"{label}: body is {request.headers.get('content-type')!r}, not application/json"]
        try:
            value = json.loads(content)
        except ValueError:
            return [f"{label}: body is not JSON"]
        return self._errors(body["content"]["application/json"]["schema"], value, f"{label} body")

"""The OpenAPI document, read once: routes, parameter and body schemas, response validators.

Nothing here is hand-copied from the spec. The package carries ``linode-images.yaml`` (a
link to ``spec/linode-images.yaml`` in the source tree, a real file in an installed wheel),
translates its OpenAPI 3.0 schemas to JSON Schema and validates with ``jsonschema``.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any
from urllib.parse import unquote

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_RESOURCE = "linode-images.yaml"
# Refs inside the spec (``#/components/schemas/X``) are rewritten to point into this resource.
SPEC_URI = "urn:linode-images:spec"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# RFC 3339 date-time, except that the offset may be missing: Linode sends offset-less UTC
# timestamps such as "2021-08-14T22:44:02" (REAL-API-FACTS, "Timestamps"). This is the only
# relaxation of format validation, here and in the schemathesis run (tests/mock).
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$")

FORMAT_CHECKER = jsonschema.FormatChecker(formats=())


@FORMAT_CHECKER.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    return True


def load_document() -> dict[str, Any]:
    """Read the packaged spec file."""
    text = resources.files(__package__).joinpath(SPEC_RESOURCE).read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert isinstance(document, dict)
    return document


@functools.cache
def operation_ids() -> tuple[str, ...]:
    """The operationIds of the packaged spec, in document order."""
    return tuple(
        operation["operationId"]
        for item in load_document().get("paths", {}).values()
        for method, operation in item.items()
        if method in HTTP_METHODS
    )


@functools.cache
def known_regions() -> tuple[str, ...]:
    """The region ids the spec lists (``components.x-linode-regions``): the mock's regions."""
    regions = load_document().get("components", {}).get("x-linode-regions")
    assert isinstance(regions, list) and regions, "the spec lists no x-linode-regions"
    return tuple(str(region) for region in regions)


@functools.cache
def upload_limit() -> int:
    """The most an upload takes, in bytes: the compressed size of the upload operation's
    ``x-linode-upload-limits`` (docs/real-api-facts.md: 5 GB of gzip data)."""
    limits = next(
        (
            operation.get("x-linode-upload-limits")
            for item in load_document().get("paths", {}).values()
            for method, operation in item.items()
            if method in HTTP_METHODS and operation.get("operationId") == "post-upload-image"
        ),
        None,
    )
    assert isinstance(limits, dict) and isinstance(limits.get("compressed_bytes"), int), (
        "the spec's post-upload-image has no x-linode-upload-limits"
    )
    return int(limits["compressed_bytes"])


def to_json_schema(schema: Any) -> Any:
    """Translate an OpenAPI 3.0 schema object to JSON Schema (draft 4 with 3.0's extras).

    ``nullable: true`` becomes a ``null`` type (and a ``None`` enum member); local refs are
    made absolute so they resolve through the registry built from the whole document.
    """
    if isinstance(schema, list):
        return [to_json_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: to_json_schema(value) for key, value in schema.items()}
    ref = out.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        out["$ref"] = SPEC_URI + ref
    if out.pop("nullable", False) is True:
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        elif kind is None:
            # A nullable reference (``nullable: true`` beside ``allOf: [$ref]``, as
            # image_sharing's halves are written): null, or whatever the rest allows.
            return {"anyOf": [{"type": "null"}, out]}
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
    return out


@dataclass(frozen=True)
class Parameter:
    """One query, header or path parameter of an operation."""

    name: str
    location: str
    required: bool
    schema: dict[str, Any]


@dataclass
class Operation:
    """One operation of the spec: its method, path template and schemas."""

    operation_id: str
    method: str
    path: str
    parameters: list[Parameter]
    body_schema: dict[str, Any] | None
    body_required: bool
    responses: dict[str, dict[str, Any] | None]
    validators: dict[str, jsonschema.protocols.Validator] = field(default_factory=dict)
    # Served under /v4beta only (the spec's x-linode-beta; docs/real-api-facts.md#image-sharing).
    beta: bool = False

    def response_schema_key(self, status: int) -> str | None:
        """The ``responses`` key that covers ``status`` (exact, then ``2XX``-style, then default)."""
        for key in (str(status), f"{status // 100}XX", "default"):
            if key in self.responses:
                return key
        return None


@dataclass
class PathTemplate:
    """A spec path with its operations and the regex that matches raw request paths."""

    template: str
    pattern: re.Pattern[str]
    operations: dict[str, Operation]

    @property
    def allow(self) -> str:
        """The exact ``Allow`` header value: the methods the spec documents for this path."""
        return ", ".join(method.upper() for method in HTTP_METHODS if method in self.operations)

    def match(self, raw_path: str) -> dict[str, str] | None:
        """Path parameters (percent-decoded) if ``raw_path`` matches, else None."""
        found = self.pattern.fullmatch(raw_path)
        if found is None:
            return None
        return {name: unquote(value) for name, value in found.groupdict().items()}


def _path_regex(template: str) -> re.Pattern[str]:
    # Image ids contain one slash (linode/debian12, private/123); clients send it raw or as
    # %2F (REAL-API-FACTS, "Requests"), so a path parameter spans at most two raw segments.
    parts = re.split(r"(\{[^}]+\})", template)
    regex = ""
    for part in parts:
        if part.startswith("{") and part.endswith("}"):
            name = part[1:-1]
            group = re.sub(r"\W", "_", name)
            segment = r"[^/]+(?:/[^/]+)?" if name.endswith("Id") else r"[^/]+"
            regex += f"(?P<{group}>{segment})"
        else:
            regex += re.escape(part)
    return re.compile(regex)


class Spec:
    """The loaded spec: routing table and validators, built once per app."""

    def __init__(self, document: Mapping[str, Any] | None = None) -> None:
        self.document: dict[str, Any] = copy.deepcopy(dict(document)) if document else load_document()
        translated = to_json_schema(self.document)
        self.registry: Registry[Any] = Registry().with_resource(
            SPEC_URI, Resource.from_contents(translated, default_specification=DRAFT4)
        )
        self._translated = translated
        self._validators: dict[int, tuple[dict[str, Any], jsonschema.protocols.Validator]] = {}
        self.paths = self._build_paths()
        self.operations: dict[str, Operation] = {
            op.operation_id: op for path in self.paths for op in path.operations.values()
        }

    def validator(self, schema: dict[str, Any]) -> jsonschema.protocols.Validator:
        """A draft-4 validator for a translated schema, with refs and relaxed date-time.

        Validators are built once per schema object of the loaded spec and reused.
        """
        cached = self._validators.get(id(schema))
        if cached is None or cached[0] is not schema:
            validator = jsonschema.Draft4Validator(
                schema, registry=self.registry, format_checker=FORMAT_CHECKER
            )
            cached = self._validators[id(schema)] = (schema, validator)
        return cached[1]

    def _build_paths(self) -> list[PathTemplate]:
        built: list[PathTemplate] = []
        for template, item in self._translated.get("paths", {}).items():
            shared = item.get("parameters", [])
            operations: dict[str, Operation] = {}
            for method in HTTP_METHODS:
                raw = item.get(method)
                if raw is None:
                    continue
                params = {(p["in"], p["name"]): p for p in shared}
                params.update({(p["in"], p["name"]): p for p in raw.get("parameters", [])})
                body = raw.get("requestBody", {})
                body_schema = body.get("content", {}).get("application/json", {}).get("schema")
                responses = {
                    str(code): spec.get("content", {}).get("application/json", {}).get("schema")
                    for code, spec in raw.get("responses", {}).items()
                }
                operation = Operation(
                    operation_id=raw["operationId"],
                    method=method.upper(),
                    path=template,
                    parameters=[
                        Parameter(p["name"], p["in"], bool(p.get("required")), p.get("schema", {}))
                        for p in params.values()
                    ],
                    body_schema=body_schema,
                    body_required=bool(body.get("required")),
                    responses=responses,
                    beta=raw.get("x-linode-beta") is True,
                )
                operation.validators = {
                    code: self.validator(schema) for code, schema in responses.items() if schema is not None
                }
                operations[method] = operation
            built.append(PathTemplate(template, _path_regex(template), operations))
        # Literal segments win over parameters: /v4/images/upload is the upload operation,
        # and /v4/images/{imageId}/regions is tried before /v4/images/{imageId}.
        built.sort(key=lambda p: (-p.template.count("/"), p.template.count("{")))
        return built

    def route(self, raw_path: str) -> Iterator[tuple[PathTemplate, dict[str, str]]]:
        """Every path template matching ``raw_path``, most specific first."""
        for path in self.paths:
            params = path.match(raw_path)
            if params is not None:
                yield path, params


def list_fields(operation_id: str) -> tuple[frozenset[str], frozenset[str]]:
    """The fields a list operation filters and sorts on (its x-linode-filterable / -orderable)."""
    for item in load_document()["paths"].values():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                return (
                    frozenset(operation["x-linode-filterable"]),
                    frozenset(operation["x-linode-orderable"]),
                )
    raise LookupError(f"the spec has no operation {operation_id!r}")

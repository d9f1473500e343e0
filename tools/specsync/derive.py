"""The derivation itself: pure functions from an upstream document to our spec."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .markers import list_facts, operation_markers
from .names import (
    ERROR_NAME,
    EXPECTED_OPERATIONS,
    NESTED_NAMES,
    PARAMETER_SCHEMA_NAMES,
    REQUEST_NAMES,
    RESPONSE_NAMES,
    SHARING_OPERATIONS,
)
from .overrides import apply_overrides
from .pointers import SpecError, escape, resolve_pointer, set_pointer
from .report import deviations

IMAGES_PREFIX = "/{apiVersion}/images"

# Schema keywords that are facts and are kept; prose keywords that are dropped. Anything
# else is unknown to this tool and stops the derivation rather than slipping through.
SCHEMA_FACTS = {
    "type", "format", "enum", "default", "nullable", "readOnly", "writeOnly",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems",
    "minProperties", "maxProperties", "required", "properties", "items",
    "additionalProperties", "allOf", "oneOf", "anyOf", "not", "$ref",
}  # fmt: skip
PROSE = {"description", "example", "examples", "externalDocs", "title"}
METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")


# --------------------------------------------------------------------------- loading


def load_document(path: Path) -> dict[str, Any]:
    doc = parse_file(path)
    if not isinstance(doc, dict) or "paths" not in doc:
        raise SpecError(f"{path}: not an OpenAPI document (no 'paths')")
    return doc


def parse_file(path: Path) -> Any:
    """A JSON (by suffix) or YAML file, parsed; a file that does not parse is a SpecError
    naming the file, line and column, so the report is one line instead of a parser traceback."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SpecError(f"{path}: not UTF-8 text (byte {error.start}); is it the OpenAPI document?") from None
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise SpecError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        what = ": ".join(part for part in (error.context, error.problem) if part)
        raise SpecError(f"{where}: not valid YAML: {what}") from None
    except yaml.YAMLError as error:
        raise SpecError(f"{path}: not valid YAML: {' '.join(str(error).split())}") from None


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inline_refs(node: Any, doc: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """Return a copy of ``node`` with every local ``$ref`` replaced by its target."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            if not ref.startswith("#"):
                raise SpecError(f"external $ref not supported: {ref}")
            if ref in seen:
                raise SpecError(f"recursive $ref: {' -> '.join((*seen, ref))}")
            target = resolve_pointer(doc, ref[1:])
            return inline_refs(target, doc, (*seen, ref))
        return {k: inline_refs(v, doc, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [inline_refs(v, doc, seen) for v in node]
    return node


# --------------------------------------------------------------------------- prose


def facts_of_schema(schema: Any, where: str) -> Any:
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in PROSE or key.startswith("x-"):
            continue
        if key not in SCHEMA_FACTS:
            raise SpecError(f"{where}: unknown schema keyword {key!r}")
        if key == "properties":
            out[key] = {
                name: facts_of_schema(sub, f"{where}/properties/{escape(name)}")
                for name, sub in value.items()
            }
        elif key in ("items", "not") or (key == "additionalProperties" and isinstance(value, dict)):
            out[key] = facts_of_schema(value, f"{where}/{key}")
        elif key in ("allOf", "oneOf", "anyOf"):
            out[key] = [facts_of_schema(s, f"{where}/{key}/{i}") for i, s in enumerate(value)]
        else:
            out[key] = value
    return out


def facts_of_parameter(param: dict[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {k: param[k] for k in ("name", "in", "required") if k in param}
    out["schema"] = facts_of_schema(param.get("schema", {}), f"{where}/schema")
    return out


def facts_of_content(content: dict[str, Any], where: str) -> dict[str, Any]:
    return {
        media: {"schema": facts_of_schema(body.get("schema", {}), f"{where}/{escape(media)}/schema")}
        for media, body in content.items()
    }


def facts_of_operation(op: dict[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {"operationId": op["operationId"]}
    if "tags" in op:
        out["tags"] = op["tags"]
    if "servers" in op:
        out["servers"] = [{"url": s["url"]} for s in op["servers"]]
    if "parameters" in op:
        out["parameters"] = [
            facts_of_parameter(p, f"{where}/parameters/{i}") for i, p in enumerate(op["parameters"])
        ]
    if "requestBody" in op:
        body = op["requestBody"]
        rb: dict[str, Any] = {}
        if "required" in body:
            rb["required"] = body["required"]
        rb["content"] = facts_of_content(body["content"], f"{where}/requestBody/content")
        out["requestBody"] = rb
    responses: dict[str, Any] = {}
    for code, resp in op["responses"].items():
        entry: dict[str, Any] = {"description": "Success" if str(code).startswith("2") else "Error"}
        if "content" in resp:
            entry["content"] = facts_of_content(resp["content"], f"{where}/responses/{code}/content")
        responses[str(code)] = entry
    out["responses"] = responses
    if "security" in op:
        out["security"] = op["security"]
    return out


# --------------------------------------------------------------------------- hoisting


class Hoister:
    """Collects named components; identical copies share one, diverging ones fail.

    One divergence has a rule, because its reason is visible: a request copy of an enum
    may lack values only responses carry (upstream's PUT body lists ``type`` as
    ``manual|automatic`` while responses also say ``shared``). The response copy wins and a
    notice names the values, so nothing is merged silently. The other: response copies
    that differ only in ``readOnly`` marks (upstream marks ``id`` read-only in one copy of
    a share group and not in another); ``readOnly`` has no meaning in a response, so the
    marks are united and a notice says where.
    """

    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}
        self.origins: dict[str, str] = {}
        self.sides: dict[str, str] = {}
        self.notices: list[str] = []

    def hoist(self, name: str, schema: Any, where: str, side: str = "response") -> dict[str, str]:
        schema = copy.deepcopy(schema)
        for rel, child in NESTED_NAMES.get(name, {}).items():
            try:
                inner = resolve_pointer(schema, rel)
            except SpecError:
                continue  # the nested piece is absent in this copy; comparison below reports it
            ref = self.hoist(child, inner, where + rel, side)
            set_pointer(schema, rel, ref)
        if name not in self.schemas:
            self.schemas[name], self.origins[name], self.sides[name] = schema, where, side
        elif self.schemas[name] != schema:
            self._reconcile(name, schema, where, side)
        return {"$ref": f"#/components/schemas/{name}"}

    def _reconcile(self, name: str, schema: Any, where: str, side: str) -> None:
        old, old_side = self.schemas[name], self.sides[name]
        pairs = {("request", "response"): (old, schema), ("response", "request"): (schema, old)}
        narrow_wide = pairs.get((old_side, side))
        extra = response_only_enum_values(*narrow_wide) if narrow_wide else None
        if extra:
            request_where = where if side == "request" else self.origins[name]
            self.notices.append(
                f"rule: {name} at {request_where} lacks response-only enum value(s) "
                f"{', '.join(map(repr, extra))}; the response copy is kept"
            )
            if side == "response":
                self.schemas[name], self.origins[name], self.sides[name] = schema, where, side
            return
        if old_side == side == "response" and without_read_only(old) == without_read_only(schema):
            self.notices.append(
                f"rule: copies of {name} differ only in readOnly marks ({self.origins[name]} and "
                f"{where}); the marks are united"
            )
            self.schemas[name] = union_read_only(old, schema)
            return
        diff = "\n".join("    " + line for line in describe_changes(old, schema))
        raise SpecError(
            f"copies of {name} diverge upstream:\n  {self.origins[name]}\n  {where}\n"
            f"differences (first -> second):\n{diff}\n"
            "decide in spec/overrides.yaml or in tools/specsync which shape is right"
        )


def without_read_only(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: without_read_only(v) for k, v in node.items() if k != "readOnly"}
    if isinstance(node, list):
        return [without_read_only(v) for v in node]
    return node


def union_read_only(a: Any, b: Any) -> Any:
    """``a`` with every ``readOnly: true`` of ``b`` added (the two are equal otherwise)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = {k: union_read_only(v, b[k]) if k in b else v for k, v in a.items()}
        if b.get("readOnly") is True:
            out["readOnly"] = True
        return out
    if isinstance(a, list) and isinstance(b, list):
        return [union_read_only(x, y) for x, y in zip(a, b, strict=True)]
    return a


def response_only_enum_values(request: Any, response: Any) -> list[Any] | None:
    """The enum values ``response`` adds if the two differ only by such additions, else None."""
    if isinstance(request, dict) and isinstance(response, dict):
        if set(request) != set(response):
            return None
        extra: list[Any] = []
        for key in request:
            a, b = request[key], response[key]
            if key == "enum" and isinstance(a, list) and isinstance(b, list):
                if any(v not in b for v in a) or [v for v in b if v in a] != a:
                    return None
                extra += [v for v in b if v not in a]
                continue
            sub = response_only_enum_values(a, b)
            if sub is None:
                return None
            extra += sub
        return extra
    if isinstance(request, list) and isinstance(response, list) and len(request) == len(response):
        extra = []
        for a, b in zip(request, response, strict=True):
            sub = response_only_enum_values(a, b)
            if sub is None:
                return None
            extra += sub
        return extra
    return [] if request == response else None


def iter_operations(paths: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in paths.items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def extract(upstream: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Build our document (before overrides). Returns it and a list of notices."""
    notices: list[str] = []
    hoister = Hoister()
    paths: dict[str, Any] = {}
    found: set[str] = set()
    for path, item in upstream["paths"].items():
        if path != IMAGES_PREFIX and not path.startswith(IMAGES_PREFIX + "/"):
            continue
        item = inline_refs(item, upstream)
        where = f"/paths/{escape(path)}"
        new_item: dict[str, Any] = {}
        if "parameters" in item:
            new_item["parameters"] = [
                facts_of_parameter(p, f"{where}/parameters/{i}") for i, p in enumerate(item["parameters"])
            ]
        for method in METHODS:
            if method in item:
                op = facts_of_operation(item[method], f"{where}/{method}")
                # Read before the prose is gone: the fields a list filters and sorts on.
                op.update(list_facts(item[method]))
                op.update(operation_markers(item[method]))
                new_item[method] = op
                found.add(op["operationId"])
        paths[path] = new_item
    missing = EXPECTED_OPERATIONS - found
    if missing:
        raise SpecError(f"operations missing upstream: {', '.join(sorted(missing))}")
    for extra in sorted(found - EXPECTED_OPERATIONS - SHARING_OPERATIONS):
        notices.append(f"NEW OPERATION upstream: {extra} (kept, schemas left inline)")

    for path, item in paths.items():
        where = f"/paths/{escape(path)}"
        params = list(item.get("parameters", []))
        for method in METHODS:
            if method in item:
                params += item[method].get("parameters", [])
        for param in params:
            name = PARAMETER_SCHEMA_NAMES.get(param["name"])
            if name:
                param["schema"] = hoister.hoist(name, param["schema"], f"{where} parameter {param['name']}")
        for _, method, op in iter_operations({path: item}):
            op_id = op["operationId"]
            op_where = f"{where}/{method}"
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body and op_id in REQUEST_NAMES:
                body["schema"] = hoister.hoist(
                    REQUEST_NAMES[op_id], body["schema"], f"{op_where} request", "request"
                )
            for code, resp in op["responses"].items():
                media = resp.get("content", {}).get("application/json")
                if not media:
                    continue
                if code == "default" or not code.startswith("2"):
                    name = ERROR_NAME
                else:
                    name = RESPONSE_NAMES.get(op_id, "")
                if name:
                    media["schema"] = hoister.hoist(name, media["schema"], f"{op_where} response {code}")

    doc: dict[str, Any] = {
        "openapi": upstream.get("openapi", "3.0.1"),
        "info": {
            "title": "Linode Images API",
            "version": str(upstream.get("info", {}).get("version", "unknown")),
            "description": "The image operations of the Linode API, derived by tools/specsync.",
            "license": {"name": "Apache 2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0.html"},
        },
        "servers": [{"url": s["url"]} for s in upstream.get("servers", [])],
        "paths": paths,
        "components": {
            "schemas": dict(sorted(hoister.schemas.items())),
            "securitySchemes": security_schemes(upstream, paths),
        },
    }
    return doc, notices + hoister.notices


def security_schemes(upstream: dict[str, Any], paths: dict[str, Any]) -> dict[str, Any]:
    """Keep the schemes (and only the OAuth scopes) our operations use, minus prose."""
    used: dict[str, set[str]] = {}
    for _, _, op in iter_operations(paths):
        for requirement in op.get("security", []):
            for scheme, scopes in requirement.items():
                used.setdefault(scheme, set()).update(scopes)
    all_schemes = upstream.get("components", {}).get("securitySchemes", {})
    out: dict[str, Any] = {}
    for name in sorted(used):
        scheme = copy.deepcopy(all_schemes[name])
        scheme.pop("description", None)
        for flow in scheme.get("flows", {}).values():
            flow["scopes"] = {s: s for s in sorted(used[name])}
        out[name] = scheme
    return out


# --------------------------------------------------------------------------- output


def canonical(node: Any) -> Any:
    """Sort mapping keys recursively so the output does not depend on upstream key order."""
    if isinstance(node, dict):
        return {k: canonical(node[k]) for k in sorted(node)}
    if isinstance(node, list):
        return [canonical(v) for v in node]
    return node


SPEC_HEADER = (
    "# Generated by `make spec` (tools/specsync) from Linode's published OpenAPI document\n"
    "# plus spec/overrides.yaml. Do not edit: change the overrides and rerun.\n"
)


def dump(doc: dict[str, Any], header: str = SPEC_HEADER) -> str:
    top = ["openapi", "info", "servers", "paths", "components"]
    ordered = {k: canonical(doc[k]) for k in top if k in doc}
    ordered.update({k: canonical(v) for k, v in doc.items() if k not in ordered})
    return header + yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)


def lock_text(upstream_path: Path, upstream: dict[str, Any], absorbed: list[str]) -> str:
    version = upstream.get("info", {}).get("version", "unknown")
    lines = [
        "# Which upstream document spec/linode-images.yaml was derived from, and where the spec",
        "# deliberately differs from it in what users see (kept by spec/overrides.yaml).",
        f"upstream_version: {version}",
        f"upstream_sha256: {sha256_file(upstream_path)}",
    ]
    lines += ["absorbed:", *(f"- {json.dumps(item)}" for item in absorbed)] if absorbed else ["absorbed: []"]
    return "\n".join(lines) + "\n"


def absorbed_of(lock: str) -> list[str]:
    """The ``absorbed`` entries of a SOURCE.lock text (none for an older lock)."""
    loaded = yaml.safe_load(lock) if lock else None
    items = loaded.get("absorbed") if isinstance(loaded, dict) else None
    return [str(item) for item in items] if isinstance(items, list) else []


def derive(upstream_path: Path, overrides_path: Path) -> tuple[str, str, list[str]]:
    """Return (spec text, lock text, notices)."""
    upstream = load_document(upstream_path)
    doc, notices = extract(upstream)
    before = copy.deepcopy(doc)
    overrides = parse_file(overrides_path) or []
    if not isinstance(overrides, list):
        raise SpecError(f"{overrides_path}: must be a list of patches")
    apply_overrides(doc, overrides)
    return dump(doc), lock_text(upstream_path, upstream, deviations(before, doc)), notices


# --------------------------------------------------------------------------- reporting


def describe_changes(old: Any, new: Any, where: str = "") -> list[str]:
    """A readable list of differences between two JSON-like documents."""
    if isinstance(old, dict) and isinstance(new, dict):
        lines: list[str] = []
        for key in sorted(set(old) | set(new)):
            here = f"{where}/{escape(str(key))}"
            if key not in new:
                lines.append(f"removed {here}")
            elif key not in old:
                lines.append(f"added   {here}: {json.dumps(new[key], sort_keys=True)[:200]}")
            else:
                lines += describe_changes(old[key], new[key], here)
        return lines
    if (
        isinstance(old, list)
        and isinstance(new, list)
        and all(isinstance(v, (str, int, float, bool)) for v in old + new)
    ):
        lines = [f"removed {where}: {v!r}" for v in old if v not in new]
        lines += [f"added   {where}: {v!r}" for v in new if v not in old]
        if not lines and old != new:
            lines.append(f"reordered {where}")
        return lines
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        out: list[str] = []
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            out += describe_changes(a, b, f"{where}/{i}")
        return out
    if old != new:
        return [f"changed {where}: {json.dumps(old)[:120]} -> {json.dumps(new)[:120]}"]
    return []

"""A facts-only excerpt of an upstream document: its image paths with the prose stripped.

Made for test fixtures (tests/pipeline/fixtures), so the spec tool's derivation runs in
every clone without Linode's whole document. The excerpt keeps what the derivation reads
(paths, methods, operation ids, parameters, schemas, security, servers, the version) and
drops every description, summary, example and title, and upstream's own ``x-`` extensions.
Facts that upstream states only in prose are kept as our markers
(``x-linode-filterable: true``, ``x-linode-orderable: false``, ``x-linode-beta: true``;
see ``markers``), so
deriving from the excerpt gives the same spec as deriving from the whole document.
"""

from __future__ import annotations

import json
from typing import Any

from .derive import IMAGES_PREFIX, inline_refs
from .markers import FILTERABLE, ORDERABLE, operation_markers, property_markers

PROSE = frozenset({"description", "summary", "example", "examples", "externalDocs", "title"})
# Keys whose values are mappings of names (a property called "description" is a fact).
NAMED = frozenset({"properties", "responses", "content", "schemas", "securitySchemes", "flows"})


def _strip(node: Any, is_property: bool = False) -> Any:
    if isinstance(node, list):
        return [_strip(v) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in PROSE or key.startswith("x-"):
            continue
        if key == "scopes" and isinstance(value, dict):
            out[key] = {scope: scope for scope in value}  # the values are prose
        elif key in NAMED and isinstance(value, dict):
            out[key] = {name: _strip(sub, key == "properties") for name, sub in value.items()}
        else:
            out[key] = _strip(value)
    if is_property:
        markers = property_markers(node)
        if markers.get(FILTERABLE):
            out[FILTERABLE] = True
        if markers.get(ORDERABLE) is False:
            out[ORDERABLE] = False
    return out


def excerpt(upstream: dict[str, Any]) -> dict[str, Any]:
    """The facts-only excerpt of ``upstream``'s image paths (every ``$ref`` inlined)."""
    paths: dict[str, Any] = {}
    for path, item in upstream["paths"].items():
        if path != IMAGES_PREFIX and not path.startswith(IMAGES_PREFIX + "/"):
            continue
        paths[path] = _strip(inline_refs(item, upstream))
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                paths[path][method].update(operation_markers(op))
    schemes = upstream.get("components", {}).get("securitySchemes", {})
    return {
        "openapi": upstream.get("openapi", "3.0.1"),
        "info": {"version": str(upstream.get("info", {}).get("version", "unknown"))},
        "servers": [{"url": s["url"]} for s in upstream.get("servers", [])],
        "paths": paths,
        "components": {"securitySchemes": _strip(inline_refs(schemes, upstream))},
    }


def excerpt_text(upstream: dict[str, Any]) -> str:
    return json.dumps(excerpt(upstream), indent=1, sort_keys=True, ensure_ascii=False) + "\n"

"""spec/linode-images.contract.yaml is spec/linode-images.yaml with exactly the documented
descriptions changed (tools/specsync/contract.py), and it is valid OpenAPI 3.0."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml
from openapi_spec_validator import validate

from tools.specsync.contract import TIMESTAMP, contract_view

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "spec" / "linode-images.yaml").read_text(encoding="utf-8"))
VIEW = yaml.safe_load((ROOT / "spec" / "linode-images.contract.yaml").read_text(encoding="utf-8"))


def _walk(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found += _walk(value)
    elif isinstance(node, list):
        for value in node:
            found += _walk(value)
    return found


def test_the_committed_view_is_the_view_of_the_committed_spec_and_valid_openapi() -> None:
    assert contract_view(SPEC) == VIEW
    validate(VIEW)


def test_timestamps_are_offset_less_utc_and_nothing_is_a_date_time() -> None:
    assert not [node for node in _walk(VIEW) if node.get("format") == "date-time"]
    created = VIEW["components"]["schemas"]["Image"]["properties"]["created"]
    assert created["pattern"] == TIMESTAMP
    assert re.match(TIMESTAMP, "2021-08-14T22:44:02")
    assert not re.match(TIMESTAMP, "2021-08-14T22:44:02+00:00")
    assert not re.match(TIMESTAMP, "2021-08-14")


def test_everything_but_the_documented_changes_is_identical() -> None:
    undone = copy.deepcopy(VIEW)
    for node in _walk(undone):
        if node.get("pattern") == TIMESTAMP:
            node["format"] = "date-time"
            del node["pattern"]
        if node.get("x-linode-region-id") is True:
            assert node.pop("enum") == VIEW["components"]["x-linode-regions"]
        if node.get("in") == "header" and node.get("name") == "X-Filter":
            assert node.pop("content")["application/json"]["schema"]["$ref"].endswith("Filter")
            node["schema"] = {"type": "string"}
        if node.get("in") == "path" and node.get("name") == "apiVersion" and "enum" in node["schema"]:
            assert node["schema"] == {"type": "string", "enum": ["v4beta"]}
            node["schema"] = {"$ref": "#/components/schemas/ApiVersion"}
    filters = {name for name in undone["components"]["schemas"] if name.endswith(("Filter", "FilterClause"))}
    assert "GetImagesFilter" in filters and "GetImagesFilterClause" in filters
    for name in filters:
        del undone["components"]["schemas"][name]
    undone["info"]["description"] = SPEC["info"]["description"]
    assert undone == SPEC


def test_the_filter_grammar_takes_what_the_client_sends() -> None:
    from linode_images import Filter
    from openapi_schema_validator import OAS30WriteValidator

    schema = {"$ref": "#/components/schemas/GetImagesFilter", "components": VIEW["components"]}
    validator = OAS30WriteValidator(schema)
    sent = (Filter.eq("is_public", False) & Filter.contains("label", "web")) | Filter.gt("size", 10)
    assert validator.is_valid({**sent.to_dict(), "+order_by": "created", "+order": "desc"})
    assert not validator.is_valid({"colour": "blue"})
    assert not validator.is_valid({"+order_by": "tags"})


def test_beta_operations_name_the_beta_version_only() -> None:
    """Image sharing is served under /v4beta only: the view lets no request ask /v4 for it."""
    narrowed = {
        path
        for path, item in VIEW["paths"].items()
        for param in item.get("parameters", [])
        if param["name"] == "apiVersion" and param["schema"] == {"type": "string", "enum": ["v4beta"]}
    }
    beta = {
        path
        for path, item in SPEC["paths"].items()
        if all(
            op.get("x-linode-beta")
            for method, op in item.items()
            if method in ("get", "put", "post", "delete")
        )
    }
    assert "/{apiVersion}/images/sharegroups" in narrowed and "/{apiVersion}/images" not in narrowed
    assert narrowed == beta


def _operations(doc: dict[str, Any]) -> dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]:
    """operationId -> (operation, its parameters with the path item's)."""
    found = {}
    for item in doc["paths"].values():
        for method in ("get", "put", "post", "delete"):
            if method in item:
                op = item[method]
                found[op["operationId"]] = (op, [*item.get("parameters", []), *op.get("parameters", [])])
    return found


def _at(schema: Any, pointer: str, schemas: dict[str, Any]) -> Any:
    """The schema of the value at a JSON pointer into a document that ``schema`` describes."""
    tokens = [token for token in pointer.split("/") if token]
    while True:
        while "$ref" in schema or "allOf" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[-1]] if "$ref" in schema else schema["allOf"][0]
        if not tokens:
            return schema
        token = tokens.pop(0)
        schema = schema["items"] if token.isdigit() else schema["properties"][token]


def test_every_link_names_a_real_operation_its_parameters_and_values_the_answer_has() -> None:
    """A link a tool follows must lead somewhere: the target exists, takes the parameters the
    link fills, and every ``$response.body#`` pointer names a field of the source's answer."""
    operations = _operations(VIEW)
    schemas = VIEW["components"]["schemas"]
    followed = 0
    for op, _ in operations.values():
        answer = op["responses"].get("200", {})
        body = answer.get("content", {}).get("application/json", {}).get("schema", {})
        for name, link in answer.get("links", {}).items():
            target, params = operations[link["operationId"]]
            assert set(link.get("parameters", {})) <= {p["name"] for p in params}, name
            values = [*link.get("parameters", {}).values(), *link.get("requestBody", {}).values()]
            for value in values:
                if isinstance(value, str) and value.startswith("$response.body#"):
                    assert _at(body, value.partition("#")[2], schemas), (op["operationId"], name)
            if "requestBody" in link:
                request = target["requestBody"]["content"]["application/json"]["schema"]
                assert set(link["requestBody"]) <= set(_at(request, "", schemas)["properties"]), name
            followed += 1
    assert followed > 50

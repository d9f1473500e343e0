"""Write ``linode_images_api/spec_facts.py``: the API facts spec/linode-images.yaml states.

The spec tool records them as extensions (``x-linode-filterable`` / ``x-linode-orderable``
on each list operation, ``x-linode-beta`` on the Beta ones, ``x-linode-lifecycle`` on
``ImageStatus``, ``x-linode-upload-limits`` on the upload operation), as the ``page_size``
parameter's bounds, as the bounds of request fields (disk ids, tags), and as the schemas of
path parameters (share-group ids, token uuids). The overlay imports this module instead of
keeping its own lists.
"""

from __future__ import annotations

from typing import Any

LIST_OPERATION = "get-images"
UPLOAD_OPERATION = "post-upload-image"
METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")
# The text form of each string format the spec gives a path parameter: for uuid, RFC 9562's
# hyphenated hex digits (either case).
FORMAT_PATTERNS = {"uuid": "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"}


class SpecFactsError(Exception):
    """The spec lacks a fact the overlay needs."""


def _operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for item in document["paths"].values():
        for method in METHODS:
            if method in item:
                out[item[method]["operationId"]] = item[method]
    return out


def _page_size(operation: dict[str, Any]) -> dict[str, int]:
    for param in operation.get("parameters", []):
        if param.get("name") == "page_size" and param.get("in") == "query":
            schema = param["schema"]
            return {k: int(schema[k]) for k in ("minimum", "maximum", "default")}
    raise SpecFactsError(f"{LIST_OPERATION} has no page_size query parameter")


def _upload_limits(operation: dict[str, Any]) -> dict[str, int]:
    limits = operation.get("x-linode-upload-limits")
    keys = ("compressed_bytes", "uncompressed_bytes")
    if not isinstance(limits, dict) or any(not isinstance(limits.get(k), int) for k in keys):
        raise SpecFactsError(f"{UPLOAD_OPERATION} needs x-linode-upload-limits with {' and '.join(keys)}")
    return {k: int(limits[k]) for k in keys}


def _request_bounds(document: dict[str, Any]) -> dict[str, int]:
    """The bounds a request must keep to: disk ids, and the tags of an image."""
    schemas = document["components"]["schemas"]
    try:
        disk_id = schemas["CreateImageRequest"]["properties"]["disk_id"]
        tags = schemas["UploadImageRequest"]["properties"]["tags"]
        return {
            "MIN_DISK_ID": int(disk_id["minimum"]),
            "MIN_TAG_LENGTH": int(tags["items"]["minLength"]),
            "MAX_TAG_LENGTH": int(tags["items"]["maxLength"]),
            "MAX_TAGS": int(tags["maxItems"]),
        }
    except KeyError as missing:
        raise SpecFactsError(f"the spec lacks a request bound the overlay checks: {missing}") from None


def _path_parameters(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each path parameter's schema by name: a name must mean the same in every path."""
    found: dict[str, dict[str, Any]] = {}
    for path, item in document["paths"].items():
        params = [*item.get("parameters", [])]
        params += [p for method in METHODS if method in item for p in item[method].get("parameters", [])]
        for param in params:
            if param.get("in") != "path":
                continue
            if found.setdefault(param["name"], param["schema"]) != param["schema"]:
                raise SpecFactsError(f"path parameter {param['name']} of {path} differs from the others")
    return found


def _path_bounds(document: dict[str, Any]) -> dict[str, str]:
    """What a path argument must be: a share group's least id, and a token uuid's text form."""
    parameters = _path_parameters(document)
    try:
        minimum = int(parameters["sharegroupId"]["minimum"])
        uuid_format = parameters["tokenUuid"]["format"]
    except KeyError as missing:
        raise SpecFactsError(f"the spec lacks a path parameter bound the overlay checks: {missing}") from None
    if uuid_format not in FORMAT_PATTERNS:
        raise SpecFactsError(f"tokenUuid's format {uuid_format!r} has no known text form")
    return {"MIN_SHAREGROUP_ID": str(minimum), "UUID_PATTERN": f'"{FORMAT_PATTERNS[uuid_format]}"'}


def _fields(names: list[str]) -> str:
    return "frozenset({" + ", ".join(f'"{n}"' for n in sorted(names)) + "})"


def spec_facts_module(document: dict[str, Any]) -> str:
    """The module's source text (already formatted: ruff leaves it as it is)."""
    operations = _operations(document)
    if LIST_OPERATION not in operations:
        raise SpecFactsError(f"the spec has no {LIST_OPERATION} operation")
    lists = {op_id: op for op_id, op in sorted(operations.items()) if "x-linode-filterable" in op}
    status = document["components"]["schemas"]["ImageStatus"]
    lifecycle = status.get("x-linode-lifecycle")
    if not isinstance(lifecycle, list) or any(value not in status["enum"] for value in lifecycle):
        raise SpecFactsError("ImageStatus needs an x-linode-lifecycle drawn from its enum")
    page_size = _page_size(operations[LIST_OPERATION])
    if UPLOAD_OPERATION not in operations:
        raise SpecFactsError(f"the spec has no {UPLOAD_OPERATION} operation")
    upload = _upload_limits(operations[UPLOAD_OPERATION])
    lines = [
        '"""API facts stated by spec/linode-images.yaml. Written by `make generate`; do not edit."""',
        "",
        "from typing import Final",
        "",
        "# Per list operation: the fields X-Filter may filter on (x-linode-filterable).",
        "FILTERABLE_FIELDS: Final[dict[str, frozenset[str]]] = {",
        *(f'    "{op_id}": {_fields(op["x-linode-filterable"])},' for op_id, op in lists.items()),
        "}",
        "# Per list operation: the fields +order_by may sort on (x-linode-orderable).",
        "ORDERABLE_FIELDS: Final[dict[str, frozenset[str]]] = {",
        *(f'    "{op_id}": {_fields(op.get("x-linode-orderable", []))},' for op_id, op in lists.items()),
        "}",
        "# The operations served under /v4beta only (x-linode-beta), by operationId.",
        "BETA_OPERATIONS: Final[frozenset[str]] = "
        + _fields([op_id for op_id, op in operations.items() if op.get("x-linode-beta") is True]),
        f'IMAGE_FILTERABLE_FIELDS: Final = FILTERABLE_FIELDS["{LIST_OPERATION}"]',
        f'IMAGE_ORDERABLE_FIELDS: Final = ORDERABLE_FIELDS["{LIST_OPERATION}"]',
        "# The order an image's status moves in (ImageStatus x-linode-lifecycle).",
        "IMAGE_LIFECYCLE: Final[tuple[str, ...]] = (" + ", ".join(f'"{v}"' for v in lifecycle) + ")",
        f"# The bounds and default of {LIST_OPERATION}'s page_size parameter.",
        f"MIN_PAGE_SIZE: Final = {page_size['minimum']}",
        f"MAX_PAGE_SIZE: Final = {page_size['maximum']}",
        f"DEFAULT_PAGE_SIZE: Final = {page_size['default']}",
        "# The most an upload takes, in bytes: gzip data, and the image it decompresses to",
        f"# ({UPLOAD_OPERATION} x-linode-upload-limits).",
        f"UPLOAD_MAX_SIZE: Final = {upload['compressed_bytes']}",
        f"UPLOAD_MAX_UNCOMPRESSED_SIZE: Final = {upload['uncompressed_bytes']}",
        "# Request bounds: disk_id's minimum and the tags' lengths and count (CreateImageRequest,",
        "# UploadImageRequest; UpdateImageRequest has the same tags).",
        *(f"{name}: Final = {value}" for name, value in _request_bounds(document).items()),
        "# Path bounds: a share group's least id (sharegroupId's minimum), and the text of a",
        "# token's uuid (tokenUuid's format, uuid).",
        *(f"{name}: Final = {value}" for name, value in _path_bounds(document).items()),
        "",
    ]
    return "\n".join(lines)

"""Facts upstream states in prose or in its own extensions, read before the prose is dropped.

Which image fields a list can be filtered on is marked per property: ``__Filterable__`` at
the start of the description (4.189.0), and also ``x-linode-filterable: true`` (4.234.0).
A note that ``+order_by`` / ``+order`` are not available on a key (``status``) says it
cannot be sorted on. The excerpt that ``python -m tools.specsync excerpt`` writes keeps
these facts as ``x-linode-filterable: true`` / ``x-linode-orderable: false``, so deriving
from it gives the same result as deriving from the whole document.

An operation upstream marks as Beta (``x-akamai: {status: BETA}``, the image-sharing family
in 4.234.0) is served under ``/v4beta`` only (docs/real-api-facts.md#image-sharing); our spec
and the excerpt record that as ``x-linode-beta: true`` on the operation.
"""

from __future__ import annotations

import re
from typing import Any

FILTERABLE = "x-linode-filterable"
ORDERABLE = "x-linode-orderable"
BETA = "x-linode-beta"
_FILTERABLE_PROSE = re.compile(r"__Filterable__")
_NOT_ORDERABLE_PROSE = re.compile(r"`\+order_by`[^.]*\bnot available\b", re.IGNORECASE)


def property_markers(schema: Any) -> dict[str, bool]:
    """The filterable / orderable markers of one property schema (empty if it has none)."""
    if not isinstance(schema, dict):
        return {}
    prose = schema.get("description")
    prose = prose if isinstance(prose, str) else ""
    out: dict[str, bool] = {}
    if schema.get(FILTERABLE) is True or _FILTERABLE_PROSE.search(prose):
        out[FILTERABLE] = True
    if schema.get(ORDERABLE) is False or _NOT_ORDERABLE_PROSE.search(prose):
        out[ORDERABLE] = False
    return out


def list_item_schema(op: dict[str, Any]) -> dict[str, Any] | None:
    """The item schema of a list operation's ``data`` array (refs already inlined), if any."""
    for code, response in op.get("responses", {}).items():
        if not str(code).startswith("2"):
            continue
        schema = response.get("content", {}).get("application/json", {}).get("schema", {})
        items = schema.get("properties", {}).get("data", {}).get("items")
        if isinstance(items, dict) and isinstance(items.get("properties"), dict):
            return items
    return None


def list_facts(op: dict[str, Any]) -> dict[str, list[str]]:
    """For a list operation: the fields it filters and sorts on, as our spec's extensions."""
    items = list_item_schema(op)
    if items is None:
        return {}
    filterable: list[str] = []
    orderable: list[str] = []
    for name, schema in items["properties"].items():
        markers = property_markers(schema)
        if markers.get(FILTERABLE):
            filterable.append(name)
            if markers.get(ORDERABLE, True):
                orderable.append(name)
    if not filterable:
        return {}
    return {FILTERABLE: sorted(filterable), ORDERABLE: sorted(orderable)}


def operation_markers(op: dict[str, Any]) -> dict[str, bool]:
    """The markers of one operation: ``x-linode-beta: true`` if upstream calls it Beta."""
    status = op.get("x-akamai", {}).get("status") if isinstance(op.get("x-akamai"), dict) else None
    if op.get(BETA) is True or status == "BETA":
        return {BETA: True}
    return {}

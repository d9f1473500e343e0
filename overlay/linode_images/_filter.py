"""A small typed builder for Linode's ``X-Filter`` header.

Linode filters and sorts lists through compact JSON in the ``X-Filter`` request header:
``{"label": "x"}``, ``{"size": {"+gt": 100}}``, ``{"+and": [...], "+order_by": "created",
"+order": "desc"}``. Field names are checked against the fields Linode documents as
filterable for the list being filtered (the spec's ``x-linode-filterable``; images by
default), so a typo fails here instead of as a 400 from the API. A ``Filter`` may name a
field of any list; ``build_x_filter`` checks it against the list it is sent to.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal

from linode_images_api import spec_facts
from linode_images_api.spec_facts import IMAGE_FILTERABLE_FIELDS, IMAGE_ORDERABLE_FIELDS

__all__ = ["FILTERABLE_FIELDS", "ORDERABLE_FIELDS", "Filter", "FilterValue", "build_x_filter"]

# From the spec (x-linode-filterable / x-linode-orderable of get-images, via spec_facts).
FILTERABLE_FIELDS, ORDERABLE_FIELDS = IMAGE_FILTERABLE_FIELDS, IMAGE_ORDERABLE_FIELDS
# What a Filter may name before it meets a list: a field some list filters or sorts on.
_ANY_FILTERABLE = frozenset().union(*spec_facts.FILTERABLE_FIELDS.values())
_ANY_ORDERABLE = frozenset().union(*spec_facts.ORDERABLE_FIELDS.values())

FilterValue = str | int | float | bool | None
_OPERATORS = frozenset({"+eq", "+neq", "+gt", "+gte", "+lt", "+lte", "+contains"})
_ORDERS = frozenset({"asc", "desc"})


def _check_field(name: object, allowed: frozenset[str] = _ANY_FILTERABLE) -> str:
    if not isinstance(name, str) or name not in allowed:
        raise ValueError(f"cannot filter or sort on {name!r}; fields: {', '.join(sorted(allowed))}")
    return name


def _check_value(value: object) -> FilterValue:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        # CR and LF would split the header; other control characters are refused by
        # HTTP stacks along the way (RFC 9110 field values).
        if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
            raise ValueError(f"filter value contains control characters: {value!r}")
        return value
    raise ValueError(f"filter values are str, int, float, bool or None, not {type(value).__name__}")


def _check_doc(
    doc: object, filterable: frozenset[str] = _ANY_FILTERABLE, orderable: frozenset[str] = _ANY_ORDERABLE
) -> dict[str, Any]:
    """Validate a filter document (a dict in X-Filter's grammar) against a list's fields and
    return a plain copy."""
    if not isinstance(doc, Mapping):
        raise ValueError(f"a filter is a dict or a Filter, not {type(doc).__name__}")
    out: dict[str, Any] = {}
    for key, value in doc.items():
        if key in ("+and", "+or"):
            if not isinstance(value, list | tuple) or not value:
                raise ValueError(f"{key} takes a non-empty list of filters")
            out[key] = [_check_doc(v, filterable, orderable) for v in value]
        elif key == "+order_by":
            out[key] = _check_field(value, orderable)
        elif key == "+order":
            if value not in _ORDERS:
                raise ValueError(f"+order is 'asc' or 'desc', not {value!r}")
            out[key] = value
        elif isinstance(key, str) and key.startswith("+"):
            raise ValueError(f"unknown filter operator {key!r}")
        else:
            _check_field(key, filterable)
            if isinstance(value, Mapping):
                if not value or any(op not in _OPERATORS for op in value):
                    raise ValueError(f"operators for {key!r} are {', '.join(sorted(_OPERATORS))}")
                out[key] = {op: _check_value(v) for op, v in value.items()}
            else:
                out[key] = _check_value(value)
    return out


class Filter:
    """An immutable ``X-Filter`` expression; combine with ``&`` / ``|`` or ``and_`` / ``or_``.

    >>> f = Filter.eq("is_public", False) & Filter.contains("label", "web")
    >>> f.to_header()
    '{"+and":[{"is_public":false},{"label":{"+contains":"web"}}]}'
    """

    __slots__ = ("_doc",)

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self._doc = _check_doc(doc)

    @classmethod
    def _op(cls, field: str, op: str, value: FilterValue) -> Filter:
        return cls({_check_field(field): {op: _check_value(value)}})

    @classmethod
    def eq(cls, field: str, value: FilterValue) -> Filter:
        """``field`` equals ``value`` (for ``tags``: the image has this tag)."""
        return cls({_check_field(field): _check_value(value)})

    @classmethod
    def neq(cls, field: str, value: FilterValue) -> Filter:
        """``field`` differs from ``value``."""
        return cls._op(field, "+neq", value)

    @classmethod
    def gt(cls, field: str, value: FilterValue) -> Filter:
        """``field`` is greater than ``value``."""
        return cls._op(field, "+gt", value)

    @classmethod
    def gte(cls, field: str, value: FilterValue) -> Filter:
        """``field`` is greater than or equal to ``value``."""
        return cls._op(field, "+gte", value)

    @classmethod
    def lt(cls, field: str, value: FilterValue) -> Filter:
        """``field`` is less than ``value``."""
        return cls._op(field, "+lt", value)

    @classmethod
    def lte(cls, field: str, value: FilterValue) -> Filter:
        """``field`` is less than or equal to ``value``."""
        return cls._op(field, "+lte", value)

    @classmethod
    def contains(cls, field: str, value: str) -> Filter:
        """``field`` contains the substring ``value``."""
        return cls._op(field, "+contains", value)

    @classmethod
    def and_(cls, *filters: Filter | Mapping[str, Any]) -> Filter:
        """All of ``filters`` hold."""
        return cls({"+and": [_as_doc(f) for f in filters]})

    @classmethod
    def or_(cls, *filters: Filter | Mapping[str, Any]) -> Filter:
        """At least one of ``filters`` holds."""
        return cls({"+or": [_as_doc(f) for f in filters]})

    def __and__(self, other: Filter) -> Filter:
        return Filter.and_(self, other)

    def __or__(self, other: Filter) -> Filter:
        return Filter.or_(self, other)

    def to_dict(self) -> dict[str, Any]:
        """The filter document as a plain dict (a deep copy)."""
        copy: dict[str, Any] = json.loads(json.dumps(self._doc))
        return copy

    def to_header(self) -> str:
        """The compact JSON sent as ``X-Filter``."""
        return json.dumps(self._doc, separators=(",", ":"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Filter) and self._doc == other._doc

    def __hash__(self) -> int:
        return hash(self.to_header())

    def __repr__(self) -> str:
        return f"Filter({self.to_header()})"


def _as_doc(f: Filter | Mapping[str, Any]) -> dict[str, Any]:
    return f.to_dict() if isinstance(f, Filter) else _check_doc(f)


def build_x_filter(
    filter: Filter | Mapping[str, Any] | None = None,
    *,
    order_by: str | None = None,
    order: Literal["asc", "desc"] | None = None,
    operation: str = "get-images",
) -> str | None:
    """The ``X-Filter`` header value for a filter plus sorting on the list ``operation`` (an
    operationId of the spec), or None when there is neither.

    >>> build_x_filter({"label": "golden"}, order_by="created", order="desc")
    '{"label":"golden","+order_by":"created","+order":"desc"}'
    """
    filterable = spec_facts.FILTERABLE_FIELDS[operation]
    orderable = spec_facts.ORDERABLE_FIELDS[operation]
    doc = _check_doc(_as_doc(filter), filterable, orderable) if filter is not None else {}
    if order_by is not None:
        doc["+order_by"] = _check_field(order_by, orderable)
    if order is not None:
        if order not in _ORDERS:
            raise ValueError(f"order is 'asc' or 'desc', not {order!r}")
        doc["+order"] = order
    if not doc:
        return None
    return json.dumps(doc, separators=(",", ":"))

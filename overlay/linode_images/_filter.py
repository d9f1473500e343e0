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
import math
from collections.abc import Mapping
from typing import Any, Literal, Protocol

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


# Deeper than any filter a person writes; a deeper one (built by a loop gone wrong) is refused
# here instead of exhausting the interpreter's recursion limit.
MAX_DEPTH = 32


def _check_value(value: object) -> FilterValue:
    if isinstance(value, float) and not math.isfinite(value):
        # json.dumps would write NaN or Infinity, which is not JSON.
        raise ValueError(f"filter values must be finite numbers, not {value!r}")
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
    doc: object,
    filterable: frozenset[str] = _ANY_FILTERABLE,
    orderable: frozenset[str] = _ANY_ORDERABLE,
    depth: int = 1,
) -> dict[str, Any]:
    """Validate a filter document (a dict in X-Filter's grammar) against a list's fields and
    return a plain copy."""
    if not isinstance(doc, Mapping):
        raise ValueError(f"a filter is a dict or a Filter, not {type(doc).__name__}")
    if depth > MAX_DEPTH:
        raise ValueError(f"the filter is nested more than {MAX_DEPTH} levels deep")
    out: dict[str, Any] = {}
    for key, value in doc.items():
        if key in ("+and", "+or"):
            if not isinstance(value, list | tuple) or not value:
                raise ValueError(f"{key} takes a non-empty list of filters")
            out[key] = [_check_doc(v, filterable, orderable, depth + 1) for v in value]
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


class _Compare(Protocol):
    def __call__(self, field: str, value: FilterValue) -> Filter: ...


class _Comparison:
    """A ``Filter`` classmethod such as ``Filter.gt(field, value)``: ``{field: {op: value}}``."""

    def __init__(self, op: str, says: str) -> None:
        self.op = op
        self.__doc__ = f"``field`` {says} ``value``."

    def __set_name__(self, owner: type[Filter], name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type[Filter]) -> _Compare:
        def compare(field: str, value: FilterValue) -> Filter:
            return owner({_check_field(field): {self.op: _check_value(value)}})

        compare.__name__, compare.__qualname__ = self.name, f"{owner.__qualname__}.{self.name}"
        compare.__doc__ = self.__doc__
        return compare


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
    def eq(cls, field: str, value: FilterValue) -> Filter:
        """``field`` equals ``value`` (for ``tags``: the image has this tag)."""
        return cls({_check_field(field): _check_value(value)})

    neq = _Comparison("+neq", "differs from")
    gt = _Comparison("+gt", "is greater than")
    gte = _Comparison("+gte", "is greater than or equal to")
    lt = _Comparison("+lt", "is less than")
    lte = _Comparison("+lte", "is less than or equal to")

    @classmethod
    def contains(cls, field: str, value: str) -> Filter:
        """``field`` contains the substring ``value``."""
        return cls({_check_field(field): {"+contains": _check_value(value)}})

    @classmethod
    def and_(cls, *filters: Filter | Mapping[str, Any]) -> Filter:
        """All of ``filters`` hold."""
        return cls({"+and": _flat("+and", filters)})

    @classmethod
    def or_(cls, *filters: Filter | Mapping[str, Any]) -> Filter:
        """At least one of ``filters`` holds."""
        return cls({"+or": _flat("+or", filters)})

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


def _flat(key: str, filters: tuple[Filter | Mapping[str, Any], ...]) -> list[dict[str, Any]]:
    """The operands of ``key``, splicing in those that are ``key`` lists themselves, so that
    ``a & b & c & ...`` stays one level deep however many filters are combined."""
    operands: list[dict[str, Any]] = []
    for f in filters:
        doc = _as_doc(f)
        operands.extend(doc[key] if list(doc) == [key] else [doc])
    return operands


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
    return json.dumps(doc, separators=(",", ":"), allow_nan=False)

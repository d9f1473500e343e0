"""X-Filter: parse the header and apply it to a list of images (or of any listed objects).

The header is compact JSON: field equality (``{"label": "x"}``), operator objects
(``{"size": {"+gt": 2000}}``), ``+and`` / ``+or`` lists, and ``+order_by`` / ``+order``
(REAL-API-FACTS, "Lists and pagination"). Every problem is a 400 with ``field: "X-Filter"``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ._errors import ApiError
from ._spec import list_fields
from ._wire import loads_json

# The fields of an image that can be filtered and sorted on: the spec's x-linode-filterable
# and x-linode-orderable of GET /images. Other lists pass their own (``list_fields``).
FILTERABLE, SORTABLE = list_fields("get-images")
OPERATORS = ("+eq", "+neq", "+gt", "+gte", "+lt", "+lte", "+contains")
MAX_DEPTH = 16

Predicate = Callable[[dict[str, Any]], bool]


def _bad(reason: str) -> ApiError:
    return ApiError(400, reason, field="X-Filter")


@dataclass(frozen=True)
class Filter:
    """A parsed X-Filter: a predicate and an optional ordering."""

    predicate: Predicate
    order_by: str | None = None
    descending: bool = False

    def apply(self, images: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The matching images, ordered as asked (missing values sort last)."""
        selected = [image for image in images if self.predicate(image)]
        if self.order_by is not None:
            key = self.order_by
            present = [image for image in selected if image.get(key) is not None]
            missing = [image for image in selected if image.get(key) is None]
            present.sort(key=lambda image: _sort_key(image[key]), reverse=self.descending)
            selected = present + missing
        return selected


def _sort_key(value: Any) -> tuple[int, Any]:
    # Values of one field share a type; the tag keeps mixed types from raising.
    if isinstance(value, bool):
        return (0, value)
    if isinstance(value, int | float):
        return (1, value)
    return (2, str(value))


def parse_filter(
    header: str | None, fields: tuple[frozenset[str], frozenset[str]] = (FILTERABLE, SORTABLE)
) -> Filter:
    """Parse an X-Filter header value (None or empty means no filter) for a list whose
    filterable and sortable fields are ``fields`` (GET /images' by default)."""
    filterable, sortable = fields
    if header is None or not header.strip():
        return Filter(lambda _image: True)
    try:
        data = loads_json(header)
    except ValueError:
        raise _bad("The filter is not valid JSON") from None
    if not isinstance(data, dict):
        raise _bad("The filter must be a JSON object")
    order_by = data.pop("+order_by", None)
    order = data.pop("+order", "asc")
    if order_by is not None and (not isinstance(order_by, str) or order_by not in sortable):
        raise _bad(f"Cannot order by {order_by}")
    if order not in ("asc", "desc"):
        raise _bad("+order must be asc or desc")
    return Filter(_compile_object(data, 0, filterable), order_by, order == "desc")


def _compile_object(data: dict[str, Any], depth: int, filterable: frozenset[str]) -> Predicate:
    if depth > MAX_DEPTH:
        raise _bad("The filter is nested too deeply")
    parts: list[Predicate] = []
    for key, value in data.items():
        if key in ("+and", "+or"):
            if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
                raise _bad(f"{key} must be a list of filter objects")
            children = [_compile_object(item, depth + 1, filterable) for item in value]
            parts.append(_all(children) if key == "+and" else _any(children))
        elif key in ("+order_by", "+order"):
            raise _bad(f"{key} is only allowed at the top level")
        elif key.startswith("+"):
            raise _bad(f"Unknown filter operator {key}")
        elif key not in filterable:
            raise _bad(f"Cannot filter on {key}")
        else:
            parts.append(_compile_field(key, value))
    return _all(parts)


def _all(parts: list[Predicate]) -> Predicate:
    return lambda image: all(part(image) for part in parts)


def _any(parts: list[Predicate]) -> Predicate:
    return lambda image: any(part(image) for part in parts)


def _compile_field(name: str, condition: Any) -> Predicate:
    if isinstance(condition, dict):
        if not condition:
            raise _bad(f"Empty condition for {name}")
        tests: list[Predicate] = []
        for operator, operand in condition.items():
            if operator not in OPERATORS:
                raise _bad(f"Unknown filter operator {operator}")
            _check_operand(name, operand)
            tests.append(_field_test(name, operator, operand))
        return _all(tests)
    _check_operand(name, condition)
    return _field_test(name, "+eq", condition)


def _check_operand(name: str, operand: Any) -> None:
    if isinstance(operand, dict | list):
        raise _bad(f"Invalid value for {name}")


def _field_test(name: str, operator: str, operand: Any) -> Predicate:
    def test(image: dict[str, Any]) -> bool:
        value = image.get(name)
        if isinstance(value, list):
            # List fields (tags, capabilities) match when any element does; a list of region
            # objects (a shared image's regions) by the region's id.
            items = [item.get("region") if isinstance(item, dict) else item for item in value]
            return any(_compare(item, operator, operand) for item in items)
        return _compare(value, operator, operand)

    return test


def _compare(value: Any, operator: str, operand: Any) -> bool:
    if operator == "+eq":
        return _same(value, operand)
    if operator == "+neq":
        return not _same(value, operand)
    if operator == "+contains":
        return isinstance(value, str) and str(operand).lower() in value.lower()
    if value is None or operand is None or not _comparable(value, operand):
        return False
    if operator == "+gt":
        return bool(value > operand)
    if operator == "+gte":
        return bool(value >= operand)
    if operator == "+lt":
        return bool(value < operand)
    return bool(value <= operand)


def _same(value: Any, operand: Any) -> bool:
    # JSON true must not equal 1: compare types as well as values.
    return isinstance(value, bool) == isinstance(operand, bool) and value == operand


def _comparable(value: Any, operand: Any) -> bool:
    numeric = (int, float)
    if isinstance(value, bool) or isinstance(operand, bool):
        return isinstance(value, bool) and isinstance(operand, bool)
    if isinstance(value, numeric) and isinstance(operand, numeric):
        return True
    return isinstance(value, str) and isinstance(operand, str)

"""The X-Filter builder: operators, combinations, field checks, header safety."""

from __future__ import annotations

import json
from typing import Any

import pytest
from linode_images import FILTERABLE_FIELDS, Filter
from linode_images._filter import build_x_filter

from tests.overlay.support import Recorder, image_json, json_response


@pytest.mark.parametrize(
    ("built", "expected"),
    [
        (Filter.eq("label", "golden"), {"label": "golden"}),
        (Filter.eq("is_public", False), {"is_public": False}),
        (Filter.eq("vendor", None), {"vendor": None}),
        (Filter.neq("status", "creating"), {"status": {"+neq": "creating"}}),
        (Filter.gt("size", 100), {"size": {"+gt": 100}}),
        (Filter.gte("size", 100), {"size": {"+gte": 100}}),
        (Filter.lt("size", 2.5), {"size": {"+lt": 2.5}}),
        (Filter.lte("size", 100), {"size": {"+lte": 100}}),
        (Filter.contains("label", "web"), {"label": {"+contains": "web"}}),
        (Filter.eq("tags", "prod"), {"tags": "prod"}),
        (
            Filter.and_(Filter.eq("is_public", False), Filter.contains("label", "web")),
            {"+and": [{"is_public": False}, {"label": {"+contains": "web"}}]},
        ),
        (
            Filter.or_(Filter.eq("type", "manual"), {"type": "automatic"}),
            {"+or": [{"type": "manual"}, {"type": "automatic"}]},
        ),
        (
            Filter.eq("deprecated", False) & (Filter.eq("vendor", "Debian") | Filter.eq("vendor", "Ubuntu")),
            {"+and": [{"deprecated": False}, {"+or": [{"vendor": "Debian"}, {"vendor": "Ubuntu"}]}]},
        ),
    ],
)
def test_builder(built: Filter, expected: dict[str, Any]) -> None:
    assert built.to_dict() == expected
    assert json.loads(built.to_header()) == expected
    assert Filter(expected) == built


def test_header_is_compact_json() -> None:
    header = Filter.and_(Filter.eq("label", "a b"), Filter.gt("size", 1)).to_header()
    assert header == '{"+and":[{"label":"a b"},{"size":{"+gt":1}}]}'


def test_non_ascii_is_escaped_for_the_header() -> None:
    header = Filter.eq("label", "café").to_header()
    assert header.isascii()
    assert json.loads(header) == {"label": "café"}


def test_order_by_and_order() -> None:
    assert json.loads(
        build_x_filter(Filter.eq("is_public", False), order_by="created", order="desc") or ""
    ) == {
        "is_public": False,
        "+order_by": "created",
        "+order": "desc",
    }
    assert build_x_filter(order_by="label") == '{"+order_by":"label"}'
    assert build_x_filter() is None
    assert build_x_filter({}) is None


@pytest.mark.parametrize("field", ["foo", "id_", "LABEL", "", "created_by", "+label"])
def test_unknown_fields_are_rejected(field: str) -> None:
    with pytest.raises(ValueError):
        Filter.eq(field, "x")
    with pytest.raises(ValueError):
        Filter({field: "x"})
    with pytest.raises(ValueError):
        build_x_filter({field: "x"})


def test_every_filterable_field_is_accepted() -> None:
    for field in FILTERABLE_FIELDS:
        assert Filter.eq(field, "x").to_dict() == {field: "x"}


@pytest.mark.parametrize(
    "doc",
    [
        {"label": {"+like": "x"}},
        {"label": {}},
        {"+and": []},
        {"+and": {"label": "x"}},
        {"+nor": [{"label": "x"}]},
        {"+order_by": "foo"},
        {"+order": "up"},
        {"label": ["a", "b"]},
        {"label": {"+eq": {"nested": 1}}},
    ],
)
def test_malformed_documents_are_rejected(doc: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Filter(doc)


@pytest.mark.parametrize("value", ["a\rb", "a\nb", "x\r\nX-Injected: 1", "nul\x00", "tab\tx", "del\x7f"])
def test_values_that_would_break_the_header_are_rejected(value: str) -> None:
    with pytest.raises(ValueError):
        Filter.eq("label", value)
    with pytest.raises(ValueError):
        Filter.contains("label", value)
    with pytest.raises(ValueError):
        build_x_filter({"+or": [{"label": value}]})


def test_bad_order_is_rejected() -> None:
    with pytest.raises(ValueError):
        build_x_filter(order="sideways")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        build_x_filter(order_by="nope")


def test_filter_is_immutable_from_outside() -> None:
    f = Filter.eq("label", "a")
    f.to_dict()["label"] = "b"
    assert f.to_dict() == {"label": "a"}


def test_list_sends_the_header(make: Any) -> None:
    recorder = Recorder(
        default=lambda r: json_response(200, {"data": [image_json()], "page": 1, "pages": 1, "results": 1})
    )
    harness = make(recorder)
    harness.list(filter=Filter.eq("is_public", False), order_by="created", order="desc")
    harness.call("list_page", filter={"label": {"+contains": "web"}})
    harness.list()
    sent = [r.headers.get("x-filter") for r in recorder.requests]
    assert sent == [
        '{"is_public":false,"+order_by":"created","+order":"desc"}',
        '{"label":{"+contains":"web"}}',
        None,
    ]


def test_invalid_filter_never_reaches_the_network(make: Any) -> None:
    recorder = Recorder()
    harness = make(recorder)
    with pytest.raises(ValueError):
        harness.list(filter={"nope": 1})
    with pytest.raises(ValueError):
        harness.call("list_page", filter={"label": "x\n"})
    assert recorder.count == 0
